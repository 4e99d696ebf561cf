"""plan-filed: the plan and the pairing list filed by 31 March.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import pytest
from ruletest import FILINGS, TOWNSHIPS, run_rule, where


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
