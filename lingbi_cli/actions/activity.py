"""``lingbi log``: record one activity of one or more deputies; ``lingbi follow-up``: record
what became of a trip's or a supervision's findings."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from lingbi_cli import models
from lingbi_cli.actions.common import (
    Written,
    add_township_records,
    append,
    build,
    change,
    find,
    find_deputies,
    load_people,
)
from lingbi_cli.errors import RefusedError
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.layout import deputy_township, file_for, new_id
from lingbi_cli.store.records import Records

# What a new activity is judged by (under the month file's lock).
LOG_RULES = ["unknown-ref", "duplicate-id", "date-range", "pairing-window", "inactive-deputy"]


def prepare(folder: DataFolder, deputies: list[str], township: str | None = None) -> Records:
    """The people a log needs: the deputies (all of them, unless each is given by an id in
    lingbi's form, which names its township), and households and pairings of the townships
    of the given deputies (and of ``township``)."""
    homes = [deputy_township(text) for text in deputies]
    known = [home for home in homes if home is not None]
    records = load_people(folder, known if deputies and len(known) == len(homes) else None)
    found = [deputy.township for deputy in find_deputies(records, deputies)]
    if township is not None:
        found.append(find(records, models.Township, township).id)
    add_township_records(records, found, (models.Household, models.Pairing))
    return records


def paired_households(records: Records, deputy_id: str, day: dt.date) -> list[models.Household]:
    """The households a deputy is paired with on ``day`` (choices for a prompt)."""
    ids = [
        p.household for p in records.pairings.values() if p.deputy == deputy_id and p.active_on(day)
    ]
    return [records.households[i] for i in sorted(ids) if i in records.households]


def log_activity(
    records: Records,
    kind: models.ActivityKind,
    deputies: list[str],
    day: dt.date,
    fields: dict[str, Any],
    *,
    township: str | None = None,
    household: str | None = None,
    dry_run: bool = False,
) -> Written:
    """Validate and append one activity to its township-month file; ``records`` are the
    people ``prepare`` loaded."""
    people = [find(records, models.Deputy, text) for text in deputies]
    home = find(records, models.Township, township).id if township else people[0].township
    household_id = None
    if household is not None:
        household_id = find(records, models.Household, household).id
    numbered = new_id(models.Activity, home, day)
    activity = build(
        models.Activity,
        {
            "id": f"{numbered[0]}000",
            "date": day,
            "kind": kind,
            "township": home,
            "deputies": [d.id for d in people],
            "household": household_id,
            **fields,
        },
    )
    rel = file_for(models.Activity, home, day)
    return append(records, rel, activity, numbered, rules=LOG_RULES, dry_run=dry_run)


_MONTH_ID = re.compile(r"^(?P<township>[a-z0-9-]+)-a(?P<year>\d{4})(?P<month>\d{2})-\d+$")


def follow_up(folder: DataFolder, activity_id: str, text: str, dry_run: bool = False) -> Written:
    """Set ``follow_up`` (what became of the findings) on a trip or supervision that recorded
    ``findings``; the file is read once (an id in lingbi's form names its month file) and the
    changed record validated under the file's lock."""
    form = _MONTH_ID.match(activity_id)
    if form:
        day = dt.date(int(form["year"]), int(form["month"]), 1)
        rel = file_for(models.Activity, form["township"], day)
        chosen = [f for f in folder.scan().files if f.rel == rel]
    else:
        chosen = [f for f in folder.scan().files if f.model is models.Activity]
    digests = {f.rel: folder.digest(f.rel) for f in chosen}
    records = folder.load(lambda f: f.rel in digests)
    activity = records.activities.get(activity_id)
    if activity is None:
        raise RefusedError(f"没有写入：找不到活动 {activity_id}")
    kinds = (models.ActivityKind.trip, models.ActivityKind.supervision)
    if activity.kind not in kinds or not activity.observations:
        raise RefusedError(
            f"没有写入：{activity_id} 不是记有发现问题（findings）的调研视察或督查，"
            "无从登记后续处理"
        )
    rel = activity.file
    return change(
        records,
        rel,
        models.Activity,
        activity_id,
        {"follow_up": text.strip()},
        rules=["date-range"],  # what only the record itself can break
        read_digest=digests[rel],
        dry_run=dry_run,
    )
