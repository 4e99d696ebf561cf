"""What several rules share about pairings and deputies: how a pairing is named in a finding,
whose township it is, when it (with its deputy) was active, and a deputy's term in the campaign.
"""

from __future__ import annotations

from lingbi_cli import models
from lingbi_cli.periods import Period
from lingbi_cli.rules.base import Context
from lingbi_cli.store.layout import township_of

Q3_3 = "§2.3(3)"


def pairing_label(ctx: Context, pairing: models.Pairing) -> str:
    """``结对 yangtuan-p0001：张伟（yangtuan-d001） — 王建国户（yangtuan-h0001）``."""
    deputy = ctx.records.deputies.get(pairing.deputy)
    household = ctx.records.households.get(pairing.household)
    who = f"{deputy.name}（{deputy.id}）" if deputy else pairing.deputy
    whom = f"{household.head}户（{household.id}）" if household else pairing.household
    return f"结对 {pairing.id}：{who} — {whom}"


def pairing_township(ctx: Context, pairing: models.Pairing) -> str | None:
    """A pairing belongs to its deputy's township; with a deputy unknown, to the township whose
    folder holds it."""
    return ctx.records.township_of(pairing) or township_of(pairing.file)


def active_span(ctx: Context, pairing: models.Pairing) -> Period | None:
    """The part of the campaign in which the pairing and its deputy were both active."""
    deputy = ctx.records.deputies.get(pairing.deputy)
    end = pairing.end
    if deputy is not None and deputy.term_end is not None:
        end = min(end, deputy.term_end) if end else deputy.term_end
    start = max(pairing.start, deputy.term_start) if deputy else pairing.start
    return ctx.campaign_period.clip(start, end)


def term(deputy: models.Deputy, campaign: Period) -> Period | None:
    """The part of ``campaign`` in which ``deputy`` was in office."""
    return campaign.clip(deputy.term_start, deputy.term_end)
