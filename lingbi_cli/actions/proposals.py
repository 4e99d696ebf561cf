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
    check_date,
    file_digest,
    find,
    load_people,
    refuse_on_findings,
)
from lingbi_cli.config import load_settings
from lingbi_cli.errors import RefusedError
from lingbi_cli.store.edit import set_fields
from lingbi_cli.store.layout import scan
from lingbi_cli.store.load import County, load
from lingbi_cli.store.write import change_file


def add_proposal(
    folder: Path,
    lead: str,
    cosigners: list[str],
    day: dt.date,
    fields: dict[str, Any],
    dry_run: bool = False,
) -> Written:
    settings = load_settings(folder)
    check_date(day, settings, "提出日期")
    county = load_people(folder, settings)
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
    refuse_on_findings(county, proposal, ["unknown-ref", "inactive-deputy"])
    return append(folder, f"townships/{township}/proposals.yaml", proposal, prefix, 2, dry_run)


def _proposals(folder: Path) -> County:
    return load(folder, select=lambda f: f.model is models.Proposal)


def update_proposal(
    folder: Path, proposal_id: str, updates: dict[str, Any], dry_run: bool = False
) -> Written:
    """Move a proposal along its lifecycle; the whole record is validated before writing."""
    settings = load_settings(folder)
    for key in ("assigned", "reply", "rehandled"):
        if key in updates:
            check_date(
                updates[key],
                settings,
                {"assigned": "交办日期", "reply": "答复日期", "rehandled": "重新办理日期"}[key],
            )
    # digests before the records are read: a hand edit made after this point is refused
    digests = {
        f.rel: file_digest(folder, f.rel) for f in scan(folder)[0] if f.model is models.Proposal
    }
    county = _proposals(folder)
    proposal = find(county.proposals, proposal_id, "议案建议")
    values = {**proposal.model_dump(exclude_none=True, by_alias=True), **updates}
    build(models.Proposal, values)  # lifecycle order, result after reply, …
    rel = proposal.file
    read = digests.get(rel) or file_digest(folder, rel)
    change = change_file(
        folder,
        rel,
        lambda text: set_fields(text, proposal.id, updates),
        expect_records=0,
        read_digest=read,
        dry_run=dry_run,
    )
    return Written(proposal.id, change)


def file_report(
    folder: Path,
    township_text: str,
    kind: models.FilingKind,
    period: str,
    day: dt.date,
    dry_run: bool = False,
) -> Written:
    """Record that a plan, list or report was filed with the county committee."""
    settings = load_settings(folder)
    check_date(day, settings, "报送日期", earliest=dt.date(settings.campaign.start.year, 1, 1))
    county = load(folder, settings, lambda f: f.model in (models.Township, models.Filing))
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
    for other in county.filings.values():
        if (other.township, other.kind, other.period) == (township.id, kind, period):
            raise RefusedError(
                f"没有写入：{township.name} {period} 的{kind.value}已于 {other.date} 登记过"
                f"（{other.id}）"
            )
    return append(folder, f"townships/{township.id}/filings.yaml", filing, prefix, 2, dry_run)
