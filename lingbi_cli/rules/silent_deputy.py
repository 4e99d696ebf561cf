"""silent-deputy: a deputy in office throughout a half-year with nothing recorded in it."""

from __future__ import annotations

from collections.abc import Iterator

from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.rules.labels import term


@rule(
    "silent-deputy",
    tier=Tier.campaign,
    order=8,
    level=Level.warning,
    cost=3,
    clause="§3.2",
    quote="并将代表参加活动情况纳入代表履职考核",
    summary="在任代表整个半年没有任何活动",
    what="""
    整个半年都在任的代表，这半年没有参加任何活动，也没有在任何议案建议上署名。半年结束之后才
    判断；8月就任的代表，当年的上半年和下半年都不判断（下半年不是整个在任），6月离任的不判断
    下半年。
    """,
    why="""
    §3.2 把代表参加活动的情况纳入代表履职考核，并要求乡镇每半年报告一次；一位代表半年没有任何
    活动，正是半年报告要说明的情况。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a deputy in office throughout a half-year who took part in no activity of any kind
    and signed no proposal in it. Judged once the half-year is over; a deputy who took office
    in August is not judged for that year's first half, nor for the second (not in office
    throughout it), nor one who left in June for the second.
    Why: §3.2 counts each deputy's participation in their performance assessment (履职考核) and
    asks townships to report every half-year; a silent half-year is what the report must explain.
    """
    halves = ctx.periods("half")
    for deputy in ctx.records.deputies.values():
        if not ctx.in_scope(deputy.township):
            continue
        served = term(deputy, ctx.campaign_period)
        if served is None:
            continue
        active = {(a.date.year, a.date.month > 6) for a in ctx.index.by_deputy.get(deputy.id, ())}
        active.update(
            (p.date.year, p.date.month > 6)
            for p in ctx.index.proposals_by_deputy.get(deputy.id, ())
        )
        for part in halves:
            if served.covers(part) and (part.year, part.start.month > 6) not in active:
                yield ctx.finding(
                    deputy,
                    f"代表 {deputy.name}（{deputy.id}）{part.label_zh()}没有任何活动记录",
                    "若有活动请补记；没有的，请在半年报告中说明原因",
                    facts={"period": part.label},
                )
