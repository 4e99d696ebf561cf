"""regular-visits: a quarter (or month, or half) of a pairing without a visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from lingbi_cli.errors import Finding, Level
from lingbi_cli.models import ActivityKind
from lingbi_cli.rules.base import Context, RuleSettings, Tier, rule
from lingbi_cli.rules.labels import Q3_3, active_span, pairing_label, pairing_township


class VisitSettings(RuleSettings):
    period: Literal["month", "quarter", "half"] = "quarter"  # §2.3(3) 定期走访: how often
    kinds: list[ActivityKind] = Field(
        default_factory=lambda: [ActivityKind.visit, ActivityKind.talk]
    )


def bucket(day: dt.date, unit: str) -> tuple[int, int]:
    """Which month, quarter, half or year ``day`` falls in, as (year, number)."""
    if unit == "month":
        return day.year, day.month
    if unit == "quarter":
        return day.year, (day.month - 1) // 3
    if unit == "half":
        return day.year, (day.month - 1) // 6
    return day.year, 0


@rule(
    "regular-visits",
    tier=Tier.campaign,
    order=4,
    level=Level.warning,
    cost=3,
    clause=Q3_3,
    quote="定期走访",
    summary="结对期间某个季度（可设置）没有走访",
    settings=VisitSettings,
    what="""
    结对期间的某个季度（period：month 每月、quarter 每季度、half 每半年），代表没有走访这一户
    （kinds：默认 串门 或 谈心）。只判断结对和代表整个季度都有效的季度：8月才结对的，从第四季度
    起判断；6月结束的，第三、四季度不再要求走访；当前的季度结束之后才判断。
    """,
    why="""
    §2.3(3) 要求定期走访；文件没有写明多久一次，所以“每季度”是一项可以修改的设置。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a pairing with no visit (``kinds``: 串门 or 谈心 by default) by its deputy in a quarter
    (``period``: month, quarter or half) throughout which the pairing and its deputy were active.
    Partial periods are not judged: a pairing that began in August is first judged for Q4, one
    that ended in June is not expected to be visited in Q3 or Q4, and the current quarter is
    judged only once it is over.
    Why: §2.3(3) asks for regular visits (定期走访); the seed names no interval, so the quarter
    is a setting.
    """
    s: VisitSettings = ctx.settings
    kinds = set(s.kinds)
    parts = ctx.periods(s.period)
    for pairing in ctx.records.pairings.values():
        if not ctx.in_scope(pairing_township(ctx, pairing)):
            continue
        span = active_span(ctx, pairing)
        if span is None:
            continue
        visited = {
            bucket(a.date, s.period)
            for a in ctx.index.by_pair.get((pairing.deputy, pairing.household), ())
            if a.kind in kinds
        }
        for part in parts:
            if span.covers(part) and bucket(part.start, s.period) not in visited:
                yield ctx.finding(
                    pairing,
                    f"{pairing_label(ctx, pairing)}：{part.label_zh()}没有走访记录",
                    "若走访过请补记（lingbi log visit），否则请安排走访",
                    facts={"period": part.label},
                )
