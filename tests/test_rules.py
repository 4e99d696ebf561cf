"""The rules: for each one a small folder that triggers it and a near-miss that does not.

Every folder is the tiny county of conftest.py (two deputies of 杨疃镇: yangtuan-d001 张伟, organ,
and yangtuan-d002 李秀英, rural; households h0001–h0003; pairings p0001 d001–h0001 and p0002
d002–h0002 since 2018-03-25; in May 2019 a 串门 by d001 at h0001, a 捐资 by d002 at h0002 and
one 调研视察 by both) with a few files replaced or extended, written as a clerk would type them.
Every expected count is counted by hand from that data. Every run names the day it judges on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from pathlib import Path

import pytest
from conftest import TINY

from lingbi_cli import periods, rules
from lingbi_cli.errors import Finding
from lingbi_cli.rules.proposal_reply import add_months
from lingbi_cli.store.load import load

TOWNSHIPS = "county/townships.yaml"
UNITS = "county/units.yaml"
DEPUTIES = "townships/yangtuan/deputies.yaml"
HOUSEHOLDS = "townships/yangtuan/households.yaml"
PAIRINGS = "townships/yangtuan/pairings.yaml"
PROPOSALS = "townships/yangtuan/proposals.yaml"
FILINGS = "townships/yangtuan/filings.yaml"
# Line numbers in TINY's files: deputies d001 at 1, d002 at 12 (a third one appended: 20);
# households h0001 at 1, h0002 at 11, h0003 at 22; pairings p0001 at 1, p0002
# at 6 (a third: 11).
D002_LINE, D003_LINE = 12, 20
H0002_LINE = 11


def activities(month: str, township: str = "yangtuan") -> str:
    """The month file of activities: ``activities("2019-06")``."""
    return f"townships/{township}/activities/{month}.yaml"


def plus(path: str, more: str) -> str:
    """TINY's file at ``path`` with the records of ``more`` appended."""
    head = textwrap.dedent(TINY[path]).strip("\n")
    return head + "\n" + textwrap.dedent(more).lstrip("\n")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def run_rule(
    data: Path,
    rule: str,
    as_of: str,
    *,
    year: int | None = None,
    half: str | None = None,
    township: str | None = None,
    today: str = "2021-06-01",
) -> list[Finding]:
    """The findings of one rule on ``as_of``, as ``check --rule`` would give them."""
    period = periods.year(year) if year else periods.parse(half) if half else None
    county = load(data)
    unreadable = [f for f in county.findings if f.rule in ("yaml-syntax", "schema")]
    assert unreadable == [], "the test's own folder does not load cleanly"
    result = rules.run(
        county,
        only=[rule],
        as_of=day(as_of),
        today=day(today),
        scope=rules.Scope(period=period, township=township),
    )
    assert {f.rule for f in result.findings} <= {rule}, result.findings
    return result.findings


def where(found: list[Finding]) -> list[tuple[str, str, int]]:
    return [(f.record, f.file, f.line) for f in found]


def records(found: list[Finding]) -> list[str]:
    return [f.record for f in found]


# A third deputy of 杨疃镇, from an enterprise, who took office on 1 August 2019.
D003_AUGUST = """
    - id: yangtuan-d003
      name: 周敏
      gender: 女
      levels: [乡]
      district: 第二选区
      sector: 企业
      employer: 企业
      term_start: 2019-08-01
"""

# A second township, 尹集镇, with one rural deputy; 张伟 (yangtuan-d001) is liaison for both.
YINJI = {
    TOWNSHIPS: """
        - id: yangtuan
          name: 杨疃镇
          liaison: [yangtuan-d001]
          points: [前庄村, 后湖村]
        - id: yinji
          name: 尹集镇
          liaison: [yangtuan-d001]
          points: [张庄村]
    """,
    "townships/yinji/deputies.yaml": """
        - id: yinji-d001
          name: 陈刚
          gender: 男
          levels: [乡]
          district: 第一选区
          sector: 生产一线
          employer: 农村
          term_start: 2016-11-20
    """,
}
YINJI_LINE = 5  # the second township in county/townships.yaml


# --- unknown-ref ------------------------------------------------------------------------


def test_unknown_ref_pairing_with_a_household_that_does_not_exist(folder):
    data = folder(
        {
            PAIRINGS: """
        - id: yangtuan-p0001
          deputy: yangtuan-d001
          household: yangtuan-h0001
          start: 2018-03-25
          chosen_by: 单位名单
        - id: yangtuan-p0002
          deputy: yangtuan-d002
          household: yangtuan-h0009
          start: 2018-03-25
          chosen_by: 乡镇推荐
    """
        }
    )
    (found,) = run_rule(data, "unknown-ref", "2019-07-01")
    assert where([found]) == [("yangtuan-p0002", PAIRINGS, 6)]
    assert "yangtuan-h0009" in found.message and "不存在" in found.message
    assert found.level.value == "error"


def test_unknown_ref_liaison_leader_and_unit_household(folder):
    data = folder(
        {
            TOWNSHIPS: """
            - id: yangtuan
              name: 杨疃镇
              liaison: [yangtuan-d009]
        """,
            UNITS: """
            - id: u-jiaoyuju
              name: 县教育局
              kind: 机关
              households: [yangtuan-h0001, yangtuan-h0004]
        """,
        }
    )
    found = run_rule(data, "unknown-ref", "2019-07-01")
    assert where(found) == [("yangtuan", TOWNSHIPS, 1), ("u-jiaoyuju", UNITS, 1)]
    assert "yangtuan-d009" in found[0].message and "yangtuan-h0004" in found[1].message


def test_unknown_ref_near_miss_every_reference_resolves(tiny):
    assert run_rule(tiny, "unknown-ref", "2019-07-01") == []


# --- id-number --------------------------------------------------------------------------


def test_id_number_same_number_on_two_households(folder):
    text = TINY[HOUSEHOLDS].replace("'341323197207080039'", "'34132319650315013X'")
    data = folder({HOUSEHOLDS: text})
    (found,) = run_rule(data, "id-number", "2019-07-01")
    assert where([found]) == [("yangtuan-h0003", HOUSEHOLDS, 22)]  # the second one read
    assert "yangtuan-h0001" in found.message and "相同" in found.message


def test_id_number_impossible_birth_date(folder):
    text = TINY[HOUSEHOLDS].replace("'341323195803200026'", "'341323195802300026'")
    data = folder({HOUSEHOLDS: text})
    (found,) = run_rule(data, "id-number", "2019-07-01")
    assert where([found]) == [("yangtuan-h0002", HOUSEHOLDS, H0002_LINE)]
    assert "出生日期" in found.message


def test_id_number_near_miss_lower_case_x_is_the_same_check_digit(folder):
    text = TINY[HOUSEHOLDS].replace("'34132319650315013X'", "'34132319650315013x'")
    data = folder({HOUSEHOLDS: text})
    assert run_rule(data, "id-number", "2019-07-01") == []


# --- date-range -------------------------------------------------------------------------


