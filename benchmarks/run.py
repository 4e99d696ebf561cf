"""County-scale benchmark: the first run after each kind of change, against a bare PyYAML parse.

    python benchmarks/run.py [--work DIR] [--scales county county3] [--runs 5] [--baseline-runs 5]
                             [--rounds 1] [--only NAME …]

Generates each scale once (seeded, so every run measures the same county), then measures the real
``lingbi`` command in a child process, each figure the median of ``--runs`` runs with its
minimum and maximum:

* baselines: a bare ``yaml.load(..., Loader=CSafeLoader)`` of every record file, keeping what it
  parses (as a program would) and discarding each file's result (the cheaper variant);
* cold ``check`` (no cache) and warm ``check`` (nothing changed);
* the first ``check`` after each kind of change — a month file, a township's households,
  county/townships.yaml, a comment in lingbi.yaml, a rule setting, a campaign setting, a new day
  (``LINGBI_TODAY``) — each change made anew before every run;
* ``check --township T --half H`` after a month file of T changed;
* the first ``report --half`` (county, township) after a ``lingbi log``; ``report --year``,
  ``report --deputy``, ``stats``; one ``lingbi log``.

Every run records wall time, CPU time (the child and every process it waited for) and memory
summed over the command's processes — their proportional set sizes, so that the pages a forked
child shares with its parent count once (sampled from /proc every 0.1 s; ``ru_maxrss`` where
/proc is missing) — and the load average before it. Python's bytecode cache is allowed, as for an
installed lingbi. Not part of the test run: it takes many minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

BASELINE = """
import sys, yaml
from pathlib import Path
root, keep = Path(sys.argv[1]), sys.argv[2] == "keep"
kept = []
for path in sorted(root.rglob("*.yaml")):
    if ".lingbi-cache" in path.parts or path.name == "lingbi.yaml" or "schemas" in path.parts:
        continue
    data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    if keep:
        kept.append(data)
"""

TARGETS = {
    "warm check": "≤ 0.25 s",
    "check, month file changed": "≤ 0.4 s",
    "check --township T --half H, month of T changed": "≤ 0.35 s",
    "check, new day": "≤ 0.3 s",
    "check, campaign setting changed": "≤ cold",
    "cold check": "≤ 0.10 × baseline",
    "report --half (county), first after a log": "≤ 0.6 s",
    "report --half --township, first after a log": "≤ 0.4 s",
    "report --year": "≤ 0.6 s",
    "report --deputy --year": "≤ 0.6 s",
    "stats": "≤ 0.6 s",
    "one lingbi log": "≤ 0.25 s",
}
TODAY = dt.date(2021, 3, 1)  # after the campaign: every deadline passed
# As installed: Python writes and reuses its compiled bytecode (a sandbox may forbid it, which
# would add the compilation of every module to every run).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Run:
    wall: float
    cpu: float
    mb: int  # peak of the memory summed over the command's processes
    load: float  # one-minute load average before the run


def _tree_mb(root: int) -> int | None:
    """Memory (MB) of ``root`` and all its descendants — their proportional set sizes summed
    (``_pss_kib``) — from /proc; None without."""
    parents: dict[int, int] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return None
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            parents[int(name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, ppid in parents.items() if ppid in tree} - tree
        grew = bool(more)
        tree |= more
    kib = 0
    for pid in tree:
        kib += _pss_kib(pid)
    return kib // 1024


def _pss_kib(pid: int) -> int:
    """The process's proportional set size (KiB): its own pages, and its share of the pages it
    shares — a forked child's copy-on-write pages count once over the tree, not once per
    process as resident sizes summed would. Its resident size where the kernel has no
    ``smaps_rollup``."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, IndexError, ValueError):
        return 0


