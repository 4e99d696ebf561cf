"""trips-per-year: a township's and a deputy's investigation trips per year.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import pytest
from ruletest import (
    D002_LINE,
    D003_AUGUST,
    DEPUTIES,
    TOWNSHIPS,
    plus,
    run_rule,
    trip,
    where,
)


def test_trips_per_year_two_trips_are_too_few(folder):
    # 2019: TINY's trip on 28 May (d001, d002) and one on 12 September (d001): 2 trips.
    data = folder(trip("2019-09-12", "yangtuan-d001"))
    (found,) = run_rule(data, "trips-per-year", "2020-01-01", year=2019)
    assert where([found]) == [("yangtuan", TOWNSHIPS, 1)]
    assert "2019年" in found.message and "2 次调研视察" in found.message


def test_trips_per_year_exactly_three_is_enough(folder):
    data = folder(
        {
            **trip("2019-09-12", "yangtuan-d001"),
            **trip("2019-11-05", "yangtuan-d001"),
        }
    )
    assert run_rule(data, "trips-per-year", "2020-01-01", year=2019) == []


def test_trips_per_year_deputy_threshold(folder):
    # Three trips in 2019; 张伟 took part in all three, 李秀英 in one (28 May); 周敏 took office
    # in August and is not judged for 2019.
    data = folder(
        {
            "lingbi.yaml": "rules:\n  trips-per-year:\n    deputy_min: 2\n",
            DEPUTIES: plus(DEPUTIES, D003_AUGUST),
            **trip("2019-09-12", "yangtuan-d001"),
            **trip("2019-11-05", "yangtuan-d001"),
        }
    )
    (found,) = run_rule(data, "trips-per-year", "2020-01-01", year=2019)
    assert where([found]) == [("yangtuan-d002", DEPUTIES, D002_LINE)]
    assert "李秀英" in found.message and "1 次" in found.message


@pytest.mark.parametrize("third", [False, True])
def test_trips_per_year_2018_counts_from_april_and_still_needs_three(folder, third):
    data = folder(
        {
            **trip("2018-04-10", "yangtuan-d001, yangtuan-d002"),
            **trip("2018-06-10", "yangtuan-d001"),
            **(trip("2018-10-10", "yangtuan-d002") if third else {}),
        }
    )
    found = run_rule(data, "trips-per-year", "2019-01-01", year=2018)
    if third:
        assert found == []
    else:
        (problem,) = found
        assert problem.record == "yangtuan" and "2018年只组织了 2 次" in problem.message


def test_trips_per_year_current_year_is_judged_once_it_is_over(tiny):
    # 2019 has one trip (28 May): not judged during the year, judged from 1 January 2020.
    assert run_rule(tiny, "trips-per-year", "2019-12-30", year=2019) == []
    (found,) = run_rule(tiny, "trips-per-year", "2020-01-01", year=2019)
    assert found.record == "yangtuan" and "1 次" in found.message
