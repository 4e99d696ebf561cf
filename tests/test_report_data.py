"""Reports as data: award rankings and the deputy record computed by hand, one date for every
part of a document, the default date, periods outside the campaign, blanks and ``--final``,
the township's own suffix, and problems written as prose."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from textwrap import dedent

import pytest
from conftest import TINY

from lingbi_cli import periods, reports
from lingbi_cli.errors import Finding, Level, UsageError
from lingbi_cli.reports import ReportKind, awards
from lingbi_cli.reports.problems import Voice, problems
from lingbi_cli.reports.render import render_markdown
from lingbi_cli.store.folder import DataFolder

JUNE = "townships/yangtuan/activities/2019-06.yaml"
JUNE_WORK = """
    - id: yangtuan-a201906-001
      date: 2019-06-03
      kind: 调研视察
      deputies: [yangtuan-d001, yangtuan-d002]
      participants: 2
      villages: [后湖村]
      summary: 视察后湖村道路
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
      summary: 谈心，了解孩子上学困难
"""
PROPOSALS = """
    - id: yangtuan-j2019-01
      type: 建议
      title: 关于修建后湖村生产路的建议
      lead: yangtuan-d002
      cosigners: [yangtuan-d001]
      date: 2019-03-10
      session: 闭会期间
      department: 县交通运输局
      assigned: 2019-03-20
      reply: 2019-06-20
      result: B
      satisfaction: 满意