def test_date_range_before_the_campaign(folder):
    trip = """
        - id: yangtuan-a{ym}-001
          date: {date}
          kind: 调研视察
          deputies: [yangtuan-d001]
          villages: [前庄村]
          summary: 摸底走访
    """
    data = folder(
        {
            activities("2018-03"): trip.format(ym="201803", date="2018-03-30"),
            activities("2018-04"): trip.format(ym="201804", date="2018-04-01"),  # the first day
            FILINGS: """
            - id: yangtuan-f2018-01
              kind: 活动方案
              period: 2018
              date: 2018-01-05
            - id: yangtuan-f2018-02
              kind: 帮扶名单
              period: 2018
              date: 2017-12-28
        """,
        }
    )
    found = run_rule(data, "date-range", "2019-07-01", today="2019-07-01")
    # A filing may predate April (the plan is due by 31 March), but not the year 2018.
    assert where(found) == [
        ("yangtuan-a201803-001", activities("2018-03"), 1),
        ("yangtuan-f2018-02", FILINGS, 5),
    ]
    assert "活动期间" in found[0].message and "2018-03-30" in found[0].message


def test_date_range_in_the_future(tiny):
    # On 10 May 2019 the donation of 20 May and the trip of 28 May have not happened yet.
    found = run_rule(tiny, "date-range", "2019-05-10", today="2019-05-10")
    assert records(found) == ["yangtuan-a201905-002", "yangtuan-a201905-003"]
    assert all("今天" in f.message for f in found)
    assert run_rule(tiny, "date-range", "2019-05-28", today="2019-05-28") == []


# --- pairing-window ---------------------------------------------------------------------


def test_pairing_window_never_paired_and_joint_work(folder):
    data = folder(
        {
            activities("2019-06"): """
        - id: yangtuan-a201906-001
          date: 2019-06-03
          kind: 谈心
          deputies: [yangtuan-d002, yangtuan-d001]
          household: yangtuan-h0001
          summary: 两位代表一起谈心；张伟与此户结对，李秀英陪同
        - id: yangtuan-a201906-002
          date: 2019-06-10
          kind: 串门
          deputies: [yangtuan-d002]
          household: yangtuan-h0003
          summary: 走访一户没有结对的贫困户
    """
        }
    )
    (found,) = run_rule(data, "pairing-window", "2019-07-01")
    assert where([found]) == [("yangtuan-a201906-002", activities("2019-06"), 7)]
    assert "yangtuan-h0003" in found.message and "结对" in found.message


@pytest.mark.parametrize(("end", "flagged"), [("2019-05-07", True), ("2019-05-08", False)])
def test_pairing_window_visit_one_day_after_the_pairing_ended(folder, end, flagged):
    # TINY's 串门 by 张伟 at 王建国户 is on 2019-05-08.
    data = folder(
        {
            PAIRINGS: f"""
        - id: yangtuan-p0001
          deputy: yangtuan-d001
          household: yangtuan-h0001
          start: 2018-03-25
          end: {end}
          end_reason: 户主全家迁往外县
          chosen_by: 单位名单
        - id: yangtuan-p0002
          deputy: yangtuan-d002
          household: yangtuan-h0002
          start: 2018-03-25
          chosen_by: 乡镇推荐
    """
        }
    )
    found = run_rule(data, "pairing-window", "2019-07-01")
    assert records(found) == (["yangtuan-a201905-001"] if flagged else [])


# --- inactive-deputy --------------------------------------------------------------------

DEPUTIES_D002_LEFT = """
    - id: yangtuan-d001
      name: 张伟
      gender: 男
      levels: [县]
      district: 第一选区
      sector: 干部
      employer: 机关
      unit: u-jiaoyuju
      committee_member: true
      phone: '13800001234'
      term_start: 2016-11-20
    - id: yangtuan-d002
      name: 李秀英
      gender: 女
      levels: [乡]
      district: 第三选区
      sector: 基层农民
      employer: 农村
      term_start: 2016-11-20
      term_end: {term_end}
"""


def test_inactive_deputy_acts_after_the_term_and_leaves_a_pairing_open(folder):
    # 李秀英's term ends on 10 May 2019; TINY has her 捐资 on 20 May and the trip on 28 May,
    # and her pairing p0002 is still open.
    data = folder({DEPUTIES: DEPUTIES_D002_LEFT.format(term_end="2019-05-10")})
    found = run_rule(data, "inactive-deputy", "2019-07-01")
    assert where(found) == [
        ("yangtuan-a201905-002", activities("2019-05"), 8),  # line 1 is a comment
        ("yangtuan-a201905-003", activities("2019-05"), 15),
        ("yangtuan-p0002", PAIRINGS, 6),
    ]
    assert all("李秀英" in f.message for f in found)
    assert "任期" in found[0].message and "没有在那时结束" in found[2].message


def test_inactive_deputy_near_miss_last_day_of_the_term(folder):
    data = folder(
        {
            DEPUTIES: DEPUTIES_D002_LEFT.format(term_end="2019-05-28"),
            PAIRINGS: """
            - id: yangtuan-p0001
              deputy: yangtuan-d001
              household: yangtuan-h0001
              start: 2018-03-25
              chosen_by: 单位名单
            - id: yangtuan-p0002
              deputy: yangtuan-d002
              household: yangtuan-h0002
              start: 2018-03-25
              end: 2019-05-28
              end_reason: 代表任期结束
              chosen_by: 乡镇推荐
        """,
        }
    )
    assert run_rule(data, "inactive-deputy", "2019-07-01") == []


def test_inactive_deputy_pairing_before_the_term_began(folder):
    data = folder(
        {
            DEPUTIES: plus(DEPUTIES, D003_AUGUST),
            PAIRINGS: plus(
                PAIRINGS,
                """
            - id: yangtuan-p0003
              deputy: yangtuan-d003
              household: yangtuan-h0003
              start: 2019-07-20
              chosen_by: 乡镇推荐
        """,
            ),
        }
    )
    (found,) = run_rule(data, "inactive-deputy", "2019-12-31")
    assert where([found]) == [("yangtuan-p0003", PAIRINGS, 11)]
    assert "2019-07-20" in found.message and "任期" in found.message


# --- pairs-per-deputy -------------------------------------------------------------------


def test_pairs_per_deputy_deputy_with_no_household(folder):
    data = folder(
        {
            PAIRINGS: """
        - id: yangtuan-p0001
          deputy: yangtuan-d001
          household: yangtuan-h0001
          start: 2018-03-25
          chosen_by: 单位名单
    """
        }
    )
    (found,) = run_rule(data, "pairs-per-deputy", "2019-06-01")
    assert where([found]) == [("yangtuan-d002", DEPUTIES, D002_LINE)]
    assert "0 户" in found.message and "少于" in found.message
    assert found.level.value == "warning"


MORE_HOUSEHOLDS = """
    - id: yangtuan-h0004
      head: 刘玉梅
      id_number: '341323198002140012'
      village: 后湖村
      members: 3
      attribute: 一般贫困户
      causes: [缺劳力]
      registered: 2016
      source: 乡镇帮扶点
    - id: yangtuan-h0005
      head: 钱大军
      id_number: '341323197506080020'
      village: 前庄村
      members: 5
      attribute: 低保贫困户
      causes: [因学]
      registered: 2016
      source: 乡镇帮扶点
"""


FOUR_PAIRINGS = """
    - id: yangtuan-p0001
      deputy: yangtuan-d001
      household: yangtuan-h0001
      start: 2018-03-25
      chosen_by: 单位名单
    - id: yangtuan-p0002
      deputy: yangtuan-d002
      household: yangtuan-h0002
      start: 2018-03-25
      {end}chosen_by: 乡镇推荐
    - id: yangtuan-p0003
      deputy: yangtuan-d002
      household: yangtuan-h0003
      start: 2019-01-10
      chosen_by: 乡镇推荐
    - id: yangtuan-p0004
      deputy: yangtuan-d002
      household: yangtuan-h0004
      start: 2019-02-01
      chosen_by: 乡镇推荐
    - id: yangtuan-p0005
      deputy: yangtuan-d002
      household: yangtuan-h0005
      start: 2019-03-01
      chosen_by: 乡镇推荐
"""