def timed(args: list[str], env: dict[str, str] | None = None) -> Run:
    """One child process: wall and CPU seconds, peak summed memory; fails loudly on a bad exit."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(
        args,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**ENV, "LINGBI_TODAY": TODAY.isoformat(), **(env or {})},
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            mb = _tree_mb(process.pid)
            if mb is not None:
                peak[0] = max(peak[0], mb)
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(args)} exited {code}: {process.stderr.read().decode()}")
    mb = peak[0] or usage.ru_maxrss // 1024
    return Run(seconds, usage.ru_utime + usage.ru_stime, mb, load)


def repeat(runs: int, make: Callable[[], Run]) -> list[Run]:
    return [make() for _ in range(runs)]


def lingbi(*args: str) -> list[str]:
    return [sys.executable, "-m", "lingbi_cli", *args]


def a_pairing(folder: Path) -> tuple[str, str, str]:
    """A deputy, a household they are paired with, and a day both are active in Dec 2020."""
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


class Edits:
    """Changes made anew before each run (a comment with a new stamp, or a setting given a value
    it has not had: a value seen before could be answered by a stored result), and undone at
    the end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.saved: dict[Path, bytes] = {}

    def keep(self, rel: str) -> Path:
        path = self.folder / rel
        self.saved.setdefault(path, path.read_bytes())
        return path

    def comment(self, rel: str) -> None:
        with self.keep(rel).open("a", encoding="utf-8") as handle:
            handle.write(f"# benchmark edit {time.time_ns()}\n")

    def vary(self, rel: str, key: str, values: Iterator[int]) -> None:
        """Give ``key: <number>`` in ``rel`` the next of ``values``."""
        path = self.keep(rel)
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"{key}: \d+", f"{key}: {next(values)}", text, count=1), "utf-8")

    def undo(self) -> None:
        for path, data in self.saved.items():
            path.write_bytes(data)
        self.saved.clear()


def measure(
    folder: Path, runs: int, baseline_runs: int, only: list[str] | None = None
) -> dict[str, list[Run]]:
    out: dict[str, list[Run]] = {}
    cache = folder / ".lingbi-cache"
    check = lingbi("--data", str(folder), "check")

    def settle() -> None:
        """Start from a stored result for the folder as it is: a run within 2 s of a change
        stores none (a file that recent is not trusted by its time), and the next change's
        first run would pay for the last one's."""
        time.sleep(2.1)
        timed(check)

    def step(name: str, make: Callable[[], Run], count: int = runs) -> None:
        if only and not any(part in name for part in only):
            return
        if name.startswith("check"):
            settle()
        out[name] = repeat(count, make)
        summary = out[name]
        print(f"  {name}: {statistics.median(r.wall for r in summary):.2f} s", file=sys.stderr)

    for keep in ("keep", "discard") if baseline_runs else ():
        step(
            f"baseline: PyYAML CSafeLoader, {keep}",
            lambda keep=keep: timed([sys.executable, "-c", BASELINE, str(folder), keep]),
            baseline_runs,
        )

    def cold() -> Run:
        shutil.rmtree(cache, ignore_errors=True)
        return timed(check)

    step("cold check", cold)
    timed(check)
    step("warm check", lambda: timed(check))

    edits = Edits(folder)
    replies, meeting_days = iter(range(4, 100)), iter(range(31, 366))
    month = "townships/yangtuan/activities/2019-05.yaml"

    def after(change: Callable[[], None], args: list[str] = check, **env: str) -> Callable[[], Run]:
        def run() -> Run:
            change()
            return timed(args, env or None)

        return run

    step("check, month file changed", after(lambda: edits.comment(month)))
    step(
        "check, households changed",
        after(lambda: edits.comment("townships/yangtuan/households.yaml")),
    )
    step(
        "check, county/townships.yaml changed",
        after(lambda: edits.comment("county/townships.yaml")),
    )
    step("check, lingbi.yaml comment", after(lambda: edits.comment("lingbi.yaml")))
    step(
        "check, rule setting changed",
        after(lambda: edits.vary("lingbi.yaml", "reply_months", replies)),
    )
    step(
        "check, campaign setting changed",
        after(lambda: edits.vary("lingbi.yaml", "first_meeting_days", meeting_days)),
    )
    edits.undo()
    timed(check)
    days = iter(range(1, 1000))

    def new_day() -> Run:
        return timed(check, {"LINGBI_TODAY": (TODAY + dt.timedelta(days=next(days))).isoformat()})

    step("check, new day", new_day)
    township_check = [*check, "--township", "yangtuan", "--half", "2019H1"]
    step(
        "check --township T --half H, month of T changed",
        after(lambda: edits.comment(month), township_check),
    )
    edits.undo()

    deputy, household, day = a_pairing(folder)
    log = lingbi(
        "--data", str(folder), "log", "visit", "-D", deputy, "-H", household,
        "--date", day, "-s", "基准测试走访",
    )  # fmt: skip
    edits.keep(f"townships/yangtuan/activities/{day[:7]}.yaml")  # the logs are undone too

    def log_once() -> None:
        timed(log)

    report = lingbi("--data", str(folder), "report", "--half", "2020H2", "--date", "2021-01-15")
    township = [*report, "--township", "yangtuan"]
    step("report --half (county), first after a log", after(log_once, report))
    step("report --half --township, first after a log", after(log_once, township))
    timed(check)
    year = lingbi("--data", str(folder), "report", "--year", "2019", "--date", "2020-01-10")
    step("report --year", lambda: timed(year))
    deputy_report = lingbi("--data", str(folder), "report", "--deputy", deputy, "--year", "2019")
    step("report --deputy --year", lambda: timed(deputy_report))
    step("stats", lambda: timed(lingbi("--data", str(folder), "stats")))
    step("one lingbi log", lambda: timed(log))
    edits.undo()
    return out


