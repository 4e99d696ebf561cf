"""Per-township results (``rules.partition``): each part of the county judged on its own
neighbourhood says exactly what the whole county judged at once says about that part, and a
change re-judges the parts it can change and no other.

The sample county (five townships) has the links between townships the neighbourhoods must
carry: liaison leaders from another township and their supervisions, proposals cosigned by
deputies of other townships. The variants below add the others: work of a deputy recorded
in another township, one ID number in two townships, a pairing across townships (which makes
the folder be judged whole).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest
from test_incremental import HOUR, age, outcome

from lingbi_cli import rules
from lingbi_cli.rules import partition
from lingbi_cli.rules.base import Scope
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.layout import township_of
from lingbi_cli.store.stored import CACHE_DIR
from lingbi_cli.store.summary import Owners, SummaryStore

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = "2021-03-01"

# (file, old text, new text): changes that tie one township's findings to another's records
LINKS: dict[str, tuple[str, str, str]] = {
    # yinji's liaison leader no longer supervises chaoyang: yinji's deputy and chaoyang's
    # liaison both change, from one file of chaoyang
    "a supervision by another township's deputy": (
        "townships/chaoyang/activities/2019-05.yaml",
        "deputies: [yinji-d001]",
        "deputies: [chaoyang-d001]",
    ),
    # a deputy of yinji with no work in 2019H2 cosigns a proposal of chaoyang in August 2019:
    # yinji's silent deputy is silent no more, from a file of chaoyang
    "a cosigner of another township": (
        "townships/chaoyang/proposals.yaml",
        "cosigners: [chaoyang-d001, chaoyang-d007]",
        "cosigners: [chaoyang-d001, yinji-d010]",
    ),
    # the same ID number in two townships' households: the later one is reported
    "one ID number in two townships": (
        "townships/yinji/households.yaml",
        "id_number: '341323196310132592'",
        "id_number: '341323195709229471'",
    ),
    # a visit by a deputy of another township, to a household they are not paired with
    "a visit by a deputy of another township": (
        "townships/yangtuan/activities/2019-05.yaml",
        "deputies: [yangtuan-d001]",
        "deputies: [yinji-d003]",
    ),
    # joint work in the township supervised: yinji's leader's record names chaoyang's deputy
    "joint work with a deputy of another township": (
        "townships/chaoyang/activities/2018-11.yaml",
        "deputies: [yinji-d001]",
        "deputies: [yinji-d001, chaoyang-d002]",
    ),
    # an activity of July filed in May's file: a report of the second half must find it
    "an activity filed in another half's month": (
        "townships/yinji/activities/2019-05.yaml",
        "date: 2019-05-2",
        "date: 2019-07-2",
    ),
    "a month file": (
        "townships/yangtuan/activities/2019-05.yaml",
        "date: 2019-05-12\n  kind: 串门",
        "date: 2019-06-12\n  kind: 谈心",
    ),
}

# a change that shows in reports, not in the check
REPORTS_ONLY = {"joint work with a deputy of another township"}
# chaoyang's proposals are cosigned by deputies of every township: all parts change with it
NAMES_EVERY_TOWNSHIP = {"a cosigner of another township"}


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LINGBI_TODAY", TODAY)
    data = Path(shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns(CACHE_DIR)))
    age(data)
    return data


def change(folder: Path, rel: str, old: str, new: str) -> None:
    text = (folder / rel).read_text(encoding="utf-8")
    assert old in text, f"{rel} no longer holds {old!r}: update the test"
    (folder / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
    when = time.time_ns() - HOUR // 2  # old enough for its time to be trusted
    os.utime(folder / rel, ns=(when, when))


def parts_alone(folder: Path, scope: Scope) -> dict[str | None, tuple[list, list]]:
    """Each part judged alone on its neighbourhood, as the partition does."""
    data = DataFolder(folder)
    files, strays = data.scan()
    owners = Owners(f.township for f in files if f.township is not None)
    store = SummaryStore(folder, "test", enabled=True)
    summaries = partition._summaries(data, files, store, owners, None)
    assert summaries is not None and all(s.local for s in summaries.values())
    parts = partition._parts(files, strays, summaries, store.shared_numbers(summaries))
    today = dt.date.fromisoformat(TODAY)
    return {
        part: outcome(partition.judge_part(data, parts, part, today, today, None, scope).result)
        for part in parts.members
    }


def whole_by_part(folder: Path, scope: Scope) -> dict[str | None, tuple[list, list]]:
    records = DataFolder(folder, cache=False).load()
    today = dt.date.fromisoformat(TODAY)
    result = rules.run(records, as_of=today, today=today, scope=scope)
    by_part: dict[str | None, tuple[list, list]] = {}
    for f in result.findings:
        by_part.setdefault(township_of(f.file, f.record), ([], []))[0].append(f.as_dict())
    for f, why in result.ignored:
        by_part.setdefault(township_of(f.file, f.record), ([], []))[1].append((f.as_dict(), why))
    return by_part


@pytest.mark.parametrize("link", [None, *LINKS])
def test_each_part_judged_on_its_neighbourhood_says_what_the_whole_county_says(sample, link):
    if link is not None:
        change(sample, *LINKS[link])
    alone = parts_alone(sample, Scope())
    whole = whole_by_part(sample, Scope())
    assert set(whole) <= set(alone)
    for part, (findings, ignored) in alone.items():
        assert (findings, ignored) == whole.get(part, ([], [])), part


def judged_parts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of record files loaded for each part judged (the whole county: all)."""
    loaded: list[int] = []
    real = partition._judge

    def spy(records, *args):
        loaded.append(len(records.files))
        return real(records, *args)

    monkeypatch.setattr(partition, "_judge", spy)
    return loaded


