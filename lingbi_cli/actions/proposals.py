"""``lingbi proposal add|assign|reply|rate|rehandle`` and ``lingbi file``.

A proposal's history is kept whole (``models.proposal``): the first reply, rating and
re-handling fill its flat fields; every later one — a second reply, a rating of it, a
re-handling after another 不满意 — is added as a dated item of ``steps``. Which one a step
becomes is decided under the file's lock, on the record as the file holds it then.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lingbi_cli import models
from lingbi_cli.actions.common import (
    Written,
    append,
    build,
    change,
    find,
    load_people,
    refuse_on_findings,
    with_file,
)
from lingbi_cli.errors import RefusedError
from lingbi_cli.store.edit import append_item, set_fields
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


class _Refused(Exception):
    """A refusal made under the lock, carried out of the write as it is."""

    def __init__(self, error: RefusedError) -> None:
        super().__init__(str(error))
        self.error = error


def _flat_or_step(
    p: models.Proposal, step: models.ProposalStep, day: dt.date, value: Any
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The flat fields a step sets (the first round's), or the item it adds to ``steps``."""
    first_round = not p.steps
    if step is models.ProposalStep.reply and p.reply is None:
        return {"reply": day, "result": value}, None
    if step is models.ProposalStep.rating and first_round and p.reply and not p.satisfaction:
        return {"satisfaction": value, "rated": day}, None
    unhappy = p.satisfaction is models.Satisfaction.unsatisfied
    if step is models.ProposalStep.rehandle and first_round and unhappy and not p.rehandled:
        return {"rehandled": day}, None
    item: dict[str, Any] = {"date": day, "step": step}
    if step is models.ProposalStep.reply:
        item["result"] = value
    elif step is models.ProposalStep.rating:
        item["satisfaction"] = value
    return {}, item


def advance_proposal(
    folder: DataFolder,
    proposal_id: str,
    step: models.ProposalStep,
    day: dt.date,
    value: Any = None,
    dry_run: bool = False,
) -> Written:
    """Record a reply (``value``: its result), a rating (``value``: the satisfaction) or a
    re-handling on ``day``: in the flat fields if it is the first, else as a later step. The
    whole history is validated (in order, a rating after a reply, a re-handling after
    不满意) and the record judged by the rules, under the file's lock."""
    digests = {
        f.rel: folder.digest(f.rel) for f in folder.scan().files if f.model is models.Proposal
    }
    records = folder.load(lambda f: f.model is models.Proposal)
    proposal = find(records, models.Proposal, proposal_id)
    rel = proposal.file

    def edit(text: str) -> str:
        now = with_file(records, rel, text)
        old = now.proposals.get(proposal.id)
        try:
            if old is None or old.file != rel:
                raise RefusedError(f"没有写入：{rel} 中已经没有 {proposal.id}")
            flat, item = _flat_or_step(old, step, day, value)
            values = {**old.model_dump(by_alias=True), **flat}
            if item is not None:
                values["steps"] = [*values.get("steps", []), item]
            changed = build(models.Proposal, values)
            changed.place(rel, old.line, old.ignores or None)
            refuse_on_findings(now, [changed], UPDATE_RULES)
        except RefusedError as error:
            raise _Refused(error) from None
        folder.what = f"{step.value}议案建议 {proposal.id}"  # for the journal
        text = set_fields(text, proposal.id, flat) if flat else text
        return append_item(text, proposal.id, "steps", item) if item is not None else text

    try:
        made = folder.change(
            rel, edit, expect_records=0, read_digest=digests.get(rel), dry_run=dry_run
        )
    except _Refused as refused:
        raise refused.error from None
    return Written(proposal.id, made)


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
