"""filing-period: a filing for a year or half-year outside the campaign."""

from __future__ import annotations

from collections.abc import Iterator

from lingbi_cli import periods
from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, Tier, rule


@rule(
    "filing-period",
    tier=Tier.integrity,
    order=10,
    level=Level.error,
    cost=1,
    clause="§2.1",
    quote="活动于今年4月正式启动,至2020年底结束。",
    summary="报送所属的年度或半年不在活动期间（2018年4月至2020年底）",
    what="""
    报送记录的 period（所属年度或半年）与活动期间（lingbi.yaml 的 campaign，默认 2018年4月1日至
    2020年12月31日）没有一天重合，如 2017、2021H1、2091。2018年和2018年上半年与活动期间有重合，
    不算。
    """,
    why="""
    《实施意见》§2.1 规定了活动的起止时间；期间以外的方案、报告无从谈起，多半是年份写错了，
    按它检查报送是否按时也会出错。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a filing whose ``period`` (its year or half-year) shares no day with the campaign
    (``campaign`` in lingbi.yaml, by default 1 April 2018 to 31 December 2020), such as 2017,
    2021H1 or 2091; 2018 and 2018H1 overlap the campaign and are fine.
    Why: §2.1 fixes the campaign's period; a plan or report for a period outside it cannot
    exist and is most often a typo in the year, which would also mislead the deadline rules.
    """
    campaign = ctx.campaign_period
    for filing in sorted(ctx.records.filings.values(), key=lambda f: f.id):
        if not ctx.in_scope(filing.township):
            continue
        period = periods.parse(filing.period)
        if not period.overlaps(campaign):
            c = ctx.campaign
            yield ctx.finding(
                filing,
                f"{filing.kind.value} {filing.id} 所属的{period.label_zh()}不在活动期间 "
                f"{c.start} 至 {c.end} 之内",
                "检查 period 的年份是否写错",
            )