@pytest.mark.parametrize(
    ("p0002_end", "flagged"),
    [
        (None, True),  # 李秀英 has four households at once from 2019-03-01
        ("2019-02-28", False),  # the first ended the day before the fourth began: exactly 3
        ("2019-03-01", True),  # ended on the day the fourth began: that day she had four
    ],
)
def test_pairs_per_deputy_four_at_once_and_exactly_three(folder, p0002_end, flagged):
    end = f"end: {p0002_end}\n      end_reason: 户主去世，户已注销\n      " if p0002_end else ""
    data = folder(
        {
            HOUSEHOLDS: plus(HOUSEHOLDS, MORE_HOUSEHOLDS),
            PAIRINGS: FOUR_PAIRINGS.format(end=end),
        }
    )
    found = run_rule(data, "pairs-per-deputy", "2019-06-01")
    if not flagged:
        assert found == []
    else:
        (problem,) = found
        assert where([problem]) == [("yangtuan-d002", DEPUTIES, D002_LINE)]
        assert "同时结对 4 户" in problem.message and "2019-03-01" in problem.message


@pytest.mark.parametrize(
    ("as_of", "flagged"),
    [
        ("2019-05-10", False),  # not yet in office
        ("2019-06-13", False),  # 29 days in office: within the 30 days' grace
        ("2019-06-14", True),  # 30 days in office and still no household
    ],
)
def test_pairs_per_deputy_new_deputy_has_a_grace_period(folder, as_of, flagged):
    d003 = D003_AUGUST.replace("2019-08-01", "2019-05-15")
    data = folder({DEPUTIES: plus(DEPUTIES, d003)})
    found = run_rule(data, "pairs-per-deputy", as_of)
    assert where(found) == ([("yangtuan-d003", DEPUTIES, D003_LINE)] if flagged else [])


def test_pairs_per_deputy_near_miss_one_household_each(tiny):
    assert run_rule(tiny, "pairs-per-deputy", "2019-06-01") == []


# --- household-source -------------------------------------------------------------------

P0003_D001_H0003 = """
    - id: yangtuan-p0003
      deputy: yangtuan-d001
      household: yangtuan-h0003
      start: 2019-03-01
      chosen_by: 单位名单
"""


@pytest.mark.parametrize(
    ("unit_list", "flagged"),
    [("[yangtuan-h0001]", True), ("[yangtuan-h0001, yangtuan-h0003]", False)],
)
def test_household_source_organ_deputy_and_the_unit_list(folder, unit_list, flagged):
    # 张伟 works at 县教育局 (an organ) and is paired with 孙德胜户 (h0003).
    data = folder(
        {
            UNITS: f"""
            - id: u-jiaoyuju
              name: 县教育局
              kind: 机关
              households: {unit_list}
        """,
            PAIRINGS: plus(PAIRINGS, P0003_D001_H0003),
        }
    )
    found = run_rule(data, "household-source", "2019-07-01")
    if not flagged:
        assert found == []
    else:
        (problem,) = found
        assert where([problem]) == [("yangtuan-p0003", PAIRINGS, 11)]
        assert "县教育局" in problem.message and "名单" in problem.message


def test_household_source_organ_deputy_must_take_it_from_the_unit_list(folder):
    text = TINY[PAIRINGS].replace("chosen_by: 单位名单", "chosen_by: 乡镇推荐")
    (found,) = run_rule(folder({PAIRINGS: text}), "household-source", "2019-07-01")
    assert found.record == "yangtuan-p0001" and "单位名单" in found.message


def test_household_source_rural_deputy_with_a_unit_list_pairing(folder):
    text = TINY[PAIRINGS].replace("chosen_by: 乡镇推荐", "chosen_by: 单位名单")
    (found,) = run_rule(folder({PAIRINGS: text}), "household-source", "2019-07-01")
    assert where([found]) == [("yangtuan-p0002", PAIRINGS, 6)]
    assert "李秀英" in found.message and "乡镇推荐" in found.message


def test_household_source_rural_deputy_with_a_unit_household(folder):
    # 王建国户 (h0001) is on 县教育局's list, not one of the township's assistance points.
    data = folder(
        {
            PAIRINGS: plus(
                PAIRINGS,
                """
        - id: yangtuan-p0003
          deputy: yangtuan-d002
          household: yangtuan-h0001
          start: 2019-03-01
          chosen_by: 乡镇推荐
    """,
            )
        }
    )
    (found,) = run_rule(data, "household-source", "2019-07-01")
    assert found.record == "yangtuan-p0003" and "乡镇帮扶点" in found.message


def test_household_source_near_miss_tiny_is_right(tiny):
    assert run_rule(tiny, "household-source", "2019-07-01") == []


# --- first-meeting ----------------------------------------------------------------------


def test_first_meeting_by_30_april_2018(folder):
    data = folder(
        {
            activities("2018-04"): """
            - id: yangtuan-a201804-001
              date: 2018-04-30
              kind: 串门
              deputies: [yangtuan-d002]
              household: yangtuan-h0002
              summary: 第一次入户，见面对接
        """,
            activities("2018-05"): """
            - id: yangtuan-a201805-001
              date: 2018-05-02
              kind: 串门
              deputies: [yangtuan-d001]
              household: yangtuan-h0001
              summary: 第一次入户，见面对接
        """,
        }
    )
    (found,) = run_rule(data, "first-meeting", "2018-06-01")
    assert where([found]) == [("yangtuan-p0001", PAIRINGS, 1)]
    assert "2018-04-30" in found.message and "2018-05-02" in found.message
    assert "见面" in found.message
    # Before the deadline nothing is due yet.
    assert run_rule(data, "first-meeting", "2018-04-29") == []


@pytest.mark.parametrize(("met", "flagged"), [("2019-07-01", False), ("2019-07-02", True)])
def test_first_meeting_within_30_days_of_a_later_pairing(folder, met, flagged):
    # p0003 begins on 1 June 2019: the first meeting is due within 30 days, by 1 July.
    data = folder(
        {
            PAIRINGS: plus(
                PAIRINGS,
                """
            - id: yangtuan-p0003
              deputy: yangtuan-d002
              household: yangtuan-h0003
              start: 2019-06-01
              chosen_by: 乡镇推荐
        """,
            ),
            activities("2019-07"): f"""
            - id: yangtuan-a201907-001
              date: {met}
              kind: 谈心
              deputies: [yangtuan-d002]
              household: yangtuan-h0003
              summary: 见面对接，了解家庭情况
        """,
        }
    )
    # --year 2019 leaves out p0001 and p0002, whose meeting was due in April 2018.
    found = run_rule(data, "first-meeting", "2019-08-01", year=2019)
    assert where(found) == ([("yangtuan-p0003", PAIRINGS, 11)] if flagged else [])
    if flagged:
        assert "2019-07-01" in found[0].message and "2019-07-02" in found[0].message


def test_first_meeting_not_judged_for_a_pairing_that_ended_before_it_was_due(folder):
    data = folder(
        {
            PAIRINGS: plus(
                PAIRINGS,
                """
        - id: yangtuan-p0003
          deputy: yangtuan-d002
          household: yangtuan-h0003
          start: 2019-06-01
          end: 2019-06-20
          end_reason: 该户整户迁出本镇
          chosen_by: 乡镇推荐
    """,
            )
        }
    )
    assert run_rule(data, "first-meeting", "2019-08-01", year=2019) == []