"""


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")


@pytest.fixture
def records(folder):
    data = folder({JUNE: JUNE_WORK, "townships/yangtuan/proposals.yaml": PROPOSALS})
    loaded = DataFolder(data).load()
    assert loaded.findings == []
    return loaded


def make(records, kind, label, day, **who):
    return reports.make(records.folder, kind, periods.parse(label), date=day, **who)


def test_star_and_caring_rankings_counted_by_hand(records):
    made = make(records, ReportKind.year, "2019", dt.date(2020, 1, 15))
    ranked = {r.award: r for r in made.values["awards"]}
    star = ranked["扶贫之星"].table
    # 张伟: six-ones 3 (May 串门, June 捐资, June 谈心), exited 0, trips 2, signed 1
    # 李秀英: six-ones 2 (May 捐资, June 谈心), exited 1 (赵桂兰户, 2019), trips 2, signed 1
    # score = .4·pw/3 + .3·exited/1 + .2·trips/2 + .1·signed/1
    assert star.column("name") == ["李秀英", "张伟"]
    assert star.column("score") == [round(0.4 * 2 / 3 + 0.3 + 0.2 + 0.1, 3), 0.7]
    assert star.column("pairing_work") == [2, 3] and star.column("exited") == [1, 0]
    caring = ranked["爱心代表"].table
    assert caring.column("name") == ["张伟", "李秀英"]  # 1200.50 yuan against 500
    assert caring.column("donations") == [Decimal("1200.50"), Decimal("500.00")]
    assert ranked["先进单位"].table.column("name") == ["杨疃镇"]


def test_ranking_keeps_the_best_first_and_ties_in_order():
    def candidate(name, value):
        return awards.Candidate(name, "", {"x": value}, {"x": value})

    found = [candidate("甲", 1.0), candidate("乙", 3.0), candidate("丙", 3.0), candidate("丁", 0)]
    table = awards.ranking(
        "奖", found, {"x": 1.0}, {"x": ("指标", awards.ColumnKind.number, "")}, 3, "s"
    ).table
    assert table.column("name") == ["乙", "丙", "甲"]
    assert table.column("rank") == [1, 2, 3]
    assert table.column("score") == [1.0, 1.0, 0.333]


def test_a_township_summary_ranks_only_its_own_deputies(records):
    made = make(records, ReportKind.year, "2019", dt.date(2020, 1, 15), township="yangtuan")
    assert [r.award for r in made.values["awards"]] == [
        "先进单位（本镇在全县1个乡镇中的位次）",
        "扶贫之星",
        "爱心代表",
        "爱心人士",
    ]


def test_rankings_count_as_of_the_report_date(records):
    # on 2019-06-05 only the May work and the June trip are recorded: 李秀英's 500 yuan leads
    made = make(records, ReportKind.year, "2019", dt.date(2019, 6, 5))
    caring = next(r for r in made.values["awards"] if r.award == "爱心代表").table
    assert caring.column("name")[0] == "李秀英"
    assert caring.column("donations") == [Decimal("500.00"), Decimal(0)]


def test_deputy_record_as_of_its_date(records):
    early = make(records, ReportKind.deputy, "2019", dt.date(2019, 6, 11), deputy="yangtuan-d001")
    late = make(records, ReportKind.deputy, "2019", dt.date(2019, 12, 31), deputy="yangtuan-d001")
    assert len(early.tables["activities"].rows) == 4  # the 谈心 of 12 June is later
    assert len(late.tables["activities"].rows) == 5
    assert early.tables["proposals"].column("result") == ["尚未答复"]  # replied on 20 June
    assert late.tables["proposals"].column("result") == ["正在解决"]
    assert late.tables["proposals"].column("role") == ["附议"]
    joint = late.tables["activities"].rows[-1]
    assert joint[-1] == "李秀英"  # the co-deputy by name, never an id
    text = render_markdown(late)
    assert "yangtuan-" not in text and "| 6月12日 | 谈心 |" in text


def test_default_date_is_the_filing_deadline(records, monkeypatch):
    made = reports.make(
        records.folder, ReportKind.half, periods.parse("2019H1"), township="yangtuan"
    )
    assert made.date == dt.date(2019, 6, 20)
    made = reports.make(records.folder, ReportKind.year, periods.year(2019))
    assert made.date == dt.date(2019, 12, 20)
    made = reports.make(
        records.folder, ReportKind.deputy, periods.year(2019), deputy="yangtuan-d001"
    )
    assert made.date == dt.date(2019, 12, 31)
    monkeypatch.setenv("LINGBI_TODAY", "2019-05-02")  # before the deadline: today
    made = reports.make(
        records.folder, ReportKind.half, periods.parse("2019H1"), township="yangtuan"
    )
    assert made.date == dt.date(2019, 5, 2)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--half", "2021H1"], "2021年上半年不在活动期间"),
        (["--year", "2017"], "2017年不在活动期间"),
        (["--half", "2019H1", "--date", "2021-02-01"], "晚于今天"),
        (["--half", "2019H2", "--date", "2019-06-01"], "早于2019年下半年的开始"),
    ],
)
def test_periods_outside_the_campaign_and_impossible_dates_are_refused(tiny, cli, args, words):
    result = cli("--data", str(tiny), "report", *args)
    assert result.exit_code == 2
    assert words in result.stderr and "Traceback" not in result.output


def test_2018_h1_is_inside_the_campaign(tiny, cli):
    result = cli("--data", str(tiny), "report", "--half", "2018H1")
    assert result.exit_code == 0, result.output
    assert "2018年6月20日" in result.stdout


def test_missing_next_steps_is_a_visible_blank_and_final_refuses(tiny, cli, tmp_path):
    args = ["--data", str(tiny), "report", "--half", "2019H1", "--township", "杨疃镇"]
    draft = cli(*args)
    assert draft.exit_code == 0
    assert "【待填写：下一步打算】" in draft.stdout
    assert "notes/yangtuan/2019H1.md" in draft.stderr  # what is missing, and where it goes
    final = cli(*args, "--final", "-o", str(tmp_path / "out.md"))
    assert final.exit_code == 1 and "待填写" in final.stderr
    assert not (tmp_path / "out.md").exists()
    notes = tiny / "notes" / "yangtuan" / "2019H1.md"
    notes.parent.mkdir(parents=True)
    notes.write_text("继续抓好结对帮扶。\n", encoding="utf-8")
    final = cli(*args, "--final", "-o", str(tmp_path / "out.md"))
    assert final.exit_code == 0, final.output
    assert "待填写" not in (tmp_path / "out.md").read_text(encoding="utf-8")


def test_letterhead_and_imprint_from_the_settings(folder, cli):
    settings = dedent(TINY["lingbi.yaml"]) + dedent(
        """
        report:
          documents:
            yangtuan:
              mark: 杨疃镇人大主席团文件
              code: 杨人
              cc: 县人大常委会代表工作委员会
        """
    )
    data = folder({"lingbi.yaml": settings})
    assert DataFolder(data).settings.report.documents["yangtuan"].code == "杨人"
    args = ["--data", str(data), "report", "--half", "2019H1", "-t", "yangtuan"]
    numbered = cli(*args, "--number", "5").stdout
    assert numbered.startswith("杨疃镇人大主席团文件\n\n杨人〔2019〕5号\n\n# 杨疃镇人大主席团关于")
    assert numbered.endswith(
        "抄送：县人大常委会代表工作委员会。\n\n杨疃镇人大主席团　　2019年6月20日印发\n"
    )
    unnumbered = cli(*args)
    assert "【待填写：发文字号】" in unnumbered.stdout and "--number" in unnumbered.stderr


def test_a_township_calls_itself_by_its_own_suffix(folder):
    townships = TINY["county/townships.yaml"].replace("杨疃镇", "杨疃乡")
    records = DataFolder(folder({"county/townships.yaml": townships})).load()
    made = make(records, ReportKind.half, "2019H1", dt.date(2019, 7, 1), township="yangtuan")
    text = render_markdown(made)
    assert "全乡各级人大代表" in text and "镇" not in text.replace("乡镇", "")


def finding(rule, record, file="townships/yangtuan/pairings.yaml", **facts):
    """A finding as a rule makes it; its message is the checker's and must not be what the
    report words (so it is a placeholder here)."""
    return Finding(rule, Level.warning, file, 1, 1, "（检查的文字）", "", record, facts)


def test_problems_are_prose_naming_people(records):
    D = dt.date.fromisoformat
    found = [
        finding("regular-visits", "yangtuan-p0001", period="2019Q3"),
        finding("regular-visits", "yangtuan-p0001", period="2019Q4"),
        finding("silent-deputy", "yangtuan-d001", period="2019H2"),
        finding("silent-deputy", "yangtuan-d002", period="2019H2"),
        finding(
            "report-filed",
            "yangtuan",
            "county/townships.yaml",
            kind="下半年报告",
            period="2019H2",
            due=D("2019-12-20"),
            filed=None,
        ),
        finding("household-exit", "yangtuan-h0001", year=2019),
    ]
    clauses = {"regular-visits": "§2.3(3)", "silent-deputy": "§3.2", "report-filed": "§3.2"}
    h2 = problems(found, Voice(records, "yangtuan"), periods.parse("2019H2"), clauses)
    assert [(p.heading, p.clause, p.sentences) for p in h2] == [
        (
            "个别结对户没有得到定期走访",
            "《实施意见》第二部分第三条",
            ["代表张伟结对的王建国户2019年第三季度、第四季度没有走访记录。"],
        ),
        (
            "活动情况书面报告没有按时报送",
            "《实施意见》第三部分第二条",
            ["我镇2019年下半年活动情况书面报告应于2019年12月20日前报送，截至本报告日期尚未报送。"],
        ),
        (
            "个别代表半年内没有参加活动",
            "《实施意见》第三部分第二条",
            ["代表张伟、李秀英2019年下半年没有参加任何活动。"],
        ),
    ]  # the year-end exit belongs to the year's summary, not to the half-year's report
    year = problems(found, Voice(records), periods.year(2019), clauses)
    assert year[-1].sentences == ["结对户王建国户2019年底仍未脱贫。"]
    assert "杨疃镇2019年下半年" in year[1].sentences[0]  # the county names the township


def test_outside_an_operating_campaign_make_refuses_with_usage_error(records):
    with pytest.raises(UsageError, match="不在活动期间"):
        reports.make(records.folder, ReportKind.county, periods.parse("2017H2"))
