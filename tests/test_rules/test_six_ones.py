"""six-ones: a pairing's year with all six kinds of the six ones.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

from ruletest import ONLY_P0001, PAIRINGS, activities, record_ids, run_rule, where

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
    assert record_ids(found) == ["yangtuan-p0002"]


def test_six_ones_not_judged_in_the_year_the_pairing_ended(folder):
    data = folder(
        {
            PAIRINGS: ONLY_P0001.format(end="end: 2019-11-30\n      end_reason: 户主去世\n      "),
        }
    )
    assert run_rule(data, "six-ones", "2020-01-01", year=2019) == []
