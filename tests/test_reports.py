"""Report figures and rankings counted by hand on small folders, as data; one date for the whole
document; periods outside the campaign refused; blanks; templates sandboxed; text escaped."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from textwrap import dedent

import pytest
from conftest import TINY

from lingbi_cli import periods, reports
from lingbi_cli.reports import ReportKind
from lingbi_cli.reports.figures import compute
from lingbi_cli.reports.render import TemplateProblem, render_markdown
from lingbi_cli.store.folder import DataFolder

DEPUTIES = "townships/yangtuan/deputies.yaml"
PAIRINGS = "townships/yangtuan/pairings.yaml"
JUNE = "townships/yangtuan/activities/2019-06.yaml"
DAY = dt.date(2020, 1, 15)

# A third deputy who left on 2019-03-31, with a pairing that ended then, and June's work:
# a joint trip by three deputies (two outsiders came too), a donation, a talk.
LEAVER = """
    - id: yangtuan-d003
      name: 周明
      gender: 男
      levels: [乡, 县]
      district: 第二选区
      sector: 企业
      employer: 企业
      term_start: 2016-11-20
      term_end: 2019-03-31
"""
ENDED = """
    - id: yangtuan-p0003
      deputy: yangtuan-d003
      household: yangtuan-h0003
      start: 2018-03-25
      end: 2019-03-31
      end_reason: 代表任期结束
      chosen_by: 乡镇推荐
"""
JUNE_WORK = """
    - id: yangtuan-a201906-001
      date: 2019-06-03
      kind: 调研视察
      deputies: [yangtuan-d001, yangtuan-d002]
      participants: 2
      villages: [后湖村]
      summary: 视察后湖村道路 | 排水
    - id: yangtuan-a201906-002
      date: 2019-06-10
      kind: 捐资
      deputies: [yangtuan-d001]
      household: yangtuan-h0001
      amount: 1200.50
      summary: 捐助医药费
    - id: yangtuan-a201906-003
      date: 2019-06-12
      kind: 谈心
      deputies: [yangtuan-d001, yangtuan-d002]
      household: yangtuan-h0001
      summary: '# 谈心，了解*孩子*上学困难'
