"""County-scale benchmark: lingbi's commands against a bare PyYAML parse of the same files.

    python benchmarks/run.py [--work DIR] [--scales county county3] [--runs 3]

Generates each scale once (seeded, so every run measures the same county), then measures, as
medians of ``--runs`` runs of the real ``lingbi`` command in a child process:

* baseline: a bare ``yaml.load(..., Loader=CSafeLoader)`` of every record file;
* cold ``check`` (no cache), warm ``check``, ``check`` after one month's file changed;
* ``report --half 2019H1`` for the county and for one township (warm);
* one ``lingbi log`` into the county;
* the peak memory (max RSS) of ``check``.

Each figure is printed in seconds and as a ratio to the baseline, with the target of the issue.
Not part of the test run: it takes several minutes.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASELINE = """
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
for path in sorted(root.rglob("*.yaml")):
    if ".lingbi-cache" in path.parts or path.name == "lingbi.yaml":
        continue
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""

TARGETS = {
    "warm check": "≤ 2 s and ≤ 0.1 × baseline",
    "check after one month changed": "≤ 2.5 s",
    "cold check": "≤ 0.5 × baseline",
    "report --half 2019H1 (county, warm)": "≤ 3 s",
    "report --half 2019H1 --township (warm)": "—",
    "one lingbi log": "≤ 0.5 s",
    "peak memory of check": "≤ 600 MB",
}


def timed(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one child process; fails loudly on a bad exit."""
    started = time.perf_counter()
    process = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(args)} exited {code}: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss // 1024


def median(runs: int, make: callable) -> tuple[float, int]:  # type: ignore[valid-type]
    results = [make() for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def lingbi(*args: str) -> list[str]:
    return [sys.executable, "-m", "lingbi_cli", *args]


def a_pairing(folder: Path) -> tuple[str, str, str]:
    """A deputy, a household they are paired with, and a day both are active in Dec 2020."""
    import datetime as dt

    from lingbi_cli.store.folder import DataFolder

    records = DataFolder(folder).load(
        lambda f: (
            f.township in (None, "yangtuan")
            and f.model.kind_name in ("township", "unit", "deputy", "household", "pairing")
        )
    )
    day = dt.date(2020, 12, 30)
    for pairing in records.pairings.values():
        deputy = records.deputies.get(pairing.deputy)
        if deputy and deputy.active_on(day) and pairing.active_on(day):
            return deputy.id, pairing.household, day.isoformat()
    raise SystemExit("no active pairing found in yangtuan")


def measure(folder: Path, runs: int) -> dict[str, tuple[float, int]]:
    out: dict[str, tuple[float, int]] = {}
    cache = folder / ".lingbi-cache"
    out["baseline: PyYAML CSafeLoader load"] = median(
        runs, lambda: timed([sys.executable, "-c", BASELINE, str(folder)])
    )

    def cold() -> tuple[float, int]:
        shutil.rmtree(cache, ignore_errors=True)
        return timed(lingbi("check", str(folder)))

    out["cold check"] = median(runs, cold)
    timed(lingbi("check", str(folder)))
    out["warm check"] = median(runs, lambda: timed(lingbi("check", str(folder))))
    month = folder / "townships/yangtuan/activities/2019-05.yaml"
    original = month.read_bytes()

    def changed() -> tuple[float, int]:
        with month.open("a", encoding="utf-8") as handle:
            handle.write(f"# benchmark edit {time.time_ns()}\n")
        return timed(lingbi("check", str(folder)))

    out["check after one month changed"] = median(runs, changed)
    month.write_bytes(original)
    timed(lingbi("check", str(folder)))
    report = lingbi("--data", str(folder), "report", "--half", "2019H1", "--date", "2021-01-15")
    timed(report)
    out["report --half 2019H1 (county, warm)"] = median(runs, lambda: timed(report))
    township = [*report, "--township", "yangtuan"]
    timed(township)
    out["report --half 2019H1 --township (warm)"] = median(runs, lambda: timed(township))
    deputy, household, day = a_pairing(folder)
    log = lingbi(
        "--data",
        str(folder),
        "log",
        "visit",
        "-D",
        deputy,
        "-H",
        household,
        "--date",
        day,
        "-s",
        "基准测试走访",
    )
    out["one lingbi log"] = median(max(runs, 5), lambda: timed(log))
    out["peak memory of check"] = (
        0.0,
        max(out["cold check"][1], out["warm check"][1], out["check after one month changed"][1]),
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/lingbi-bench"))
    parser.add_argument("--scales", nargs="+", default=["county", "county3"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    for scale in args.scales:
        folder = args.work / scale
        if not (folder / "lingbi.yaml").is_file():
            print(f"generating {scale} …", flush=True)
            subprocess.run(
                lingbi("generate", str(folder), "--scale", scale),
                check=True,
                stdout=subprocess.DEVNULL,
            )
        results = measure(folder, args.runs if scale == "county" else 1)
        base = results["baseline: PyYAML CSafeLoader load"][0]
        print(f"\n## {scale} ({sum(1 for _ in folder.rglob('*.yaml'))} files)\n")
        print("| measure | seconds | × baseline | peak MB | target |")
        print("| --- | --- | --- | --- | --- |")
        for name, (seconds, peak) in results.items():
            ratio = f"{seconds / base:.3f}" if seconds else "—"
            shown = f"{seconds:.2f}" if seconds else "—"
            print(f"| {name} | {shown} | {ratio} | {peak} | {TARGETS.get(name, '—')} |")


if __name__ == "__main__":
    main()
