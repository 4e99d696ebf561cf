"""pairing-window: pairing work recorded for a household not paired on that day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lingbi_cli import models
from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.rules.labels import Q3_3


@rule(
    "pairing-window",
    tier=Tier.integrity,
    order=7,
    level=Level.error,
    cost=4,
    clause=Q3_3,
    quote="倡导每名代表结对联系1—3户贫困户……定期走访。",
    summary="对当天并未结对的贫困户登记了帮扶活动（六个一）",
    what="""
    对某一户登记了“六个一”活动（串门、谈心、讲课、献计、捐资、出力），而活动当天参加的代表中
    没有一位与这一户处在结对期间：从未结对、结对在这之后才开始，或者结对已经结束。几位代表共同
    开展的活动，有一位在结对期间就可以，其余的代表算作陪同。
    """,
    why="""
    §2.3(3) 把“六个一”算作结对帮扶的工作；记到不在结对中的户头上，会虚增数字，也会掩盖漏登的
    结对记录。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: one of the six ones (串门、谈心、讲课、献计、捐资、出力) recorded for a household with
    which none of the activity's deputies had a pairing on that date — never paired, paired
    only later, or after the pairing ended. In joint work, one paired deputy is enough: the
    others are accompanying.
    Why: §2.3(3) counts the six ones as pairing work; crediting it to a household outside the
    pairing inflates the figures and hides a missing pairing record.
    """
    spans: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = {}
    for pairing in ctx.records.pairings.values():
        spans.setdefault((pairing.deputy, pairing.household), []).append(
            (pairing.start, pairing.end or dt.date.max)
        )
    six = frozenset(models.SIX_ONES)
    households = ctx.records.households
    for activity in ctx.records.activities.values():
        household = activity.household
        if household is None or activity.kind not in six or household not in households:
            continue  # not pairing work, or unknown-ref says so
        day = activity.date
        deputies = activity.deputies
        if len(deputies) == 1:  # the common case, without generators
            paired = False
            for start, end in spans.get((deputies[0], household), ()):
                if start <= day <= end:
                    paired = True
                    break
            if paired:
                continue
        elif any(
            start <= day <= end
            for deputy in deputies
            for start, end in spans.get((deputy, household), ())
        ):
            continue
        names = "、".join(activity.deputies)
        yield ctx.finding(
            activity,
            f"活动 {activity.id}（{activity.kind.value}，{activity.date}）：{names} "
            f"在这一天并未与贫困户 {household} 结对",
            "先用 lingbi pair 登记结对（注意开始日期），或改正活动的贫困户/代表",
        )
