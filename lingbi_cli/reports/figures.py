"""The figures of the reports, computed by pure functions from the records.

Every figure keeps the records that make it up (``Figure.sources``), so that
``lingbi report … --explain KEY`` can answer "where does this 37 come from?". Nothing here reads
files or formats text for a template; ``reports.build`` does the latter.

What is counted (DESIGN.md §5, DOMAIN.md):

* a deputy is *in office* in a period if their term overlaps it; *taking part* if they are
  named on at least one activity, or sign a proposal, dated in it;
* an activity counts once as an activity and once per named deputy as person-times
  (人次): a joint visit by three deputies is 1 visit and 3 person-times;
* a pairing counts if it was active on any day of the period (an ended one counts for the
  periods it was active in);
* activities belong to the township of their folder; deputies, pairings and proposals to the
  deputy's (the lead's) township.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from lingbi_cli import models
from lingbi_cli.models import SIX_ONES, ActivityKind, Cause, HouseholdStatus, Satisfaction
from lingbi_cli.periods import Period
from lingbi_cli.store.load import County
from lingbi_cli.store.rows import Loaded

ZERO = Decimal(0)


@dataclass
class Figure:
    key: str
    label: str
    unit: str
    value: int | Decimal | float | None = 0
    sources: list[Loaded] = field(default_factory=list)

    def add(self, record: Loaded, amount: int | Decimal = 1) -> None:
        self.value += amount  # type: ignore[operator]
        self.sources.append(record)


# key, label, unit — the order is the order of the tables.
DEFINITIONS: tuple[tuple[str, str, str], ...] = (
    ("deputies", "在任代表", "名"),
    ("taking_part", "参加活动的代表", "名"),
    ("participation", "代表参与率", "%"),
    ("pairings", "结对", "对"),
    ("households", "结对贫困户", "户"),
    ("pairing_work", "入户帮扶（六个一）", "人次"),
    *((k.name, f"{k.value}", "次") for k in SIX_ONES),
    ("donations", "捐资捐物", "元"),
    ("funds", "引进资金", "元"),
    ("jobs", "提供就业岗位", "个"),
    ("projects", "引进项目", "个"),
    ("cooperatives", "领办合作社", "个"),
    ("trainees", "培训", "人次"),
    ("trips", "调研视察", "次"),
    ("trip_person_times", "参加调研视察", "人次"),
    ("proposals", "提出议案建议", "件"),
    ("replied", "已答复议案建议", "件"),
    ("satisfaction", "答复满意率", "%"),
    ("exited", "结对户当年脱贫", "户"),
    ("health", "因病因残致贫的结对户", "户"),
    ("publicity", "宣传报道", "篇"),
    ("supervision", "常委会领导督查", "次"),
)
LABELS = {key: (label, unit) for key, label, unit in DEFINITIONS}


@dataclass
class Figures:
    """All figures of one township (or of the county, ``township=None``) for one period."""

    period: Period
    township: str | None
    items: dict[str, Figure] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key, label, unit in DEFINITIONS:
            self.items.setdefault(key, Figure(key, label, unit, ZERO if unit == "元" else 0))

    def __getitem__(self, key: str) -> Figure:
        return self.items[key]

    def value(self, key: str) -> int | Decimal | float | None:
        return self.items[key].value


def _rate(part: int, whole: int) -> float | None:
    """A percentage with one decimal, or None when there is nothing to divide by."""
    return round(100.0 * part / whole, 1) if whole else None


def compute(
    county: County,
    period: Period,
    townships: Iterable[str | None],
    as_of: dt.date | None = None,
) -> dict[str | None, Figures]:
    """Figures for each township asked for (None: the whole county), in one pass each.

    With ``as_of`` (a report's date), only what was recorded by that day counts — activities,
    proposals and replies, pairings and terms — so that a report printed again later says what
    the one filed said. (A household's status has no date: exits are as recorded now.)"""
    wanted = list(townships)
    out = {t: Figures(period, t) for t in wanted}
    reported = period
    period = period.clip(None, as_of) or Period(period.label, period.start, period.start)
    if as_of is not None and as_of < reported.start:
        return out  # a report dated before its period: nothing had happened yet

    def targets(township: str) -> list[Figures]:
        return [f for t, f in out.items() if t is None or t == township]

    deputies = county.deputies
    active: dict[str, models.Deputy] = {
        d.id: d for d in deputies.values() if d.active_during(period.start, period.end)
    }
    for deputy in sorted(active.values(), key=lambda d: d.id):
        for figures in targets(deputy.township):
            figures["deputies"].add(deputy)
    took_part: set[str] = set()

    for activity in sorted(county.activities.values(), key=lambda a: (a.date, a.id)):
        if activity.date not in period:
            continue
        took_part.update(activity.deputies)
        people = len(activity.deputies)
        for f in targets(activity.township):
            kind = activity.kind
            if kind.is_six_ones:
                f["pairing_work"].add(activity, people)
                f[kind.name].add(activity)
            if kind is ActivityKind.trip:
                f["trips"].add(activity)
                f["trip_person_times"].add(activity, people + (activity.participants or 0))
            if kind is ActivityKind.publicity:
                f["publicity"].add(activity)
            if kind is ActivityKind.supervision:
                f["supervision"].add(activity)
            if activity.amount:
                f["donations"].add(activity, activity.amount)
            if activity.funds:
                f["funds"].add(activity, activity.funds)
            for key in ("jobs", "projects", "cooperatives", "trainees"):
                amount = getattr(activity, key)
                if amount:
                    f[key].add(activity, amount)

    for proposal in sorted(county.proposals.values(), key=lambda p: (p.date, p.id)):
        if proposal.date not in period:
            continue
        took_part.update(proposal.deputies)
        for f in targets(proposal.township):
            f["proposals"].add(proposal)
            if proposal.reply is not None and (as_of is None or proposal.reply <= as_of):
                f["replied"].add(proposal)

    for deputy_id in sorted(took_part & set(active)):
        deputy = active[deputy_id]
        for f in targets(deputy.township):
            f["taking_part"].add(deputy)

    paired_households: dict[str | None, dict[str, models.Household]] = {t: {} for t in wanted}
    for pairing in sorted(county.pairings.values(), key=lambda p: p.id):
        if not pairing.active_during(period.start, period.end):
            continue
        owner = deputies.get(pairing.deputy)
        household = county.households.get(pairing.household)
        if owner is None or household is None:
            continue
        for t, f in out.items():
            if t is None or t == owner.township:
                f["pairings"].add(pairing)
                paired_households[t][household.id] = household

    for t, f in out.items():
        for household in sorted(paired_households[t].values(), key=lambda h: h.id):
            f["households"].add(household)
            if household.status is HouseholdStatus.exited and (
                household.exit_year is not None
                and period.start.year <= household.exit_year <= period.end.year
            ):
                f["exited"].add(household)
            if any(c.health_related for c in household.causes):
                # a total only: which households is not shown (personal health data)
                f["health"].value = int(f["health"].value or 0) + 1
        f["participation"].value = _rate(len(f["taking_part"].sources), len(f["deputies"].sources))
        f["participation"].sources = list(f["taking_part"].sources)
        rated = [p for p in f["replied"].sources if getattr(p, "satisfaction", None)]
        good = (Satisfaction.satisfied, Satisfaction.basically)
        happy = [p for p in rated if getattr(p, "satisfaction", None) in good]
        f["satisfaction"].value = _rate(len(happy), len(rated))
        f["satisfaction"].sources = rated
    return out


@dataclass
class DeputyRow:
    """One line of the attached statistics table: one deputy's work in the period."""

    deputy: models.Deputy
    households: int = 0
    pairing_work: int = 0
    trips: int = 0
    proposals: int = 0
    donations: Decimal = ZERO
    activities: int = 0


def deputy_rows(county: County, period: Period, township: str | None) -> list[DeputyRow]:
    """The per-deputy statistics of a township (or the county) for the period."""
    rows = {
        d.id: DeputyRow(d)
        for d in sorted(county.deputies.values(), key=lambda d: d.id)
        if (township is None or d.township == township)
        and d.active_during(period.start, period.end)
    }
    for activity in county.activities.values():
        if activity.date not in period:
            continue
        for deputy_id in activity.deputies:
            row = rows.get(deputy_id)
            if row is None:
                continue
            row.activities += 1
            if activity.kind.is_six_ones:
                row.pairing_work += 1
            if activity.kind is ActivityKind.trip:
                row.trips += 1
            if activity.amount and deputy_id == activity.deputies[0]:
                row.donations += activity.amount
    for proposal in county.proposals.values():
        if proposal.date in period:
            for deputy_id in proposal.deputies:
                if deputy_id in rows:
                    rows[deputy_id].proposals += 1
    paired: dict[str, set[str]] = {}  # distinct households: a re-made pairing counts once
    for pairing in county.pairings.values():
        if pairing.deputy in rows and pairing.active_during(period.start, period.end):
            paired.setdefault(pairing.deputy, set()).add(pairing.household)
    for deputy_id, households in paired.items():
        rows[deputy_id].households = len(households)
    return list(rows.values())


def cause_totals(households: Iterable[models.Household]) -> dict[str, int]:
    """How many households name each cause — totals only, never per household (§ privacy)."""
    totals = {c.value: 0 for c in Cause}
    for household in households:
        for cause in household.causes:
            totals[cause.value] += 1
    return {k: v for k, v in totals.items() if v}
