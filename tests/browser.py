"""A real browser for the site's tests and pictures: Debian's ``chromium``, headless, driven by
selenium through Debian's ``chromium-driver``, with the network switched off.

``browser()`` yields a driver, or raises ``Unavailable`` saying what is missing (the tests skip
with that reason; ``.ci/run`` installs both packages where it can). Chromium is started as the
machine notes say: headless, no sandbox (CI runs as root), no GPU, no first-run, no background
networking, component updates or sync, and a fresh profile.
"""

from __future__ import annotations

import base64
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = ("chromium", "chromium-browser")
DRIVER = ("chromedriver", "chromium-driver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--lang=zh-CN",
)


class Unavailable(Exception):
    """The browser cannot be had here; the message says why."""


def _which(names: tuple[str, ...]) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def browser(width: int = 1400, height: int = 1000) -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as error:
        raise Unavailable(f"selenium is not installed ({error}); pip install '.[test]'") from None
    binary, driver_path = _which(CHROMIUM), _which(DRIVER)
    if binary is None or driver_path is None:
        raise Unavailable(
            "no chromium / chromedriver on PATH (Debian: apt-get install chromium chromium-driver)"
        )
    profile = tempfile.mkdtemp(prefix="lingbi-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except Exception as error:  # the driver's own words say what failed
        shutil.rmtree(profile, ignore_errors=True)
        raise Unavailable(f"chromium did not start: {str(error).splitlines()[0]}") from None
    try:
        # no network at all: what a USB stick on a machine without a connection sees
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
        )
        driver.set_window_size(width, height)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver: Any) -> list[str]:
    """The console's errors and warnings since the last call (chromium's SEVERE and WARNING)."""
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry["level"] in ("SEVERE", "WARNING")
    ]


def outside_requests(driver: Any) -> list[str]:
    """Everything the page loaded from anywhere but the site's own files."""
    names = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
    )
    return [name for name in names if not name.startswith("file://")]


def full_page(driver: Any, path: Path, width: int = 1400, most: int = 3000) -> None:
    """A screenshot of the whole page (up to ``most`` pixels high), taken beyond the window
    by the DevTools protocol so that nothing at the bottom is cut."""
    driver.set_window_size(width, 1000)
    driver.execute_script("window.dispatchEvent(new Event('resize'))")
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], most)}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True, "clip": {**clip, "scale": 1}},
    )
    path.write_bytes(base64.b64decode(shot["data"]))