# --- regular-visits ---------------------------------------------------------------------

ONLY_P0001 = """
    - id: yangtuan-p0001
      deputy: yangtuan-d001
      household: yangtuan-h0001
      start: 2018-03-25
      {end}chosen_by: 单位名单
"""


def visit(
    day_: str, kind: str = "串门", household: str = "h0001", deputy: str = "d001"
) -> dict[str, str]:
    """A month file holding one activity of pairing work on ``day_``."""
    ym = day_[:7]
    return {
        activities(ym): f"""
        - id: yangtuan-a{ym.replace("-", "")}-001
          date: {day_}
          kind: {kind}
          deputies: [yangtuan-{deputy}]
          household: yangtuan-{household}
          summary: 入户走访
    """
    }


@pytest.mark.parametrize(("q3_visit", "flagged"), [("2018-09-30", False), ("2018-10-01", True)])
def test_regular_visits_a_quarter_without_a_visit(folder, q3_visit, flagged):
    # The pairing began on 2018-03-25; 2018's second quarter is April–June (the campaign
    # begins in April), visited on 10 May; the third quarter ends on 30 September.
    data = folder(
        {
            PAIRINGS: ONLY_P0001.format(end=""),
            **visit("2018-05-10"),
            **visit(q3_visit),
        }
    )
    found = run_rule(data, "regular-visits", "2018-10-15")  # Q4 is not over: not judged
    assert where(found) == ([("yangtuan-p0001", PAIRINGS, 1)] if flagged else [])
    if flagged:
        assert "2018年第三季度" in found[0].message and "走访" in found[0].message


@pytest.mark.parametrize(
    ("end", "quarters"),
    [
        ("", ["2019年第三季度", "2019年第四季度"]),
        # Ended in June: Q2 was not lived through, Q3 and Q4 come after the end.
        ("end: 2019-06-15\n      end_reason: 该户整户迁出本县\n      ", []),
    ],
)
def test_regular_visits_pairing_that_ended_in_june(folder, end, quarters):
    # Visits: 10 February (Q1) and TINY's 8 May (Q2); nothing after.
    data = folder({PAIRINGS: ONLY_P0001.format(end=end), **visit("2019-02-10")})
    found = run_rule(data, "regular-visits", "2020-01-15", year=2019)
    assert [re.search(r"2019年第.季度", f.message)[0] for f in found] == quarters


def test_regular_visits_by_month(folder):
    # In 2019H1 张伟 visits 王建国户 with a 谈心 on 15 March and TINY's 串门 on 8 May; a 捐资 on
    # 20 April is pairing work but not a visit. Months without a visit: 1, 2, 4, 6.
    data = folder(
        {
            "lingbi.yaml": "rules:\n  regular-visits:\n    period: month\n",
            PAIRINGS: ONLY_P0001.format(end=""),
            **visit("2019-03-15", kind="谈心"),
            activities("2019-04"): """
            - id: yangtuan-a201904-001
              date: 2019-04-20
              kind: 捐资
              deputies: [yangtuan-d001]
              household: yangtuan-h0001
              amount: 300
              summary: 捐助种子款
        """,
        }
    )
    found = run_rule(data, "regular-visits", "2019-07-01", half="2019H1")
    months = [re.search(r"2019-\d\d", f.message)[0] for f in found]
    assert sorted(months) == ["2019-01", "2019-02", "2019-04", "2019-06"]


def test_regular_visits_deputy_who_took_office_in_august_is_judged_from_august(folder):
    data = folder(
        {
            "lingbi.yaml": "rules:\n  regular-visits:\n    period: month\n",
            DEPUTIES: plus(DEPUTIES, D003_AUGUST),
            PAIRINGS: """
            - id: yangtuan-p0003
              deputy: yangtuan-d003
              household: yangtuan-h0003
              start: 2019-08-01
              chosen_by: 乡镇推荐
        """,
        }
    )
    found = run_rule(data, "regular-visits", "2020-01-15", year=2019)
    months = [re.search(r"2019-\d\d", f.message)[0] for f in found]
    assert sorted(months) == ["2019-08", "2019-09", "2019-10", "2019-11", "2019-12"]


# --- trips-per-year ---------------------------------------------------------------------


def trip(day_: str, deputies: str) -> dict[str, str]:
    """A month file holding one investigation trip on ``day_``."""
    ym = day_[:7]
    return {
        activities(ym): f"""
        - id: yangtuan-a{ym.replace("-", "")}-001
          date: {day_}
          kind: 调研视察
          deputies: [{deputies}]
          villages: [后湖村]
          summary: 视察后湖村道路
    """
    }


def test_trips_per_year_two_trips_are_too_few(folder):
    # 2019: TINY's trip on 28 May (d001, d002) and one on 12 September (d001): 2 trips.
    data = folder(trip("2019-09-12", "yangtuan-d001"))
    (found,) = run_rule(data, "trips-per-year", "2020-01-01", year=2019)
    assert where([found]) == [("yangtuan", TOWNSHIPS, 1)]
    assert "2019年" in found.message and "2 次调研视察" in found.message


def test_trips_per_year_exactly_three_is_enough(folder):
    data = folder(
        {
            **trip("2019-09-12", "yangtuan-d001"),
            **trip("2019-11-05", "yangtuan-d001"),
        }
    )
    assert run_rule(data, "trips-per-year", "2020-01-01", year=2019) == []


def test_trips_per_year_deputy_threshold(folder):
    # Three trips in 2019; 张伟 took part in all three, 李秀英 in one (28 May); 周敏 took office
    # in August and is not judged for 2019.
    data = folder(
        {
            "lingbi.yaml": "rules:\n  trips-per-year:\n    deputy_min: 2\n",
            DEPUTIES: plus(DEPUTIES, D003_AUGUST),
            **trip("2019-09-12", "yangtuan-d001"),
            **trip("2019-11-05", "yangtuan-d001"),
        }
    )
    (found,) = run_rule(data, "trips-per-year", "2020-01-01", year=2019)
    assert where([found]) == [("yangtuan-d002", DEPUTIES, D002_LINE)]
    assert "李秀英" in found.message and "1 次" in found.message


@pytest.mark.parametrize("third", [False, True])
def test_trips_per_year_2018_counts_from_april_and_still_needs_three(folder, third):
    data = folder(
        {
            **trip("2018-04-10", "yangtuan-d001, yangtuan-d002"),
            **trip("2018-06-10", "yangtuan-d001"),
            **(trip("2018-10-10", "yangtuan-d002") if third else {}),
        }
    )
    found = run_rule(data, "trips-per-year", "2019-01-01", year=2018)
    if third:
        assert found == []
    else:
        (problem,) = found
        assert problem.record == "yangtuan" and "2018年只组织了 2 次" in problem.message


def test_trips_per_year_current_year_is_judged_once_it_is_over(tiny):
    # 2019 has one trip (28 May): not judged during the year, judged from 1 January 2020.
    assert run_rule(tiny, "trips-per-year", "2019-12-30", year=2019) == []
    (found,) = run_rule(tiny, "trips-per-year", "2020-01-01", year=2019)
    assert found.record == "yangtuan" and "1 次" in found.message


# --- plan-filed -------------------------------------------------------------------------


