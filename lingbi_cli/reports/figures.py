"""The figures of the reports, computed by pure functions from the records, as of one day.

Every figure keeps the records that make it up (``Figure.sources``), so that
``lingbi report … --explain KEY`` can answer "where does this 37 come from?". Nothing here reads
files or formats text.

One pass (``compute``) gives every township asked for (and the county, ``None``) its figures
*and* its per-deputy rows, from the same records judged the same way, so that a report's body
and its attached table cannot disagree. What is counted (DESIGN.md §5, DOMAIN.md):

* only what was recorded by the report's day (``as_of``): activities and proposals dated by
  then, replies received by then, pairings and terms as they stood in the period up to then;
* a deputy is *in office* in a period if their term overlaps it; *taking part* if they are
  named on at least one activity, or sign a proposal, dated in it;
* an activity counts once as an activity and once per named deputy as person-times (人次):
  a joint visit by three deputies is 1 visit and 3 person-times; a trip's other participants
  (``participants``) are counted apart from the deputies' person-times;
* money (and jobs, projects, cooperatives, people trained) is credited to the first deputy
  named on the activity (the attached table);
* a 督查 is the liaison leaders' supervision (``supervision``) if one of the township's
  ``liaison`` leaders is named on it, else a supervision by deputies (``deputy_supervision``);
* publicity is counted per outlet: the four the seed names, and every other outlet together;
* a pairing counts if it was active on any day of the period (an ended one counts for the
  periods it was active in);
* a paired household left poverty in a period if an exit of its ``status_history`` is dated
  in the period up to the report's day — counted once, however often it left and fell back;
* activities and proposals belong to the township of their folder; deputies and pairings to
  the deputy's township.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import TypeVar

from lingbi_cli import models
from lingbi_cli.models import (
    SIX_ONES,
    ActivityKind,
    Cause,
    FocusArea,
    HelpKind,
    HouseholdStatus,
    Outlet,
    Satisfaction,
    TripForm,
)
from lingbi_cli.periods import Period
from lingbi_cli.store.records import Records
from lingbi_cli.store.rows import ActivityRecord, Loaded

ZERO = Decimal(0)
K = TypeVar("K", bound=Hashable)


@dataclass
class Figure:
    key: str
    label: str
    unit: str
    value: int | Decimal | float | None = 0
    sources: list[Loaded] = field(default_factory=list)
    amounts: list[int | Decimal] = field(default_factory=list)  # what each source added

    def add(self, record: Loaded, amount: int | Decimal = 1) -> None:
        self.value += amount  # type: ignore[operator]
        self.sources.append(record)
        self.amounts.append(amount)

    def by(self, part: Callable[[Loaded], K]) -> dict[K, int | Decimal]:
        """The figure split by ``part`` of its records (e.g. their month): the parts add up to
        the value. For counts and sums only — a rate is not split (its sources carry no
        amounts)."""
        out: dict[K, int | Decimal] = {}
        for record, amount in zip(self.sources, self.amounts, strict=True):
            key = part(record)
            out[key] = out.get(key, 0) + amount
        return out


# key, label, unit — the order is the order of --explain's list.
DEFINITIONS: tuple[tuple[str, str, str], ...] = (
    ("deputies", "在任代表", "名"),
    ("taking_part", "参加活动的代表", "名"),
    ("participation", "代表参与率", "%"),
    ("pairings", "结对", "对"),
    ("households", "结对贫困户", "户"),
    ("pairing_activities", "入户帮扶（六个一）", "次"),
    ("pairing_work", "入户帮扶（六个一）", "人次"),
    *((k.name, f"{k.value}", "次") for k in SIX_ONES),
    ("donations", "捐资捐物", "元"),
    ("funds", "引进资金", "元"),
    ("jobs", "提供就业岗位", "个"),
    ("projects", "引进项目", "个"),
    ("cooperatives", "领办合作社", "个"),
    ("trainees", "培训", "人次"),
    ("trips", "调研视察", "次"),
    *((f"trips_{form.name}", form.value, "次") for form in TripForm),
    ("trip_person_times", "代表参加调研视察", "人次"),
    ("trip_others", "其他人员参加调研视察", "人次"),
    ("proposals", "提出议案建议", "件"),
    ("replied", "已答复议案建议", "件"),
    ("satisfaction", "答复满意率", "%"),
    ("exited", "结对户当年脱贫", "户"),
    ("health", "因病因残致贫的结对户", "户"),
    ("publicity", "宣传报道", "篇"),
    *((f"outlet_{outlet.name}", f"{outlet.value}宣传报道", "篇") for outlet in Outlet),
    ("outlet_other", "其他载体宣传报道", "篇"),
    ("supervision", "常委会联系领导督查", "次"),
    ("deputy_supervision", "代表督查", "次"),
    ("contributions", "模范带头", "次"),
    ("aid", "帮助解决实际困难", "次"),
    *((f"aid_{kind.name}", f"帮助解决{kind.value}方面的困难", "次") for kind in HelpKind),
    ("focus", "围绕重点任务的活动", "次"),
    *((f"focus_{area.name}", area.value, "次") for area in FocusArea),
)
LABELS = {key: (label, unit) for key, label, unit in DEFINITIONS}


@dataclass
class DeputyRow:
    """One deputy's work in the period (a line of the attached table): the activities of the
    township's folder (or of every folder, for the county) that name them."""

    deputy: models.Deputy
    households: int = 0  # distinct households paired with in the period
    pairing_work: int = 0  # six-ones activities named on (= person-times)
    trips: int = 0
    proposals: int = 0  # led (the figure ``proposals`` counts each proposal once)
    signed: int = 0  # led or co-signed
    donations: Decimal = ZERO  # credited to the first deputy named
    funds: Decimal = ZERO
    jobs: int = 0  # these four, too
    projects: int = 0
    cooperatives: int = 0
    trainees: int = 0
    lessons: int = 0  # 讲课 named on
    aid: int = 0  # practical help (talk, advice, labour with ``aid``) named on
    activities: int = 0
    exited: int = 0  # paired households that left poverty in the period


