"""The deputy assessment and the pairing list, counted by hand on the tiny county plus a few
records; scores from the settings, grade bands at their edges, ties ranked stably."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from textwrap import dedent

import pytest
from conftest import TINY

from lingbi_cli import periods, reports
from lingbi_cli.errors import Finding, Level
from lingbi_cli.reports import ReportKind
from lingbi_cli.reports.assess import assess
from lingbi_cli.reports.render import render_markdown
from lingbi_cli.store.folder import DataFolder

DEPUTIES = "townships/yangtuan/deputies.yaml"
# A deputy who left at the end of 2018: not assessed for 2019.
GONE = """
    - id: yangtuan-d003
      name: 周明
      gender: 男
      levels: [乡]
      district: 第二选区
      sector: 企业
      employer: 企业
      term_start: 2016-11-20
      term_end: 2018-12-31
"""
SEPTEMBER = """
    - id: yangtuan-a201909-001
      date: 2019-09-10
      kind: 谈心
      deputies: [yangtuan-d002]
      household: yangtuan-h0002
      summary: 谈心
    - id: yangtuan-a201909-002
      date: 2019-09-15
      kind: 模范带头
      deputies: [yangtuan-d001, yangtuan-d002]
      funds: 50000
      projects: 2
      summary: 引进扶贫车间
    - id: yangtuan-a201909-003
      date: 2019-09-20
      kind: 宣传报道
      deputies: [yangtuan-d002]
      outlet: 网络
      summary: 报道李秀英帮扶事迹
"""
PROPOSALS = """
    - id: yangtuan-j2019-01
      type: 建议
      title: 关于修缮前庄村道路的建议
      lead: yangtuan-d001
      cosigners: [yangtuan-d002]
      date: 2019-06-01
      session: 闭会期间
"""
AWARDS = """
    - id: award-2019-01
      year: 2019
      category: 扶贫之星
      deputy: yangtuan-d002
      reason: 帮扶得力
    - id: award-2018-01
      year: 2018
      category: 爱心代表
      deputy: yangtuan-d001
      reason: 上一年的表彰，不计入2019年
