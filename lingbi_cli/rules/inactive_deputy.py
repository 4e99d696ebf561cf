"""inactive-deputy: a deputy named on a date outside their term."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lingbi_cli import models
from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, Tier, rule


@rule(
    "inactive-deputy",
    tier=Tier.integrity,
    order=8,
    level=Level.error,
    cost=4,
    summary="记录日期不在代表任期之内",
    what="""
    活动、议案建议或结对所列的代表，在记录的日期不在任期之内（term_start 至 term_end）；或者
    代表的任期已经结束，结对却还没有结束。
    """,
    why="""
    离任（或者还没有就任）的代表不能以代表身份开展活动，这样的记录要么日期写错了，要么记错了人；
    代表离任时结对必须交接，贫困户才不会没有人帮扶。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: an activity, proposal or pairing that names a deputy on a date outside their term
    (``term_start`` … ``term_end``); a pairing that is still open after the deputy's term ended.
    Why: a deputy who has left (or not yet taken office) cannot act as a deputy; the record is
    either misdated or credited to the wrong person, and a pairing must be handed over when its
    deputy leaves so that the household is not left without help.
    """
    deputies = ctx.records.deputies

    def outside(deputy_id: str, day: dt.date) -> models.Deputy | None:
        deputy = deputies.get(deputy_id)
        return deputy if deputy is not None and not deputy.active_on(day) else None

    def term(deputy: models.Deputy) -> str:
        return f"{deputy.term_start} 至 {deputy.term_end or '今'}"

    terms = {d.id: (d.term_start, d.term_end or dt.date.max) for d in deputies.values()}
    always = (dt.date.min, dt.date.max)  # unknown deputies: unknown-ref says so
    for activity in ctx.records.activities.values():
        day = activity.date
        named = activity.deputies
        if len(named) == 1:  # the common case, without generators
            start, end = terms.get(named[0], always)
            if start <= day <= end:
                continue
        elif all(start <= day <= end for start, end in (terms.get(d, always) for d in named)):
            continue
        for deputy_id in activity.deputies:
            deputy = outside(deputy_id, activity.date)
            if deputy is not None:
                yield ctx.finding(
                    activity,
                    f"活动 {activity.id} 的日期 {activity.date} 不在代表 {deputy.name}"
                    f"（{deputy.id}）的任期（{term(deputy)}）内",
                    "检查日期或代表是否写错",
                )
    for proposal in ctx.records.proposals.values():
        for deputy_id in proposal.deputies:
            deputy = outside(deputy_id, proposal.date)
            if deputy is not None:
                yield ctx.finding(
                    proposal,
                    f"议案建议 {proposal.id} 的提出日期 {proposal.date} 不在代表 {deputy.name}"
                    f"（{deputy.id}）的任期（{term(deputy)}）内",
                    "检查日期或署名代表是否写错",
                )
    for pairing in ctx.records.pairings.values():
        deputy = deputies.get(pairing.deputy)
        if deputy is None:
            continue
        if not deputy.active_on(pairing.start):
            yield ctx.finding(
                pairing,
                f"结对 {pairing.id} 的开始日期 {pairing.start} 不在代表 {deputy.name}"
                f"（{deputy.id}）的任期（{term(deputy)}）内",
                "检查开始日期或代表是否写错",
            )
        elif (
            deputy.term_end is not None
            and deputy.term_end < ctx.as_of
            and (pairing.end is None or pairing.end > deputy.term_end)
        ):
            yield ctx.finding(
                pairing,
                f"代表 {deputy.name}（{deputy.id}）的任期已于 {deputy.term_end} 结束，"
                f"结对 {pairing.id} 却没有在那时结束",
                f"用 lingbi unpair {deputy.id} {pairing.household} --date {deputy.term_end} "
                "--reason 代表任期结束 结束结对，再为该户安排新的代表",
            )
