"""household-exit: a paired household still poor at the end of a year."""

from __future__ import annotations

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
    某一年的最后一天（12月31日，过了之后才判断）仍在结对、到那时还没有脱贫的贫困户：status 为
    未脱贫，或者是 已脱贫 但 exit_year 晚于那一年。返贫户每一年都算作未脱贫（记录里没有返贫的
    日期）。
    """,
    why="""
    §2.3(3) 的目的是让结对户脱贫。印发的文本漏了年份（“确保年使帮扶户脱贫”），lingbi 理解为
    “在活动期间内”，逐年判断，因此只作提示。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a household paired on the last day of a year (31 December, judged once it has
    passed) that had not left poverty by then: ``status`` 未脱贫, or 已脱贫 with an
    ``exit_year`` later than that year. A 返贫 household counts as poor in every year (the
    records keep no date of the relapse).
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
            out = household.status is HouseholdStatus.exited and (
                household.exit_year is not None and household.exit_year <= year
            )
            if not out:
                later = (
                    f"，{household.exit_year}年才脱贫"
                    if household.status is HouseholdStatus.exited
                    else f"，目前状态：{household.status.value}"
                )
                yield ctx.finding(
                    household,
                    f"贫困户 {household.head}户（{household.id}）{year}年底仍未脱贫{later}",
                    "已脱贫的请更新 status 和 exit_year；未脱贫的请在下一年的计划中重点帮扶",
                )
