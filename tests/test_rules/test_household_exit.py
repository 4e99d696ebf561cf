"""household-exit: paired households still poor at the end of a year.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import textwrap

from conftest import TINY
from ruletest import H0002_LINE, HOUSEHOLDS, ONLY_P0001, PAIRINGS, record_ids, run_rule, where


def test_household_exit_still_poor_at_the_end_of_the_year(tiny):
    # Paired all year: 王建国户 (h0001) 未脱贫; 赵桂兰户 (h0002) left poverty in 2019;
    # 孙德胜户 (h0003) is poor but not paired.
    found = run_rule(tiny, "household-exit", "2020-01-01", year=2019)
    assert where(found) == [("yangtuan-h0001", HOUSEHOLDS, 1)]
    assert "2019年底仍未脱贫" in found[0].message
    assert found[0].level.value == "info"
    # At the end of 2018, 赵桂兰户 had not yet left poverty either.
    found = run_rule(tiny, "household-exit", "2019-01-01", year=2018)
    assert record_ids(found) == ["yangtuan-h0001", "yangtuan-h0002"]


def test_household_exit_relapsed_and_unpaired_on_31_december(folder):
    data = folder(
        {
            HOUSEHOLDS: TINY[HOUSEHOLDS].replace("status: 已脱贫", "status: 返贫"),
            PAIRINGS: textwrap.dedent(
                ONLY_P0001.format(end="end: 2019-12-30\n      end_reason: 户主去世\n      ")
            )
            + textwrap.dedent("""
            - id: yangtuan-p0002
              deputy: yangtuan-d002
              household: yangtuan-h0002
              start: 2018-03-25
              chosen_by: 乡镇推荐
        """),
        }
    )
    found = run_rule(data, "household-exit", "2020-01-01", year=2019)
    assert where(found) == [("yangtuan-h0002", HOUSEHOLDS, H0002_LINE)]
    assert "返贫" in found[0].message
