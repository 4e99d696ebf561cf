"""The deputy assessment (履职考核, §3.2: 纳入代表履职考核，作为代表连任的重要参考依据), as data.

Every deputy in office during the year (of the county, or of one township) gets each component
of §2.3 and §3.2 counted from the records as of the report's date, over the whole county's
folders (a deputy's work elsewhere counts too):

* ``households`` — distinct households paired with during the year (a re-made pairing once);
* ``visit_quarters`` — of the quarters (of the year, within the campaign, up to the date) in
  which the deputy had a pairing, those in which they made a visit (the ``regular-visits``
  rule's kinds, 串门 and 谈心 by default); a quarter not yet over counts only once visited;
* ``six_ones`` — 六个一 activities naming the deputy; ``trips`` — 调研视察 naming them;
* ``proposals_led`` and ``proposals_signed`` — proposals led, and co-signed;
* ``funds``, ``projects`` — brought in on activities where the deputy is named first (money is
  credited to the first deputy named, as in the reports' tables);
* ``publicity`` — 宣传报道 naming the deputy;
* shortfalls — the campaign rules' warnings and errors about the deputy, their pairings, paired
  households and proposals (what the deputy record's 未达到的活动要求 lists), except those of
  the rules a component already measures (``MEASURED``: regular visits, trips, pairings, six
  ones), which would otherwise cost a deputy twice for one gap;
* awards — 扶贫之星 and 爱心代表 won that year.

Score: each component earns ``weight × min(value / target, 1)`` points (weights and targets
in ``lingbi.yaml``, ``report.assess``, 100 points by default); ``shortfall`` points come off
per shortfall and ``award`` points are added per award; the result is kept within 0…100 and
rounded to one decimal. The grade is the band with the highest lowest-score not above it.
Ranking: by score, highest first; equal scores share a place (1, 2, 2, 4) and are listed in
the county's order of townships, then by deputy id — so a ranking never changes between runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from lingbi_cli import models, periods
from lingbi_cli.config import AssessSettings
from lingbi_cli.errors import ConfigError, Finding, Level
from lingbi_cli.models import ActivityKind, AwardCategory
from lingbi_cli.periods import Period
from lingbi_cli.reports.data import Column, ColumnKind, Report, ReportKind, Table, Value
from lingbi_cli.reports.figures import ZERO, window
from lingbi_cli.reports.wording import CAMPAIGN, yuan
from lingbi_cli.rules import REGISTRY
from lingbi_cli.store.records import Records

# component key -> (label, column kind, unit), in the table's order
COMPONENTS: dict[str, tuple[str, ColumnKind, str]] = {
    "households": ("结对户", ColumnKind.integer, "户"),
    "visit_quarters": ("有走访的季度", ColumnKind.text, ""),
    "six_ones": ("六个一", ColumnKind.integer, "次"),
    "trips": ("调研视察", ColumnKind.integer, "次"),
    "proposals_led": ("领衔议案建议", ColumnKind.integer, "件"),
    "proposals_signed": ("附议议案建议", ColumnKind.integer, "件"),
    "funds": ("引进资金", ColumnKind.money, ""),
    "projects": ("引进项目", ColumnKind.integer, "个"),
    "publicity": ("宣传报道", ColumnKind.integer, "篇"),
}
DEPUTY_AWARDS = (AwardCategory.star, AwardCategory.caring_deputy)
MEASURED = frozenset({"regular-visits", "trips-per-year", "pairs-per-deputy", "six-ones"})


@dataclass
class Assessment:
    """One deputy's components, score, grade and place."""

    deputy: models.Deputy
    households: int = 0
    visited: int = 0  # quarters with a visit
    quarters: int = 0  # quarters with a pairing
    six_ones: int = 0
    trips: int = 0
    proposals_led: int = 0
    proposals_signed: int = 0
    funds: Decimal = ZERO
    projects: int = 0
    publicity: int = 0
    shortfalls: int = 0
    awards: list[str] = field(default_factory=list)
    score: float = 0.0
    grade: str = ""
    place: int = 0

    def metric(self, key: str) -> float:
        """The component as a number to score."""
        if key == "visit_quarters":
            return self.visited / self.quarters if self.quarters else 0.0
        return float(getattr(self, key))


