"""The bundled sample county: golden reports, the Word file, pair --auto, and a clean check.

Golden files are rewritten with ``LINGBI_UPDATE_GOLDEN=1 pytest tests/test_sample.py``; a
change to them is a change in what clerks file, to be read in the diff.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt

from lingbi_cli import models
from lingbi_cli.actions import pairing
from lingbi_cli.store.load import load

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


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["--township", "yangtuan"], "yangtuan-2019H1.md"),
        ([], "county-2019H1.md"),
    ],
)
def test_golden_half_year_reports(sample, cli, args, name):
    result = cli("--data", str(sample), "report", "--half", "2019H1", *args, "--date", "2019-07-05")
    assert result.exit_code == 0, result.output
    golden(name, result.stdout)


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
    assert header[:4] == ["序号", "姓名", "层级", "界别"]
    county = load(sample)
    deputies = sorted(d.id for d in county.deputies.values() if d.township == "yangtuan")
    assert len(table.rows) - 1 == len(deputies)
    first = county.deputies[deputies[0]]
    assert table.rows[1].cells[1].text == first.name
    text = "\n".join(p.text for p in document.paragraphs)
    assert not ID_OR_PHONE.search(text)


def test_no_id_number_or_phone_in_any_sample_report(sample, cli):
    county = load(sample)
    runs = [
        ["--half", "2019H1"],
        ["--half", "2020H2"],
        ["--year", "2019"],
        ["--year", "2019", "--township", "yinji"],
    ]
    runs += [["--year", "2019", "--deputy", d] for d in sorted(county.deputies)[:8]]
    runs += [["--half", "2019H1", "--township", t] for t in sorted(county.townships)]
    for args in runs:
        result = cli("--data", str(sample), "report", *args, "--date", "2021-01-15")
        assert result.exit_code == 0, (args, result.output)
        assert not ID_OR_PHONE.search(result.stdout), args
    ids = [h.id_number for h in county.households.values()]
    assert ids and all(ID_OR_PHONE.search(i) for i in ids)  # the pattern does catch them


def test_pair_auto_on_the_sample(sample, cli):
    households = sample / "townships/yuji/households.yaml"
    extra = "".join(
        f"- id: yuji-h09{n}\n  head: 新户{n}\n  id_number: '{number}'\n  village: {village}\n"
        f"  members: 3\n  attribute: 一般贫困户\n  causes: [缺资金]\n  registered: 2019\n"
        f"  source: 乡镇帮扶点\n"
        for n, number, village in (
            ("1", "341323198001010015", "虞姬村"),
            ("2", "341323198001010023", "虞姬村"),
            ("3", "341323198001010031", "其他村"),
        )
    )
    households.write_text(households.read_text(encoding="utf-8") + extra, encoding="utf-8")
    county = load(sample)
    import datetime as dt

    day = dt.date(2020, 6, 1)
    plans = [pairing.plan_auto(sample, "yuji", day) for _ in range(2)]
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
    county = load(sample)
    for deputy in county.deputies.values():
        open_now = [
            p for p in county.pairings.values() if p.deputy == deputy.id and p.active_on(day)
        ]
        assert len(open_now) <= 3, deputy.id
    for p in county.pairings.values():
        if p.start == day:
            deputy, household = county.deputies[p.deputy], county.households[p.household]
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
        for p in load(sample).pairings.values()
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
    # the county table, then one ranking per award (先进单位, 扶贫之星, 爱心代表)
    assert len(tables) == 4
    assert [t.rows[0].cells[0].text for t in tables[1:]] == ["名次"] * 3
    assert tables[1].rows[0].cells[-1].text == "得分"


def test_year_summary_tables_stand_apart_from_their_paragraphs(sample, cli):
    result = cli("--data", str(sample), "report", "--year", "2019", "--date", "2020-01-15")
    lines = result.stdout.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("| 名次")]
    assert len(starts) == 3
    assert all(lines[i - 1] == "" for i in starts)  # Markdown needs the blank line
