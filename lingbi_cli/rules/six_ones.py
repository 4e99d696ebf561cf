"""six-ones: a pairing whose year did not see all six kinds of the "six ones"."""

from __future__ import annotations

from collections.abc import Iterator

from lingbi_cli.errors import Finding, Level
from lingbi_cli.models import SIX_ONES, ActivityKind
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.rules.labels import Q3_3, active_span, pairing_label, pairing_township


@rule(
    "six-ones",
    tier=Tier.campaign,
    order=11,
    level=Level.info,
    cost=4,
    clause=Q3_3,
    quote="分别开展串一次门、谈一席话、讲一次课、献一份计、捐一笔资、出一份力“六个一活动”",
    summary="结对全年没有做全“六个一”",
    what="""
    整年都有效的结对，这一年没有做全“六个一”的六种形式（串门、谈心、讲课、献计、捐资、出力），
    并列出缺少的形式。当年结束之后才判断；2018年从4月算起。
    """,
    why="""
    §2.3(3) 说明结对帮扶就是开展“六个一”活动；这里只作提示，因为文件说的是根据代表的行业特点
    开展，并没有要求每个结对每年六种都做。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a pairing that, in a year throughout which it was active, did not see all six kinds
    of the "six ones" (串门、谈心、讲课、献计、捐资、出力); the missing kinds are named. The
    current year is judged only once it is over; 2018 is judged from April.
    Why: §2.3(3) names the six ones as what pairing work consists of; this is informational,
    because the seed says they follow the deputy's trade (根据代表行业特点), not that every
    pairing must do all six each year.
    """
    years = ctx.periods("year")
    for pairing in ctx.records.pairings.values():
        if not ctx.in_scope(pairing_township(ctx, pairing)):
            continue
        span = active_span(ctx, pairing)
        if span is None:
            continue
        seen: dict[int, set[ActivityKind]] = {}
        for a in ctx.index.by_pair.get((pairing.deputy, pairing.household), ()):
            seen.setdefault(a.date.year, set()).add(a.kind)
        for part in years:
            if not span.covers(part):
                continue
            done = seen.get(part.year, set())
            missing = "、".join(k.value for k in SIX_ONES if k not in done)
            if missing:
                yield ctx.finding(
                    pairing,
                    f"{pairing_label(ctx, pairing)}：{part.label_zh()}“六个一”缺少 {missing}",
                    "结合代表的行业特点安排缺少的帮扶形式",
                )
