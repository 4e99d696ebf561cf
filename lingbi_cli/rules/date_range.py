"""date-range: a date outside the campaign or in the future; an activity in another month's file.

Whether an activity sits in its own month's file is judged by ``check_file``, which the loader
runs while it reads each month file (so the finding is cached with the file); ``check`` judges
the dates against the campaign and today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.store.filecheck import FileContext
from lingbi_cli.store.rows import ActivityRecord, Loaded

# A proposal's later steps, each judged like its date: field → label.
LIFECYCLE = {"assigned": "交办日期", "reply": "答复日期", "rehandled": "重新办理日期"}


def check_file(ctx: FileContext, records: Sequence[Loaded]) -> Iterator[Finding]:
    """Activities of a month file dated in another month."""
    month = ctx.source.month
    if month is None:
        return
    for activity in records:
        assert isinstance(activity, ActivityRecord)
        if (activity.date.year, activity.date.month) != month:
            yield ctx.finding(
                activity,
                f"活动 {activity.id} 的日期 {activity.date} 不在本文件所属的月份 "
                f"{month[0]}-{month[1]:02d}",
                "把记录移到对应月份的文件（lingbi log 会自动放对位置）",
            )


def _dated(
    ctx: Context, record: Loaded, day: dt.date, what: str, earliest: dt.date
) -> Finding | None:
    if day > ctx.today:
        return ctx.finding(
            record,
            f"{record.kind_label} {record.id} 的{what} {day} 在今天（{ctx.today}）之后",
            "未来的事情不能登记；检查年份和月份是否写错",
        )
    if not earliest <= day <= ctx.campaign.end:
        return ctx.finding(
            record,
            f"{record.kind_label} {record.id} 的{what} {day} 不在活动期间 "
            f"{earliest} 至 {ctx.campaign.end}",
            "检查日期是否写错；活动期间在 lingbi.yaml 的 campaign 中设置",
        )
    return None


@rule(
    "date-range",
    tier=Tier.integrity,
    order=6,
    level=Level.error,
    cost=1,
    per_file=check_file,
    clause="§2.1",
    quote="活动于今年4月正式启动,至2020年底结束。",
    summary="日期不在活动期间（2018年4月至2020年底）或在未来",
    what="""
    活动、议案建议（提出、交办、答复、重新办理）、结对（开始、结束）、报送和爱心人士捐赠的日期、
    表彰的年度不在活动期间
    （lingbi.yaml 的 campaign，默认 2018年4月1日至2020年12月31日），或者在今天之后；活动登记在了
    不属于它那个月份的文件里。报送和结对可以从活动第一年的1月1日算起，因为活动方案和帮扶名单要在
    3月31日前、活动正式启动之前报送。
    """,
    why="""
    《实施意见》§2.1 规定了活动的起止时间；期间以外的日期是笔误，最常见的是年份写错。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: an activity, proposal (date, assignment, reply, re-handling), pairing (start, end) or
    donation dated before the campaign began (April 2018) or after it ended (end of 2020), or
    any record dated after today; an award of a year outside the campaign; an activity in a
    month file it does not belong to (``check_file``).
    Filings and pairings may date from 1 January of the first year, because the plan and the
    pairing list are due by 31 March, before the start.
    Why: §2.1 fixes the period; a date outside it is a typo, most often in the year.
    """
    start = ctx.campaign.start
    year_start = dt.date(start.year, 1, 1)
    last = min(ctx.campaign.end, ctx.today)
    for activity in ctx.records.activities.values():
        if not start <= activity.date <= last:  # the common case costs one comparison
            yield _dated(ctx, activity, activity.date, "日期", start)
    for proposal in ctx.records.proposals.values():
        yield _dated(ctx, proposal, proposal.date, "提出日期", start)
        for field, label in LIFECYCLE.items():
            day = getattr(proposal, field)
            if day is not None:
                yield _dated(ctx, proposal, day, label, start)
    for filing in ctx.records.filings.values():
        yield _dated(ctx, filing, filing.date, "报送日期", year_start)
    for donor in ctx.records.donors.values():
        yield _dated(ctx, donor, donor.date, "捐赠日期", start)
    for award in ctx.records.awards.values():
        if award.year not in ctx.campaign.years:
            yield ctx.finding(
                award,
                f"表彰 {award.id} 的年度 {award.year} 不在活动期间 "
                f"{ctx.campaign.start.year} 至 {ctx.campaign.end.year} 年",
                "检查年份是否写错；活动期间在 lingbi.yaml 的 campaign 中设置",
            )
    for pairing in ctx.records.pairings.values():
        yield _dated(ctx, pairing, pairing.start, "开始日期", year_start)
        if pairing.end is not None:
            yield _dated(ctx, pairing, pairing.end, "结束日期", year_start)
