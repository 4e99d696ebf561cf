"""``lingbi pair`` (by hand and automatic) and ``lingbi unpair``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lingbi_cli import models
from lingbi_cli.actions.common import (
    Written,
    add_township_records,
    append,
    build,
    change,
    fields_of,
    find,
    load_people,
    refuse_on_findings,
    with_file,
)
from lingbi_cli.errors import RefusedError, WriteError
from lingbi_cli.models import ChosenBy, HouseholdSource, HouseholdStatus
from lingbi_cli.rules import REGISTRY
from lingbi_cli.store.edit import append_record, modeline, next_number
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.layout import file_for, new_id
from lingbi_cli.store.records import Records
from lingbi_cli.store.write import Change

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


def _max_pairs(records: Records) -> int | None:
    """The pairs-per-deputy rule's maximum, or None when the county switched the rule off."""
    settings = REGISTRY["pairs-per-deputy"].settings(records.settings.rules.get("pairs-per-deputy"))
    return int(settings.max) if settings.enabled else None


def chosen_by(deputy: models.Deputy) -> ChosenBy:
    """§2.3(3): organ/institution deputies take their unit's households, others the township's."""
    return ChosenBy.unit_list if deputy.employer.takes_unit_households else ChosenBy.township


def pair(
    folder: DataFolder,
    deputy_text: str,
    household_text: str,
    day: dt.date,
    dry_run: bool = False,
) -> Written:
    """Record one pairing, if the rules allow it: not a 4th household, not from the wrong
    source, not twice, not for a deputy out of office, not outside the campaign."""
    records = load_people(folder)
    deputy = find(records, models.Deputy, deputy_text)
    add_township_records(records, [deputy.township], (models.Household, models.Pairing))
    household = _find_household(records, household_text)
    numbered = new_id(models.Pairing, deputy.township)
    pairing = build(
        models.Pairing,
        {
            "id": f"{numbered[0]}0000",
            "deputy": deputy.id,
            "household": household.id,
            "start": day,
            "chosen_by": chosen_by(deputy),
        },
    )
    rel = file_for(models.Pairing, deputy.township)
    return append(
        records, rel, pairing, numbered, rules=PAIR_RULES, also=[deputy.id], dry_run=dry_run
    )


def _find_household(records: Records, text: str) -> models.Household:
    """A household by id or head's name: in the townships loaded, else anywhere."""
    try:
        return find(records, models.Household, text)
    except RefusedError:
        add_township_records(records, list(records.townships), (models.Household,))
        return find(records, models.Household, text)


def unpair(
    folder: DataFolder,
    deputy_text: str,
    household_text: str,
    day: dt.date,
    reason: str,
    dry_run: bool = False,
) -> Written:
    """End the deputy's open pairing with the household on ``day``; history is kept."""
    if not reason.strip():
        raise RefusedError("没有写入：结束结对必须写明原因（--reason）")
    records = load_people(folder)
    deputy = find(records, models.Deputy, deputy_text)
    # the file's digest before its records are read: a hand edit made after this point is
    # not overwritten (change_file compares it under the lock)
    home = file_for(models.Pairing, deputy.township)
    read = folder.digest(home)
    add_township_records(records, [deputy.township], (models.Household, models.Pairing))
    household = _find_household(records, household_text)
    open_ones = [
        p
        for p in records.pairings.values()
        if p.deputy == deputy.id and p.household == household.id and p.end is None
    ]
    if not open_ones:
        raise RefusedError(
            f"没有写入：{deputy.name}（{deputy.id}）与 {household.head}户（{household.id}）"
            "没有未结束的结对"
        )
    pairing = open_ones[0]
    rel = pairing.file
    if rel != home:  # kept elsewhere by hand: guard that file
        read = folder.digest(rel)
    return change(
        records,
        rel,
        models.Pairing,
        pairing.id,
        {"end": day, "end_reason": reason.strip()},
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
    records: Records | None = None

    def deputies(self) -> list[str]:
        """The deputies the plan gives households to."""
        return sorted({p.deputy for p in self.pairings})


def plan_auto(folder: DataFolder, township_text: str, day: dt.date) -> Plan:
    """Pair the township's unpaired poor households with its deputies, deterministically.

    Never more than the maximum per deputy; the source rule of §2.3(3); among the deputies who
    may take a household, those of the same village first, then the least loaded, then by id.
    """
    records = load_people(folder)
    township = find(records, models.Township, township_text)
    add_township_records(records, [township.id], (models.Household,))
    # every township's pairings: an organ deputy of another township may have paired one of
    # this township's households (a pairing lives in its deputy's township)
    add_township_records(records, list(records.townships), (models.Pairing,))
    limit = _max_pairs(records) or 3  # --auto never gives a deputy more than the seed's 1–3
    deputies = sorted(
        (d for d in records.deputies.values() if d.township == township.id and d.active_on(day)),
        key=lambda d: d.id,
    )
    load_of = {d.id: 0 for d in deputies}
    paired: set[str] = set()
    for p in records.pairings.values():
        if p.active_on(day):
            paired.add(p.household)
            if p.deputy in load_of:
                load_of[p.deputy] += 1
    unit_of = {u: records.unit_households(u) for u in records.units}
    plan = Plan(township.id, day, records=records, limit=limit)
    households = sorted(
        (
            h
            for h in records.households.values()
            if h.township == township.id
            and h.id not in paired
            and h.status_on(day) is not HouseholdStatus.exited
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
        elif not records.at_point(household):
            eligible = []
            why = f"这是乡镇帮扶点的户，但所在的{household.village}不是本乡镇的帮扶点"
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
        refuse_on_findings(records, plan.pairings, PAIR_RULES, also=plan.deputies())
    return plan


def _still_unpaired(records: Records, plan: Plan) -> None:
    """Under the file's lock: the plan was made for households unpaired on its day; refuse it
    if one has been paired since (a concurrent ``pair``)."""
    taken = {p.household for p in records.pairings.values() if p.active_on(plan.day)}
    if any(pairing.household in taken for pairing in plan.pairings):
        raise WriteError(
            "结对情况在制定方案之后有了变化（可能有人同时登记了结对），没有写入；"
            "请重新运行 lingbi pair --auto"
        )


def write_plan(plan: Plan, dry_run: bool = False) -> tuple[Change, list[str]]:
    """Append the plan's pairings to the township's pairings file in one atomic step, judged
    under the file's lock by the rules of a single ``pair``, against the file as it is then."""
    assert plan.records is not None
    records = plan.records
    rel = file_for(models.Pairing, plan.township)
    prefix, width = new_id(models.Pairing, plan.township)
    given: list[str] = []

    def edit(text: str) -> str:
        now = with_file(records, rel, text)
        _still_unpaired(now, plan)
        number = next_number(text, prefix)
        line = text.count("\n") + 2  # read after every record now in the file
        new = []
        for offset, pairing in enumerate(plan.pairings):
            record = pairing.model_copy(update={"id": f"{prefix}{number + offset:0{width}d}"})
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

    records.folder.what = f"自动结对 {len(plan.pairings)} 对"  # for the journal
    change = records.folder.change(rel, edit, expect_records=len(plan.pairings), dry_run=dry_run)
    return change, given
