"""``lingbi pair`` (by hand and automatic) and ``lingbi unpair``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from lingbi_cli import models
from lingbi_cli.actions.common import (
    Written,
    add_township_records,
    append,
    build,
    check_date,
    fields_of,
    file_digest,
    find,
    load_people,
    refuse_on_findings,
)
from lingbi_cli.config import load_settings
from lingbi_cli.errors import RefusedError, WriteError
from lingbi_cli.models import ChosenBy, HouseholdSource, HouseholdStatus
from lingbi_cli.rules import REGISTRY
from lingbi_cli.store.edit import append_record, modeline, next_number, set_fields
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.load import County
from lingbi_cli.store.write import Change, change_file

PAIR_RULES = [
    "unknown-ref",
    "date-range",
    "inactive-deputy",
    "pairs-per-deputy",
    "household-source",
]


def pairings_file(township: str) -> str:
    return f"townships/{township}/pairings.yaml"


def _max_pairs(county: County) -> int | None:
    """The pairs-per-deputy rule's maximum, or None when the county switched the rule off."""
    settings = REGISTRY["pairs-per-deputy"].settings(county.settings.rules.get("pairs-per-deputy"))
    return int(settings.max) if settings.enabled else None


def chosen_by(deputy: models.Deputy) -> ChosenBy:
    """§2.3(3): organ/institution deputies take their unit's households, others the township's."""
    return ChosenBy.unit_list if deputy.employer.takes_unit_households else ChosenBy.township


def pair(
    folder: Path, deputy_text: str, household_text: str, day: dt.date, dry_run: bool = False
) -> Written:
    """Record one pairing, refusing a 4th household, a wrong source, a duplicate, a leaver."""
    settings = load_settings(folder)
    check_date(day, settings, "结对日期", earliest=dt.date(settings.campaign.start.year, 1, 1))
    county = load_people(folder, settings)
    deputy = find(county.deputies, deputy_text, "代表")
    add_township_records(county, folder, [deputy.township], (models.Household, models.Pairing))
    household = _find_household(county, folder, household_text, deputy)
    if not deputy.active_on(day):
        raise RefusedError(
            f"没有写入：代表 {deputy.name}（{deputy.id}）在 {day} 不在任"
            f"（任期 {deputy.term_start} 至 {deputy.term_end or '今'}）"
        )
    for p in county.pairings.values():  # one that holds on ``day`` or begins later
        if (
            p.deputy == deputy.id
            and p.household == household.id
            and p.active_during(day, dt.date.max)
        ):
            raise RefusedError(
                f"没有写入：{deputy.name}（{deputy.id}）已经与 {household.head}户"
                f"（{household.id}）结对（{p.id}，始于 {p.start}）"
            )
    active = [p for p in county.pairings.values() if p.deputy == deputy.id and p.active_on(day)]
    limit = _max_pairs(county)
    if limit is not None and len(active) >= limit:
        listed = "、".join(p.household for p in active)
        raise RefusedError(
            f"没有写入：代表 {deputy.name}（{deputy.id}）已结对 {len(active)} 户（{listed}），"
            f"《实施意见》§2.3(3) 倡导每名代表结对 1—{limit} 户"
        )
    rel = pairings_file(deputy.township)
    prefix = f"{deputy.township}-p"
    pairing = build(
        models.Pairing,
        {
            "id": f"{prefix}0000",
            "deputy": deputy.id,
            "household": household.id,
            "start": day,
            "chosen_by": chosen_by(deputy),
        },
    )
    refuse_on_findings(county, pairing, PAIR_RULES, also=[deputy.id])
    return append(folder, rel, pairing, prefix, 4, dry_run)


def _find_household(
    county: County, folder: Path, text: str, deputy: models.Deputy
) -> models.Household:
    """A household by id or head's name: in the deputy's township, else anywhere."""
    try:
        return find(county.households, text, "贫困户")
    except RefusedError:
        add_township_records(county, folder, list(county.townships), (models.Household,))
        return find(county.households, text, "贫困户")


def unpair(
    folder: Path,
    deputy_text: str,
    household_text: str,
    day: dt.date,
    reason: str,
    dry_run: bool = False,
) -> Written:
    """End the deputy's open pairing with the household on ``day``; history is kept."""
    if not reason.strip():
        raise RefusedError("没有写入：结束结对必须写明原因（--reason）")
    settings = load_settings(folder)
    check_date(day, settings, "结束日期")
    county = load_people(folder, settings)
    deputy = find(county.deputies, deputy_text, "代表")
    # the file's digest before its records are read: a hand edit made after this point is
    # not overwritten (change_file compares it under the lock)
    read = file_digest(folder, pairings_file(deputy.township))
    add_township_records(county, folder, [deputy.township], (models.Household, models.Pairing))
    household = _find_household(county, folder, household_text, deputy)
    open_ones = [
        p
        for p in county.pairings.values()
        if p.deputy == deputy.id and p.household == household.id and p.end is None
    ]
    if not open_ones:
        raise RefusedError(
            f"没有写入：{deputy.name}（{deputy.id}）与 {household.head}户（{household.id}）"
            "没有未结束的结对"
        )
    pairing = open_ones[0]
    if day < pairing.start:
        raise RefusedError(f"没有写入：结束日期 {day} 早于结对开始日期 {pairing.start}")
    rel = pairing.file
    if rel != pairings_file(deputy.township):  # kept elsewhere by hand: guard that file
        read = file_digest(folder, rel)
    change = change_file(
        folder,
        rel,
        lambda text: set_fields(text, pairing.id, {"end": day, "end_reason": reason.strip()}),
        expect_records=0,
        read_digest=read,
        dry_run=dry_run,
    )
    return Written(pairing.id, change)


