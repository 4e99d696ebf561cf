"""The site at county scale: build time, page sizes, and how long the heaviest pages take to
open in headless Chromium.

    python benchmarks/site.py --work /tmp/lingbi-site-bench     # a few minutes

Generates the ``county`` scale once (``lingbi generate``, seeded), runs ``lingbi site`` on it
twice — the first run reads the folder cold (no cache), the second warm — and reports each
run's wall time and CPU time (user + system, the worker process included: what the build
costs when the machine is shared), the load average, the number of pages, the largest page and
the whole site's size; then opens the overview, the over-time page and the largest page from
the files with the network off and reports the time from navigation to the page's scripts
having drawn it (median of 5 loads).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import browser, console_errors  # noqa: E402

LINGBI = [sys.executable, "-m", "lingbi_cli"]


def run(args: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, its worker process included) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def load() -> str:
    return "load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/lingbi-site-bench"))
    args = parser.parse_args()
    data, site = args.work / "county", args.work / "site"
    if not (data / "lingbi.yaml").is_file():
        args.work.mkdir(parents=True, exist_ok=True)
        run([*LINGBI, "generate", str(data), "--scale", "county"])
    shutil.rmtree(data / ".lingbi-cache", ignore_errors=True)
    print(f"before: {load()}")
    times = []
    for _ in range(2):
        shutil.rmtree(site, ignore_errors=True)
        times.append(run([*LINGBI, "--data", str(data), "site", "-o", str(site)]))
    pages = [p for p in site.rglob("*.html")]
    largest = max(pages, key=lambda p: p.stat().st_size)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    (cold, cold_cpu), (warm, warm_cpu) = times
    print(f"build, cold: {cold:.1f} s ({cold_cpu:.1f} s CPU)")
    print(f"build, warm: {warm:.1f} s ({warm_cpu:.1f} s CPU)")
    print(f"after the builds: {load()}")
    print(f"{len(pages)} pages, {total / 1e6:.0f} MB in all")
    print(f"largest page: {largest.relative_to(site)}, {largest.stat().st_size / 1e6:.2f} MB")
    for rel in ("index.html", "time.html", str(largest.relative_to(site))):
        extra = "#p=all&k=pairing_work" if rel.startswith("records/") else ""
        loads = []
        with browser() as driver:
            for _ in range(5):
                driver.get("about:blank")
                driver.get((site / rel).as_uri() + extra)
                loads.append(
                    driver.execute_script(
                        "var t = performance.getEntriesByType('navigation')[0];"
                        "return t.loadEventEnd - t.startTime;"
                    )
                )
            errors = console_errors(driver)
        size = (site / rel).stat().st_size / 1e6
        print(
            f"open {rel} ({size:.2f} MB): {statistics.median(loads):.0f} ms median"
            + (f"; console: {errors}" if errors else "")
        )
    print(f"({os.cpu_count()} cores; {load()})")


if __name__ == "__main__":
    main()