def visit_kinds(records: Records) -> set[ActivityKind]:
    """The kinds that count as a visit: the ``regular-visits`` rule's setting."""
    rule = REGISTRY["regular-visits"]
    return set(rule.settings(records.settings.rules.get("regular-visits")).kinds)


def assess(
    records: Records,
    year: Period,
    day: dt.date,
    findings: Iterable[Finding],
    township: str | None = None,
) -> list[Assessment]:
    """Every deputy in office during ``year`` (up to ``day``; of ``township`` if given),
    assessed and ranked (see the module docstring)."""
    s: AssessSettings = records.settings.report.assess
    unknown = [k for k in s.items if k not in COMPONENTS]
    if unknown:
        known = "、".join(f"{k}（{label}）" for k, (label, _, _) in COMPONENTS.items())
        raise ConfigError(
            "lingbi.yaml", 0, "report.assess.items", f"没有 {unknown[0]}；可用：{known}"
        )
    c = records.settings.campaign
    seen = window(year, day)
    seen = seen.clip(c.start, c.end) if seen else None
    if seen is None:
        return []
    out: dict[str, Assessment] = {
        d.id: Assessment(d)
        for d in records.deputies.values()
        if d.active_during(seen.start, seen.end) and township in (None, d.township)
    }
    visits = _count_work(records, seen, out)
    _count_pairings(records, seen, day, out, visits)
    _count_shortfalls(records, findings, out)
    for award in records.awards.values():
        if award.year == year.year and award.deputy in out and award.category in DEPUTY_AWARDS:
            out[award.deputy].awards.append(award.category.value)
    for a in out.values():
        a.awards.sort(key=[x.value for x in DEPUTY_AWARDS].index)
        a.score = score(a, s)
        a.grade = s.grade(a.score)
    return rank(records, list(out.values()))


def score(a: Assessment, s: AssessSettings) -> float:
    points = sum(item.weight * min(a.metric(k) / item.target, 1.0) for k, item in s.items.items())
    points += s.award * len(a.awards) - s.shortfall * a.shortfalls
    return round(min(max(points, 0.0), 100.0), 1)


def rank(records: Records, assessed: list[Assessment]) -> list[Assessment]:
    """Highest score first; ties share a place and keep the county's township order, then id."""
    order = {t: i for i, t in enumerate(records.townships)}
    assessed.sort(key=lambda a: (-a.score, order.get(a.deputy.township, len(order)), a.deputy.id))
    for i, a in enumerate(assessed):
        same = i and assessed[i - 1].score == a.score
        a.place = assessed[i - 1].place if same else i + 1
    return assessed