@pytest.mark.parametrize(("plan_date", "flagged"), [("2019-04-01", True), ("2019-03-31", False)])
def test_plan_filed_late(folder, plan_date, flagged):
    data = folder(
        {
            FILINGS: f"""
        - id: yangtuan-f2019-01
          kind: 活动方案
          period: 2019
          date: {plan_date}
        - id: yangtuan-f2019-02
          kind: 帮扶名单
          period: 2019
          date: 2019-03-31
    """
        }
    )
    found = run_rule(data, "plan-filed", "2019-06-01", year=2019)
    assert where(found) == ([("yangtuan-f2019-01", FILINGS, 1)] if flagged else [])
    if flagged:
        assert "活动方案" in found[0].message and "晚于 2019-03-31" in found[0].message


def test_plan_filed_missing_once_the_deadline_has_passed(tiny):
    # Nothing is filed: on 31 March both are still due that day, on 1 April both are missing.
    assert run_rule(tiny, "plan-filed", "2019-03-31", year=2019) == []
    found = run_rule(tiny, "plan-filed", "2019-04-01", year=2019)
    assert where(found) == [("yangtuan", TOWNSHIPS, 1)] * 2
    assert sorted("活动方案" in f.message for f in found) == [False, True]
    assert all("帮扶名单" in f.message or "活动方案" in f.message for f in found)
    assert all("没有报送" in f.message for f in found)


# --- report-filed -----------------------------------------------------------------------

FILINGS_2018 = """
    - id: yangtuan-f2018-01
      kind: 上半年报告
      period: 2018H1
      date: 2018-06-15
    - id: yangtuan-f2018-02
      kind: 下半年报告
      period: 2018H2
      date: 2018-12-15
    - id: yangtuan-f2018-03
      kind: 年终总结
      period: 2018
      date: 2018-12-18
"""


def test_report_filed_late_h1(folder):
    data = folder(
        {
            FILINGS: """
        - id: yangtuan-f2019-03
          kind: 上半年报告
          period: 2019H1
          date: 2019-06-25
    """
        }
    )
    (found,) = run_rule(data, "report-filed", "2019-07-01", year=2019)
    assert where([found]) == [("yangtuan-f2019-03", FILINGS, 1)]
    assert "上半年报告" in found.message and "晚于 2019-06-20" in found.message


@pytest.mark.parametrize(("kind", "period"), [("下半年报告", "2019H2"), ("年终总结", "2019")])
def test_report_filed_one_december_filing_doubles_as_the_year_end_summary(folder, kind, period):
    data = folder(
        {
            FILINGS: f"""
        - id: yangtuan-f2019-03
          kind: 上半年报告
          period: 2019H1
          date: 2019-06-18
        - id: yangtuan-f2019-04
          kind: {kind}
          period: {period}
          date: 2019-12-18
    """
        }
    )
    assert run_rule(data, "report-filed", "2020-01-01", year=2019) == []


def test_report_filed_missing_december_report(folder):
    data = folder(
        {
            FILINGS: """
        - id: yangtuan-f2019-03
          kind: 上半年报告
          period: 2019H1
          date: 2019-06-18
    """
        }
    )
    (found,) = run_rule(data, "report-filed", "2020-01-01", year=2019)
    assert where([found]) == [("yangtuan", TOWNSHIPS, 1)]
    assert "下半年报告或年终总结" in found.message and "2019-12-20" in found.message


@pytest.mark.parametrize(
    ("as_of", "missing"),
    [
        ("2019-05-01", False),  # before 20 June the H1 report is not asked for
        ("2019-06-20", False),  # the deadline day itself
        ("2019-06-21", True),
    ],
)
def test_report_filed_h1_is_not_missing_before_20_june(folder, cli, as_of, missing):
    data = folder({FILINGS: FILINGS_2018})  # 2018 is complete
    result = cli(
        "--data",
        str(data),
        "check",
        "--rule",
        "report-filed",
        "--as-of",
        as_of,
        "--strict",
        "--format",
        "json",
    )
    found = json.loads(result.stdout)["findings"]
    if not missing:
        assert found == [] and result.exit_code == 0
    else:
        (item,) = found
        assert (item["rule"], item["record"], item["file"]) == (
            "report-filed",
            "yangtuan",
            TOWNSHIPS,
        )
        assert "2019H1" in item["message"] and "上半年报告" in item["message"]
        assert result.exit_code == 1  # a warning, and --strict


# --- silent-deputy ----------------------------------------------------------------------


@pytest.mark.parametrize("d002_in_h2", [False, True])
def test_silent_deputy_silent_second_half(folder, d002_in_h2):
    # Both deputies acted in May 2019 (TINY); in 2019H2 only 李秀英 does, if at all.
    data = folder(
        visit("2019-11-03", kind="谈心", household="h0002", deputy="d002") if d002_in_h2 else {}
    )
    found = run_rule(data, "silent-deputy", "2020-01-01", year=2019)
    expected = [("yangtuan-d001", DEPUTIES, 1)]
    if not d002_in_h2:
        expected.append(("yangtuan-d002", DEPUTIES, D002_LINE))
    assert where(found) == expected
    assert all("2019年下半年" in f.message and "没有任何活动" in f.message for f in found)


def test_silent_deputy_a_proposal_counts_as_activity(folder):
    data = folder(
        {
            PROPOSALS: """
            - id: yangtuan-j2019-01
              type: 建议
              title: 关于加快前庄村安全饮水工程建设的建议
              lead: yangtuan-d001
              cosigners: [yangtuan-d002]
              date: 2019-09-10
              session: 闭会期间
        """,
        }
    )
    assert run_rule(data, "silent-deputy", "2020-01-01", year=2019) == []


def test_silent_deputy_who_took_office_in_august(folder):
    # 周敏 took office on 1 August 2019 and has done nothing: 2019H1 is before her term and she
    # was not in office throughout 2019H2; 2020H1 is the first half-year she is judged for.
    data = folder({DEPUTIES: plus(DEPUTIES, D003_AUGUST)})
    found = run_rule(data, "silent-deputy", "2020-07-01")
    mine = [f for f in found if f.record == "yangtuan-d003"]
    assert where(mine) == [("yangtuan-d003", DEPUTIES, D003_LINE)]
    assert "2020年上半年" in mine[0].message


def test_silent_deputy_2018_begins_in_april(folder):
    # 2018H1 is April–June: one 串门 each on 2 April and 30 June keeps both deputies out of it.
    data = folder(
        {
            **visit("2018-04-02"),
            **visit("2018-06-30", household="h0002", deputy="d002"),
        }
    )
    found = run_rule(data, "silent-deputy", "2019-01-01", year=2018)
    assert records(found) == ["yangtuan-d001", "yangtuan-d002"]
    assert all("2018年下半年" in f.message for f in found)


# --- proposal-reply ---------------------------------------------------------------------

PROPOSAL = """
    - id: yangtuan-j2019-02
      type: 建议
      title: 关于修建前庄村生产路的建议
      lead: yangtuan-d002
      date: {date}
      session: 大会期间
      department: 县交通运输局
      assigned: {assigned}
"""


@pytest.mark.parametrize(("as_of", "flagged"), [("2019-06-20", False), ("2019-06-21", True)])
def test_proposal_reply_no_reply_after_three_months(folder, as_of, flagged):
    data = folder({PROPOSALS: PROPOSAL.format(date="2019-03-10", assigned="2019-03-20")})
    found = run_rule(data, "proposal-reply", as_of)
    assert where(found) == ([("yangtuan-j2019-02", PROPOSALS, 1)] if flagged else [])
    if flagged:
        assert "仍未答复" in found[0].message and "县交通运输局" in found[0].message


