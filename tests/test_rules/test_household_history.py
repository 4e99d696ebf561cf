"""household-history: status changes that cannot have happened.

The data are the tiny county of conftest.py; 赵桂兰户 (h0002, registered 2015, line 11) gets
the history each test writes in place of its old ``status: 已脱贫`` / ``exit_year: 2019``.
"""

from __future__ import annotations

import re

import pytest
from conftest import TINY
from ruletest import H0002_LINE, HOUSEHOLDS, run_rule, where


def with_history(history: str) -> dict[str, str]:
    """TINY's households with h0002's status lines replaced by ``history`` (lines joined by
    a newline, at the record's indentation)."""
    text = re.sub(
        r"( *)status: 已脱贫\n\s*exit_year: 2019",
        lambda m: m[1] + history.replace("\n", "\n" + m[1]),
        TINY[HOUSEHOLDS],
    )
    assert text != TINY[HOUSEHOLDS]
    return {HOUSEHOLDS: text}


def history(*changes: str) -> str:
    """``history("2018-12-01 已脱贫", …)`` as a one-line ``status_history``."""
    return (
        "status_history: ["
        + ", ".join("{{date: {}, status: {}}}".format(*c.split()) for c in changes)
        + "]"
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (history("2014-12-01 已脱贫"), ["2014-12-01 已脱贫，早于建档立卡的 2015 年"]),
        (
            history("2018-12-01 已脱贫", "2019-12-01 已脱贫"),
            ["2019-12-01 又记了一次 已脱贫，此前已经脱贫、中间没有返贫"],
        ),
        (history("2019-05-01 返贫"), ["2019-05-01 返贫，此前没有脱贫的记录"]),
        (
            history("2019-12-01 已脱贫", "2019-03-01 返贫"),
            ["2019-03-01 返贫，不晚于前一条记录的 2019-12-01（应按日期先后，每天最多一条）"],
        ),
        (history("2021-07-01 已脱贫"), ["2021-07-01 已脱贫，在今天（2021-06-01）之后"]),
        # the old way: 返贫 with no year of exit reads as relapsed since registration
        ("status: 返贫", ["2015-01-01 返贫，此前没有脱贫的记录"]),
    ],
)
def test_household_history_impossible(folder, written, expected):
    found = run_rule(folder(with_history(written)), "household-history", "2020-01-01")
    assert where(found) == [("yangtuan-h0002", HOUSEHOLDS, H0002_LINE)]
    assert found[0].message.split("不可能：")[1].split("；") == expected
    assert found[0].level.value == "error"


@pytest.mark.parametrize(
    "written",
    [
        history("2018-12-01 已脱贫", "2019-05-01 返贫", "2020-11-30 已脱贫"),
        "status: 返贫\nexit_year: 2018",  # the old way, with its year of exit
        "status: 未脱贫",
    ],
)
def test_household_history_possible(folder, written):
    assert run_rule(folder(with_history(written)), "household-history", "2021-01-01") == []
