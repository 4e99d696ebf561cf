"""liaison-supervision: a committee leader who did not supervise their township in a year."""

from __future__ import annotations

from collections.abc import Iterator

from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.rules.labels import term


@rule(
    "liaison-supervision",
    tier=Tier.campaign,
    order=12,
    level=Level.info,
    clause="§3.2",
    quote="并由常委会领导对各自所联系乡镇进行指导和督查",
    summary="联系乡镇的常委会领导一年中没有到该乡镇督查",
    what="""
    列在乡镇联系领导（liaison）中的县人大常委会领导，在他整年在任的某一年里，没有到这个乡镇
    督查（kind: 督查）的记录。
    """,
    why="""
    §3.2 要求常委会领导对各自联系的乡镇进行指导和督查。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a county committee leader listed in a township's ``liaison`` who, in a year they were
    in office throughout, made no supervision visit (督查) recorded in that township.
    Why: §3.2 — the committee's leaders guide and supervise the townships linked to them.
    """
    years = ctx.periods("year")
    for township in ctx.townships():
        for leader_id in township.liaison:
            leader = ctx.records.deputies.get(leader_id)
            if leader is None:
                continue
            served = term(leader, ctx.campaign_period)
            visits = ctx.index.supervisions.get((leader_id, township.id), [])
            for part in years:
                if served is None or not served.covers(part):
                    continue
                if not any(a.date in part for a in visits):
                    yield ctx.finding(
                        township,
                        f"联系领导 {leader.name}（{leader_id}）{part.label_zh()}没有到"
                        f"{township.name}督查的记录",
                        "督查后用 lingbi log supervision 登记",
                    )