@dataclass
class Figures:
    """All figures of one township (or of the county, ``township=None``) for one period, and
    the per-deputy rows they break down into."""

    period: Period
    township: str | None
    as_of: dt.date | None = None
    items: dict[str, Figure] = field(default_factory=dict)
    rows: dict[str, DeputyRow] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key, label, unit in DEFINITIONS:
            self.items.setdefault(key, Figure(key, label, unit, ZERO if unit == "元" else 0))

    def __getitem__(self, key: str) -> Figure:
        return self.items[key]

    def value(self, key: str) -> int | Decimal | float | None:
        return self.items[key].value

    def count(self, key: str) -> int:
        return int(self.items[key].value or 0)

    def money(self, key: str) -> Decimal:
        return Decimal(self.items[key].value or 0)

    def deputy_rows(self) -> list[DeputyRow]:
        """The rows in deputy id order (in office in the township, or named on its work)."""
        return [self.rows[k] for k in sorted(self.rows)]


RowOf = Callable[[Figures, str], DeputyRow | None]


def _rate(part: int, whole: int) -> float | None:
    """A percentage with one decimal, or None when there is nothing to divide by."""
    return round(100.0 * part / whole, 1) if whole else None


def window(period: Period, as_of: dt.date | None) -> Period | None:
    """The part of ``period`` up to ``as_of``: what a report dated ``as_of`` can know of it."""
    return period.clip(None, as_of)


def exited_during(household: models.Household, period: Period) -> bool:
    """Whether the household left poverty on a day of ``period`` (once, however often)."""
    return household.exited_between(period.start, period.end)


def status_on(household: models.Household, day: dt.date) -> HouseholdStatus:
    """The household's status as a report dated ``day`` states it: its last change by then."""
    return household.status_on(day)


