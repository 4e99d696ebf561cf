"""What the per-rule tests share: the file names, helpers that write small record files, and
``run_rule``, which runs one rule as ``check --rule`` would.

Every folder is the tiny county of conftest.py (two deputies of 杨疃镇: yangtuan-d001 张伟, organ,
and yangtuan-d002 李秀英, rural; households h0001–h0003; pairings p0001 d001–h0001 and p0002
d002–h0002 since 2018-03-25; in May 2019 a 串门 by d001 at h0001, a 捐资 by d002 at h0002 and
one 调研视察 by both) with a few files replaced or extended, written as a clerk would type them.
Every expected count is counted by hand from that data. Every run names the day it judges on.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from conftest import TINY

from lingbi_cli import periods, rules
from lingbi_cli.errors import Finding, Level
from lingbi_cli.store.folder import DataFolder

TOWNSHIPS = "county/townships.yaml"
UNITS = "county/units.yaml"
DEPUTIES = "townships/yangtuan/deputies.yaml"
HOUSEHOLDS = "townships/yangtuan/households.yaml"
PAIRINGS = "townships/yangtuan/pairings.yaml"
PROPOSALS = "townships/yangtuan/proposals.yaml"
FILINGS = "townships/yangtuan/filings.yaml"
# Line numbers in TINY's files: deputies d001 at 1, d002 at 12 (a third one appended: 20);
# households h0001 at 1, h0002 at 11, h0003 at 22; pairings p0001 at 1, p0002
# at 6 (a third: 11).
D002_LINE, D003_LINE = 12, 20
H0002_LINE = 12


def activities(month: str, township: str = "yangtuan") -> str:
    """The month file of activities: ``activities("2019-06")``."""
    return f"townships/{township}/activities/{month}.yaml"


def plus(path: str, more: str) -> str:
    """TINY's file at ``path`` with the records of ``more`` appended."""
    head = textwrap.dedent(TINY[path]).strip("\n")
    return head + "\n" + textwrap.dedent(more).lstrip("\n")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def run_rule(
    data: Path,
    rule: str,
    as_of: str,
    *,
    year: int | None = None,
    half: str | None = None,
    township: str | None = None,
    today: str = "2021-06-01",
) -> list[Finding]:
    """The findings of one rule on ``as_of``, as ``check --rule`` would give them."""
    period = periods.year(year) if year else periods.parse(half) if half else None
    records = DataFolder(data).load()
    unreadable = [
        f
        for f in records.findings
        if f.rule in ("yaml-syntax", "schema") and f.level is not Level.info
    ]
    assert unreadable == [], "the test's own folder does not load cleanly"
    result = rules.run(
        records,
        only=[rule],
        as_of=day(as_of),
        today=day(today),
        scope=rules.Scope(period=period, township=township),
    )
    assert {f.rule for f in result.findings} <= {rule}, result.findings
    return result.findings


def where(found: list[Finding]) -> list[tuple[str, str, int]]:
    return [(f.record, f.file, f.line) for f in found]


def record_ids(found: list[Finding]) -> list[str]:
    return [f.record for f in found]


# A third deputy of 杨疃镇, from an enterprise, who took office on 1 August 2019.
D003_AUGUST = """
    - id: yangtuan-d003
      name: 周敏
      gender: 女
      levels: [乡]
      district: 第二选区
      sector: 企业
      employer: 企业
      term_start: 2019-08-01
"""

# A second township, 尹集镇, with one rural deputy; 张伟 (yangtuan-d001) is liaison for both.
YINJI = {
    TOWNSHIPS: """
        - id: yangtuan
          name: 杨疃镇
          liaison: [yangtuan-d001]
          points: [前庄村, 后湖村]
        - id: yinji
          name: 尹集镇
          liaison: [yangtuan-d001]
          points: [张庄村]
    """,
    "townships/yinji/deputies.yaml": """
        - id: yinji-d001
          name: 陈刚
          gender: 男
          levels: [乡]
          district: 第一选区
          sector: 生产一线
          employer: 农村
          term_start: 2016-11-20
    """,
}
YINJI_LINE = 5  # the second township in county/townships.yaml


ONLY_P0001 = """
    - id: yangtuan-p0001
      deputy: yangtuan-d001
      household: yangtuan-h0001
      start: 2018-03-25
      {end}chosen_by: 单位名单
"""


def visit(
    day_: str, kind: str = "串门", household: str = "h0001", deputy: str = "d001"
) -> dict[str, str]:
    """A month file holding one activity of pairing work on ``day_``."""
    ym = day_[:7]
    return {
        activities(ym): f"""
        - id: yangtuan-a{ym.replace("-", "")}-001
          date: {day_}
          kind: {kind}
          deputies: [yangtuan-{deputy}]
          household: yangtuan-{household}
          summary: 入户走访
    """
    }


def trip(day_: str, deputies: str) -> dict[str, str]:
    """A month file holding one investigation trip on ``day_``."""
    ym = day_[:7]
    return {
        activities(ym): f"""
        - id: yangtuan-a{ym.replace("-", "")}-001
          date: {day_}
          kind: 调研视察
          deputies: [{deputies}]
          villages: [后湖村]
          summary: 视察后湖村道路
    """
    }


def run_all(data: Path, as_of: str, period: periods.Period | None = None) -> rules.CheckResult:
    """Every rule lingbi.yaml selects, as plain ``lingbi check`` runs them."""
    return rules.run(
        DataFolder(data).load(),
        as_of=day(as_of),
        today=day("2021-06-01"),
        scope=rules.Scope(period=period),
    )
