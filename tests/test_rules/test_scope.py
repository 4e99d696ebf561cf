"""Scope: ``--township``, ``--year`` and ``--half`` limit what the rules judge and show.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import json
import re

from ruletest import ONLY_P0001, PAIRINGS, TOWNSHIPS, YINJI, YINJI_LINE, day, record_ids, run_rule

from lingbi_cli import rules
from lingbi_cli.store.folder import DataFolder


def test_township_scope(folder, cli):
    # 2019: 杨疃镇 held one trip (both its deputies on it); 尹集镇 none, and 陈刚 took part in
    # none. Unscoped, 杨疃镇, 尹集镇 and 陈刚 are flagged.
    data = folder(YINJI)
    args = (
        "--data",
        str(data),
        "check",
        "--rule",
        "trips-per-year",
        "--year",
        "2019",
        "--as-of",
        "2020-01-01",
        "--format",
        "json",
    )

    def found(*more: str) -> list[tuple[str, str, int]]:
        result = cli(*args, *more)
        return [(f["record"], f["file"], f["line"]) for f in json.loads(result.stdout)["findings"]]

    yinji = [("yinji", TOWNSHIPS, YINJI_LINE), ("yinji-d001", "townships/yinji/deputies.yaml", 1)]
    assert found() == [("yangtuan", TOWNSHIPS, 1), *yinji]
    assert found("--township", "yinji") == yinji
    assert found("--township", "杨疃镇") == [("yangtuan", TOWNSHIPS, 1)]
    result = cli(*args, "--township", "朱集乡")
    assert result.exit_code == 2 and "朱集乡" in result.stderr


def test_township_scope_hides_other_townships_files(folder):
    data = folder(
        {
            **YINJI,
            "townships/yinji/pairings.yaml": """
        - id: yinji-p0001
          deputy: yinji-d001
          household: yinji-h0001
          start: 2018-03-25
          chosen_by: 乡镇推荐
    """,
        }
    )
    assert record_ids(run_rule(data, "unknown-ref", "2019-07-01")) == ["yinji-p0001"]
    assert run_rule(data, "unknown-ref", "2019-07-01", township="yangtuan") == []
    assert record_ids(run_rule(data, "unknown-ref", "2019-07-01", township="yinji")) == [
        "yinji-p0001"
    ]


def test_township_scope_also_limits_the_ignored_findings(folder):
    data = folder(
        {
            **YINJI,
            "townships/yinji/pairings.yaml": """
        - id: yinji-p0001  # lingbi: ignore[unknown-ref] 该户正在建档，编号待县里分配
          deputy: yinji-d001
          household: yinji-h0001
          start: 2018-03-25
          chosen_by: 乡镇推荐
    """,
        }
    )

    def ignored(township: str | None) -> list[str]:
        result = rules.run(
            DataFolder(data).load(),
            only=["unknown-ref"],
            as_of=day("2019-07-01"),
            scope=rules.Scope(township=township),
        )
        assert result.findings == []
        return [f.record for f, _ in result.ignored]

    assert ignored(None) == ignored("yinji") == ["yinji-p0001"]
    assert ignored("yangtuan") == []


HALF_ZH = r"\d{4}年.半年"


def test_year_and_half_scope(tiny):
    # Both deputies acted only in May 2019. Over by 1 January 2020: 2018H1, 2018H2, 2019H1,
    # 2019H2; each deputy is silent in all but 2019H1.
    def halves(year: int | None = None, half: str | None = None) -> list[str]:
        found = run_rule(tiny, "silent-deputy", "2020-01-01", year=year, half=half)
        return [f"{f.record}:{label}" for f in found for label in re.findall(HALF_ZH, f.message)]

    assert sorted(halves()) == sorted(
        f"yangtuan-{d}:{h}"
        for d in ("d001", "d002")
        for h in ("2018年上半年", "2018年下半年", "2019年下半年")
    )
    assert sorted(halves(half="2019H2")) == [
        "yangtuan-d001:2019年下半年",
        "yangtuan-d002:2019年下半年",
    ]
    assert len(halves(year=2018)) == 4
    assert halves(half="2019H1") == []


def test_regular_visits_scoped_to_a_half(folder):
    # p0001 only, with TINY's 串门 of 8 May: in 2019H1 only Q1 lacks a visit.
    data = folder({PAIRINGS: ONLY_P0001.format(end="")})
    found = run_rule(data, "regular-visits", "2020-01-15", half="2019H1")
    assert ["2019年第一季度" in f.message for f in found] == [True]


def test_year_and_half_together_exit_two(tiny, cli):
    result = cli("--data", str(tiny), "check", "--year", "2019", "--half", "2019H1")
    assert result.exit_code == 2 and "--year" in result.stderr