@pytest.mark.parametrize("link", list(LINKS))
def test_a_change_judges_again_only_the_parts_it_can_change_and_equals_a_fresh_check(
    sample, monkeypatch, link
):
    before = outcome(rules.check_folder(DataFolder(sample)))  # every part stored
    total = len(DataFolder(sample).scan().files)
    change(sample, *LINKS[link])
    fresh = outcome(rules.check_folder(DataFolder(sample, cache=False)))
    loaded = judged_parts(monkeypatch)
    after = outcome(rules.check_folder(DataFolder(sample)))
    assert after == fresh
    assert (after != before) != (link in REPORTS_ONLY)  # the change mattered (to the check)
    assert loaded and all(n < total / 2 for n in loaded), loaded  # parts, never the county
    if link not in NAMES_EVERY_TOWNSHIP:  # in every part's neighbourhood: every part judged
        assert len(loaded) <= 2


def test_a_township_check_loads_that_township_and_what_it_needs_only(sample, monkeypatch):
    from lingbi_cli import periods

    half = periods.parse("2019H1")
    rules.check_folder(DataFolder(sample), township="yangtuan", period=half)
    change(sample, *LINKS["a month file"])
    fresh = rules.check_folder(DataFolder(sample, cache=False), township="yangtuan", period=half)
    loaded = judged_parts(monkeypatch)
    got = outcome(rules.check_folder(DataFolder(sample), township="yangtuan", period=half))
    assert got == outcome(fresh)
    total = len(DataFolder(sample).scan().files)
    assert len(loaded) == 1 and loaded[0] < total / 2


def test_a_pairing_across_townships_makes_the_folder_judged_whole(sample, monkeypatch):
    rules.check_folder(DataFolder(sample))
    pairings = "townships/yangtuan/pairings.yaml"
    change(sample, pairings, "deputy: yangtuan-d001", "deputy: yinji-d001")
    data = DataFolder(sample)
    today = dt.date.fromisoformat(TODAY)
    kept = partition.check_by_township(
        data, as_of=today, today=today, only=None, period=None, township=None
    )
    assert kept is None
    got = outcome(rules.check_folder(DataFolder(sample)))
    assert got == outcome(rules.check_folder(DataFolder(sample, cache=False)))
    assert any("yinji-d001" in f["message"] for f in got[0])


@pytest.mark.parametrize("link", [None, *LINKS])
def test_a_township_report_from_its_neighbourhood_is_the_report_from_the_whole_county(sample, link):
    from lingbi_cli import periods, reports
    from lingbi_cli.reports.render import render_markdown

    rules.check_folder(DataFolder(sample))  # the files' summaries, as any run leaves them
    if link is not None:
        change(sample, *LINKS[link])
    half = periods.parse("2019H1") if link else periods.parse("2020H2")
    total = len(DataFolder(sample).scan().files)
    for township in ("yangtuan", "chaoyang", "yinji"):
        whole = DataFolder(sample, cache=False)
        expected = reports.make(whole, reports.ReportKind.half, half, township=township)
        folder = DataFolder(sample)
        near = reports.records_for(folder, reports.ReportKind.half, township)
        assert len(near.files) < total / 2
        made = reports.make(folder, reports.ReportKind.half, half, township=township, records=near)
        assert repr(made.values) == repr(expected.values), township
        assert render_markdown(made, folder) == render_markdown(expected, whole), township