"""
YEAR = periods.parse("2019")
DAY = dt.date(2019, 12, 31)


def finding(record: str, level: Level, rule: str = "first-meeting") -> Finding:
    return Finding(rule, level, "x.yaml", 1, 1, "没有按时见面", record=record)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")


@pytest.fixture
def records(folder):
    data = folder(
        {
            DEPUTIES: dedent(TINY[DEPUTIES]) + dedent(GONE),
            "townships/yangtuan/activities/2019-09.yaml": SEPTEMBER,
            "townships/yangtuan/proposals.yaml": PROPOSALS,
            "county/awards.yaml": AWARDS,
        }
    )
    loaded = DataFolder(data).load()
    assert loaded.findings == []
    return loaded


def test_components_and_scores_counted_by_hand(records):
    found = [
        finding("yangtuan-p0001", Level.warning),  # d001's pairing: one shortfall
        finding("yangtuan-d002", Level.info),  # info is no shortfall
        finding("yangtuan-p0002", Level.warning, "regular-visits"),  # measured as a component
    ]
    one, two = assess(records, YEAR, DAY, found)
    assert [a.deputy.id for a in (one, two)] == ["yangtuan-d002", "yangtuan-d001"]
    # d001: 1 household; paired all four quarters, a visit (串门 8 May) in Q2 only → 1/4;
    # six ones: that 串门 → 1; trip 28 May → 1; led the June proposal → 1, co-signed 0;
    # named first on September's 模范带头: ¥50,000 and 2 projects; no publicity.
    d1 = two
    assert (d1.households, d1.visited, d1.quarters, d1.six_ones, d1.trips) == (1, 1, 4, 1, 1)
    assert (d1.proposals_led, d1.proposals_signed, d1.publicity) == (1, 0, 0)
    assert (d1.funds, d1.projects, d1.shortfalls, d1.awards) == (Decimal(50000), 2, 1, [])
    # 15 + 20×¼ + 20×¼ + 15 + 10 + 0 + 5×½ + 5 + 0 = 57.5, less 2 for the shortfall
    assert d1.score == 55.5 and d1.grade == "不合格"
    # d002: 1 household; visit (谈心 10 Sep) in Q3 → 1/4; six ones: 捐资 20 May + 谈心 → 2;
    # trip → 1; co-signed 1; named second on the 模范带头 → no money; 1 story; 扶贫之星 2019
    # (the 2018 award is d001's and of another year).
    d2 = one
    assert (d2.households, d2.visited, d2.quarters, d2.six_ones, d2.trips) == (1, 1, 4, 2, 1)
    assert (d2.proposals_led, d2.proposals_signed, d2.publicity) == (0, 1, 1)
    assert (d2.funds, d2.projects, d2.shortfalls, d2.awards) == (Decimal(0), 0, 0, ["扶贫之星"])
    # 15 + 20×¼ + 20×½ + 15 + 0 + 5 + 0 + 0 + 5 = 55, plus 5 for the award = 60: 合格 (≥ 60)
    assert d2.score == 60.0 and d2.grade == "合格"
    assert (one.place, two.place) == (1, 2)


def test_quarters_not_over_count_only_once_visited(records):
    # As of 30 June: Q1 and Q2 are over; d001 visited in Q2 → 1/2. As of 5 May: only Q1 is
    # over and no visit yet in Q2 (the 串门 is on 8 May) → 0/1; as of 8 May, 1/2.
    d1 = {a.deputy.id: a for a in assess(records, YEAR, dt.date(2019, 6, 30), [])}["yangtuan-d001"]
    assert (d1.visited, d1.quarters) == (1, 2)
    may = {a.deputy.id: a for a in assess(records, YEAR, dt.date(2019, 5, 5), [])}
    assert (may["yangtuan-d001"].visited, may["yangtuan-d001"].quarters) == (0, 1)
    eighth = {a.deputy.id: a for a in assess(records, YEAR, dt.date(2019, 5, 8), [])}
    assert (eighth["yangtuan-d001"].visited, eighth["yangtuan-d001"].quarters) == (1, 2)


def test_the_leaver_is_assessed_only_for_the_years_in_office(records):
    assert "yangtuan-d003" not in {a.deputy.id for a in assess(records, YEAR, DAY, [])}
    y2018 = assess(records, periods.parse("2018"), dt.date(2018, 12, 31), [])
    assert "yangtuan-d003" in {a.deputy.id for a in y2018}


def test_ties_share_a_place_in_township_then_id_order(folder):
    weights = """
        county: 灵璧县
        report:
          assess:
            items:
              households: {weight: 100, target: 1}
    """
    townships = dedent(TINY["county/townships.yaml"]) + dedent(
        """
        - id: chaoyang
          name: 朝阳镇
        """
    )
    # chaoyang listed after yangtuan; its deputy, paired too, ties with both yangtuan ones
    other = """
        - id: chaoyang-d001
          name: 孙强
          gender: 男
          levels: [乡]
          district: 第一选区
          sector: 企业
          employer: 企业
          term_start: 2016-11-20
    """
    households = """
        - id: chaoyang-h0001
          head: 钱多
          id_number: '341323197207080039'
          village: 蒋湖村
          members: 3
          attribute: 一般贫困户
          causes: [缺资金]
          registered: 2017
          source: 乡镇帮扶点
    """
    pairings = """
        - id: chaoyang-p0001
          deputy: chaoyang-d001
          household: chaoyang-h0001
          start: 2018-03-25
          chosen_by: 乡镇推荐
    """
    data = folder(
        {
            "lingbi.yaml": weights,
            "county/townships.yaml": townships,
            "townships/chaoyang/deputies.yaml": other,
            "townships/chaoyang/households.yaml": households,
            "townships/chaoyang/pairings.yaml": pairings,
        }
    )
    records = DataFolder(data).load()
    for _ in range(2):  # the same order every time
        ranked = assess(records, YEAR, DAY, [])
        assert [(a.place, a.deputy.id, a.score) for a in ranked] == [
            (1, "yangtuan-d001", 100.0),
            (1, "yangtuan-d002", 100.0),
            (1, "chaoyang-d001", 100.0),
        ]
    only = assess(records, YEAR, DAY, [], township="chaoyang")
    assert [a.deputy.id for a in only] == ["chaoyang-d001"]


def test_unknown_component_in_settings_is_a_config_error(folder):
    data = folder(
        {"lingbi.yaml": "report:\n  assess:\n    items:\n      hugs: {weight: 1, target: 1}\n"}
    )
    records = DataFolder(data).load()
    from lingbi_cli.errors import ConfigError

    with pytest.raises(ConfigError, match="hugs"):
        assess(records, YEAR, DAY, [])


def test_bands_without_a_floor_are_refused(folder, cli):
    data = folder({"lingbi.yaml": "report:\n  assess:\n    bands:\n      - {grade: 好, min: 50}\n"})
    result = cli("--data", str(data), "report", "--assess", "--year", "2019")
    assert result.exit_code == 2
    assert "min 应为 0" in result.output


def test_assessment_report_prints_method_grades_and_table(records):
    made = reports.make(records.folder, ReportKind.assess, YEAR, township="yangtuan")
    text = render_markdown(made)
    assert "结对户15分（1户）" in text and "引进资金5分（10万元）" in text
    assert "优秀（90分以上）、良好（75分以上）、合格（60分以上）、不合格（60分以下）" in text
    # The campaign rules run (the report checks them whatever lingbi.yaml selects): the only
    # warnings about the two are regular-visits', which the visit component measures already
    # (the township's filings and trips are the presidium's, not a deputy's) → no shortfall.
    rows = [line for line in text.splitlines() if line.startswith("| ") and "名次" not in line][1:]
    assert rows == [
        "| 1 | 李秀英 | 基层农民 | 1 | 1/4 | 2 | 1 | 0 | 1 | 0 | 0 | 1 | 0 | 扶贫之星 | 60.0 | 合格 |",  # noqa: E501
        "| 2 | 张伟 | 干部 | 1 | 1/4 | 1 | 1 | 1 | 0 | 50000 | 2 | 0 | 0 |  | 57.5 | 不合格 |",
    ]
    assert "合格1名，不合格1名。" in text


def test_assessment_as_a_workbook(records, cli, tmp_path):
    import openpyxl

    target = tmp_path / "考核.xlsx"
    data = str(records.folder.path)
    result = cli(
        "--data", data, "report", "--assess", "--year", "2019", "-f", "xlsx", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target).active
    # the sheet's title names the table, then the document and its date
    assert sheet["A1"].value.startswith("代表履职考核情况表（")
    assert sheet["A1"].value.endswith("截至2019年12月31日）")
    assert [c.value for c in sheet[2]][:3] == ["名次", "姓名", "乡镇"]
    assert [c.value for c in sheet[3]][:3] == [1, "李秀英", "杨疃镇"]
    assert sheet.cell(4, 11).value == 50000  # d001's funds, as a number of yuan


def test_whole_term_record_has_resources_and_awards(records, cli):
    result = cli("--data", str(records.folder.path), "report", "--deputy", "张伟")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# 代表张伟任期内“脱贫攻坚——人大代表在行动”履职档案")
    assert "档案期间：2018年4月1日至2020年12月31日" in text
    assert "任期内引进资金5万元，引进项目2个。" in text
    assert "获得县人大常委会表彰：2018年度爱心代表。" in text
    assert "| 2019.5.8 | 串门 |" in text  # dates of a term carry their year


def test_pairing_list_by_district_counted_by_hand(records):
    made = reports.make(records.folder, ReportKind.roster, YEAR, township="yangtuan")
    assert made.date == dt.date(2019, 3, 31)  # the plan deadline
    text = render_markdown(made)
    # on 31 March 2019: d001 (第一选区) and d002 (第三选区) in office, d003 gone; one household each
    assert "杨疃镇2个选区在任的各级人大代表2名，结对联系贫困户2户。" in text
    rows = [line for line in text.splitlines() if line.startswith("| ")][2:]
    assert rows == [
        "| 第一选区 | 1 | 张伟 | 县 | 干部 | 县教育局 | 王建国 | 前庄村 | "
        "341323\\*\\*\\*\\*\\*\\*\\*\\*013X | 单位帮扶户 | 2018.3.25 |",
        "| 第三选区 | 1 | 李秀英 | 乡 | 基层农民 | 农村 | 赵桂兰 | 后湖村 | "
        "341323\\*\\*\\*\\*\\*\\*\\*\\*0026 | 乡镇帮扶点 | 2018.3.25 |",
    ]
    assert "34132319650315013X" not in text and "yangtuan" not in text


def test_pairing_list_shows_an_unpaired_deputy_and_needs_a_township(records, cli):
    pairings = records.folder.path / "townships/yangtuan/pairings.yaml"
    text = pairings.read_text(encoding="utf-8")
    pairings.write_text(text.split("- id: yangtuan-p0002")[0], encoding="utf-8")
    made = reports.make(
        DataFolder(records.folder.path), ReportKind.roster, YEAR, township="yangtuan"
    )
    markdown = render_markdown(made)
    assert "尚未结对的代表1名" in markdown
    assert "| 第三选区 | 1 | 李秀英 | 乡 | 基层农民 | 农村 | （尚未结对） |  |  |  |  |" in markdown
    result = cli("--data", str(records.folder.path), "report", "--list", "--year", "2019")
    assert result.exit_code == 2 and "--township" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--assess", "--half", "2019H1"], "--assess 只与 --year"),
        (["--assess", "--list", "--year", "2019", "-t", "杨疃镇"], "只与 --year"),
        (["--assess", "--year", "2017"], "2017年不在活动期间"),
        (["--deputy", "张伟", "--half", "2019H1"], "按年度或整个任期生成"),
    ],
)
def test_report_options_that_do_not_go_together(records, cli, args, message):
    result = cli("--data", str(records.folder.path), "report", *args)
    assert result.exit_code == 2 and message in result.output
