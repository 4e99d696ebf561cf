"""Incremental runs equal fresh runs: whatever changed — a day, a file, a setting — a ``check``
served (wholly or partly) from the cache says exactly what a ``--no-cache`` run says.

Most tests use a copy of the bundled sample county (``data/``: five townships, scripted
campaign-rule shortfalls, so that the campaign rules have findings to get right).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lingbi_cli import rules
from lingbi_cli.cli import app
from lingbi_cli.rules.judging_day import Window, watched
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.stored import CACHE_DIR

DATA = Path(__file__).resolve().parent.parent / "data"
HOUR = 3600 * 10**9
REAL_LOAD = DataFolder.load
RUNNER = CliRunner()


def age(folder: Path, ns_ago: int = HOUR) -> None:
    """Make every file of ``folder`` (the cache aside) old enough for its time to be trusted."""
    when = time.time_ns() - ns_ago
    for path in folder.rglob("*"):
        if path.is_file() and CACHE_DIR not in path.parts:
            os.utime(path, ns=(when, when))


def outcome(result: rules.CheckResult) -> tuple[list[dict], list[tuple[dict, str]]]:
    return [f.as_dict() for f in result.findings], [(f.as_dict(), w) for f, w in result.ignored]


def spy_load(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    calls: list[bool] = []

    def load_spy(self, *args, **kwargs):
        calls.append(self.cache)
        return REAL_LOAD(self, *args, **kwargs)

    monkeypatch.setattr(DataFolder, "load", load_spy)
    return calls


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    data = Path(shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns(CACHE_DIR)))
    age(data)
    return data


# --- the judging day ---------------------------------------------------------------------------


def test_a_watched_day_narrows_its_window_by_comparisons_and_pins_it_on_any_other_use():
    day, window = watched(dt.date(2019, 11, 30))
    assert dt.date(2019, 12, 20) >= day  # the H2 report is not yet due…
    assert day > dt.date(2019, 6, 20)  # …the H1 report is
    assert window == Window(dt.date(2019, 6, 21), dt.date(2019, 12, 20))
    assert min(day, dt.date(2020, 12, 31)) is day
    assert window == Window(dt.date(2019, 6, 21), dt.date(2019, 12, 20))
    assert day != dt.date(2019, 12, 1)
    assert window == Window(dt.date(2019, 6, 21), dt.date(2019, 11, 30))

    for use in (
        str,
        repr,
        hash,
        lambda d: f"{d}",
        lambda d: d.year,
        lambda d: d.isoformat(),
        lambda d: d + dt.timedelta(days=1),
        lambda d: dt.date(2020, 1, 1) - d,
    ):
        day, window = watched(dt.date(2019, 11, 30))
        use(day)
        assert window == Window(dt.date(2019, 11, 30), dt.date(2019, 11, 30))


def days_to_try() -> list[dt.date]:
    """Every eleventh day from before the campaign to after it, and each day around a deadline
    of the calendar (reports due 20 June and 20 December, plans 31 March, meetings 30 April)."""
    days = {dt.date(2018, 3, 1) + dt.timedelta(days=n) for n in range(0, 1200, 11)}
    for year in (2018, 2019, 2020):
        for month, day in ((3, 31), (4, 30), (6, 20), (12, 20), (12, 31)):
            due = dt.date(year, month, day)
            days |= {due - dt.timedelta(days=1), due, due + dt.timedelta(days=1)}
    return sorted(days)


def test_a_stored_check_serves_every_day_it_holds_for_and_only_those(sample, monkeypatch):
    fresh = DataFolder(sample, cache=False).load()
    loads = spy_load(monkeypatch)
    after = 0  # loads after the campaign (every deadline passed, no record in the future)
    for day in days_to_try():
        monkeypatch.setenv("LINGBI_TODAY", day.isoformat())
        expected = outcome(rules.run(fresh, today=day))
        before = len(loads)
        assert outcome(rules.check_folder(DataFolder(sample))) == expected, day
        after += day.year > 2020 and len(loads) > before
    assert expected[0]  # the campaign rules find something to get right
    # While the campaign runs, the sample has records dated after the day judged ("in the
    # future": findings that name the day), so most days differ; after it, no day does.
    assert after == 1


def test_a_stored_check_is_served_for_another_judging_day_only_within_its_window(
    sample, monkeypatch
):
    monkeypatch.setenv("LINGBI_TODAY", "2021-03-01")
    fresh = DataFolder(sample, cache=False).load()
    loads = spy_load(monkeypatch)
    judged = 0  # runs that loaded records (the county, or some of its parts)
    for as_of in (
        dt.date(2019, 6, 1),
        dt.date(2019, 6, 2),
        dt.date(2019, 6, 25),
        dt.date(2019, 6, 1),
    ):
        expected = outcome(rules.run(fresh, as_of=as_of, today=dt.date(2021, 3, 1)))
        before = len(loads)
        assert outcome(rules.check_folder(DataFolder(sample), as_of=as_of)) == expected
        judged += len(loads) > before
    assert judged < 4


# --- every kind of change: the incremental run equals a fresh one ---------------------------------

MONTH = "townships/yangtuan/activities/2019-05.yaml"
# (file, old text, new text): each applied once; a file None is the day (LINGBI_TODAY)
CHANGES: dict[str, tuple[str, str, str]] = {
    "month file": (MONTH, "date: 2019-05-12\n  kind: 串门", "date: 2019-06-12\n  kind: 谈心"),
    "households": (
        "townships/yangtuan/households.yaml",
        "- id: yangtuan-h0005",
        "- id: yangtuan-h9005",
    ),
    "duplicate id in another township": (
        "townships/yinji/activities/2019-05.yaml",
        "- id: yinji-a201905-001",
        "- id: yangtuan-a201905-001",
    ),
    "county/townships.yaml": (
        "county/townships.yaml",
        "liaison: [lingcheng-d001]\n  points: [杨疃社区",
        "liaison: [yangtuan-d001]\n  points: [杨疃社区",
    ),
    "lingbi.yaml comment": ("lingbi.yaml", "county: 灵璧县\n", "county: 灵璧县  # 县名\n"),
    "a rule setting": ("lingbi.yaml", "reply_months: 3", "reply_months: 2"),
    "a campaign setting": ("lingbi.yaml", 'h1_report: "06-20"', 'h1_report: "06-30"'),
    "a new day": ("", "2021-03-01", "2021-03-02"),
    "a day inside the campaign": ("", "2021-03-01", "2019-07-15"),
    "a removed month file": ("townships/yuji/activities/2018-05.yaml", "", ""),
}


def everything(folder: DataFolder) -> tuple[object, ...]:
    """What a clerk can see: the check (county, one township, a half-year) as data and as
    printed by ``lingbi check`` (served from its stored answer when nothing changed), the
    county's and a township's half-year report as data and as text."""
    from lingbi_cli import periods, reports
    from lingbi_cli.reports.render import render_markdown

    half = periods.parse("2019H1")
    county = reports.make(folder, reports.ReportKind.county, half)
    township = reports.make(folder, reports.ReportKind.half, half, township="yangtuan")
    cache = [] if folder.cache else ["--no-cache"]
    printed = [
        (result.exit_code, result.stdout)
        for args in (["--format", "json"], ["--township", "yangtuan", "--half", "2019H1"])
        for result in [RUNNER.invoke(app, ["check", str(folder.path), *args, *cache])]
    ]
    return (
        outcome(rules.check_folder(folder)),
        outcome(rules.check_folder(folder, township="yangtuan", period=half)),
        printed,
        repr(county.values),
        render_markdown(county, folder),
        repr(township.values),
        render_markdown(township, folder),
    )


@pytest.mark.parametrize("change", list(CHANGES))
def test_after_each_kind_of_change_a_cached_run_equals_a_fresh_one(sample, monkeypatch, change):
    monkeypatch.setenv("LINGBI_TODAY", "2021-03-01")
    before = everything(DataFolder(sample))  # fills the caches
    assert everything(DataFolder(sample)) == before  # served from them

    rel, old, new = CHANGES[change]
    if not rel:
        monkeypatch.setenv("LINGBI_TODAY", new)
    elif not old:
        (sample / rel).unlink()
    else:
        text = (sample / rel).read_text(encoding="utf-8")
        assert old in text
        (sample / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
        # the changed file alone is newer (every other file keeps its state, as in a clerk's
        # folder: a change must be found by the file it touched)
        when = time.time_ns() - HOUR // 2
        os.utime(sample / rel, ns=(when, when))

    after = everything(DataFolder(sample))
    fresh = everything(DataFolder(sample, cache=False))
    assert after == fresh
    assert everything(DataFolder(sample)) == fresh  # and what was stored after the change
    if change not in ("lingbi.yaml comment", "a new day"):
        assert fresh != before  # the change mattered


def test_entries_of_other_loading_settings_count_as_missing_and_are_parsed_on_every_core(
    sample, monkeypatch
):
    import importlib

    from lingbi_cli.config import Settings
    from lingbi_cli.parallel import can_fork, cores

    if not can_fork() or cores() < 2:
        pytest.skip("one core: files are parsed one after another")
    load_module = importlib.import_module("lingbi_cli.store.load")
    DataFolder(sample).load()
    shared: list[int] = []
    real = load_module.parallel_map

    def spy(fn, items, **kwargs):
        shared.append(len(items))
        return real(fn, items, **kwargs)

    monkeypatch.setattr(load_module, "parallel_map", spy)
    DataFolder(sample).load()
    assert shared == []  # every entry is of these settings and these files
    monkeypatch.setattr(Settings, "fingerprint", lambda self: "another way of reading")
    records = DataFolder(sample).load()
    assert shared == [len(DataFolder(sample).scan().files)]
    assert len(records.activities) == len(DataFolder(sample, cache=False).load().activities)


def test_a_file_read_again_in_one_process_is_parsed_once_and_its_list_is_the_callers(
    monkeypatch,
):
    import importlib

    fastread = importlib.import_module("lingbi_cli.store.fastread")
    data = (DATA / MONTH).read_bytes()
    calls: list[int] = []
    real = fastread._read_any

    def spy(raw: bytes):
        calls.append(len(raw))
        return real(raw)

    monkeypatch.setattr(fastread, "_read_any", spy)
    monkeypatch.setattr(fastread, "_RECENT", {})
    first, problems, text = fastread.read_any(data)
    first.clear()  # the caller's own list
    again, _, _ = fastread.read_any(bytes(data))
    assert calls == [len(data)] and again and problems == [] and text.startswith("# yaml")
    changed = data.replace(b"kind: \xe4\xb8\xb2\xe9\x97\xa8", b"kind: \xe8\xb0\x88\xe5\xbf\x83", 1)
    assert changed != data
    assert [r.values for r in fastread.read_any(changed)[0]] != [r.values for r in again]
    assert len(calls) == 2  # other bytes are read afresh


def test_every_command_reads_and_writes_cache_entries_of_one_generation(sample):
    """A command that does not judge (``stats``, ``export``) must not load without the rules'
    per-file parts: its entries would be another generation's, and the next ``check`` would
    parse every file again."""
    import subprocess
    import sys

    env = {**os.environ, "LINGBI_TODAY": "2021-03-01"}

    def lingbi(*args: str) -> None:
        command = [sys.executable, "-m", "lingbi_cli", "--data", str(sample), *args]
        done = subprocess.run(command, capture_output=True, env=env)
        assert done.returncode in (0, 1), done.stderr.decode()

    lingbi("check")
    entries = sorted((sample / CACHE_DIR / "files").glob("*.pickle"))
    written = {p: p.read_bytes() for p in entries}
    assert len(written) == len(DataFolder(sample).scan().files)
    lingbi("stats")
    lingbi("export", "households", "-o", str(sample.parent / "households.csv"))
    assert {p: p.read_bytes() for p in entries} == written


def test_files_loaded_again_in_one_command_are_read_once_until_a_write(sample, monkeypatch):
    """A part judged, then counted for a report, loads one neighbourhood twice: the second
    load reads none of its files again (their records are shared), until ``forget``."""
    import importlib

    load_module = importlib.import_module("lingbi_cli.store.load")
    read: list[str] = []
    real = load_module.load_file

    def spy(folder, source, cache=None, **kwargs):
        read.append(source.rel)
        return real(folder, source, cache, **kwargs)

    DataFolder(sample).load()  # every file's cache entry made (on both cores)
    monkeypatch.setattr(load_module, "load_file", spy)
    folder = DataFolder(sample)
    yangtuan = lambda f: f.township in (None, "yangtuan")  # noqa: E731
    first = folder.load(yangtuan)
    count = len(read)
    assert count > 5
    again = folder.load(yangtuan)
    assert len(read) == count  # nothing read again
    assert again is not first and again.activities == first.activities
    assert again.activities and again.households == first.households
    folder.load(lambda f: f.township == "yinji")  # another load: the memory is of the last
    before = len(read)
    folder.load(yangtuan)
    assert len(read) - before == count  # yangtuan's files read again
    folder.forget()  # a file was written
    folder.load(yangtuan)
    assert len(read) - before == 2 * count
