"""trips-per-year: too few investigation trips by a township, or by a deputy, in a year."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, RuleSettings, Tier, rule
from lingbi_cli.rules.labels import term


class TripSettings(RuleSettings):
    township_min: int = Field(3, ge=0)  # §2.3(2) 以上活动每年至少开展3—4次
    deputy_min: int = Field(1, ge=0)  # each deputy's participation; the seed names no figure


@rule(
    "trips-per-year",
    tier=Tier.campaign,
    order=5,
    level=Level.warning,
    cost=2,
    clause="§2.3(2)",
    quote="以上活动每年至少开展3—4次",
    summary="乡镇一年组织调研视察少于 3 次；代表一年参加调研视察少于设定次数",
    settings=TripSettings,
    what="""
    乡镇一年组织的调研视察少于 township_min（3）次；整年在任的代表，一年参加调研视察少于
    deputy_min（1）次。一年结束之后才判断；2018年从4月算起，仍然要求3次，因为文件说的是“每年”。
    """,
    why="""
    §2.3(2) 要求围绕脱贫攻坚开展专题调研、视察，每年至少3—4次；每位代表要参加几次文件没有写，
    所以是另一项较低的设置。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a township that held fewer than ``township_min`` (3) investigation trips (调研视察)
    in a year; a deputy in office throughout a year who took part in fewer than ``deputy_min``
    (1) trips that year. A year is judged once it is over; 2018 counts from April and still
    needs 3, since the seed says "each year".
    Why: §2.3(2) asks townships to organise thematic research and inspections at least 3–4
    times a year. How often each deputy must take part is not in the seed, hence a separate,
    lower setting.
    """
    s: TripSettings = ctx.settings
    years = ctx.periods("year")
    for township in ctx.townships():
        trips = ctx.index.trips.get(township.id, [])
        for part in years:
            held = sum(1 for a in trips if a.date in part)
            if held < s.township_min:
                yield ctx.finding(
                    township,
                    f"{township.name}（{township.id}）{part.label_zh()}只组织了 {held} 次调研视察，"
                    f"少于 {s.township_min} 次",
                    "每年至少组织 3 次调研视察（lingbi log trip 登记）",
                    facts={"period": part.label, "held": held, "least": s.township_min},
                )
    if s.deputy_min == 0:
        return
    for deputy in ctx.records.deputies.values():
        if not ctx.in_scope(deputy.township):
            continue
        served = term(deputy, ctx.campaign_period)
        mine = ctx.index.trips_by_deputy.get(deputy.id, ())
        for part in years:
            if served is None or not served.covers(part):
                continue
            joined = sum(1 for a in mine if a.date in part)
            if joined < s.deputy_min:
                yield ctx.finding(
                    deputy,
                    f"代表 {deputy.name}（{deputy.id}）{part.label_zh()}参加调研视察 {joined} 次，"
                    f"少于 {s.deputy_min} 次",
                    "安排该代表参加乡镇组织的调研视察",
                    facts={"period": part.label, "held": joined, "least": s.deputy_min},
                )
