"""report-filed: a township's half-year report not filed by 20 June or 20 December."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lingbi_cli.errors import Finding, Level
from lingbi_cli.models import FilingKind
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.rules.deadlines import filed


@rule(
    "report-filed",
    tier=Tier.campaign,
    order=7,
    level=Level.warning,
    clause="§3.2",
    quote=(
        "每半年向县人大常委会书面报送活动情况,年终报送活动情况总结"
        "(每年分别于6月20日和12月20日前向县人大书面汇报)"
    ),
    summary="半年书面报告没有在 6 月 20 日、12 月 20 日前报送（12 月的报告即年终总结）",
    what="""
    乡镇的上半年书面报告（6月20日前）或下半年报告（下半年报告或年终总结，12月20日前）报送晚了，
    或者期限已过仍没有报送。12月只要一份：它同时就是年终总结，所以报下半年报告（period 为 2019H2）
    或年终总结（period 为 2019）都可以。用 check --as-of 2019-05-01 检查时，不会要求2019年上半年
    的报告。
    """,
    why="""
    §3.2 要求每半年书面报送一次活动情况，年终报送活动情况总结，“每年分别于6月20日和12月20日前”
    向县人大书面汇报。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a township whose written report on the first half-year (上半年报告, by 20 June) or on
    the second (下半年报告 or 年终总结, by 20 December) was filed late, or not at all once the
    deadline has passed. One December filing is enough: it doubles as the year-end summary, so
    either kind (period ``2019H2`` or ``2019``) satisfies the rule. ``check --as-of 2019-05-01``
    does not ask for the 2019H1 report.
    Why: §3.2 — every half-year a written report, and a year-end summary, "每年分别于6月20日和
    12月20日前" (by 20 June and 20 December).
    """
    c = ctx.campaign
    for township in ctx.townships():
        for part in ctx.periods("half", over=False):
            if part.label.endswith("H1"):
                due = dt.date(part.year, *c.h1_report)
                yield filed(ctx, township, [(FilingKind.h1_report, part.label)], due)
            else:
                due = dt.date(part.year, *c.h2_report)
                yield filed(
                    ctx,
                    township,
                    [(FilingKind.h2_report, part.label), (FilingKind.year_summary, str(part.year))],
                    due,
                )
