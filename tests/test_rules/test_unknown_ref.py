"""unknown-ref: references to records that do not exist, and a near-miss where all resolve.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

from ruletest import PAIRINGS, TOWNSHIPS, UNITS, run_rule, where


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
