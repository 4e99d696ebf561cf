"""household-exit: paired households still poor at the end of a year.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import re
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
            # 赵桂兰户 left poverty in March 2019 and fell back in October
            HOUSEHOLDS: re.sub(
                r"status: 已脱贫\n\s*exit_year: 2019",
                "status_history: [{date: 2019-03-01, status: 已脱贫}, "
                "{date: 2019-10-08, status: 返贫}]",
                TINY[HOUSEHOLDS],
            ),
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
    assert "当时状态：返贫" in found[0].message


def test_household_exit_judges_the_status_on_31_december(folder):
    # 赵桂兰户 (paired) left poverty on 2019-12-31 exactly, then fell back in 2020 and left
    # again in 2021: poor at the end of 2018 and 2020 (each with its next exit), out at the
    # end of 2019.
    data = folder(
        {
            HOUSEHOLDS: re.sub(
                r"status: 已脱贫\n\s*exit_year: 2019",
                "status_history: [{date: 2019-12-31, status: 已脱贫}, "
                "{date: 2020-04-01, status: 返贫}, {date: 2021-03-01, status: 已脱贫}]",
                TINY[HOUSEHOLDS],
            )
        }
    )
    found = run_rule(data, "household-exit", "2021-01-01")
    assert [f.message.split("）")[1] for f in found if f.record == "yangtuan-h0002"] == [
        "2018年底仍未脱贫，2019-12-31 才脱贫",
        "2020年底仍未脱贫，2021-03-01 才脱贫",
    ]