@pytest.mark.parametrize(
    ("assigned", "reply", "late"),
    [
        ("2019-03-20", "2019-06-20", False),  # replied on the day it was due
        ("2019-03-20", "2019-06-21", True),
        ("2018-11-30", "2019-02-28", False),  # three months after 30 November: 28 February
        ("2018-11-30", "2019-03-01", True),
    ],
)
def test_proposal_reply_on_the_due_day(folder, assigned, reply, late):
    text = PROPOSAL.format(date=assigned, assigned=assigned) + f"      reply: {reply}\n"
    text += "      result: B\n      satisfaction: 满意\n"
    data = folder({PROPOSALS: text})
    found = run_rule(data, "proposal-reply", "2019-12-31")
    assert records(found) == (["yangtuan-j2019-02"] if late else [])
    if late:
        assert f"于 {reply} 才答复" in found[0].message


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(dt.date(2019, 3, 20), 3) == dt.date(2019, 6, 20)
    assert add_months(dt.date(2018, 11, 30), 3) == dt.date(2019, 2, 28)
    assert add_months(dt.date(2019, 11, 30), 3) == dt.date(2020, 2, 29)
    assert add_months(dt.date(2019, 10, 31), 2) == dt.date(2019, 12, 31)


@pytest.mark.parametrize(("rehandled", "flagged"), [(None, True), ("2019-06-10", False)])
def test_proposal_reply_unsatisfied_without_rehandling(folder, rehandled, flagged):
    text = PROPOSAL.format(date="2019-03-10", assigned="2019-03-20")
    text += "      reply: 2019-05-10\n      result: D\n      satisfaction: 不满意\n"
    if rehandled:
        text += f"      rehandled: {rehandled}\n"
    data = folder({PROPOSALS: text})
    found = run_rule(data, "proposal-reply", "2019-07-01")
    assert records(found) == (["yangtuan-j2019-02"] if flagged else [])
    if flagged:
        assert "不满意" in found[0].message and "重新办理" in found[0].message
        assert "2019-06-10" in found[0].message  # one month after the reply


# --- household-exit ---------------------------------------------------------------------


def test_household_exit_still_poor_at_the_end_of_the_year(tiny):
    # Paired all year: 王建国户 (h0001) 未脱贫; 赵桂兰户 (h0002) left poverty in 2019;
    # 孙德胜户 (h0003) is poor but not paired.
    found = run_rule(tiny, "household-exit", "2020-01-01", year=2019)
    assert where(found) == [("yangtuan-h0001", HOUSEHOLDS, 1)]
    assert "2019年底仍未脱贫" in found[0].message
    assert found[0].level.value == "info"
    # At the end of 2018, 赵桂兰户 had not yet left poverty either.
    found = run_rule(tiny, "household-exit", "2019-01-01", year=2018)
    assert records(found) == ["yangtuan-h0001", "yangtuan-h0002"]


def test_household_exit_relapsed_and_unpaired_on_31_december(folder):
    data = folder(
        {
            HOUSEHOLDS: TINY[HOUSEHOLDS].replace("status: 已脱贫", "status: 返贫"),
            PAIRINGS: textwrap.dedent(
                ONLY_P0001.format(end="end: 2019-12-30\n      end_reason: 户主去世\n      ")
            )
            + textwrap.dedent("""
            - id: yangtuan-p0002
              deputy: yangtuan-d002
              household: yangtuan-h0002
              start: 2018-03-25
              chosen_by: 乡镇推荐
        """),
        }
    )
    found = run_rule(data, "household-exit", "2020-01-01", year=2019)
    assert where(found) == [("yangtuan-h0002", HOUSEHOLDS, H0002_LINE)]
    assert "返贫" in found[0].message


# --- six-ones ---------------------------------------------------------------------------

SIX_ONES_JUNE = """
    - id: yangtuan-a201906-001
      date: 2019-06-02
      kind: 谈心
      deputies: [yangtuan-d001]
      household: yangtuan-h0001
      summary: 谈心
    - id: yangtuan-a201906-002
      date: 2019-06-09
      kind: 讲课
      deputies: [yangtuan-d002, yangtuan-d001]
      household: yangtuan-h0001
      summary: 两位代表一起讲养殖技术课
    - id: yangtuan-a201906-003
      date: 2019-06-16
      kind: 献计
      deputies: [yangtuan-d001]
      household: yangtuan-h0001
      summary: 建议种植大棚蔬菜
    - id: yangtuan-a201906-004
      date: 2019-06-23
      kind: 捐资
      deputies: [yangtuan-d001]
      household: yangtuan-h0001
      amount: 800
      summary: 捐助大棚薄膜
    - id: yangtuan-a201906-005
      date: 2019-06-30
      kind: 出力
      deputies: [yangtuan-d001]
      household: yangtuan-h0001
      summary: 帮助搭建大棚
"""


def test_six_ones_missing_kinds_are_named(tiny):
    # 2019: p0001 saw only a 串门, p0002 only a 捐资.
    found = run_rule(tiny, "six-ones", "2020-01-01", year=2019)
    assert where(found) == [("yangtuan-p0001", PAIRINGS, 1), ("yangtuan-p0002", PAIRINGS, 6)]
    assert "谈心、讲课、献计、捐资、出力" in found[0].message
    assert "串门、谈心、讲课、献计、出力" in found[1].message
    assert found[0].level.value == "info"


def test_six_ones_near_miss_all_six_in_the_year(folder):
    # With TINY's 串门 in May, p0001 has all six in 2019 (the 讲课 was joint work).
    data = folder({activities("2019-06"): SIX_ONES_JUNE})
    found = run_rule(data, "six-ones", "2020-01-01", year=2019)
    assert records(found) == ["yangtuan-p0002"]


def test_six_ones_not_judged_in_the_year_the_pairing_ended(folder):
    data = folder(
        {
            PAIRINGS: ONLY_P0001.format(end="end: 2019-11-30\n      end_reason: 户主去世\n      "),
        }
    )
    assert run_rule(data, "six-ones", "2020-01-01", year=2019) == []


# --- liaison-supervision ----------------------------------------------------------------


def supervision(day_: str, township: str) -> dict[str, str]:
    ym = day_[:7]
    return {
        activities(ym, township): f"""
        - id: {township}-a{ym.replace("-", "")}-001
          date: {day_}
          kind: 督查
          deputies: [yangtuan-d001]
          summary: 督查脱贫攻坚活动开展情况
    """
    }


def test_liaison_supervision_no_visit_in_a_year(tiny):
    (found,) = run_rule(tiny, "liaison-supervision", "2020-01-01", year=2019)
    assert where([found]) == [("yangtuan", TOWNSHIPS, 1)]
    assert "张伟" in found.message and "督查" in found.message
    assert found.level.value == "info"


def test_liaison_supervision_near_miss_one_visit(folder):
    data = folder(supervision("2019-10-15", "yangtuan"))
    assert run_rule(data, "liaison-supervision", "2020-01-01", year=2019) == []


def test_liaison_supervision_counts_only_in_the_township_visited(folder):
    # 张伟 is liaison for both townships and supervised only in 尹集镇.
    data = folder({**YINJI, **supervision("2019-10-15", "yinji")})
    (found,) = run_rule(data, "liaison-supervision", "2020-01-01", year=2019)
    assert where([found]) == [("yangtuan", TOWNSHIPS, 1)]


# --- selection and levels ---------------------------------------------------------------