def table(results: dict[str, list[Run]], base: float | None) -> list[str]:
    lines = [
        "| measure | median s (min–max) | CPU s | × baseline | peak MB (all processes) | "
        "load avg | target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, runs in results.items():
        wall = statistics.median(r.wall for r in runs)
        lo, hi = min(r.wall for r in runs), max(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        mb = max(r.mb for r in runs)
        load = statistics.median(r.load for r in runs)
        lines.append(
            f"| {name} | {wall:.2f} ({lo:.2f}–{hi:.2f}) | {cpu:.2f} | "
            f"{f'{wall / base:.3f}' if base else '—'} | {mb} | "
            f"{load:.1f} | {TARGETS.get(name, '—')} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/lingbi-bench"))
    parser.add_argument("--scales", nargs="+", default=["county", "county3"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline-runs", type=int, default=5, help="0: no baselines")
    parser.add_argument("--only", nargs="+", help="only the measures whose names contain these")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure every scale this many times, in alternating order (county, county3, "
        "county3, county, …), each round --runs runs: a machine whose speed drifts over the "
        "minutes of a run then weighs on both scales alike, and the growth compares like with "
        "like",
    )
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}; started "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load {os.getloadavg()}"
    )
    for scale in args.scales:
        folder = args.work / scale
        if not (folder / "lingbi.yaml").is_file():
            print(f"generating {scale} …", file=sys.stderr, flush=True)
            subprocess.run(
                lingbi("generate", str(folder), "--scale", scale),
                check=True,
                stdout=subprocess.DEVNULL,
            )
    pooled: dict[str, dict[str, list[Run]]] = {scale: {} for scale in args.scales}
    for round_ in range(args.rounds):
        order = args.scales if round_ % 2 == 0 else args.scales[::-1]
        for scale in order:
            print(f"round {round_ + 1}: {scale}", file=sys.stderr, flush=True)
            baseline_runs = args.baseline_runs if round_ == 0 else 0
            results = measure(args.work / scale, args.runs, baseline_runs, args.only)
            for name, runs in results.items():
                pooled[scale].setdefault(name, []).extend(runs)
    for scale in args.scales:
        folder, results = args.work / scale, pooled[scale]
        baseline = results.get("baseline: PyYAML CSafeLoader, keep")
        base = statistics.median(r.wall for r in baseline) if baseline else None
        files = sum(1 for p in folder.rglob("*.yaml") if ".lingbi-cache" not in p.parts)
        print(f"\n## {scale} ({files} files)\n")
        print("\n".join(table(results, base)), flush=True)
    if len(args.scales) == 2:
        print(f"\n## growth: {args.scales[1]} over {args.scales[0]} (medians)\n")
        print("\n".join(growth(pooled[args.scales[0]], pooled[args.scales[1]])))
    print(f"\nfinished {dt.datetime.now(dt.UTC):%H:%M} UTC, load {os.getloadavg()}")


def growth(small: dict[str, list[Run]], large: dict[str, list[Run]]) -> list[str]:
    lines = ["| measure | growth |", "| --- | --- |"]
    for name, runs in small.items():
        if name in large:
            ratio = statistics.median(r.wall for r in large[name]) / statistics.median(
                r.wall for r in runs
            )
            lines.append(f"| {name} | {ratio:.2f} |")
    return lines


if __name__ == "__main__":
    main()
