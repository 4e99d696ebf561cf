"""duplicate-id: one record twice — the same id, the same pairing, the same filing — however it
arrived (two clerks at once, a git merge, a hand edit). Ids across files: see test_load.py.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import textwrap

import pytest
from ruletest import FILINGS, PAIRINGS, plus, run_rule, where

# p0002 (d002–h0002 since 2018-03-25, open) recorded again, as a git merge of two clerks'
# `lingbi pair` would leave it.
SAME_PAIRING = """
    - id: yangtuan-p0003
      deputy: yangtuan-d002
      household: yangtuan-h0002
      start: {start}
      chosen_by: 乡镇推荐
"""


def test_duplicate_id_the_same_open_pairing_twice(folder):
    data = folder({PAIRINGS: plus(PAIRINGS, SAME_PAIRING.format(start="2019-06-01"))})
    (found,) = run_rule(data, "duplicate-id", "2020-01-01")
    assert where([found]) == [("yangtuan-p0003", PAIRINGS, 11)]  # the one read later
    assert "李秀英（yangtuan-d002） 已经与 赵桂兰户（yangtuan-h0002） 结对" in found.message
    assert "yangtuan-p0002" in found.message and found.level.value == "error"


@pytest.mark.parametrize(("end", "flagged"), [("2019-05-31", False), ("2019-06-01", True)])
def test_duplicate_id_a_new_pairing_after_the_old_one_ended_is_no_duplicate(folder, end, flagged):
    # p0002 ended; the same deputy and household paired again from 2019-06-01. Ending on the
    # day the new one starts, both are open on that day: the same pairing twice.
    ended = plus(PAIRINGS, "").replace(
        "  start: 2018-03-25\n  chosen_by: 乡镇推荐",
        f"  start: 2018-03-25\n  end: {end}\n  end_reason: 暂停后重新结对\n  chosen_by: 乡镇推荐",
    )
    assert ended.count("end_reason") == 1
    again = textwrap.dedent(SAME_PAIRING.format(start="2019-06-01")).lstrip("\n")
    data = folder({PAIRINGS: ended + again})
    found = run_rule(data, "duplicate-id", "2020-01-01")
    assert [f.record for f in found] == (["yangtuan-p0003"] if flagged else [])


FILED_TWICE = """
    - id: yangtuan-f2019-01
      kind: 年终总结
      period: 2019
      date: 2019-12-10
    - id: yangtuan-f2019-02
      kind: 年终总结
      period: {period}
      date: 2019-12-12
"""


def test_duplicate_id_one_period_filed_twice(folder):
    data = folder({FILINGS: FILED_TWICE.format(period="2019")})
    (found,) = run_rule(data, "duplicate-id", "2020-01-01")
    assert where([found]) == [("yangtuan-f2019-02", FILINGS, 5)]
    assert "杨疃镇 2019 的年终总结已于 2019-12-10 登记过（yangtuan-f2019-01）" in found.message


def test_duplicate_id_near_miss_two_periods(folder):
    data = folder({FILINGS: FILED_TWICE.format(period="2018")})
    assert run_rule(data, "duplicate-id", "2020-01-01") == []


def test_check_reports_a_duplicate_pairing_and_exits_1(folder, cli):
    data = folder({PAIRINGS: plus(PAIRINGS, SAME_PAIRING.format(start="2018-03-25"))})
    result = cli("--data", str(data), "check", "--as-of", "2020-01-01", "--rule", "duplicate-id")
    assert result.exit_code == 1
    assert f"{PAIRINGS}:11:1" in result.stdout and "duplicate-id" in result.stdout
