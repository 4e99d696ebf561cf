"""first-meeting: a pairing whose deputy did not meet the household in time (§3.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.rules.labels import pairing_label, pairing_township


@rule(
    "first-meeting",
    tier=Tier.campaign,
    order=3,
    level=Level.warning,
    cost=2,
    clause="§3.2",
    quote="各级人大代表要在4联系对象见面对接",
    summary="结对后没有按时见面对接（4月30日前；4月以后结对的在30天内）",
    what="""
    结对的代表在见面期限之前与这一户没有任何接触（“六个一”中的任何一种）。期限是结对那一年的
    4月30日（campaign.first_meeting）；4月30日以后才结对的，是结对后 first_meeting_days（30）
    天之内。期限未到的不判断，期限之前已经结束的结对也不判断。
    """,
    why="""
    §3.2 要求代表在4月底前与联系对象见面对接（印发的文本漏了几个字：“要在4（月底前与）联系对象
    见面对接”）；4月以后结对的给30天，是可以修改的设置，因为文件没有写到这种情况。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a pairing whose deputy had no contact with the household (any of the six ones) by the
    first-meeting deadline: 30 April of the year the pairing began (``campaign.first_meeting``);
    for a pairing made after that day, within ``campaign.first_meeting_days`` (30) days. Not
    judged before the deadline has passed, nor for a pairing that ended before it.
    Why: §3.2 asks deputies to meet their households in April (the published text lost a few
    characters: "要在4（月底前与）联系对象见面对接"; the 30 days for later pairings is a setting,
    because the seed names no later case).
    """
    c = ctx.campaign
    for pairing in ctx.records.pairings.values():
        if not ctx.in_scope(pairing_township(ctx, pairing)):
            continue
        begin = max(pairing.start, c.start)
        april = dt.date(begin.year, *c.first_meeting)
        due = april if begin <= april else begin + dt.timedelta(days=c.first_meeting_days)
        if due >= ctx.as_of or due > c.end or (pairing.end is not None and pairing.end < due):
            continue
        if ctx.scope.period is not None and due not in ctx.scope.period:
            continue
        first = next(
            (
                a.date
                for a in ctx.index.by_pair.get((pairing.deputy, pairing.household), ())
                if pairing.start <= a.date
            ),
            None,
        )
        if first is None or first > due:
            when = f"第一次见面在 {first}" if first else "至今没有见面记录"
            yield ctx.finding(
                pairing,
                f"{pairing_label(ctx, pairing)}：应在 {due} 前见面对接，{when}",
                "用 lingbi log visit 登记见面（串门）；若已见面只是漏记，请补记当时的日期",
                facts={"due": due, "first": first},
            )
