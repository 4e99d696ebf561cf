"""Recording a household's dated status change: it left poverty (脱贫) or fell back (返贫).

The change is added to the household's ``status_history`` in date order and the record is
rewritten through ``common.change``: judged by the rule household-history under the file's lock
(an exit while already out of poverty, a relapse without an exit, a day before registration or
after today are refused). A household still written the old way (``status``/``exit_year``)
gets that history written out as ``status_history`` and the old keys removed.
"""

from __future__ import annotations

import datetime as dt

from lingbi_cli import models
from lingbi_cli.actions.common import Written, change, find
from lingbi_cli.models import HouseholdStatus
from lingbi_cli.store.folder import DataFolder

HISTORY_RULES = ["household-history"]


def record_status(
    folder: DataFolder,
    household_text: str,
    status: HouseholdStatus,
    day: dt.date,
    dry_run: bool = False,
) -> Written:
    """Add ``status`` on ``day`` to the household's history (refused if impossible)."""
    wanted = (models.Township, models.Household)
    # digests before the records are read: a hand edit made after this point is refused
    digests = {f.rel: folder.digest(f.rel) for f in folder.scan().files if f.model in wanted}
    records = folder.load(lambda f: f.model in wanted)
    household = find(records, models.Household, household_text)
    history = sorted(
        [*household.status_history, models.StatusChange(date=day, status=status)],
        key=lambda c: c.date,
    )
    rel = household.file
    return change(
        records,
        rel,
        models.Household,
        household.id,
        {
            "status_history": [c.model_dump() for c in history],
            "status": None,  # the old way, if the record was written so
            "exit_year": None,
        },
        rules=HISTORY_RULES,
        read_digest=digests.get(rel) or folder.digest(rel),
        dry_run=dry_run,
    )
