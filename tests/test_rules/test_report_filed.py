"""report-filed: the half-year reports filed by 20 June and 20 December.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import json

import pytest
from ruletest import FILINGS, TOWNSHIPS, run_rule, where

FILINGS_2018 = """
    - id: yangtuan-f2018-01
      kind: 上半年报告
      period: 2018H1
      date: 2018-06-15
    - id: yangtuan-f2018-02
      kind: 下半年报告
      period: 2018H2
      date: 2018-12-15
    - id: yangtuan-f2018-03
      kind: 年终总结
      period: 2018
      date: 2018-12-18
"""


def test_report_filed_late_h1(folder):
    data = folder(
        {
            FILINGS: """
        - id: yangtuan-f2019-03
          kind: 上半年报告
          period: 2019H1
          date: 2019-06-25
    """
        }
    )
    (found,) = run_rule(data, "report-filed", "2019-07-01", year=2019)
    assert where([found]) == [("yangtuan-f2019-03", FILINGS, 1)]
    assert "上半年报告" in found.message and "晚于 2019-06-20" in found.message


@pytest.mark.parametrize(("kind", "period"), [("下半年报告", "2019H2"), ("年终总结", "2019")])
def test_report_filed_one_december_filing_doubles_as_the_year_end_summary(folder, kind, period):
    data = folder(
        {
            FILINGS: f"""
        - id: yangtuan-f2019-03
          kind: 上半年报告
          period: 2019H1
          date: 2019-06-18
        - id: yangtuan-f2019-04
          kind: {kind}
          period: {period}
          date: 2019-12-18
    """
        }
    )
    assert run_rule(data, "report-filed", "2020-01-01", year=2019) == []


def test_report_filed_missing_december_report(folder):
    data = folder(
        {
            FILINGS: """
        - id: yangtuan-f2019-03
          kind: 上半年报告
          period: 2019H1
          date: 2019-06-18
    """
        }
    )
    (found,) = run_rule(data, "report-filed", "2020-01-01", year=2019)
    assert where([found]) == [("yangtuan", TOWNSHIPS, 1)]
    assert "下半年报告或年终总结" in found.message and "2019-12-20" in found.message


@pytest.mark.parametrize(
    ("as_of", "missing"),
    [
        ("2019-05-01", False),  # before 20 June the H1 report is not asked for
        ("2019-06-20", False),  # the deadline day itself
        ("2019-06-21", True),
    ],
)
def test_report_filed_h1_is_not_missing_before_20_june(folder, cli, as_of, missing):
    data = folder({FILINGS: FILINGS_2018})  # 2018 is complete
    result = cli(
        "--data",
        str(data),
        "check",
        "--rule",
        "report-filed",
        "--as-of",
        as_of,
        "--strict",
        "--format",
        "json",
    )
    found = json.loads(result.stdout)["findings"]
    if not missing:
        assert found == [] and result.exit_code == 0
    else:
        (item,) = found
        assert (item["rule"], item["record"], item["file"]) == (
            "report-filed",
            "yangtuan",
            TOWNSHIPS,
        )
        assert "2019H1" in item["message"] and "上半年报告" in item["message"]
        assert result.exit_code == 1  # a warning, and --strict