@dataclass
class Worked:
    """What one township's activities in a period, up to a day, add to the figures — the part of
    ``compute`` that counts activities, kept per township (``reports.rollup``) so that a
    county's report adds twenty of these instead of counting every activity again: the values
    of the activities' figures, each deputy's row as far as activities make it (every field of
    ``DeputyRow`` after ``deputy``, in order), and who was named on them; and what its pairings
    add (``paired``: pairings, households, those that left poverty, health causes; each
    deputy's households and exits), so that the county's report reads no household."""

    township: str
    values: dict[str, int | Decimal]
    rows: dict[str, tuple[int | Decimal, ...]]
    named: frozenset[str]
    paired: dict[str, int] = field(default_factory=dict)
    paired_rows: dict[str, tuple[int, int]] = field(default_factory=dict)

    def add_to(self, f: Figures, row: RowOf) -> None:
        """Add the activities' part (where ``compute`` counts activities)."""
        for key, value in self.values.items():
            f.items[key].value += value  # type: ignore[operator]
        for deputy_id, numbers in self.rows.items():
            line = row(f, deputy_id)
            if line is not None:
                for name, number in zip(ROW_NUMBERS, numbers, strict=True):
                    setattr(line, name, getattr(line, name) + number)

    def add_pairings_to(self, f: Figures, row: RowOf) -> None:
        """Add the pairings' part (where ``compute`` counts pairings: after the proposals, so
        that a row it makes does not count a proposal cosigned)."""
        for key, count in self.paired.items():
            f.items[key].value += count  # type: ignore[operator]
        for deputy_id, (households, exited) in self.paired_rows.items():
            line = row(f, deputy_id)
            if line is not None:
                line.households += households
                line.exited += exited


ROW_NUMBERS = tuple(f.name for f in fields(DeputyRow) if f.name != "deputy")
PAIRED = ("pairings", "households", "exited", "health")  # the figures pairings make


def work_of(
    records: Records, period: Period, township: str, as_of: dt.date | None = None
) -> tuple[Worked, Figures]:
    """What the activities of ``township``'s folder add to its figures (``Worked``), and those
    figures alone (with the activities behind each: ``substance.told`` reads them), counted
    from ``records`` — which must hold the activities, their deputies and their households:
    the township's neighbourhood will do."""
    f = Figures(period, township, as_of)
    named: set[str] = set()
    seen = window(period, as_of)
    if seen is not None:
        row = _rows(records)
        leaders = frozenset(t.liaison) if (t := records.townships.get(township)) else frozenset()
        for activity in sorted(records.activities.values(), key=lambda a: (a.date, a.id)):
            if activity.township == township and activity.date in seen:
                named.update(activity.deputies)
                _count_activity(f, activity, row, leaders)
    values = {
        key: item.value
        for key, item in f.items.items()
        if isinstance(item.value, int | Decimal) and item.value
    }
    rows = {
        deputy_id: tuple(getattr(line, name) for name in ROW_NUMBERS)
        for deputy_id, line in f.rows.items()
    }
    pairs = Figures(period, township, as_of)
    if seen is not None:
        _count_pairings(records, seen, {township: pairs}, _rows(records))
    paired = {key: int(pairs.value(key) or 0) for key in PAIRED}
    paired_rows = {d: (line.households, line.exited) for d, line in pairs.rows.items()}
    return Worked(township, values, rows, frozenset(named), paired, paired_rows), f


def _rows(records: Records) -> RowOf:
    """A figures' row of a deputy, made when first asked for (None: no such deputy)."""

    def row(f: Figures, deputy_id: str) -> DeputyRow | None:
        if deputy_id not in f.rows:
            deputy = records.deputies.get(deputy_id)
            if deputy is None:
                return None
            f.rows[deputy_id] = DeputyRow(deputy)
        return f.rows[deputy_id]

    return row


