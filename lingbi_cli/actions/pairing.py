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
    change,
    fields_of,
    file_digest,
    find,
    load_people,
    refuse_on_findings,
    with_file,
)
from lingbi_cli.errors import RefusedError, WriteError
from lingbi_cli.models import ChosenBy, HouseholdSource, HouseholdStatus
from lingbi_cli.rules import REGISTRY
from lingbi_cli.store.edit import append_record, modeline, next_number
from lingbi_cli.store.load import County
from lingbi_cli.store.write import Change, change_file

# What a new pairing is judged by (under the pairings file's lock).
PAIR_RULES = [
    "unknown-ref",
    "duplicate-id",  # also: the same deputy and household paired twice at once
    "date-range",
    "inactive-deputy",
    "pairs-per-deputy",
    "household-source",
]
UNPAIR_RULES = ["date-range"]  # the end date; the schema wants it after the start


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
    """Record one pairing, if the rules allow it: not a 4th household, not from the wrong
    source, not twice, not for a deputy out of office, not outside the campaign."""
    county = load_people(folder)
    deputy = find(county.deputies, deputy_text, "代表")
    add_township_records(county, folder, [deputy.township], (models.Household, models.Pairing))
    household = _find_household(county, folder, household_text, deputy)
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
    rel = pairings_file(deputy.township)
    return append(
        folder, rel, pairing, prefix, 4, dry_run, county=county, rules=PAIR_RULES, also=[deputy.id]
    )


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
    county = load_people(folder)
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
    rel = pairing.file
    if rel != pairings_file(deputy.township):  # kept elsewhere by hand: guard that file
        read = file_digest(folder, rel)
    return change(
        folder,
        rel,
        models.Pairing,
        pairing.id,
        {"end": day, "end_reason": reason.strip()},
        county=county,
        rules=UNPAIR_RULES,
        read_digest=read,
        dry_run=dry_run,
    )


@dataclass
class Plan:
    """What ``pair --auto`` proposes: new pairings, and households it could not place."""

    township: str
    day: dt.date
    pairings: list[models.Pairing] = field(default_factory=list)
    unplaced: list[tuple[models.Household, str]] = field(default_factory=list)
    limit: int = 3
    county: County | None = None

    def deputies(self) -> list[str]:
        """The deputies the plan gives households to."""
        return sorted({p.deputy for p in self.pairings})


def plan_auto(folder: Path, township_text: str, day: dt.date) -> Plan:
    """Pair the township's unpaired poor households with its deputies, deterministically.

    Never more than the maximum per deputy; the source rule of §2.3(3); among the deputies who
    may take a household, those of the same village first, then the least loaded, then by id.
    """
    county = load_people(folder)
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
                id=f"{township.id}-pnew{len(plan.pairings) + 1}",  # numbered when written
                deputy=best.id,
                household=household.id,
                start=day,
                chosen_by=chosen_by(best),
            )
        )
    if plan.pairings:  # judged as it will be under the lock, before it is shown
        refuse_on_findings(county, plan.pairings, PAIR_RULES, also=plan.deputies())
    return plan


def _still_unpaired(county: County, plan: Plan) -> None:
    """Under the file's lock: the plan was made for households unpaired on its day; refuse it
    if one has been paired since (a concurrent ``pair``)."""
    taken = {p.household for p in county.pairings.values() if p.active_on(plan.day)}
    if any(pairing.household in taken for pairing in plan.pairings):
        raise WriteError(
            "结对情况在制定方案之后有了变化（可能有人同时登记了结对），没有写入；"
            "请重新运行 lingbi pair --auto"
        )


def write_plan(folder: Path, plan: Plan, dry_run: bool = False) -> tuple[Change, list[str]]:
    """Append the plan's pairings to the township's pairings file in one atomic step, judged
    under the file's lock by the rules of a single ``pair``, against the file as it is then."""
    assert plan.county is not None
    county = plan.county
    rel = pairings_file(plan.township)
    prefix = f"{plan.township}-p"
    given: list[str] = []

    def edit(text: str) -> str:
        now = with_file(county, rel, text)
        _still_unpaired(now, plan)
        number = next_number(text, prefix)
        line = text.count("\n") + 2  # read after every record now in the file
        new = []
        for offset, pairing in enumerate(plan.pairings):
            record = pairing.model_copy(update={"id": f"{prefix}{number + offset:04d}"})
            record.place(rel, line + offset)
            new.append(record)
        try:
            refuse_on_findings(now, new, PAIR_RULES, also=plan.deputies())
        except RefusedError as error:
            raise WriteError(
                "结对情况在制定方案之后有了变化，没有写入；请重新运行 lingbi pair --auto。"
                f"\n{error}"
            ) from None
        given[:] = [record.id for record in new]
        for record in new:
            fields = fields_of(record)
            text = append_record(text, fields, modeline(rel, "pairing"))
        return text

    change = change_file(folder, rel, edit, expect_records=len(plan.pairings), dry_run=dry_run)
    return change, given
