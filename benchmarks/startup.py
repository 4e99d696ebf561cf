"""Start-up of one command, several installs of lingbi compared run for run (interleaved).

    python benchmarks/startup.py --runs 15 \\
        before=/tmp/venv-before/bin/lingbi@/tmp/bw-before/county \\
        after=/tmp/venv-startup/bin/lingbi@/tmp/bw-startup/county \\
        -- log visit -D chantang-d001 -H chantang-h0056 --date 2019-05-10 -s 基准测试走访

Each ``label=LINGBI@FOLDER`` is one install's ``lingbi`` and the data folder it runs on
(``--data``); the words after ``--`` are the command. The installs take turns, one run each,
``--runs`` times, so that the load of a shared machine falls on all of them alike; a run's
output is discarded and a non-zero exit is reported. For each: the median wall time with its
minimum and maximum, and the median CPU time (user + system of the command and what it waited
for), which depends less on the load. The load average is printed before and after.

``--imports`` adds, for each install, the sum of every module's own import time in one run of
the command (``python -X importtime``, median of 5), counting the modules imported through
``importlib.import_module`` too (plain ``-X importtime`` does not see those: lingbi imports each
command's module and the rules that way).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

# Run inside the install's Python: every import through ``importlib.import_module`` is made a
# plain ``__import__`` (which ``-X importtime`` reports), then lingbi runs as its console script.
_COUNTED = """
import importlib, sys
def _plain(name, package=None):
    if name.startswith("."):
        return _original(name, package)
    __import__(name)
    return sys.modules[name]
_original, importlib.import_module = importlib.import_module, _plain
import runpy
sys.argv = ["lingbi", *sys.argv[1:]]
runpy.run_module("lingbi_cli", run_name="__main__", alter_sys=True)  # python -m lingbi_cli
"""


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[tuple[str, Path, Path]], list[str]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--imports", action="store_true")
    parser.add_argument("installs", nargs="+", help="label=LINGBI@FOLDER")
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    installs = []
    for spec in args.installs:
        label, _, rest = spec.partition("=")
        lingbi, _, folder = rest.partition("@")
        installs.append((label, Path(lingbi), Path(folder)))
    return args, installs, argv[split + 1 :]


def run_once(lingbi: Path, folder: Path, command: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds of one run, and its exit status."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [str(lingbi), "--data", str(folder), *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def import_sum(lingbi: Path, folder: Path, command: list[str]) -> float:
    """Milliseconds: every module's own import time in one run, summed."""
    python = lingbi.parent / "python"
    done = subprocess.run(
        [str(python), "-X", "importtime", "-c", _COUNTED, "--data", str(folder), *command],
        capture_output=True,
        text=True,
    )
    total = 0
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            total += int(line.split(":", 1)[1].split("|")[0])
    return total / 1000


def main(argv: list[str]) -> None:
    args, installs, command = parse(argv)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    walls: dict[str, list[float]] = {label: [] for label, _, _ in installs}
    cpus: dict[str, list[float]] = {label: [] for label, _, _ in installs}
    for _ in range(args.runs):
        for label, lingbi, folder in installs:
            wall, cpu, status = run_once(lingbi, folder, command)
            if status != 0:
                print(f"{label}: exit status {status}")
            walls[label].append(wall)
            cpus[label].append(cpu)
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for label, _, _ in installs:
        wall, cpu = walls[label], cpus[label]
        print(
            f"{label:10s} wall {statistics.median(wall):.3f} s "
            f"({min(wall):.3f}–{max(wall):.3f}), CPU {statistics.median(cpu):.3f} s "
            f"({min(cpu):.3f}–{max(cpu):.3f}), {len(wall)} runs"
        )
    if args.imports:
        for label, lingbi, folder in installs:
            sums = [import_sum(lingbi, folder, command) for _ in range(5)]
            print(f"{label:10s} imports {statistics.median(sums):.0f} ms (sum of own times)")


if __name__ == "__main__":
    main(sys.argv[1:])
