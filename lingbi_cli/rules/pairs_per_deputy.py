"""pairs-per-deputy: a deputy in office paired with fewer than 1 or more than 3 households."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, RuleSettings, Tier, rule
from lingbi_cli.rules.labels import Q3_3


class PairsSettings(RuleSettings):
    min: int = Field(1, ge=0)  # §2.3(3) 结对联系1—3户
    max: int = Field(3, ge=1)
    grace_days: int = Field(30, ge=0)  # a new deputy's time to be paired (seed silent)


@rule(
    "pairs-per-deputy",
    tier=Tier.campaign,
    order=1,
    level=Level.warning,
    cost=1,
    clause=Q3_3,
    quote="倡导每名代表结对联系1—3户贫困户",
    summary="在任代表结对的贫困户少于 1 户或多于 3 户",
    settings=PairsSettings,
    what="""
    在任代表在判断的那一天（--as-of；晚于活动结束时取活动的最后一天）一户也没有结对——从方案
    报送期限（3月31日）起判断，期限以后才就任的代表从就任 grace_days（30）天后起判断；或者代表
    在任何一天同时结对多于 max（3）户。
    """,
    why="""
    §2.3(3) 倡导每名代表结对联系1—3户贫困户：一户也没有，代表就置身活动之外；多于3户，帮扶的
    精力就分散了。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a deputy in office with no paired household on the day judged (``--as-of``, or the
    campaign's last day if later), once the plan deadline (31 March 2018) or, for a deputy who
    took office later, ``grace_days`` after their term start has passed; or a deputy with more
    than ``max`` households paired at the same time on any day.
    Why: §2.3(3) asks every deputy to pair with 1–3 households: none leaves the deputy out of the
    campaign, more than three spreads their help too thin.
    """
    s: PairsSettings = ctx.settings
    window = ctx.campaign_period
    if ctx.scope.period is not None:
        window = window.clip(ctx.scope.period.start, ctx.scope.period.end) or window
    day = min(ctx.as_of, window.end)
    plan_due = dt.date(ctx.campaign.start.year, *ctx.campaign.plan_deadline)
    for deputy in ctx.records.deputies.values():
        if not ctx.in_scope(deputy.township):
            continue
        pairings = ctx.index.pairings_by_deputy.get(deputy.id, [])
        due = max(plan_due, deputy.term_start + dt.timedelta(days=s.grace_days))
        if deputy.active_on(day) and day >= due:
            count = sum(1 for p in pairings if p.active_on(day))
            if count < s.min:
                yield ctx.finding(
                    deputy,
                    f"代表 {deputy.name}（{deputy.id}）在 {day} 只结对了 {count} 户，"
                    f"少于 {s.min} 户",
                    f"用 lingbi pair {deputy.id} 贫困户编号 为其结对，或 lingbi pair --auto",
                    facts={"day": day, "count": count, "limit": s.min, "over": False},
                )
        # the largest number of pairings open on one day of the window judged (up to `day`)
        events = [(p.start, 1) for p in pairings]
        events += [(p.end + dt.timedelta(days=1), -1) for p in pairings if p.end]
        candidates = [window.start, *(w for w, _ in events if window.start < w <= day)]
        peak_day = max(candidates, key=lambda x: sum(d for w, d in events if w <= x))
        peak = sum(d for w, d in events if w <= peak_day)
        if peak > s.max:
            yield ctx.finding(
                deputy,
                f"代表 {deputy.name}（{deputy.id}）在 {peak_day} 同时结对 {peak} 户，"
                f"多于 {s.max} 户",
                "用 lingbi unpair 结束多出的结对，把贫困户转给其他代表",
                facts={"day": peak_day, "count": peak, "limit": s.max, "over": True},
            )
