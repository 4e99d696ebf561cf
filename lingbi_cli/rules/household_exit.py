"""household-exit: a paired household still poor at the end of a year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lingbi_cli.errors import Finding, Level
from lingbi_cli.models import HouseholdStatus
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.rules.labels import Q3_3


@rule(
    "household-exit",
    tier=Tier.campaign,
    order=10,
    level=Level.info,
    cost=1,
    clause=Q3_3,
    quote="确保年使帮扶户脱贫",
    summary="年底仍未脱贫的结对户",
    what="""
    某一年的最后一天（12月31日，过了之后才判断）仍在结对、那一天还没有脱贫的贫困户：status_history
    里到那一天为止没有脱贫记录，或者最后一条是 返贫。旧写法的 exit_year 读作当年12月31日脱贫。
    """,
    why="""
    §2.3(3) 的目的是让结对户脱贫。印发的文本漏了年份（“确保年使帮扶户脱贫”），lingbi 理解为
    “在活动期间内”，逐年判断，因此只作提示。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a household paired on the last day of a year (31 December, judged once it has
    passed) whose status on that day was not 已脱贫: no exit in its ``status_history`` by then,
    or a relapse (返贫) after the last one. An old ``exit_year`` reads as an exit on 31
    December of that year.
    Why: the aim of §2.3(3) is that paired households leave poverty. The published text lost the
    year ("确保年使帮扶户脱贫"); lingbi reads it as "within the campaign", judged per year, and
    so only informs.
    """
    households = ctx.records.households
    paired_on: dict[str, set[int]] = {}
    years = ctx.periods("year")
    for pairing in ctx.records.pairings.values():
        for part in years:
            if pairing.active_on(part.end):
                paired_on.setdefault(pairing.household, set()).add(part.year)
    for household_id, paired_years in sorted(paired_on.items()):
        household = households.get(household_id)
        if household is None or not ctx.in_scope(household.township):
            continue
        for year in sorted(paired_years):
            last_day = dt.date(year, 12, 31)
            status = household.status_on(last_day)
            if status is HouseholdStatus.exited:
                continue
            later = [d for d in household.exits() if d > last_day]
            how = f"，{later[0]} 才脱贫" if later else f"，当时状态：{status.value}"
            yield ctx.finding(
                household,
                f"贫困户 {household.head}户（{household.id}）{year}年底仍未脱贫{how}",
                "已脱贫的请用 lingbi household exit 记下脱贫日期；未脱贫的请在下一年的计划中"
                "重点帮扶",
                facts={"year": year},
            )
