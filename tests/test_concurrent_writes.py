"""Invariants under the lock: writes started at the same moment by separate ``lingbi`` processes.

Each burst starts real processes of the command (``lingbi_cli.cli.main``, the console script's
entry point), lets them all finish importing, then releases them at once, so that they read the
data folder together and race for the file's lock. A write judges its new record with the rules
inside the locked section, against the file as it is then; so whatever the interleaving, exactly
one of the racing writes that together would break an invariant is accepted:

* 1–3 households per deputy (``pairs-per-deputy``);
* one pairing of a deputy and a household at a time, one filing per township, kind and period
  (``duplicate-id``, which also judges duplicate pairings and filings).

Bursts are repeated: before the writes judged under the lock, these tests failed in most bursts
(see the commit that added them for the counts).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import TINY

from lingbi_cli import rules
from lingbi_cli.store.folder import DataFolder

HOUSEHOLDS = "townships/yangtuan/households.yaml"
PAIRINGS = "townships/yangtuan/pairings.yaml"
FILINGS = "townships/yangtuan/filings.yaml"
BURSTS = 4

# Waits for the go file, then runs the command as the console script would (main() leaves with
# os._exit and the command's status).
RUNNER = """
import os, sys, time
from pathlib import Path
from lingbi_cli.cli import main
ready, go = Path(sys.argv[1]), Path(sys.argv[2])
ready.touch()
while not go.exists():
    time.sleep(0.002)
sys.argv = ["lingbi", *sys.argv[3:]]
main()
"""

# Six more households of 杨疃镇 recommended by the township, for the rural deputy yangtuan-d002.
NUMBERS = (
    "341323198001010013",
    "341323198001010021",
    "34132319800101003X",
    "341323198001010048",
    "341323198001010056",
    "341323198001010064",
)
MORE_HOUSEHOLDS = "".join(
    f"""
    - id: yangtuan-h010{n}
      head: 户主{n}
      id_number: '{number}'
      village: 后湖村
      members: 2
      attribute: 一般贫困户
      causes: [缺资金]
      registered: 2016
      source: 乡镇帮扶点
    """
    for n, number in enumerate(NUMBERS, start=1)
)
# yangtuan-d002 is paired with two households: h0002 (TINY) and h0003.
SECOND_PAIRING = """
    - id: yangtuan-p0003
      deputy: yangtuan-d002
      household: yangtuan-h0003
      start: 2019-03-01
      chosen_by: 乡镇推荐
"""


def burst(folder: Path, commands: list[list[str]]) -> list[int]:
    """Run ``commands`` (lingbi arguments) at the same moment; their exit statuses."""
    env = {**os.environ, "LINGBI_TODAY": "2020-01-15"}
    sync = folder.parent / f"sync-{time.monotonic_ns()}"
    sync.mkdir()
    go = sync / "go"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", RUNNER, str(sync / f"ready{n}"), str(go), "--data", str(folder)]
            + command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n, command in enumerate(commands)
    ]
    deadline = time.monotonic() + 120
    while len(list(sync.glob("ready*"))) < len(commands) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    statuses = []
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode in (0, 1), err.decode()
        assert "Traceback" not in err.decode()
        statuses.append(process.returncode)
    return statuses


def fresh(folder_factory, changes: dict[str, str]) -> Path:
    files = {
        rel: textwrap.dedent(TINY.get(rel, "")).strip("\n") + "\n" + textwrap.dedent(more)
        for rel, more in changes.items()
    }
    return folder_factory(files)


def integrity(folder: Path) -> list[str]:
    result = rules.run(DataFolder(folder, cache=False).load(), only=list(rules.INTEGRITY))
    return [f"{f.rule}: {f.message}" for f in result.findings if f.level.value == "error"]


@pytest.mark.parametrize("trial", range(BURSTS))
def test_six_pairs_at_once_for_a_deputy_with_two_households_accept_exactly_one(folder, trial):
    data = fresh(folder, {HOUSEHOLDS: MORE_HOUSEHOLDS, PAIRINGS: SECOND_PAIRING})
    commands = [
        ["pair", "yangtuan-d002", f"yangtuan-h010{n}", "--date", "2019-06-01"] for n in range(1, 7)
    ]
    statuses = burst(data, commands)
    assert statuses.count(0) == 1, statuses
    records = DataFolder(data, cache=False).load()
    open_ones = [p for p in records.pairings.values() if p.deputy == "yangtuan-d002"]
    assert len(open_ones) == 3
    assert integrity(data) == []


@pytest.mark.parametrize("trial", range(BURSTS))
def test_the_same_pair_from_two_processes_is_recorded_once(tiny, trial):
    commands = [["pair", "yangtuan-d002", "yangtuan-h0003", "--date", "2019-06-01"]] * 2
    statuses = burst(tiny, commands)
    assert sorted(statuses) == [0, 1], statuses
    records = DataFolder(tiny, cache=False).load()
    assert [p.household for p in records.pairings.values() if p.deputy == "yangtuan-d002"] == [
        "yangtuan-h0002",
        "yangtuan-h0003",
    ]
    assert integrity(tiny) == []


@pytest.mark.parametrize("trial", range(BURSTS))
def test_two_filings_for_one_period_at_once_record_one(tiny, trial):
    command = ["file", "year_summary", "--period", "2019", "-t", "yangtuan", "--date", "2019-12-10"]
    statuses = burst(tiny, [command, command])
    assert sorted(statuses) == [0, 1], statuses
    filings = DataFolder(tiny, cache=False).load().filings.values()
    assert [(f.kind.name, f.period) for f in filings] == [("year_summary", "2019")]
    assert integrity(tiny) == []