@pytest.mark.parametrize("link", [None, *LINKS])
def test_deputy_records_and_pairing_lists_from_a_neighbourhood_are_those_from_the_county(
    sample, link
):
    from lingbi_cli import periods, reports
    from lingbi_cli.reports.render import render_markdown

    rules.check_folder(DataFolder(sample))  # the files' summaries, as any run leaves them
    if link is not None:
        change(sample, *LINKS[link])
    total = len(DataFolder(sample).scan().files)
    year = periods.parse("2019")
    term = periods.Period(reports.build.TERM, year.start, year.end)
    asked = [
        # a liaison leader who supervises another township, a cosigner from elsewhere, a
        # deputy who works at home; a year and the whole term
        (reports.ReportKind.deputy, term, {"deputy": "yinji-d001"}),
        (reports.ReportKind.deputy, year, {"deputy": "yinji-d010"}),
        (reports.ReportKind.deputy, year, {"deputy": "yangtuan-d001"}),
        (reports.ReportKind.roster, year, {"township": "yinji"}),
        (reports.ReportKind.roster, year, {"township": "chaoyang"}),
    ]
    for kind, period, who in asked:
        whole = DataFolder(sample, cache=False)
        expected = reports.make(whole, kind, period, **who)
        folder = DataFolder(sample)
        near = reports.records_for(folder, kind, **who)
        assert len(near.files) < total / 2
        made = reports.make(folder, kind, period, records=near, **who)
        assert repr(made.values) == repr(expected.values), who
        assert render_markdown(made, folder) == render_markdown(expected, whole), who


@pytest.mark.parametrize("link", [None, *LINKS])
def test_the_county_table_summed_from_township_totals_is_the_whole_county_s(sample, link):
    from lingbi_cli import periods
    from lingbi_cli.cli.stats import stats_table

    rules.check_folder(DataFolder(sample))  # the files' summaries, as any run leaves them
    if link is not None:
        change(sample, *LINKS[link])
    campaign = DataFolder(sample).settings.campaign
    for period in (
        periods.Period("活动期间", campaign.start, campaign.end),
        periods.parse("2019"),
        periods.parse("2020H1"),
    ):
        whole = stats_table(DataFolder(sample, cache=False), period)
        summed = stats_table(DataFolder(sample), period)  # each township's totals made
        again = stats_table(DataFolder(sample), period)  # and read back
        for table, ids in (summed, again):
            assert ids == whole[1]
            assert table.title == whole[0].title
            assert repr(table.rows) == repr(whole[0].rows), period


@pytest.mark.parametrize("link", [None, *LINKS])
def test_county_and_year_reports_from_the_period_s_files_are_those_from_every_file(sample, link):
    from lingbi_cli import periods, reports
    from lingbi_cli.reports.render import render_markdown

    rules.check_folder(DataFolder(sample))  # the files' summaries, as any run leaves them
    if link is not None:
        change(sample, *LINKS[link])
    total = len(DataFolder(sample).scan().files)
    kind = reports.ReportKind
    asked = [
        (kind.county, periods.parse("2019H1"), {}),
        (kind.county, periods.parse("2019H2"), {}),
        (kind.year, periods.parse("2019"), {}),
        (kind.year, periods.parse("2020"), {"township": "yinji"}),
        (kind.assess, periods.parse("2019"), {}),
        (kind.assess, periods.parse("2018"), {"township": "chaoyang"}),
    ]
    for what, period, who in asked:
        whole = DataFolder(sample, cache=False)
        expected = reports.make(whole, what, period, **who)
        folder = DataFolder(sample)
        near = reports.records_for(folder, what, period=period, **who)
        assert len(near.files) < total * 0.75, (what, period)
        made = reports.make(folder, what, period, records=near, **who)
        assert repr(made.values) == repr(expected.values), (what, period)
        assert render_markdown(made, folder) == render_markdown(expected, whole), (what, period)


def test_an_id_belongs_to_the_longest_township_id_that_begins_it():
    owners = Owners(["da", "da-li", "yinji"])
    assert owners("da-li-d001") == "da-li"
    assert owners("da-d001") == "da"
    assert owners("dali-d001") is None  # no hyphen after "da"
    assert owners("yinji-h0001") == "yinji"
    assert owners.holds("da-li", "da-li-d001") and owners.holds("da", "da-d001")
    assert not owners.holds("da", "da-li-d001")  # in da's folder, it would not be da's
    assert not owners.holds("yinji", "yinjia-d001")
    # a file's ids at once, as its summary asks
    assert owners.hold_all("da", ["da-d001", "da-h0001"]) and owners.hold_all("da", [])
    assert not owners.hold_all("da", ["da-d001", "da-li-d001"])
    assert not owners.hold_all("yinji", ["yinji-d001", "yinjia-d001"])
    assert owners.hold_all("da-li", ["da-li-d001"])


