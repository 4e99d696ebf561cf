"""``lingbi proposal add|assign|reply|rate|rehandle`` and ``lingbi file``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lingbi_cli import models
from lingbi_cli.actions.common import (
    Written,
    append,
    build,
    change,
    file_digest,
    find,
    load_people,
)
from lingbi_cli.store.layout import scan
from lingbi_cli.store.load import load

# What a new proposal, a proposal's next step and a filing are judged by (under the lock).
PROPOSAL_RULES = ["unknown-ref", "duplicate-id", "date-range", "inactive-deputy"]
UPDATE_RULES = ["date-range"]
FILING_RULES = ["unknown-ref", "duplicate-id", "date-range"]


def add_proposal(
    folder: Path,
    lead: str,
    cosigners: list[str],
    day: dt.date,
    fields: dict[str, Any],
    dry_run: bool = False,
) -> Written:
    county = load_people(folder)
    lead_deputy = find(county.deputies, lead, "代表")
    others = [find(county.deputies, text, "代表").id for text in cosigners]
    township = lead_deputy.township
    prefix = f"{township}-j{day.year}-"
    proposal = build(
        models.Proposal,
        {
            "id": f"{prefix}00",
            "township": township,
            "lead": lead_deputy.id,
            "cosigners": others,
            "date": day,
            **fields,
        },
    )
    rel = f"townships/{township}/proposals.yaml"
    return append(folder, rel, proposal, prefix, 2, dry_run, county=county, rules=PROPOSAL_RULES)


def update_proposal(
    folder: Path, proposal_id: str, updates: dict[str, Any], dry_run: bool = False
) -> Written:
    """Move a proposal along its lifecycle; the whole changed record is validated (lifecycle
    order, result after reply, …) and judged by the rules under the file's lock."""
    # digests before the records are read: a hand edit made after this point is refused
    scanned = scan(folder)
    digests = {f.rel: file_digest(folder, f.rel) for f in scanned[0] if f.model is models.Proposal}
    county = load(folder, select=lambda f: f.model is models.Proposal, scanned=scanned)
    proposal = find(county.proposals, proposal_id, "议案建议")
    rel = proposal.file
    return change(
        folder,
        rel,
        models.Proposal,
        proposal.id,
        updates,
        county=county,
        rules=UPDATE_RULES,
        read_digest=digests.get(rel) or file_digest(folder, rel),
        dry_run=dry_run,
    )


def file_report(
    folder: Path,
    township_text: str,
    kind: models.FilingKind,
    period: str,
    day: dt.date,
    dry_run: bool = False,
) -> Written:
    """Record that a plan, list or report was filed with the county committee (once per
    township, kind and period: judged under the file's lock)."""
    county = load(folder, select=lambda f: f.model in (models.Township, models.Filing))
    township = find(county.townships, township_text, "乡镇")
    prefix = f"{township.id}-f{period[:4]}-"
    filing = build(
        models.Filing,
        {
            "id": f"{prefix}00",
            "township": township.id,
            "kind": kind,
            "period": period,
            "date": day,
        },
    )
    rel = f"townships/{township.id}/filings.yaml"
    return append(folder, rel, filing, prefix, 2, dry_run, county=county, rules=FILING_RULES)
