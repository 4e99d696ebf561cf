"""``lingbi log``: record one activity of one or more deputies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
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
from lingbi_cli.store.layout import month_file
from lingbi_cli.store.load import County

# What a new activity is judged by (under the month file's lock).
LOG_RULES = ["unknown-ref", "duplicate-id", "date-range", "pairing-window", "inactive-deputy"]


def prepare(folder: Path, deputies: list[str], township: str | None = None) -> County:
    """The people a log needs: all deputies, and households and pairings of the townships of
    the given deputies (and of ``township``)."""
    county = load_people(folder)
    found = [find(county.deputies, text, "代表").township for text in deputies]
    if township is not None:
        found.append(find(county.townships, township, "乡镇").id)
    add_township_records(county, folder, found, (models.Household, models.Pairing))
    return county


def paired_households(county: County, deputy_id: str, day: dt.date) -> list[models.Household]:
    """The households a deputy is paired with on ``day`` (choices for a prompt)."""
    ids = [
        p.household for p in county.pairings.values() if p.deputy == deputy_id and p.active_on(day)
    ]
    return [county.households[i] for i in sorted(ids) if i in county.households]


def log_activity(
    folder: Path,
    kind: models.ActivityKind,
    deputies: list[str],
    day: dt.date,
    fields: dict[str, Any],
    *,
    township: str | None = None,
    household: str | None = None,
    county: County | None = None,
    dry_run: bool = False,
) -> Written:
    """Validate and append one activity to its township-month file."""
    county = county or prepare(folder, deputies, township)
    people = [find(county.deputies, text, "代表") for text in deputies]
    home = find(county.townships, township, "乡镇").id if township else people[0].township
    household_id = None
    if household is not None:
        household_id = find(county.households, household, "贫困户").id
    prefix = f"{home}-a{day.year:04d}{day.month:02d}-"
    activity = build(
        models.Activity,
        {
            "id": f"{prefix}000",
            "date": day,
            "kind": kind,
            "township": home,
            "deputies": [d.id for d in people],
            "household": household_id,
            **fields,
        },
    )
    rel = month_file(home, day.year, day.month)
    return append(folder, rel, activity, prefix, 3, dry_run, county=county, rules=LOG_RULES)
