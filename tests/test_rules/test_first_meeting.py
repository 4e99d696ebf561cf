"""first-meeting: the deputy meets the household by 30 April, or within 30 days.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import pytest
from ruletest import PAIRINGS, activities, plus, run_rule, where


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
