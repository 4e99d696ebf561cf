"""inactive-deputy: deputies named on dates outside their term.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

from ruletest import D003_AUGUST, DEPUTIES, PAIRINGS, activities, plus, run_rule, where

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
