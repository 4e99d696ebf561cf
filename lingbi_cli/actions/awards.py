"""``lingbi award`` and ``lingbi donor``: recording a year-end award (§3.4) and a gift of an
爱心人士, through the one safe write path.

An award is refused, under the lock of county/awards.yaml and against the file as it is then,
when: its year is outside the campaign; the recipient is unknown (a township or deputy that
does not resolve; for 爱心人士, a name no gift is recorded under — record the gift first with
``lingbi donor``); a deputy was not in office that year; or the same award of the same year
was already given to the same recipient. The category is one of the seed's four
(``AwardCategory``), or the command line refuses it. A gift is judged by the rules ``log``
uses (the household must exist, the date lie in the campaign and not in the future).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from lingbi_cli import models
from lingbi_cli.actions.common import (
    Written,
    add_township_records,
    append,
    build,
    find,
    load_people,
)
from lingbi_cli.errors import RefusedError
from lingbi_cli.models import AwardCategory
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.layout import file_for, new_id
from lingbi_cli.store.records import Records

AWARD_RULES = ["unknown-ref", "duplicate-id", "date-range"]
DONOR_RULES = ["unknown-ref", "duplicate-id", "date-range"]
RECIPIENT = {
    AwardCategory.unit: "township",
    AwardCategory.star: "deputy",
    AwardCategory.caring_deputy: "deputy",
    AwardCategory.caring_person: "person",
}


def record_award(
    folder: DataFolder,
    category: AwardCategory,
    year: int,
    recipient: str,
    reason: str,
    dry_run: bool = False,
) -> Written:
    """Append an award to county/awards.yaml (see the module docstring for the refusals)."""
    records = load_people(folder)
    years = records.settings.campaign.years
    if year not in years:
        raise RefusedError(
            f"没有写入：{year}年不在活动期间（{years.start}—{years[-1]}年），不能评选表彰"
        )
    field = RECIPIENT[category]
    if field == "township":
        who = find(records, models.Township, recipient).id
    elif field == "deputy":
        deputy = find(records, models.Deputy, recipient)
        if not deputy.active_during(dt.date(year, 1, 1), dt.date(year, 12, 31)):
            raise RefusedError(f"没有写入：代表{deputy.name}{year}年不在任")
        who = deputy.id
    else:
        folder.load(lambda f: f.model is models.Donor, into=records)
        names = {d.name for d in records.donors.values()}
        if recipient not in names:
            raise RefusedError(
                f"没有写入：没有“{recipient}”的爱心捐赠记录；"
                "请先用 lingbi donor 登记其捐赠，再评为爱心人士"
            )
        who = recipient
    folder.load(lambda f: f.model is models.Award, into=records)
    award = build(
        models.Award,
        {
            "id": f"award-{year}-00",
            "year": year,
            "category": category,
            field: who,
            "reason": reason,
        },
    )

    def judge(now: Records, new: models.Award) -> None:
        for old in now.awards.values():
            same = (old.year, old.category, getattr(old, field)) == (year, category, who)
            if same and old.id != new.id:
                raise RefusedError(
                    f"没有写入：{year}年度{category.value}已经授予{_name(now, field, who)}"
                    f"（{old.id}，{old.file}:{old.line}）"
                )

    rel = file_for(models.Award)
    numbered = new_id(models.Award, year=str(year))
    return append(records, rel, award, numbered, rules=AWARD_RULES, judge=judge, dry_run=dry_run)


def _name(records: Records, field: str, who: str) -> str:
    if field == "township":
        return records.townships[who].name
    if field == "deputy":
        return records.deputies[who].name
    return who


def record_donor(
    folder: DataFolder,
    name: str,
    township: str,
    day: dt.date,
    gift: str,
    *,
    kind: models.DonorKind = models.DonorKind.person,
    amount: Decimal | None = None,
    village: str | None = None,
    household: str | None = None,
    dry_run: bool = False,
) -> Written:
    """Append a gift of an 爱心人士 to the township's donors.yaml."""
    records = load_people(folder)
    home = find(records, models.Township, township).id
    add_township_records(records, [home], (models.Household,))
    household_id = find(records, models.Household, household).id if household else None
    values: dict[str, Any] = {
        "id": f"{new_id(models.Donor, home)[0]}000",
        "name": name,
        "kind": kind,
        "date": day,
        "township": home,
        "gift": gift,
        "amount": amount,
        "village": village,
        "household": household_id,
    }
    donor = build(models.Donor, values)
    rel = file_for(models.Donor, home)
    numbered = new_id(models.Donor, home)
    return append(records, rel, donor, numbered, rules=DONOR_RULES, dry_run=dry_run)
