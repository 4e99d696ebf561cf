"""household-source: where a paired household must come from (§2.3(3)).

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import pytest
from conftest import TINY
from ruletest import HOUSEHOLDS, PAIRINGS, UNITS, plus, run_rule, where

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


def test_household_source_township_household_outside_the_points(folder):
    # 赵桂兰户 (h0002, paired with the rural deputy 李秀英) lives in 张庄村, not an assistance
    # point of 杨疃镇 (前庄村, 后湖村).
    text = TINY[HOUSEHOLDS].replace(
        "village: 后湖村\n          members: 2", "village: 张庄村\n          members: 2"
    )
    assert text != TINY[HOUSEHOLDS]
    (found,) = run_rule(folder({HOUSEHOLDS: text}), "household-source", "2019-07-01")
    assert found.record == "yangtuan-p0002" and "张庄村不是本乡镇的帮扶点" in found.message


def test_household_source_the_unit_named_on_the_household(folder):
    # the unit link lives on the household (unit:), the unit's own list is empty
    text = TINY[HOUSEHOLDS].replace("unit: u-jiaoyuju", "unit: u-minzhengju")
    units = plus(UNITS, "- id: u-minzhengju\n  name: 县民政局\n  kind: 机关\n")
    (found,) = run_rule(folder({HOUSEHOLDS: text, UNITS: units}), "household-source", "2019-07-01")
    assert found.record == "yangtuan-p0001" and "县教育局" in found.message