@dataclass
class Plan:
    """What ``pair --auto`` proposes: new pairings, and households it could not place."""

    township: str
    day: dt.date
    pairings: list[models.Pairing] = field(default_factory=list)
    unplaced: list[tuple[models.Household, str]] = field(default_factory=list)
    limit: int = 3
    county: County | None = None


def plan_auto(folder: Path, township_text: str, day: dt.date) -> Plan:
    """Pair the township's unpaired poor households with its deputies, deterministically.

    Never more than the maximum per deputy; the source rule of §2.3(3); among the deputies who
    may take a household, those of the same village first, then the least loaded, then by id.
    """
    settings = load_settings(folder)
    check_date(day, settings, "结对日期")
    county = load_people(folder, settings)
    township = find(county.townships, township_text, "乡镇")
    add_township_records(county, folder, [township.id], (models.Household,))
    # every township's pairings: an organ deputy of another township may have paired one of
    # this township's households (a pairing lives in its deputy's township)
    add_township_records(county, folder, list(county.townships), (models.Pairing,))
    limit = _max_pairs(county) or 3  # --auto never gives a deputy more than the seed's 1–3
    deputies = sorted(
        (d for d in county.deputies.values() if d.township == township.id and d.active_on(day)),
        key=lambda d: d.id,
    )
    load_of = {d.id: 0 for d in deputies}
    paired: set[str] = set()
    for p in county.pairings.values():
        if p.active_on(day):
            paired.add(p.household)
            if p.deputy in load_of:
                load_of[p.deputy] += 1
    unit_of = {u.id: set(u.households) for u in county.units.values()}
    plan = Plan(township.id, day, county=county, limit=limit)
    households = sorted(
        (
            h
            for h in county.households.values()
            if h.township == township.id
            and h.id not in paired
            and h.status is not HouseholdStatus.exited
        ),
        key=lambda h: h.id,
    )
    for household in households:
        if household.source is HouseholdSource.unit:
            eligible = [
                d
                for d in deputies
                if d.employer.takes_unit_households
                and household.id in unit_of.get(d.unit or "", set())
            ]
            why = "这是单位帮扶户，但没有哪位在任的机关、事业单位代表的单位名单上有这一户"
        else:
            eligible = [d for d in deputies if not d.employer.takes_unit_households]
            why = "本乡镇没有在任的企业、农村或其他单位性质的代表"
        free = [d for d in eligible if load_of[d.id] < limit]
        if not free:
            if eligible:
                why = f"可以结对的 {len(eligible)} 位代表都已结对 {limit} 户"
            plan.unplaced.append((household, why))
            continue
        best = min(free, key=lambda d: (d.village != household.village, load_of[d.id], d.id))
        load_of[best.id] += 1
        plan.pairings.append(
            models.Pairing(
                id="pending",
                deputy=best.id,
                household=household.id,
                start=day,
                chosen_by=chosen_by(best),
            )
        )
    return plan


def _still_valid(text: str, plan: Plan) -> None:
    """Under the file's lock: refuse the plan if the file changed under it so that a deputy
    would pass the limit or a household would be paired twice (a concurrent ``pair``)."""
    day = plan.day.isoformat()
    open_now: dict[str, int] = {}
    taken: set[str] = set()
    for raw in read_any(text.encode("utf-8"))[0]:
        values = raw.values
        start, end = str(values.get("start") or ""), values.get("end")
        if start <= day and (end is None or day <= str(end)):  # ISO dates compare as text
            open_now[str(values.get("deputy"))] = open_now.get(str(values.get("deputy")), 0) + 1
            taken.add(str(values.get("household")))
    for pairing in plan.pairings:
        open_now[pairing.deputy] = open_now.get(pairing.deputy, 0) + 1
        if pairing.household in taken or open_now[pairing.deputy] > plan.limit:
            raise WriteError(
                "结对情况在制定方案之后有了变化（可能有人同时登记了结对），没有写入；"
                "请重新运行 lingbi pair --auto"
            )
        taken.add(pairing.household)


def write_plan(folder: Path, plan: Plan, dry_run: bool = False) -> tuple[Change, list[str]]:
    """Append the plan's pairings to the township's pairings file in one atomic step."""
    rel = pairings_file(plan.township)
    prefix = f"{plan.township}-p"
    given: list[str] = []

    def edit(text: str) -> str:
        _still_valid(text, plan)
        number = next_number(text, prefix)
        given.clear()
        for offset, pairing in enumerate(plan.pairings):
            fields = fields_of(pairing)
            fields["id"] = f"{prefix}{number + offset:04d}"
            given.append(fields["id"])
            text = append_record(text, fields, modeline(rel, "pairing"))
        return text

    change = change_file(folder, rel, edit, expect_records=len(plan.pairings), dry_run=dry_run)
    return change, given