def compute(
    records: Records,
    period: Period,
    townships: Iterable[str | None],
    as_of: dt.date | None = None,
    worked: Sequence[Worked] | None = None,
) -> dict[str | None, Figures]:
    """Figures and per-deputy rows for each township asked for (None: the whole county), as
    the records stood on ``as_of`` (None: everything recorded). ``worked``: what every
    township's activities and pairings add (``work_of``), counted instead of ``records``'
    activities and pairings (which need hold neither, nor households)."""
    wanted = list(townships)
    out = {t: Figures(period, t, as_of) for t in wanted}
    seen = window(period, as_of)
    if seen is None:
        return out  # a report dated before its period: nothing had happened yet

    chosen: dict[str, list[Figures]] = {}

    def targets(township: str) -> list[Figures]:
        """The figures a record of ``township`` counts in: its own and the county's."""
        found = chosen.get(township)
        if found is None:
            found = chosen[township] = [f for t, f in out.items() if t is None or t == township]
        return found

    row = _rows(records)
    active = {
        d.id: d
        for d in sorted(records.deputies.values(), key=lambda d: d.id)
        if d.active_during(seen.start, seen.end)
    }
    for deputy in active.values():
        for f in targets(deputy.township):
            f["deputies"].add(deputy)
            row(f, deputy.id)
    took_part: set[str] = set()
    if worked is not None:
        for work in worked:
            took_part.update(work.named)
            for f in targets(work.township):
                work.add_to(f, row)
    else:
        liaison = {t.id: frozenset(t.liaison) for t in records.townships.values()}
        for activity in sorted(records.activities.values(), key=lambda a: (a.date, a.id)):
            if activity.date in seen:
                took_part.update(activity.deputies)
                leaders = liaison.get(activity.township, frozenset())
                for f in targets(activity.township):
                    _count_activity(f, activity, row, leaders)
    for proposal in sorted(records.proposals.values(), key=lambda p: (p.date, p.id)):
        if proposal.date not in seen:
            continue
        took_part.update(proposal.deputies)
        for f in targets(proposal.township):
            f["proposals"].add(proposal)
            if proposal.reply is not None and proposal.reply <= seen.end:
                f["replied"].add(proposal)
            lead = row(f, proposal.lead)  # the table's 领衔 column adds up to the figure
            if lead is not None:
                lead.proposals += 1
            for deputy_id in proposal.deputies:  # co-signers from elsewhere get no line
                if deputy_id in f.rows:
                    f.rows[deputy_id].signed += 1
    for deputy_id in sorted(took_part & set(active)):
        for f in targets(active[deputy_id].township):
            f["taking_part"].add(active[deputy_id])
    if worked is not None:
        for work in worked:
            for f in targets(work.township):
                work.add_pairings_to(f, row)
    else:
        _count_pairings(records, seen, out, row)
    for f in out.values():
        f["participation"].value = _rate(len(f["taking_part"].sources), len(f["deputies"].sources))
        f["participation"].sources = list(f["taking_part"].sources)
        rating = {
            p.id: p.state_on(seen.end).satisfaction  # the latest reply's, as of the period's end
            for p in f["replied"].sources
            if isinstance(p, models.Proposal)
        }
        rated = [p for p in f["replied"].sources if rating.get(p.id)]
        good = (Satisfaction.satisfied, Satisfaction.basically)
        happy = [p for p in rated if rating.get(p.id) in good]
        f["satisfaction"].value = _rate(len(happy), len(rated))
        f["satisfaction"].sources = rated
    return out