"""


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")


def make(records, kind, label, township=None, deputy=None, day=DAY):
    period = periods.parse(label)
    return reports.make(records.folder, kind, period, township=township, deputy=deputy, date=day)


@pytest.fixture
def records(folder):
    data = folder(
        {
            DEPUTIES: dedent(TINY[DEPUTIES]) + dedent(LEAVER),
            PAIRINGS: dedent(TINY[PAIRINGS]) + dedent(ENDED),
            JUNE: JUNE_WORK,
        }
    )
    loaded = DataFolder(data).load()
    assert loaded.findings == []
    return loaded


def test_figures_counted_by_hand(records):
    h1 = periods.parse("2019H1")
    f = compute(records, h1, ["yangtuan"])["yangtuan"]
    # in office in 2019H1: d001, d002, and d003 until 31 March → 3; all three?  d003 did
    # nothing in 2019 → 2 took part.
    assert f.value("deputies") == 3 and f.value("taking_part") == 2
    assert f.value("participation") == round(100 * 2 / 3, 1)
    # pairings active on some day of H1: p0001, p0002, and p0003 (ended 31 March) → 3
    assert f.value("pairings") == 3 and f.value("households") == 3
    # six ones in H1: May 串门 (1 deputy) + May 捐资 (1) + June 捐资 (1) + June 谈心 (2):
    # 4 activities, 5 person-times; the kinds count activities, so they add up to the 4
    assert f.value("pairing_activities") == 4 and f.value("pairing_work") == 5
    assert (f.value("visit"), f.value("donation"), f.value("talk")) == (1, 2, 1)
    # trips: May (2 deputies) and June (2 deputies + 2 others) → 2 trips; person-times count
    # deputies (2 + 2), the others apart
    assert f.value("trips") == 2 and f.value("trip_person_times") == 4
    assert f.value("trip_others") == 2
    assert f.value("donations") == Decimal("500.00") + Decimal("1200.50")
    # h0002 left poverty in 2019, written the old way (exit_year: read as 31 December): not in
    # H1, once in H2 and in the year; health causes: h0001 因病, h0002 因残 → 2
    assert f.value("exited") == 0 and f.value("health") == 2
    for later in ("2019H2", "2019"):
        assert compute(records, periods.parse(later), ["yangtuan"])["yangtuan"].count("exited") == 1
    assert f.value("satisfaction") is None  # no proposal: no rate, not 0 %


def test_joint_activity_counts_once_as_activity_and_per_deputy_as_person_times(records):
    june = periods.Period("2019-06", dt.date(2019, 6, 1), dt.date(2019, 6, 30))
    f = compute(records, june, ["yangtuan"])["yangtuan"]
    assert f.value("talk") == 1  # one 谈心 activity …
    assert f.value("pairing_work") == 1 + 2  # … the 捐资 by one deputy plus 谈心 by two
    assert [r.id for r in f["pairing_work"].sources] == [
        "yangtuan-a201906-002",
        "yangtuan-a201906-003",
    ]


def test_ended_pairing_and_leaver_are_not_counted_after_they_end(records):
    h2 = periods.parse("2019H2")
    f = compute(records, h2, ["yangtuan"])["yangtuan"]
    assert f.value("deputies") == 2 and f.value("pairings") == 2
    assert [r.deputy.id for r in f.deputy_rows()] == ["yangtuan-d001", "yangtuan-d002"]


def test_county_total_equals_township_when_there_is_one(records):
    h1 = periods.parse("2019H1")
    both = compute(records, h1, ["yangtuan", None])
    for key in ("deputies", "pairing_work", "trips", "donations", "households"):
        assert both[None].value(key) == both["yangtuan"].value(key)


def test_deputy_rows_credit_donations_to_the_first_deputy(records):
    f = compute(records, periods.parse("2019H1"), ["yangtuan"])["yangtuan"]
    rows = {r.deputy.id: r for r in f.deputy_rows()}
    assert rows["yangtuan-d001"].donations == Decimal("1200.50")
    assert rows["yangtuan-d002"].donations == Decimal("500.00")
    assert rows["yangtuan-d001"].trips == 2 and rows["yangtuan-d002"].trips == 2
    # the rows break the body's figures down: their sums are the figures
    assert sum(r.pairing_work for r in rows.values()) == f.value("pairing_work")
    assert sum(r.trips for r in rows.values()) == f.value("trip_person_times")
    assert sum(r.donations for r in rows.values()) == f.value("donations")


def test_record_text_is_escaped_so_tables_hold(records):
    made = make(records, ReportKind.deputy, "2019", deputy="yangtuan-d001")
    text = render_markdown(made)
    row = next(line for line in text.splitlines() if "视察后湖村道路" in line)
    assert "视察后湖村道路 \\| 排水" in row
    assert len(re.findall(r"(?<!\\)\|", row)) == 6  # five cells: the record's | is escaped
    assert "\\# 谈心，了解\\*孩子\\*上学困难" in text


def test_half_report_shows_the_figures(records):
    made = make(records, ReportKind.half, "2019H1", township="yangtuan")
    text = render_markdown(made)
    assert text.startswith(
        "# 杨疃镇人大主席团关于2019年上半年“脱贫攻坚——人大代表在行动”活动开展情况的报告\n"
    )
    assert "参与率66.7%" in text and "入户开展“六个一”帮扶4次、5人次" in text
    assert "其中串门1次、谈心1次、捐资2次。" in text  # the kinds add up to the 4; none of 0
    assert "代表捐资捐物1700.5元。" in text  # no 引进资金 0, no 就业岗位 0
    assert "代表参加4人次，另有其他人员2人次参加" in text
    assert "| 1 | 张伟 | 县 | 干部 | 1 |" in text
    assert "\n杨疃镇人大主席团\n\n2020年1月15日\n" in text


def test_notes_file_becomes_next_steps(records):
    notes = records.folder.path / "notes" / "yangtuan" / "2019H1.md"
    notes.parent.mkdir(parents=True)
    notes.write_text("一是继续抓好结对帮扶。\n\n二是**组织**代表视察饮水工程。\n", encoding="utf-8")
    made = make(records, ReportKind.half, "2019H1", township="yangtuan")
    assert made.blanks == []
    text = render_markdown(made)
    next_steps = text.split("## 九、下一步打算")[1]
    assert "一是继续抓好结对帮扶。" in next_steps and "二是**组织**代表" in next_steps


@pytest.mark.parametrize(
    "hostile",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ title.__class__.__init__.__globals__ }}",
        "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    ],
)
def test_hostile_template_is_refused(records, tmp_path, hostile):
    template = tmp_path / "evil.md.j2"
    template.write_text(hostile, encoding="utf-8")
    made = make(records, ReportKind.half, "2019H1", township="yangtuan")
    with pytest.raises(TemplateProblem, match="不允许"):
        render_markdown(made, override=template)


def test_user_template_in_the_data_folder_wins(records, cli):
    folder: Path = records.folder.path
    (folder / "templates").mkdir()
    (folder / "templates" / "half.md.j2").write_text(
        "# {{ title }}\n自定义：{{ f.trips }}\n", encoding="utf-8"
    )
    result = cli(
        "--data",
        str(folder),
        "report",
        "--half",
        "2019H1",
        "--township",
        "杨疃镇",
        "--date",
        "2020-01-15",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("自定义：2\n")


def test_a_template_edited_between_two_reports_is_used_as_edited(
    records, cli, tmp_path, monkeypatch
):
    """Compiled templates are kept between runs (Jinja's bytecode cache) by their text."""
    from lingbi_cli.reports import render

    kept = tmp_path / "compiled"
    kept.mkdir()
    monkeypatch.setattr(render, "_compiled", lambda: render._Compiled(str(kept)))
    folder: Path = records.folder.path
    (folder / "templates").mkdir()
    template = folder / "templates" / "half.md.j2"
    args = ["--data", str(folder), "report", "--half", "2019H1", "--township", "杨疃镇"]
    for words in ("自定义", "另一个", "自定义"):  # the same size each time
        template.write_text(f"# {{{{ title }}}}\n{words}：{{{{ f.trips }}}}\n", encoding="utf-8")
        result = cli(*args, "--date", "2020-01-15")
        assert result.exit_code == 0, result.output
        assert result.stdout.endswith(f"{words}：2\n")
    assert len(list(kept.iterdir())) == 1  # one per template, made again when its text changed


def test_broken_template_exits_2_with_its_place(records, cli, tmp_path):
    bad = tmp_path / "bad.md.j2"
    bad.write_text("# {{ title }\n", encoding="utf-8")
    result = cli(
        "--data", str(records.folder.path), "report", "--half", "2019H1", "--template", str(bad)
    )
    assert result.exit_code == 2 and "bad.md.j2" in result.stderr


def test_explain_lists_the_records_behind_a_figure(records, cli):
    result = cli(
        "--data",
        str(records.folder.path),
        "report",
        "--half",
        "2019H1",
        "--township",
        "yangtuan",
        "--explain",
        "trip_person_times",
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "4 人次" in lines[0] and "2 条记录" in lines[0]
    assert any("yangtuan-a201906-001" in line and "2019-06.yaml:1" in line for line in lines)


ID_OR_PHONE = re.compile(r"(?<!\d)(\d{17}[\dXx]|1[3-9]\d{9})(?!\d)")


def test_no_id_number_or_phone_in_any_report(records):
    texts = [
        render_markdown(make(records, ReportKind.half, "2019H1", township="yangtuan")),
        render_markdown(make(records, ReportKind.county, "2019H1")),
        render_markdown(make(records, ReportKind.year, "2019", township="yangtuan")),
        render_markdown(make(records, ReportKind.year, "2019")),
        render_markdown(make(records, ReportKind.deputy, "2019", deputy="yangtuan-d001")),
    ]
    for text in texts:
        assert not ID_OR_PHONE.search(text)
        # health causes appear only in the total's sentence, never next to a household
        assert text.count("因病") == text.count("因病、因残致贫的共")


def test_explain_does_not_itemise_health_causes(records, cli):
    result = cli(
        "--data", str(records.folder.path), "report", "--half", "2019H1", "--explain", "health"
    )
    assert result.exit_code == 2 and "只报总数" in result.stderr
    assert "yangtuan-h0001" not in result.output


def test_record_errors_and_personal_values_stay_out_of_reports(folder, cli):
    households = "townships/yangtuan/households.yaml"
    text = (
        TINY[households]
        .replace("causes: [因病, 缺技术]", "causes: [因病（尿毒症）]")
        .replace("34132319650315013X", "341323197013300011")
    )
    data = folder({households: text})
    check = cli("--data", str(data), "check")
    assert check.exit_code == 1
    assert "尿毒症" not in check.stdout and "19701330" not in check.stdout
    report = cli(
        "--data",
        str(data),
        "report",
        "--half",
        "2019H1",
        "--township",
        "yangtuan",
        "--date",
        "2020-01-15",
    )
    assert report.exit_code == 0, report.output
    assert "尿毒症" not in report.stdout and "身份证" not in report.stdout


def test_figures_count_what_was_recorded_by_the_report_date(folder):
    proposals = """
        - id: yangtuan-j2019-01
          type: 建议
          title: 关于修建后湖村生产路的建议
          lead: yangtuan-d002
          date: 2019-03-10
          session: 闭会期间
          department: 县交通运输局
          assigned: 2019-03-20
          reply: 2019-06-20
          result: B
          satisfaction: 满意
    """
    records = DataFolder(folder({"townships/yangtuan/proposals.yaml": proposals})).load()
    h1 = periods.parse("2019H1")
    early = compute(records, h1, ["yangtuan"], as_of=dt.date(2019, 6, 10))["yangtuan"]
    late = compute(records, h1, ["yangtuan"], as_of=dt.date(2019, 6, 30))["yangtuan"]
    assert (early.value("proposals"), early.value("replied")) == (1, 0)
    assert (late.value("proposals"), late.value("replied")) == (1, 1)
    # the May activities exist on both days; a report dated in May sees only part of them
    may = compute(records, h1, ["yangtuan"], as_of=dt.date(2019, 5, 10))["yangtuan"]
    assert may.value("pairing_work") == 1 and late.value("pairing_work") == 2


def test_the_county_report_explains_a_figure_from_every_record(records, cli):
    """The county's report is summed from each township's work kept, which holds no records:
    ``--explain`` lists them from the records (as many as the report's figure)."""
    folder = records.folder.path
    made = reports.make(DataFolder(folder), ReportKind.county, periods.parse("2019H1"))
    for key in ("pairing_activities", "trips"):  # counts of records (not person-times)
        result = cli("--data", str(folder), "report", "--half", "2019H1", "--explain", key)
        assert result.exit_code == 0, result.output
        listed = result.stdout.splitlines()[1:]
        assert len(listed) == made.figures[None].count(key) > 0