def _count_work(records: Records, seen: Period, out: dict[str, Assessment]) -> dict[str, set[int]]:
    """Activities and proposals; returns the quarters (0…3) in which each deputy visited."""
    kinds = visit_kinds(records)
    visits: dict[str, set[int]] = {}
    for activity in records.activities.values():
        if activity.date not in seen:
            continue
        for position, deputy_id in enumerate(activity.deputies):
            a = out.get(deputy_id)
            if a is None:
                continue
            a.six_ones += activity.kind.is_six_ones
            a.trips += activity.kind is ActivityKind.trip
            a.publicity += activity.kind is ActivityKind.publicity
            if activity.kind in kinds:
                visits.setdefault(deputy_id, set()).add((activity.date.month - 1) // 3)
            if position == 0:
                a.funds += activity.funds or ZERO
                a.projects += activity.projects or 0
    for proposal in records.proposals.values():
        if proposal.date not in seen:
            continue
        if proposal.lead in out:
            out[proposal.lead].proposals_led += 1
        for deputy_id in proposal.cosigners:
            if deputy_id in out:
                out[deputy_id].proposals_signed += 1
    return visits


def _count_pairings(
    records: Records,
    seen: Period,
    day: dt.date,
    out: dict[str, Assessment],
    visits: dict[str, set[int]],
) -> None:
    """Households paired with, and the quarters with a pairing: those over by ``day``, and
    the current one once visited."""
    households: dict[str, set[str]] = {}
    paired: dict[str, set[int]] = {}
    for pairing in records.pairings.values():
        a = out.get(pairing.deputy)
        if a is None or not pairing.active_during(seen.start, seen.end):
            continue
        households.setdefault(a.deputy.id, set()).add(pairing.household)
        for q in periods.split(seen, "quarter"):
            part = q.clip(seen.start, seen.end)
            if part is not None and pairing.active_during(part.start, part.end):
                paired.setdefault(a.deputy.id, set()).add((q.start.month - 1) // 3)
    for deputy_id, a in out.items():
        a.households = len(households.get(deputy_id, ()))
        mine = paired.get(deputy_id, set())
        visited = visits.get(deputy_id, set()) & mine
        over = {q for q in mine if periods.quarter(seen.year, q + 1).end <= day}
        a.visited, a.quarters = len(visited), len(over | visited)


def _count_shortfalls(
    records: Records, findings: Iterable[Finding], out: dict[str, Assessment]
) -> None:
    """Warnings and errors about each deputy, their pairings, paired households, proposals."""
    owners: dict[str, set[str]] = {}
    for deputy_id in out:
        owners.setdefault(deputy_id, set()).add(deputy_id)
    for p in records.pairings.values():
        if p.deputy in out:
            owners.setdefault(p.id, set()).add(p.deputy)
            owners.setdefault(p.household, set()).add(p.deputy)
    for proposal in records.proposals.values():
        for deputy_id in proposal.deputies:
            if deputy_id in out:
                owners.setdefault(proposal.id, set()).add(deputy_id)
    for f in findings:
        if f.level in (Level.error, Level.warning) and f.rule not in MEASURED:
            for deputy_id in owners.get(f.record, ()):
                out[deputy_id].shortfalls += 1


def table(records: Records, assessed: list[Assessment], township: str | None) -> Table:
    """The assessment table: place, name, (township,) sector, each component, shortfalls,
    awards, score, grade."""
    columns = [Column("place", "名次", ColumnKind.integer), Column("name", "姓名")]
    if township is None:
        columns.append(Column("township", "乡镇"))
    columns.append(Column("sector", "界别"))
    columns += [Column(k, *COMPONENTS[k]) for k in COMPONENTS]
    columns += [
        Column("shortfalls", "未达要求", ColumnKind.integer, "项"),
        Column("awards", "获奖"),
        Column("score", "得分", ColumnKind.number),
        Column("grade", "等次"),
    ]
    out = Table("代表履职考核情况表", tuple(columns))
    for a in assessed:
        where = records.townships.get(a.deputy.township)
        row: list[Value] = [a.place, a.deputy.name]
        if township is None:
            row.append(where.name if where else "")
        row.append(a.deputy.sector.value)
        for key in COMPONENTS:
            if key == "visit_quarters":
                row.append(f"{a.visited}/{a.quarters}" if a.quarters else "—")
            else:
                row.append(getattr(a, key))
        row += [a.shortfalls, "、".join(a.awards), a.score, a.grade]
        out.rows.append(tuple(row))
    return out


def weights(records: Records) -> list[tuple[str, float, str]]:
    """(component label, points, what earns them in full), in the settings' order."""
    out = []
    for key, item in records.settings.report.assess.items.items():
        label, kind, unit = COMPONENTS[key]
        if key == "visit_quarters":
            full = (
                "每个结对的季度都有走访" if item.target >= 1 else f"{item.target:.0%}的季度有走访"
            )
        elif kind is ColumnKind.money:
            full = yuan(Decimal(str(item.target)))
        else:
            full = f"{_plain(item.target)}{unit}"
        out.append((label, item.weight, full))
    return out


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def build(
    records: Records, year: Period, township: str | None, day: dt.date, findings: list[Finding]
) -> Report:
    """The assessment of ``year`` as a report: the scoring method, the grades, the table."""
    s = records.settings.report.assess
    if township is not None:
        signer = f"{records.townships[township].name}人大主席团"
        whose = records.townships[township].name
    else:
        signer, whose = records.settings.committee, records.settings.county
    title = f"{whose}{year.year}年度人大代表{CAMPAIGN}履职考核情况"
    made = Report(ReportKind.assess, "assess.md.j2", title, year, day, signer, township)
    assessed = assess(records, year, day, findings, township)
    grades = [(b.grade, b.min) for b in sorted(s.bands, key=lambda b: -b.min)]
    made.values.update(
        whose=whose,
        year=year.year,
        count=len(assessed),
        weights=weights(records),
        shortfall=s.shortfall,
        award=s.award,
        grades=grades,
        graded=[(g, sum(a.grade == g for a in assessed)) for g, _ in grades],
    )
    made.tables["assessment"] = table(records, assessed, township)
    made.values["assessed"] = assessed
    return made
