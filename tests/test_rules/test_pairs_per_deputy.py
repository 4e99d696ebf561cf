"""pairs-per-deputy: deputies with no household, or more than three at once.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import pytest
from ruletest import (
    D002_LINE,
    D003_AUGUST,
    D003_LINE,
    DEPUTIES,
    HOUSEHOLDS,
    PAIRINGS,
    plus,
    run_rule,
    where,
)


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
