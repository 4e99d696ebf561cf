"""filing-period: filings for a year or half-year outside the campaign (April 2018 – 2020);
``lingbi file`` refuses them (exit 1, nothing written)."""

from __future__ import annotations

import pytest
from ruletest import FILINGS, run_rule, where

FILED = """
- id: yangtuan-f2018-01
  kind: 活动方案
  period: 2018
  date: 2018-03-20
- id: yangtuan-f2018-02
  kind: 上半年报告
  period: 2018H1
  date: 2018-06-18
- id: yangtuan-f2019-01
  kind: 活动方案
  period: 2017
  date: 2019-01-10
- id: yangtuan-f2019-02
  kind: 下半年报告
  period: 2021H2
  date: 2019-12-10
- id: yangtuan-f2020-01
  kind: 年终总结
  period: 2020
  date: 2020-12-10
"""


def test_filing_period_outside_the_campaign(folder):
    # 2018 and 2018H1 overlap the campaign (it starts on 1 April 2018); 2017 and 2021H2 do not
    found = run_rule(folder({FILINGS: FILED}), "filing-period", "2021-01-01")
    assert where(found) == [("yangtuan-f2019-01", FILINGS, 9), ("yangtuan-f2019-02", FILINGS, 13)]
    assert "所属的2017年不在活动期间" in found[0].message
    assert "所属的2021年下半年不在活动期间" in found[1].message
    assert {f.level.value for f in found} == {"error"}


@pytest.mark.parametrize(("period", "words"), [("2091", "2091年"), ("2017", "2017年")])
def test_file_refuses_a_period_outside_the_campaign(tiny, cli, period, words):
    path = tiny / FILINGS
    before = path.read_bytes() if path.exists() else None
    done = cli(
        "--data", str(tiny), "file", "plan", "--period", period, "-t", "yangtuan",
        "--date", "2019-01-10",
    )  # fmt: skip
    assert done.exit_code == 1
    assert f"所属的{words}不在活动期间" in done.output
    assert (path.read_bytes() if path.exists() else None) == before
