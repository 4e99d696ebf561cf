"""``lingbi log``: record one activity of one or more deputies."""

from __future__ import annotations

import datetime as dt
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
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.layout import file_for, new_id
from lingbi_cli.store.records import Records

# What a new activity is judged by (under the month file's lock).
LOG_RULES = ["unknown-ref", "duplicate-id", "date-range", "pairing-window", "inactive-deputy"]


def prepare(folder: DataFolder, deputies: list[str], township: str | None = None) -> Records:
    """The people a log needs: all deputies, and households and pairings of the townships of
    the given deputies (and of ``township``)."""
    records = load_people(folder)
    found = [find(records, models.Deputy, text).township for text in deputies]
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
