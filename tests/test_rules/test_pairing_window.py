"""pairing-window: pairing work for a household not paired that day.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import pytest
from ruletest import PAIRINGS, activities, record_ids, run_rule, where


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
    assert record_ids(found) == (["yangtuan-a201905-001"] if flagged else [])
