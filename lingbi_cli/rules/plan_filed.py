"""plan-filed: a township's plan or pairing list for a year not filed by 31 March."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lingbi_cli.errors import Finding, Level
from lingbi_cli.models import FilingKind
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.rules.deadlines import filed


@rule(
    "plan-filed",
    tier=Tier.campaign,
    order=6,
    level=Level.warning,
    clause="§3.2",
    quote="3月底前将活动方案和所在选区人大代表联系帮扶名单上报县人大常委会备案",
    summary="活动方案或帮扶名单没有在 3 月 31 日前报送",
    what="""
    乡镇某个活动年度的活动方案或代表帮扶名单晚于 campaign.plan_deadline（3月31日）才报送，或者
    期限已过仍没有报送。每个活动年度两样都要报送。
    """,
    why="""
    §3.2 要求各乡镇人大主席团在3月底前，把活动方案和代表联系帮扶名单报县人大常委会备案。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a township whose activity plan (活动方案) or deputies' pairing list (帮扶名单) for a
    campaign year was filed after ``campaign.plan_deadline`` (31 March), or not at all once the
    deadline has passed. Each campaign year needs both.
    Why: §3.2 has each township presidium file its plan and pairing list with the county
    committee by the end of March.
    """
    c = ctx.campaign
    for township in ctx.townships():
        for part in ctx.periods("year", over=False):
            due = dt.date(part.year, *c.plan_deadline)
            for kind in (FilingKind.plan, FilingKind.pairing_list):
                yield filed(ctx, township, [(kind, str(part.year))], due)