@pytest.mark.parametrize("link", [None, *LINKS])
def test_county_reports_summed_from_each_township_s_work_are_those_from_every_record(
    sample, link, monkeypatch
):
    from lingbi_cli import periods, reports
    from lingbi_cli.reports import build, rollup
    from lingbi_cli.reports.problems import wording_key
    from lingbi_cli.reports.render import render_markdown

    rules.check_folder(DataFolder(sample))  # the files' summaries, as any run leaves them
    kind = reports.ReportKind
    asked = [
        (kind.county, periods.parse("2019H1"), None),
        (kind.county, periods.parse("2019H2"), dt.date(2020, 1, 5)),
        (kind.year, periods.parse("2019"), None),
        (kind.county, periods.parse("2020H2"), dt.date(2020, 9, 30)),  # mid-period
    ]
    for what, period, day in asked:  # each township's work kept before the change
        reports.make(DataFolder(sample), what, period, date=day)
    if link is not None:
        change(sample, *LINKS[link])
    counted: list[str] = []
    real = rollup.work_of

    def spy(records, period, township, as_of=None):
        counted.append(township)
        return real(records, period, township, as_of)

    monkeypatch.setattr(rollup, "work_of", spy)
    worded = 0
    for what, period, day in asked:
        whole = DataFolder(sample, cache=False)
        expected = reports.make(whole, what, period, date=day)
        folder = DataFolder(sample)
        found = build._findings(folder, period, expected.date)
        year = what is kind.year  # its awards count the first meetings due: pairings read
        summed = rollup.county_work(folder, period, expected.date, found, pairings=year)
        assert summed is not None
        # each finding worded where its township's records are (households' heads and all)
        assert set(summed.worded) == {wording_key(f) for f in found}
        worded += len(summed.worded)
        # no activity, pairing or household read (the county's 300,000 records)
        records = summed.records
        assert records.deputies and not (records.activities or records.households)
        assert bool(records.pairings) == year
        made = reports.make(folder, what, period, date=day)
        assert repr(made.values) == repr(expected.values), (what, period)
        assert repr(made.tables) == repr(expected.tables), (what, period)
        assert render_markdown(made, folder) == render_markdown(expected, whole), (what, period)
    assert worded  # the problems sections have something to word
    # a change counts again the work of the townships whose neighbourhood holds the file
    townships = len(DataFolder(sample).townships().townships)
    if link is None:
        assert counted == []
    elif link not in NAMES_EVERY_TOWNSHIP:
        assert 0 < len(counted) < len(asked) * townships


def test_the_clerk_s_choice_of_deeds_makes_the_county_report_from_every_record(sample):
    from lingbi_cli import periods, reports
    from lingbi_cli.reports import rollup

    notes = sample / "notes" / "2019H1-典型事迹.yaml"
    notes.parent.mkdir(exist_ok=True)
    notes.write_text("drop: [yangtuan-d001]\n", encoding="utf-8")
    half = periods.parse("2019H1")
    folder = DataFolder(sample)
    assert rollup.county_work(folder, half, dt.date(2019, 6, 20), []) is None
    made = reports.make(folder, reports.ReportKind.county, half)
    expected = reports.make(DataFolder(sample, cache=False), reports.ReportKind.county, half)
    assert repr(made.values) == repr(expected.values)


def test_summaries_are_kept_again_when_what_they_say_changes_and_a_check_stays_exact(
    sample, monkeypatch
):
    """A comment in a month file leaves its summary saying what it said: the county's
    summaries are not stored again (the next check summarises that file again, and says what
    a fresh check says); a change of whom it names, or of a households file, stores them."""
    store = sample / CACHE_DIR / "summaries.pickle"
    month = "townships/yangtuan/activities/2019-05.yaml"
    rules.check_folder(DataFolder(sample))
    kept = store.read_bytes()

    def comment(rel: str) -> None:
        text = (sample / rel).read_text(encoding="utf-8")
        change(sample, rel, text, text + f"# 备注 {time.time_ns()}\n")

    made: list[str] = []
    real = partition.summarize
    monkeypatch.setattr(
        partition, "summarize", lambda source, *a: made.append(source.rel) or real(source, *a)
    )
    for _ in range(2):  # the file summarised again by each check, the store left as it was
        comment(month)
        fresh = outcome(rules.check_folder(DataFolder(sample, cache=False)))
        assert outcome(rules.check_folder(DataFolder(sample))) == fresh
        assert store.read_bytes() == kept
    assert made == [month, month]

    change(sample, *LINKS["a visit by a deputy of another township"])  # names yinji's deputy
    fresh = outcome(rules.check_folder(DataFolder(sample, cache=False)))
    assert outcome(rules.check_folder(DataFolder(sample))) == fresh
    assert store.read_bytes() != kept
    kept = store.read_bytes()
    comment("townships/yinji/households.yaml")
    rules.check_folder(DataFolder(sample))
    assert store.read_bytes() != kept
    made.clear()
    rules.check_folder(DataFolder(sample))  # nothing changed: nothing summarised
    assert made == []
