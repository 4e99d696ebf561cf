"""The bundled sample county: golden reports, the Word file, pair --auto, and a clean check.

Golden files are rewritten with ``LINGBI_UPDATE_GOLDEN=1 pytest tests/test_sample.py``; a
change to them is a change in what clerks file, to be read in the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt

from lingbi_cli import models, periods, reports
from lingbi_cli.actions import pairing
from lingbi_cli.reports import ReportKind
from lingbi_cli.reports.render import render_markdown
from lingbi_cli.store.folder import DataFolder

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
ID_OR_PHONE = re.compile(r"(?<![\d-])(\d{17}[\dXx]|1[3-9]\d{9})(?!\d)")


@pytest.fixture
def sample(tmp_path, monkeypatch) -> Path:
    """A copy of the sample (tests never write into data/), judged on a fixed day."""
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")
    target = tmp_path / "data"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".lingbi-cache"))
    return target


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("LINGBI_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {name}: run with LINGBI_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


KINDS = [  # every report kind of the sample, as a clerk would print it
    (["--half", "2019H1", "--township", "yangtuan", "--date", "2019-07-05"], "yangtuan-2019H1.md"),
    (["--half", "2019H1", "--date", "2019-07-05"], "county-2019H1.md"),
    (["--year", "2019", "--township", "yuji"], "yuji-2019.md"),
    (["--year", "2019", "--date", "2020-01-15"], "county-2019.md"),
    (["--year", "2019", "--deputy", "yinji-d010", "--date", "2020-01-15"], "yinji-d010-2019.md"),
    (["--deputy", "lingcheng-d006"], "lingcheng-d006-term.md"),
    (["--assess", "--year", "2019", "--township", "yangtuan"], "assess-yangtuan-2019.md"),
    (["--assess", "--year", "2019"], "assess-county-2019.md"),
    (["--list", "--year", "2019", "--township", "yangtuan"], "list-yangtuan-2019.md"),
]


@pytest.mark.parametrize(("args", "name"), KINDS)
def test_golden_reports(sample, cli, args, name):
    result = cli("--data", str(sample), "report", *args)
    assert result.exit_code == 0, result.output
    golden(name, result.stdout)


# What a filed document must never show (issue 11): record ids, the program, clause signs,
# settings files, period codes, Markdown comments or ASCII placeholders, ISO dates.
TOOL_TEXT = re.compile(
    r"[a-z]+-(?:[dhpajf]\d|j\d{4})|lingbi|§|yaml|\d{4}H[12]|<!--|\(\s*\)|\.\.\.|"
    r"\d{4}-\d{2}-\d{2}|TODO|TBD|notes/|[A-Za-z_]+\.[a-z]{2,4}\b|[a-z]+_[a-z]+"
)


def test_no_tool_text_in_any_report_kind(sample, cli):
    records = DataFolder(sample).load()
    runs = [args for args, _ in KINDS]
    runs += [["--half", "2020H2"], ["--year", "2020", "--township", "chaoyang"]]
    runs += [["--half", "2019H2", "--township", t] for t in sorted(records.townships)]
    runs += [["--year", "2020", "--deputy", d] for d in sorted(records.deputies)[::9]]
    for args in runs:
        result = cli("--data", str(sample), "report", *args)
        assert result.exit_code == 0, (args, result.output)
        found = TOOL_TEXT.findall(result.stdout)
        assert not found, (args, found)
        assert re.findall(r"[A-Za-z]{2,}", result.stdout) == [], args  # no English word at all
    assert TOOL_TEXT.search("结对 yinji-p0013：高山涛（yinji-d010）")  # the pattern does catch ids


DATES = ["2019-01-31", "2019-06-18", "2019-06-30", "2019-09-30", "2019-12-18", "2020-06-01"]


@pytest.mark.parametrize("day", DATES)
def test_body_tables_and_rankings_agree_on_any_date(sample, day):
    records = DataFolder(sample).load()
    date = dt.date.fromisoformat(day)
    for label in ("2019H1", "2019H2", "2019"):
        period = periods.parse(label)
        if date < period.start:
            continue
        kind = ReportKind.year if label == "2019" else ReportKind.half
        for township in records.townships:
            made = reports.make(records.folder, kind, period, township=township, date=date)
            f, table = made.values["f"], made.tables["deputies"]
            total = dict(zip((c.key for c in table.columns), table.total or (), strict=True))
            assert total["pairing_work"] == f["pairing_work"], (township, label)
            assert total["trips"] == f["trip_person_times"], (township, label)
            assert total["proposals"] == f["proposals"], (township, label)
            assert total["donations"] == f["donations"] and total["funds"] == f["funds"]
            text = render_markdown(made)
            assert (
                f"帮扶{f['pairing_activities']}次、{f['pairing_work']}人次" in text
                or not f["pairing_activities"]
            )
        made = reports.make(
            records.folder,
            ReportKind.year if label == "2019" else ReportKind.county,
            period,
            date=date,
        )
        table, f = made.tables["townships"], made.values["f"]
        keys = [c.key for c in table.columns]
        for key in ("deputies", "pairings", "pairing_work", "trips", "donations", "exited"):
            column = [row[keys.index(key)] for row in table.rows]
            assert sum(column) == f[key] == table.total[keys.index(key)], (key, label)  # type: ignore[index]
        if label == "2019":
            star = next(r for r in made.values["awards"] if r.award == "扶贫之星").table
            rows = {r.deputy.name: r for r in made.figures[None].deputy_rows()}
            for name, work in zip(star.column("name"), star.column("pairing_work"), strict=True):
                assert rows[str(name)].pairing_work == work  # the ranking counts as the table
            scores = star.column("score")
            assert scores == sorted(scores, reverse=True)


def test_the_county_lists_every_problem_its_townships_list(sample):
    records = DataFolder(sample).load()
    found = 0
    for label, day in (("2019H1", "2019-07-05"), ("2019", "2020-01-15")):
        period, date = periods.parse(label), dt.date.fromisoformat(day)
        kind = ReportKind.year if label == "2019" else ReportKind.half
        whole = reports.make(
            records.folder,
            ReportKind.year if label == "2019" else ReportKind.county,
            period,
            date=date,
        )
        listed = {p.heading: "".join(p.sentences) for p in whole.values["problems"]}
        people = {d.name for d in records.deputies.values()}
        people |= {h.head + "户" for h in records.households.values()}
        for township in records.townships:
            part = reports.make(records.folder, kind, period, township=township, date=date)
            for problem in part.values["problems"]:
                text = "".join(problem.sentences)
                named = {name for name in people if name in text}
                whole_text = listed[problem.heading]
                cut = re.search(r"等(\d+)户", whole_text)  # a long list is cut short: count it
                if cut:
                    assert int(cut[1]) >= len(named)
                else:
                    assert named <= {name for name in named if name in whole_text}
                found += len(named)
    assert found  # the sample's problems do name people


def test_reprinting_after_more_records_gives_the_same_bytes(sample, cli):
    runs = [args for args, _ in KINDS]
    before = [cli("--data", str(sample), "report", *args).stdout for args in runs]
    month = sample / "townships/yangtuan/activities/2020-02.yaml"
    later = (
        "- id: yangtuan-a202002-901\n  date: 2020-02-03\n  kind: 模范带头\n"
        "  deputies: [yangtuan-d001]\n  funds: 2330000\n  summary: 引进大额资金\n"
    )
    with month.open("a", encoding="utf-8") as out:
        out.write(later)
    filings = sample / "townships/yuji/filings.yaml"
    with filings.open("a", encoding="utf-8") as out:
        out.write("- id: yuji-f2020-99\n  kind: 活动方案\n  period: '2020'\n  date: 2020-03-01\n")
    assert DataFolder(sample).load().activities["yangtuan-a202002-901"].funds == 2330000
    after = [cli("--data", str(sample), "report", *args).stdout for args in runs]
    for args, old, new in zip(runs, before, after, strict=True):
        assert old == new, args


def test_sample_passes_every_integrity_rule_with_only_the_listed_warnings(sample, cli):
    result = cli("--data", str(sample), "check", "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["findings"]
    assert [f for f in found if f["level"] == "error"] == []
    warnings = sorted((f["rule"], f["record"]) for f in found if f["level"] == "warning")
    # the deliberate shortfalls listed in the README
    assert warnings == sorted(
        [
            ("trips-per-year", "yuji"),
            ("regular-visits", "chaoyang-p0003"),
            ("proposal-reply", "chaoyang-j2020-01"),
            ("report-filed", "yangtuan-f2019-03"),
            ("silent-deputy", "yinji-d010"),
            ("regular-visits", "yinji-p0013"),
            ("regular-visits", "yinji-p0013"),
        ]
    )


def test_word_report_of_the_sample(sample, cli, tmp_path):
    target = tmp_path / "杨疃镇.docx"
    result = cli(
        "--data",
        str(sample),
        "report",
        "--half",
        "2019H1",
        "--township",
        "杨疃镇",
        "--format",
        "docx",
        "-o",
        str(target),
        "--date",
        "2019-07-05",
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(str(target))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.top_margin - Mm(37)) < Mm(0.1)
    assert abs(section.left_margin - Mm(28)) < Mm(0.1)
    title = document.paragraphs[0]
    assert title.text.startswith("杨疃镇人大主席团关于2019年上半年")
    run = title.runs[0]
    assert run.font.size == Pt(22)
    fonts = run._element.rPr.rFonts
    assert (
        fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "方正小标宋简体"
    )
    table = document.tables[-1]  # the attached statistics table
    header = [cell.text for cell in table.rows[0].cells]
    assert [h.replace("\n", "") for h in header[:4]] == ["序号", "姓名", "代表层级", "界别"]
    records = DataFolder(sample).load()
    deputies = sorted(d.id for d in records.deputies.values() if d.township == "yangtuan")
    assert len(table.rows) - 2 == len(deputies)  # a header row and a total row
    first = records.deputies[deputies[0]]
    assert table.rows[1].cells[1].text == first.name
    text = "\n".join(p.text for p in document.paragraphs)
    assert not ID_OR_PHONE.search(text)


def test_no_id_number_or_phone_in_any_sample_report(sample, cli):
    records = DataFolder(sample).load()
    runs = [
        ["--half", "2019H1"],
        ["--half", "2020H2"],
        ["--year", "2019"],
        ["--year", "2019", "--township", "yinji"],
    ]
    runs += [["--year", "2019", "--deputy", d] for d in sorted(records.deputies)[:8]]
    runs += [["--half", "2019H1", "--township", t] for t in sorted(records.townships)]
    for args in runs:
        result = cli("--data", str(sample), "report", *args, "--date", "2021-01-15")
        assert result.exit_code == 0, (args, result.output)
        assert not ID_OR_PHONE.search(result.stdout), args
    ids = [h.id_number for h in records.households.values()]
    assert ids and all(ID_OR_PHONE.search(i) for i in ids)  # the pattern does catch them


def test_pair_auto_on_the_sample(sample, cli):
    households = sample / "townships/yuji/households.yaml"
    extra = "".join(
        f"- id: yuji-h09{n}\n  head: 新户{n}\n  id_number: '{number}'\n  village: {village}\n"
        f"  members: 3\n  attribute: 一般贫困户\n  causes: [缺资金]\n  registered: 2019\n"
        f"  source: 乡镇帮扶点\n"
        for n, number, village in (
            ("1", "341323198001010015", "魏楼村"),
            ("2", "341323198001010023", "魏楼村"),
            ("3", "341323198001010031", "邓寨村"),
        )
    )
    households.write_text(households.read_text(encoding="utf-8") + extra, encoding="utf-8")
    records = DataFolder(sample).load()
    import datetime as dt

    day = dt.date(2020, 6, 1)
    plans = [pairing.plan_auto(DataFolder(sample), "yuji", day) for _ in range(2)]
    first = [(p.deputy, p.household) for p in plans[0].pairings]
    assert first == [(p.deputy, p.household) for p in plans[1].pairings]  # deterministic
    placed = {h for _, h in first} | {h.id for h, _ in plans[0].unplaced}
    assert {"yuji-h091", "yuji-h092", "yuji-h093"} <= placed
    before = (sample / "townships/yuji/pairings.yaml").read_bytes()
    result = cli(
        "--data", str(sample), "pair", "--auto", "--township", "虞姬乡", "--date", "2020-06-01"
    )
    assert result.exit_code == 0, result.output
    assert (sample / "townships/yuji/pairings.yaml").read_bytes().startswith(before)
    records = DataFolder(sample).load()
    for deputy in records.deputies.values():
        open_now = [
            p for p in records.pairings.values() if p.deputy == deputy.id and p.active_on(day)
        ]
        assert len(open_now) <= 3, deputy.id
    for p in records.pairings.values():
        if p.start == day:
            deputy, household = records.deputies[p.deputy], records.households[p.household]
            assert deputy.township == "yuji"
            assert not deputy.employer.takes_unit_households
            assert household.source is models.HouseholdSource.township
    check = cli(
        "--data",
        str(sample),
        "check",
        "--rule",
        "household-source",
        "--rule",
        "pairs-per-deputy",
        "--format",
        "json",
    )
    assert json.loads(check.stdout)["findings"] == []


def test_stats_rows_add_up_to_the_county(sample, cli):
    result = cli("--data", str(sample), "stats", "--year", "2019", "--format", "json")
    assert result.exit_code == 0, result.output
    keys = ("pairings", "households", "pairing_work", "trips")
    rows = {r["name"]: [r[k] for k in keys] for r in json.loads(result.stdout)["rows"]}
    county = rows.pop("全县")
    assert set(rows) == {"灵城镇", "杨疃镇", "尹集镇", "朝阳镇", "虞姬乡"}
    # pairings, households, pairing person-times and trips belong to exactly one township
    assert [sum(r[i] for r in rows.values()) for i in range(4)] == county
    assert county[0] == sum(
        1
        for p in DataFolder(sample).load().pairings.values()
        if p.start.year <= 2019 and (p.end is None or p.end.year >= 2019)
    )


def test_year_summary_in_word_has_the_award_tables(sample, cli, tmp_path):
    target = tmp_path / "2019.docx"
    result = cli(
        "--data",
        str(sample),
        "report",
        "--year",
        "2019",
        "--format",
        "docx",
        "-o",
        str(target),
        "--date",
        "2020-01-15",
    )
    assert result.exit_code == 0, result.output
    tables = docx.Document(str(target)).tables
    # the county table, then one ranking per award (先进单位, 扶贫之星, 爱心代表, 爱心人士)
    assert len(tables) == 5
    assert [t.rows[0].cells[0].text for t in tables[1:]] == ["名次"] * 4
    assert tables[1].rows[0].cells[-1].text == "得分"


def test_year_summary_tables_stand_apart_from_their_paragraphs(sample, cli):
    result = cli("--data", str(sample), "report", "--year", "2019", "--date", "2020-01-15")
    lines = result.stdout.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("| 名次")]
    assert len(starts) == 4
    assert all(lines[i - 1] == "" for i in starts)  # Markdown needs the blank line
