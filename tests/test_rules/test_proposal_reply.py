"""proposal-reply: replies within three months, re-handling within one.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import datetime as dt

import pytest
from ruletest import PROPOSALS, record_ids, run_rule, where

from lingbi_cli.rules.proposal_reply import add_months

PROPOSAL = """
    - id: yangtuan-j2019-02
      type: 建议
      title: 关于修建前庄村生产路的建议
      lead: yangtuan-d002
      date: {date}
      session: 大会期间
      department: 县交通运输局
      assigned: {assigned}
"""


@pytest.mark.parametrize(("as_of", "flagged"), [("2019-06-20", False), ("2019-06-21", True)])
def test_proposal_reply_no_reply_after_three_months(folder, as_of, flagged):
    data = folder({PROPOSALS: PROPOSAL.format(date="2019-03-10", assigned="2019-03-20")})
    found = run_rule(data, "proposal-reply", as_of)
    assert where(found) == ([("yangtuan-j2019-02", PROPOSALS, 1)] if flagged else [])
    if flagged:
        assert "仍未答复" in found[0].message and "县交通运输局" in found[0].message


@pytest.mark.parametrize(
    ("assigned", "reply", "late"),
    [
        ("2019-03-20", "2019-06-20", False),  # replied on the day it was due
        ("2019-03-20", "2019-06-21", True),
        ("2018-11-30", "2019-02-28", False),  # three months after 30 November: 28 February
        ("2018-11-30", "2019-03-01", True),
    ],
)
def test_proposal_reply_on_the_due_day(folder, assigned, reply, late):
    text = PROPOSAL.format(date=assigned, assigned=assigned) + f"      reply: {reply}\n"
    text += "      result: B\n      satisfaction: 满意\n"
    data = folder({PROPOSALS: text})
    found = run_rule(data, "proposal-reply", "2019-12-31")
    assert record_ids(found) == (["yangtuan-j2019-02"] if late else [])
    if late:
        assert f"于 {reply} 才答复" in found[0].message


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(dt.date(2019, 3, 20), 3) == dt.date(2019, 6, 20)
    assert add_months(dt.date(2018, 11, 30), 3) == dt.date(2019, 2, 28)
    assert add_months(dt.date(2019, 11, 30), 3) == dt.date(2020, 2, 29)
    assert add_months(dt.date(2019, 10, 31), 2) == dt.date(2019, 12, 31)


@pytest.mark.parametrize(("rehandled", "flagged"), [(None, True), ("2019-06-10", False)])
def test_proposal_reply_unsatisfied_without_rehandling(folder, rehandled, flagged):
    text = PROPOSAL.format(date="2019-03-10", assigned="2019-03-20")
    text += "      reply: 2019-05-10\n      result: D\n      satisfaction: 不满意\n"
    if rehandled:
        text += f"      rehandled: {rehandled}\n"
    data = folder({PROPOSALS: text})
    found = run_rule(data, "proposal-reply", "2019-07-01")
    assert record_ids(found) == (["yangtuan-j2019-02"] if flagged else [])
    if flagged:
        assert "不满意" in found[0].message and "重新办理" in found[0].message
        assert "2019-06-10" in found[0].message  # one month after the reply
