"""lingbi generate: the synthetic county is valid and reproducible; the sample has what it promises.

Every figure below is counted from the loaded records, not taken from the generator.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from lingbi_cli import models, rules
from lingbi_cli.config import Campaign
from lingbi_cli.errors import Level
from lingbi_cli.sample import generate
from lingbi_cli.store.fastread import read_records_fast
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.records import Records

INTEGRITY = list(rules.INTEGRITY)
START, END = dt.date(2018, 4, 1), dt.date(2020, 12, 31)


@pytest.fixture(scope="module")
def sample_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gen") / "sample"
    generate(folder, "sample")
    return folder


@pytest.fixture(scope="module")
def sample(sample_folder: Path) -> Records:
    return DataFolder(sample_folder).load()


def record_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_township_scale_passes_every_integrity_rule(tmp_path: Path) -> None:
    report = generate(tmp_path / "t", "township")
    records = DataFolder(tmp_path / "t").load()
    errors = [f for f in rules.run(records, only=INTEGRITY).findings if f.level is Level.error]
    assert errors == []
    assert len(records.townships) == 1
    assert 80 <= len(records.deputies) <= 120
    assert len(records.households) == 2000
    assert 250 <= len(records.pairings) <= 350
    assert 10_000 <= len(records.activities) <= 15_000
    assert report.counts["activity"] == len(records.activities)


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    generate(tmp_path / "a", "sample", seed=7)
    generate(tmp_path / "b", "sample", seed=7)
    generate(tmp_path / "c", "sample", seed=8)
    first = record_files(tmp_path / "a")
    assert len(first) > 150
    assert first == record_files(tmp_path / "b")
    other = record_files(tmp_path / "c")
    assert first.keys() & other.keys()
    assert any(first[name] != other.get(name) for name in first)


def test_files_are_utf8_lf_with_a_schema_line(sample_folder: Path) -> None:
    for name, data in record_files(sample_folder).items():
        if name in ("lingbi.yaml", ".gitignore"):
            continue
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data, name
        assert data.endswith(b"\n"), name
        first = data.decode("utf-8").splitlines()[0]
        depth = name.count("/")
        assert first.startswith(f"# yaml-language-server: $schema={'../' * depth}schemas/"), name


def test_files_are_written_as_the_store_writes_them(sample_folder: Path) -> None:
    """One line a field (so the fast reader takes every file), and lingbi.yaml's campaign is the
    calendar the generator's dates were drawn from."""
    for name, data in record_files(sample_folder).items():
        if name.endswith(".yaml") and name != "lingbi.yaml":
            assert read_records_fast(data.decode("utf-8")) is not None, name
    assert DataFolder(sample_folder).settings.campaign == Campaign()


def test_sample_deputies(sample: Records) -> None:
    deputies = list(sample.deputies.values())
    assert sorted(sample.townships) == ["chaoyang", "lingcheng", "yangtuan", "yinji", "yuji"]
    assert len(deputies) >= 40
    assert {level for d in deputies for level in d.levels} == set(models.DeputyLevel)
    assert any(len(d.levels) > 1 for d in deputies)
    assert {d.sector for d in deputies} == set(models.Sector)
    assert {d.employer for d in deputies} == set(models.EmployerType)
    assert {d.gender for d in deputies} == set(models.Gender)
    leaders = {d.id for d in deputies if d.committee_member}
    assert len(leaders) >= 2
    assert leaders == {lid for t in sample.townships.values() for lid in t.liaison}
    assert any(d.term_end is not None and START < d.term_end < END for d in deputies)
    assert any(START < d.term_start for d in deputies)


