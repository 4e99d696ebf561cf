"""Regenerate docs/site-*.png: the main pages of the sample's site as headless Chromium shows
them (the same browser, flags and offline network as tests/test_site_browser.py).

    python docs/site_pages.py       # needs chromium, chromium-driver and CJK fonts
                                    # (Debian: apt-get install chromium chromium-driver
                                    #  fonts-noto-cjk), and selenium (the `test` extra)

The site is built from a copy of data/ as of 2020-12-31 (today fixed at 2021-01-15).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "tests"))

from browser import browser, full_page  # noqa: E402

PAGES = {  # picture name -> (page, what to click first, most pixels high)
    "site-overview": ("index.html", '[data-picker="span"] button[data-value="2019"]', 1280),
    "site-over-time": ("time.html", '#period-picker button[data-value="all"]', 2500),
    "site-township": ("township/yinji.html", "", 2700),
    "site-deputy": ("deputy/yinji-d010.html", '[data-picker="year"] button[data-value="2019"]', 1500),
    "site-proposals": ("proposals.html", "", 1100),
    "site-records": ("records/yangtuan.html#p=2019&k=trips", "", 700),
}


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="lingbi-site-pages-"))
    data = work / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".lingbi-cache"))
    env = {**os.environ, "LINGBI_TODAY": "2021-01-15"}
    lingbi = [sys.executable, "-m", "lingbi_cli"]
    subprocess.run([*lingbi, "--data", str(data), "site", "-o", str(work / "site")], env=env, check=True)
    with browser(width=1280) as driver:
        for name, (page, click, most) in PAGES.items():
            path, _, fragment = page.partition("#")
            driver.get((work / "site" / path).as_uri() + (f"#{fragment}" if fragment else ""))
            if click:
                driver.find_element("css selector", click).click()
            full_page(driver, DOCS / f"{name}.png", width=1280, most=most)
            print(f"docs/{name}.png")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
