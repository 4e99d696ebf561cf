"""id-number: citizen ID numbers that cannot be right, or are on two households.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

from conftest import TINY
from ruletest import H0002_LINE, HOUSEHOLDS, run_rule, where


def test_id_number_same_number_on_two_households(folder):
    text = TINY[HOUSEHOLDS].replace("'341323197207080039'", "'34132319650315013X'")
    data = folder({HOUSEHOLDS: text})
    (found,) = run_rule(data, "id-number", "2019-07-01")
    assert where([found]) == [("yangtuan-h0003", HOUSEHOLDS, 23)]  # the second one read
    assert "yangtuan-h0001" in found.message and "相同" in found.message


def test_id_number_impossible_birth_date(folder):
    text = TINY[HOUSEHOLDS].replace("'341323195803200026'", "'341323195802300026'")
    data = folder({HOUSEHOLDS: text})
    (found,) = run_rule(data, "id-number", "2019-07-01")
    assert where([found]) == [("yangtuan-h0002", HOUSEHOLDS, H0002_LINE)]
    assert "出生日期" in found.message


def test_id_number_near_miss_lower_case_x_is_the_same_check_digit(folder):
    text = TINY[HOUSEHOLDS].replace("'34132319650315013X'", "'34132319650315013x'")
    data = folder({HOUSEHOLDS: text})
    assert run_rule(data, "id-number", "2019-07-01") == []
