"""silent-deputy: a deputy in office throughout a half-year with nothing recorded.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import pytest
from ruletest import (
    D002_LINE,
    D003_AUGUST,
    D003_LINE,
    DEPUTIES,
    PROPOSALS,
    plus,
    record_ids,
    run_rule,
    visit,
    where,
)


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
    assert record_ids(found) == ["yangtuan-d001", "yangtuan-d002"]
    assert all("2018年下半年" in f.message for f in found)
