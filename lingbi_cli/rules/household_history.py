"""household-history: a household's dated status changes that cannot have happened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lingbi_cli import models
from lingbi_cli.errors import Finding, Level
from lingbi_cli.models import HouseholdStatus
from lingbi_cli.rules.base import Context, Tier, rule


def problems(household: models.Household, today: dt.date) -> Iterator[str]:
    """What is impossible in the household's ``status_history``, in Chinese, change by change:
    a change before the year of registration or after today, changes out of order or two on
    one day, an exit while already out of poverty, a relapse with no exit before it."""
    status = HouseholdStatus.poor
    previous: dt.date | None = None
    for change in household.status_history:
        day, what = change.date, change.status.value
        if day.year < household.registered:
            yield f"{day} {what}，早于建档立卡的 {household.registered} 年"
        if day > today:
            yield f"{day} {what}，在今天（{today}）之后"
        if previous is not None and day <= previous:
            yield f"{day} {what}，不晚于前一条记录的 {previous}（应按日期先后，每天最多一条）"
        if change.status is HouseholdStatus.exited and status is HouseholdStatus.exited:
            yield f"{day} 又记了一次 已脱贫，此前已经脱贫、中间没有返贫"
        if change.status is HouseholdStatus.relapsed and status is not HouseholdStatus.exited:
            yield f"{day} 返贫，此前没有脱贫的记录"
        status, previous = change.status, day


@rule(
    "household-history",
    tier=Tier.integrity,
    order=9,
    level=Level.error,
    cost=1,
    summary="贫困户的脱贫、返贫记录不可能发生（早于建档、重复脱贫、未脱贫就返贫）",
    what="""
    贫困户 status_history 中的一条记录早于建档立卡年份或在今天之后；记录没有按日期先后排列，或者
    同一天有两条；已经脱贫（中间没有返贫）又记了一次脱贫；没有脱贫就记了返贫。
    旧写法 status: 返贫 而没有 exit_year 的，读作从建档起就返贫，也会被指出，请补写脱贫日期。
    """,
    why="""
    报告里的脱贫户数按每一户在某一天的状态来数；不可能的记录会让同一户在不同报告里数出不同的
    结果，多半是日期或年份写错了。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a household whose ``status_history`` has a change dated before its year of
    registration or after today; changes out of date order, or two on one day; an exit while
    already out of poverty (no relapse in between); a relapse with no exit before it. An old
    ``status: 返贫`` without ``exit_year`` reads as relapsed since registration and is reported
    too, so that the missing exit gets its date.
    Why: the reports count exits by each household's status on a day; an impossible history
    would count one household differently in different reports, and is most often a typo in
    a date or year.
    """
    for household_id, household in sorted(ctx.records.households.items()):
        if not household.status_history or not ctx.in_scope(household.township):
            continue
        found = list(problems(household, ctx.today))
        if found:
            yield ctx.finding(
                household,
                f"贫困户 {household.head}户（{household_id}）的脱贫、返贫记录不可能："
                + "；".join(found),
                "核对 status_history 中的日期和状态（脱贫、返贫请用 lingbi household exit / "
                "relapse 登记）",
            )