def test_sample_households_and_pairings(sample: Records) -> None:
    households = list(sample.households.values())
    assert len(households) >= 100
    assert {h.attribute for h in households} == set(models.PovertyAttribute)
    assert len({c for h in households for c in h.causes}) >= 8
    statuses = Counter(h.status for h in households)
    assert statuses.keys() == set(models.HouseholdStatus)
    assert 1 <= statuses[models.HouseholdStatus.relapsed] <= 2
    # every exit is dated within its household's years, and every relapse follows an exit
    for h in households:
        days = [c.date for c in h.status_history]
        assert days == sorted(days) and all(h.registered <= d.year <= 2020 for d in days)
        kinds = [c.status for c in h.status_history]
        assert kinds in ([], [models.HouseholdStatus.exited], [models.HouseholdStatus.exited, models.HouseholdStatus.relapsed])  # fmt: skip  # noqa: E501
    exits = [d for h in households for d in h.exits()]
    assert {d.year for d in exits} >= {2018, 2019, 2020}
    assert any(d.month <= 6 for d in exits) and any(d.month >= 9 for d in exits)
    pairings = list(sample.pairings.values())
    assert any(p.end is not None for p in pairings)
    for day in (dt.date(2018, 5, 1), dt.date(2019, 7, 1), dt.date(2020, 12, 31)):
        active = [d for d in sample.deputies.values() if d.active_on(day)]
        paired = Counter(p.deputy for p in pairings if p.active_on(day))
        late = {d.id for d in active if d.term_start > day - dt.timedelta(days=30)}
        assert all(1 <= paired[d.id] <= 3 for d in active if d.id not in late), day


def test_sample_activities(sample: Records) -> None:
    activities = list(sample.activities.values())
    assert 300 <= len(activities) <= 2500
    assert {a.kind for a in activities} == set(models.ActivityKind)
    months = {(a.township, a.date.year, a.date.month) for a in activities}
    assert len(months) == 5 * 33  # every township, every month from April 2018 to December 2020
    trips = [a for a in activities if a.kind is models.ActivityKind.trip]
    assert all(a.villages and len(a.deputies) >= 2 for a in trips)
    held = Counter((a.township, a.date.year) for a in trips)
    short = {key: n for key, n in held.items() if n < 3}
    assert len(held) == 15 and short == {("yuji", 2020): 2}  # the one deliberate shortfall


def test_sample_proposals_filings_awards(sample: Records) -> None:
    proposals = list(sample.proposals.values())
    assert any(p.assigned is None for p in proposals)  # just submitted
    assert any(p.assigned and not p.reply for p in proposals)  # assigned, never replied
    assert {p.result for p in proposals if p.reply} == set(models.ProposalResult)
    assert {p.satisfaction for p in proposals if p.reply} == {*models.Satisfaction, None}
    assert any(p.rehandled for p in proposals)
    filed = Counter((f.township, f.kind, f.period[:4]) for f in sample.filings.values())
    assert len(filed) == 5 * 5 * 3 and set(filed.values()) == {1}
    due = {
        models.FilingKind.plan: (3, 31),
        models.FilingKind.pairing_list: (3, 31),
        models.FilingKind.h1_report: (6, 20),
        models.FilingKind.h2_report: (12, 20),
        models.FilingKind.year_summary: (12, 20),
    }
    late = [
        f.id for f in sample.filings.values() if f.date > dt.date(int(f.period[:4]), *due[f.kind])
    ]
    assert late == ["yangtuan-f2019-03"]  # the one deliberately late report
    march = [
        f.date
        for f in sample.filings.values()
        if f.period == "2018" and f.kind is not models.FilingKind.year_summary
    ]
    assert all(dt.date(2018, 3, 22) <= day <= dt.date(2018, 3, 31) for day in march)
    awarded = {(a.year, a.category) for a in sample.awards.values()}
    assert awarded == {(y, c) for y in (2018, 2019) for c in models.AwardCategory}


def test_sample_falls_short_only_where_it_says(sample_folder: Path, sample: Records) -> None:
    report = generate(sample_folder.parent / "again", "sample")
    assert 4 <= len(report.deliberate) <= 7
    result = rules.run(sample)
    assert [f for f in result.findings if f.level is Level.error] == []
    warned = Counter(f.rule for f in result.findings if f.level is Level.warning)
    assert warned == {
        "regular-visits": 3,
        "report-filed": 1,
        "silent-deputy": 1,
        "proposal-reply": 1,
        "trips-per-year": 1,
    }
    assert [f.rule for f, _ in result.ignored] == ["first-meeting"]


def test_cli_refuses_a_non_empty_folder_without_force(tmp_path: Path, cli) -> None:
    target = tmp_path / "county"
    target.mkdir()
    (target / "notes.txt").write_text("手记", encoding="utf-8")
    refused = cli("generate", str(target))
    assert refused.exit_code == 2
    assert "--force" in refused.output
    done = cli("generate", str(target), "--scale", "sample", "--seed", "3", "--force")
    assert done.exit_code == 0, done.output
    assert "名代表" in done.output and "秒" in done.output
    assert (target / "notes.txt").exists() and (target / "county/townships.yaml").exists()
