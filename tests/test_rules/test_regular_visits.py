"""regular-visits: a visit in every quarter (or month, or half) of a pairing.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import re

import pytest
from ruletest import (
    D003_AUGUST,
    DEPUTIES,
    ONLY_P0001,
    PAIRINGS,
    activities,
    plus,
    run_rule,
    visit,
    where,
)


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