def _count_activity(
    f: Figures, a: ActivityRecord, row: RowOf, leaders: frozenset[str] = frozenset()
) -> None:
    """Count one activity into ``f``; ``leaders`` are the liaison leaders of its township (a
    督查 counts as the liaison leaders' supervision only if one of them is named on it)."""
    kind, people = a.kind, a.deputies
    if kind.is_six_ones:
        f["pairing_activities"].add(a)
        f["pairing_work"].add(a, len(people))
        f[kind.name].add(a)
        if a.aid is not None:
            f["aid"].add(a)
            f[f"aid_{a.aid.name}"].add(a)
    elif kind is ActivityKind.trip:
        f["trips"].add(a)
        if a.form is not None:
            f[f"trips_{a.form.name}"].add(a)
        f["trip_person_times"].add(a, len(people))
        if a.participants:
            f["trip_others"].add(a, a.participants)
    elif kind is ActivityKind.publicity:
        f["publicity"].add(a)
        known = Outlet._missing_(a.outlet or "")
        f[f"outlet_{known.name}" if known is not None else "outlet_other"].add(a)
    elif kind is ActivityKind.supervision:
        by_leader = not leaders.isdisjoint(people)
        f["supervision" if by_leader else "deputy_supervision"].add(a)
    elif kind is ActivityKind.contribution:
        f["contributions"].add(a)
    if a.focus is not None:
        f["focus"].add(a)
        f[f"focus_{a.focus.name}"].add(a)
    amount, funds = a.amount or ZERO, a.funds or ZERO
    if amount:
        f["donations"].add(a, amount)
    if funds:
        f["funds"].add(a, funds)
    for key in ("jobs", "projects", "cooperatives", "trainees"):
        value = getattr(a, key)
        if value:
            f[key].add(a, value)
    for position, deputy_id in enumerate(people):
        line = row(f, deputy_id)
        if line is None:
            continue
        line.activities += 1
        line.pairing_work += kind.is_six_ones
        line.trips += kind is ActivityKind.trip
        line.lessons += kind is ActivityKind.lesson
        line.aid += a.aid is not None
        if position == 0:
            line.donations += amount
            line.funds += funds
            line.jobs += a.jobs or 0
            line.projects += a.projects or 0
            line.cooperatives += a.cooperatives or 0
            line.trainees += a.trainees or 0


def _count_pairings(
    records: Records, seen: Period, out: dict[str | None, Figures], row: RowOf
) -> None:
    paired: dict[str | None, dict[str, models.Household]] = {t: {} for t in out}
    by_deputy: dict[tuple[str | None, str], set[str]] = {}
    counted_in: dict[str, list[str | None]] = {}  # a deputy's township → the figures asked for
    for pairing in sorted(records.pairings.values(), key=lambda p: p.id):
        if not pairing.active_during(seen.start, seen.end):
            continue
        owner = records.deputies.get(pairing.deputy)
        household = records.households.get(pairing.household)
        if owner is None or household is None:
            continue
        wanted = counted_in.get(owner.township)
        if wanted is None:
            wanted = counted_in[owner.township] = [
                t for t in out if t is None or t == owner.township
            ]
        for t in wanted:
            out[t]["pairings"].add(pairing)
            paired[t][household.id] = household
            by_deputy.setdefault((t, owner.id), set()).add(household.id)
    exits: dict[str, bool] = {}

    def exited(household: models.Household) -> bool:
        found = exits.get(household.id)
        if found is None:
            found = exits[household.id] = exited_during(household, seen)
        return found

    for (t, deputy_id), households in by_deputy.items():
        line = row(out[t], deputy_id)
        if line is not None:
            line.households = len(households)  # a re-made pairing counts once
            line.exited = sum(exited(records.households[h]) for h in households)
    for t, f in out.items():
        for household in sorted(paired[t].values(), key=lambda h: h.id):
            f["households"].add(household)
            if exited(household):
                f["exited"].add(household)
            if any(c.health_related for c in household.causes):
                # a total only: which households is not shown (personal health data)
                f["health"].value = int(f["health"].value or 0) + 1


def cause_totals(households: Iterable[models.Household]) -> dict[str, int]:
    """How many households name each cause — totals only, never per household (privacy)."""
    totals = {c.value: 0 for c in Cause}
    for household in households:
        for cause in household.causes:
            totals[cause.value] += 1
    return {k: v for k, v in totals.items() if v}