def run_all(data: Path, as_of: str, period: periods.Period | None = None) -> rules.CheckResult:
    """Every rule lingbi.yaml selects, as plain ``lingbi check`` runs them."""
    return rules.run(
        load(data), as_of=day(as_of), today=day("2021-06-01"), scope=rules.Scope(period=period)
    )


def test_select_in_lingbi_yaml_runs_only_the_rules_listed(folder):
    data = folder({"lingbi.yaml": "rules:\n  select: [trips-per-year]\n"})
    # By 1 January 2020: 2018 had no trip (杨疃镇, 张伟 and 李秀英 each flagged); 2019 had one
    # (杨疃镇 flagged; each deputy took part in it).
    assert run_all(data, "2020-01-01").summary() == {"trips-per-year": 4}


def test_ignore_in_lingbi_yaml_leaves_rules_out(folder):
    left_out = ["six-ones", "household-exit", "liaison-supervision"]
    data = folder({"lingbi.yaml": f"rules:\n  ignore: [{', '.join(left_out)}]\n"})
    summary = run_all(data, "2020-01-01").summary()
    assert "trips-per-year" in summary and "silent-deputy" in summary
    assert not set(left_out) & set(summary)
    data = folder({"lingbi.yaml": "rules:\n  six-ones:\n    enabled: false\n"})
    summary = run_all(data, "2020-01-01").summary()
    assert "six-ones" not in summary and "household-exit" in summary


def test_rule_option_overrides_the_selection_of_lingbi_yaml(tiny, cli):
    # TINY's lingbi.yaml selects only the integrity rules, which find nothing.
    args = (
        "--data",
        str(tiny),
        "check",
        "--as-of",
        "2020-01-01",
        "--year",
        "2019",
        "--format",
        "json",
    )
    assert json.loads(cli(*args).stdout)["summary"] == {}
    result = cli(*args, "--rule", "six-ones", "--rule", "liaison-supervision")
    assert json.loads(result.stdout)["summary"] == {"liaison-supervision": 1, "six-ones": 2}


def test_strict_turns_warnings_into_exit_one(tiny, cli):
    # 2019 had one trip: one warning for 杨疃镇.
    args = (
        "--data",
        str(tiny),
        "check",
        "--rule",
        "trips-per-year",
        "--year",
        "2019",
        "--as-of",
        "2020-01-01",
    )
    result = cli(*args)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{TOWNSHIPS}:1:1 warning trips-per-year ")
    assert cli(*args, "--strict").exit_code == 1


def test_info_findings_never_fail_even_with_strict(tiny, cli):
    result = cli(
        "--data",
        str(tiny),
        "check",
        "--rule",
        "six-ones",
        "--year",
        "2019",
        "--as-of",
        "2020-01-01",
        "--strict",
    )
    assert result.exit_code == 0 and " info six-ones " in result.stdout


def test_level_set_in_lingbi_yaml(folder, cli):
    data = folder({"lingbi.yaml": "rules:\n  select: [six-ones]\n  six-ones:\n    level: error\n"})
    result = cli(
        "--data", str(data), "check", "--year", "2019", "--as-of", "2020-01-01", "--format", "json"
    )
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["level"]) for f in found] == [("six-ones", "error")] * 2


def test_level_of_a_loader_rule_can_be_lowered(folder, cli):
    data = folder(
        {
            "lingbi.yaml": "rules:\n  select: [schema]\n  schema:\n    level: warning\n",
            activities("2019-06"): """
            - id: yangtuan-a201906-001
              date: 2019-06-31
              kind: 调研视察
              deputies: [yangtuan-d001]
              villages: [前庄村]
              summary: 视察
        """,
        }
    )
    result = cli("--data", str(data), "check", "--format", "json", "--as-of", "2019-07-01")
    (item,) = json.loads(result.stdout)["findings"]
    assert (item["rule"], item["level"], item["line"]) == ("schema", "warning", 2)
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ("rules:\n  six-one:\n    level: info\n", "six-one"),
        ("rules:\n  select: [six-one]\n", "six-one"),
        ("rules:\n  regular-visits:\n    period: week\n", "rules.regular-visits.period"),
        ("rules:\n  six-ones:\n    level: fatal\n", "rules.six-ones.level"),
    ],
)
def test_broken_rule_settings_exit_two(folder, cli, settings, named):
    result = cli("--data", str(folder({"lingbi.yaml": settings})), "check", "--as-of", "2020-01-01")
    assert result.exit_code == 2
    assert named in result.stderr and "Traceback" not in result.output


def test_unknown_rule_option_exits_two(tiny, cli):
    result = cli("--data", str(tiny), "check", "--rule", "six-one", "--as-of", "2020-01-01")
    assert result.exit_code == 2 and "six-one" in result.stderr


# --- # lingbi: ignore[rule] reason ------------------------------------------------------

PAIRINGS_IGNORING = """
    - id: yangtuan-p0001
      deputy: yangtuan-d001
      household: yangtuan-h0001
      start: 2018-03-25
      chosen_by: 单位名单
    # lingbi: ignore[{rule}]{reason}
    - id: yangtuan-p0002
      deputy: yangtuan-d002
      household: yangtuan-h0002
      start: 2018-03-25
      chosen_by: 乡镇推荐
"""
REASON = "户主常年在外务工，只能电话联系"


def ignoring(rule: str, reason: str = REASON) -> str:
    return PAIRINGS_IGNORING.format(rule=rule, reason=f" {reason}" if reason else "")


def test_ignore_comment_suppresses_the_finding_on_the_next_record(folder):
    # Without the comment both pairings lack kinds in 2019 (see test_six_ones_...).
    data = folder({PAIRINGS: ignoring("six-ones")})
    result = rules.run(
        load(data),
        only=["six-ones"],
        as_of=day("2020-01-01"),
        scope=rules.Scope(period=periods.year(2019)),
    )
    assert records(result.findings) == ["yangtuan-p0001"]
    ((hidden, reason),) = result.ignored
    assert (hidden.rule, hidden.record, hidden.line) == ("six-ones", "yangtuan-p0002", 7)
    assert reason == REASON


def test_ignore_comment_on_the_records_own_line(folder):
    text = TINY[PAIRINGS].replace(
        "- id: yangtuan-p0002", f"- id: yangtuan-p0002  # lingbi: ignore[six-ones] {REASON}"
    )
    data = folder({PAIRINGS: text})
    assert records(run_rule(data, "six-ones", "2020-01-01", year=2019)) == ["yangtuan-p0001"]


def test_ignore_comment_for_another_rule_does_not_suppress(folder):
    data = folder({PAIRINGS: ignoring("regular-visits")})
    found = run_rule(data, "six-ones", "2020-01-01", year=2019)
    assert records(found) == ["yangtuan-p0001", "yangtuan-p0002"]


def test_show_ignored_lists_the_suppressed_finding_with_its_reason(folder, cli):
    data = folder({PAIRINGS: ignoring("six-ones")})
    args = (
        "--data",
        str(data),
        "check",
        "--rule",
        "six-ones",
        "--year",
        "2019",
        "--as-of",
        "2020-01-01",
    )
    plain = cli(*args).stdout
    assert "yangtuan-p0002" not in plain and "另有 1 条" in plain
    shown = cli(*args, "--show-ignored").stdout
    (line,) = [x for x in shown.splitlines() if " 已忽略 " in x]
    assert line.startswith(f"{PAIRINGS}:7:1 已忽略 six-ones ")
    assert "yangtuan-p0002" in line and REASON in line
    payload = json.loads(cli(*args, "--show-ignored", "--format", "json").stdout)
    assert [(i["record"], i["reason"]) for i in payload["ignored"]] == [("yangtuan-p0002", REASON)]
    assert payload["summary"] == {"six-ones": 1}


