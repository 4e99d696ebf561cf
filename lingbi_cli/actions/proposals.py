"""``lingbi proposal add|assign|reply|rate|rehandle`` and ``lingbi file``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lingbi_cli import models
from lingbi_cli.actions.common import Written, append, build, change, find, load_people
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.layout import file_for, new_id

# What a new proposal, a proposal's next step and a filing are judged by (under the lock).
PROPOSAL_RULES = ["unknown-ref", "duplicate-id", "date-range", "inactive-deputy"]
UPDATE_RULES = ["date-range"]
FILING_RULES = ["unknown-ref", "duplicate-id", "date-range", "filing-period"]


def add_proposal(
    folder: DataFolder,
    lead: str,
    cosigners: list[str],
    day: dt.date,
    fields: dict[str, Any],
    dry_run: bool = False,
) -> Written:
    records = load_people(folder)
    lead_deputy = find(records, models.Deputy, lead)
    others = [find(records, models.Deputy, text).id for text in cosigners]
    township = lead_deputy.township
    numbered = new_id(models.Proposal, township, day)
    proposal = build(
        models.Proposal,
        {
            "id": f"{numbered[0]}00",
            "township": township,
            "lead": lead_deputy.id,
            "cosigners": others,
            "date": day,
            **fields,
        },
    )
    rel = file_for(models.Proposal, township)
    return append(records, rel, proposal, numbered, rules=PROPOSAL_RULES, dry_run=dry_run)


def update_proposal(
    folder: DataFolder, proposal_id: str, updates: dict[str, Any], dry_run: bool = False
) -> Written:
    """Move a proposal along its lifecycle; the whole changed record is validated (lifecycle
    order, result after reply, …) and judged by the rules under the file's lock."""
    # digests before the records are read: a hand edit made after this point is refused
    digests = {
        f.rel: folder.digest(f.rel) for f in folder.scan().files if f.model is models.Proposal
    }
    records = folder.load(lambda f: f.model is models.Proposal)
    proposal = find(records, models.Proposal, proposal_id)
    rel = proposal.file
    return change(
        records,
        rel,
        models.Proposal,
        proposal.id,
        updates,
        rules=UPDATE_RULES,
        read_digest=digests.get(rel) or folder.digest(rel),
        dry_run=dry_run,
    )


def file_report(
    folder: DataFolder,
    township_text: str,
    kind: models.FilingKind,
    period: str,
    day: dt.date,
    dry_run: bool = False,
) -> Written:
    """Record that a plan, list or report was filed with the county committee (once per
    township, kind and period: judged under the file's lock)."""
    records = folder.load(lambda f: f.model in (models.Township, models.Filing))
    township = find(records, models.Township, township_text)
    numbered = new_id(models.Filing, township.id, year=period[:4])
    filing = build(
        models.Filing,
        {
            "id": f"{numbered[0]}00",
            "township": township.id,
            "kind": kind,
            "period": period,
            "date": day,
        },
    )
    rel = file_for(models.Filing, township.id)
    return append(records, rel, filing, numbered, rules=FILING_RULES, dry_run=dry_run)