def test_ignore_comment_without_a_reason_does_not_suppress(folder):
    data = folder(
        {
            "lingbi.yaml": "rules:\n  select: [schema, six-ones]\n",
            PAIRINGS: ignoring("six-ones", reason=""),
        }
    )
    result = run_all(data, "2020-01-01", period=periods.year(2019))
    assert result.ignored == []
    assert sorted((f.rule, f.record, f.level.value) for f in result.findings) == [
        ("schema", "yangtuan-p0002", "warning"),
        ("six-ones", "yangtuan-p0001", "info"),
        ("six-ones", "yangtuan-p0002", "info"),
    ]
    (warning,) = [f for f in result.findings if f.rule == "schema"]
    assert warning.line == 7 and "原因" in warning.message


def test_ignore_comment_naming_no_rule_is_a_schema_warning(folder):
    data = folder(
        {
            "lingbi.yaml": "rules:\n  select: [schema, six-ones]\n",
            PAIRINGS: ignoring("six-one"),
        }
    )
    result = run_all(data, "2020-01-01", period=periods.year(2019))
    assert sorted((f.rule, f.record) for f in result.findings) == [
        ("schema", "yangtuan-p0002"),
        ("six-ones", "yangtuan-p0001"),
        ("six-ones", "yangtuan-p0002"),
    ]
    (warning,) = [f for f in result.findings if f.rule == "schema"]
    assert "ignore[six-one]" in warning.message and "不存在" in warning.message
    # With only one rule chosen (`--rule six-ones`), nothing of the schema rule is reported.
    assert {f.rule for f in run_rule(data, "six-ones", "2020-01-01", year=2019)} == {"six-ones"}


# --- scope: --township, --year, --half --------------------------------------------------


def test_township_scope(folder, cli):
    # 2019: 杨疃镇 held one trip (both its deputies on it); 尹集镇 none, and 陈刚 took part in
    # none. Unscoped, 杨疃镇, 尹集镇 and 陈刚 are flagged.
    data = folder(YINJI)
    args = (
        "--data",
        str(data),
        "check",
        "--rule",
        "trips-per-year",
        "--year",
        "2019",
        "--as-of",
        "2020-01-01",
        "--format",
        "json",
    )

    def found(*more: str) -> list[tuple[str, str, int]]:
        result = cli(*args, *more)
        return [(f["record"], f["file"], f["line"]) for f in json.loads(result.stdout)["findings"]]

    yinji = [("yinji", TOWNSHIPS, YINJI_LINE), ("yinji-d001", "townships/yinji/deputies.yaml", 1)]
    assert found() == [("yangtuan", TOWNSHIPS, 1), *yinji]
    assert found("--township", "yinji") == yinji
    assert found("--township", "杨疃镇") == [("yangtuan", TOWNSHIPS, 1)]
    result = cli(*args, "--township", "朱集乡")
    assert result.exit_code == 2 and "朱集乡" in result.stderr


def test_township_scope_hides_other_townships_files(folder):
    data = folder(
        {
            **YINJI,
            "townships/yinji/pairings.yaml": """
        - id: yinji-p0001
          deputy: yinji-d001
          household: yinji-h0001
          start: 2018-03-25
          chosen_by: 乡镇推荐
    """,
        }
    )
    assert records(run_rule(data, "unknown-ref", "2019-07-01")) == ["yinji-p0001"]
    assert run_rule(data, "unknown-ref", "2019-07-01", township="yangtuan") == []
    assert records(run_rule(data, "unknown-ref", "2019-07-01", township="yinji")) == ["yinji-p0001"]


def test_township_scope_also_limits_the_ignored_findings(folder):
    data = folder(
        {
            **YINJI,
            "townships/yinji/pairings.yaml": """
        - id: yinji-p0001  # lingbi: ignore[unknown-ref] 该户正在建档，编号待县里分配
          deputy: yinji-d001
          household: yinji-h0001
          start: 2018-03-25
          chosen_by: 乡镇推荐
    """,
        }
    )

    def ignored(township: str | None) -> list[str]:
        result = rules.run(
            load(data),
            only=["unknown-ref"],
            as_of=day("2019-07-01"),
            scope=rules.Scope(township=township),
        )
        assert result.findings == []
        return [f.record for f, _ in result.ignored]

    assert ignored(None) == ignored("yinji") == ["yinji-p0001"]
    assert ignored("yangtuan") == []


HALF_ZH = r"\d{4}年.半年"


def test_year_and_half_scope(tiny):
    # Both deputies acted only in May 2019. Over by 1 January 2020: 2018H1, 2018H2, 2019H1,
    # 2019H2; each deputy is silent in all but 2019H1.
    def halves(year: int | None = None, half: str | None = None) -> list[str]:
        found = run_rule(tiny, "silent-deputy", "2020-01-01", year=year, half=half)
        return [f"{f.record}:{label}" for f in found for label in re.findall(HALF_ZH, f.message)]

    assert sorted(halves()) == sorted(
        f"yangtuan-{d}:{h}"
        for d in ("d001", "d002")
        for h in ("2018年上半年", "2018年下半年", "2019年下半年")
    )
    assert sorted(halves(half="2019H2")) == [
        "yangtuan-d001:2019年下半年",
        "yangtuan-d002:2019年下半年",
    ]
    assert len(halves(year=2018)) == 4
    assert halves(half="2019H1") == []


def test_regular_visits_scoped_to_a_half(folder):
    # p0001 only, with TINY's 串门 of 8 May: in 2019H1 only Q1 lacks a visit.
    data = folder({PAIRINGS: ONLY_P0001.format(end="")})
    found = run_rule(data, "regular-visits", "2020-01-15", half="2019H1")
    assert ["2019年第一季度" in f.message for f in found] == [True]


def test_year_and_half_together_exit_two(tiny, cli):
    result = cli("--data", str(tiny), "check", "--year", "2019", "--half", "2019H1")
    assert result.exit_code == 2 and "--year" in result.stderr


# --- --format github --------------------------------------------------------------------

GITHUB_LINE = re.compile(
    r"^::(?P<kind>error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),"
    r"col=(?P<col>\d+),title=(?P<rule>[a-z-]+)::(?P<message>.+)$"
)


def test_github_format_one_annotation_per_finding(folder, cli):
    # One error (a visit to a household that does not exist), one warning (2019 had one trip)
    # and two notices (six-ones for both pairings).
    data = folder(visit("2019-06-05", household="h0009"))
    result = cli(
        "--data",
        str(data),
        "check",
        "--format",
        "github",
        "--year",
        "2019",
        "--as-of",
        "2020-01-01",
        "--rule",
        "unknown-ref",
        "--rule",
        "trips-per-year",
        "--rule",
        "six-ones",
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    matches = [GITHUB_LINE.match(x) for x in lines]
    assert all(matches), lines  # nothing else is printed: no summary
    got = [(m["kind"], m["file"], m["line"], m["rule"]) for m in matches if m]
    assert got == [
        ("warning", TOWNSHIPS, "1", "trips-per-year"),
        ("error", activities("2019-06"), "1", "unknown-ref"),
        ("notice", PAIRINGS, "1", "six-ones"),
        ("notice", PAIRINGS, "6", "six-ones"),
    ]
    error = lines[1].split("::")[2]
    assert "yangtuan-h0009" in error and "。" in error  # the hint follows the message
