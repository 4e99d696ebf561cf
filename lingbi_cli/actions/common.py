"""Shared by the write actions: partial loading, validation by the rules, writing a record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from lingbi_cli import models, periods
from lingbi_cli.config import Settings, load_settings
from lingbi_cli.errors import Level, RefusedError
from lingbi_cli.rules import run
from lingbi_cli.store.atomic import digest
from lingbi_cli.store.edit import append_record, modeline, next_number
from lingbi_cli.store.load import County, add_records, load
from lingbi_cli.store.lookup import resolve
from lingbi_cli.store.rows import ActivityRecord
from lingbi_cli.store.write import Change, change_file

R = TypeVar("R", bound=models.Record)


def load_people(folder: Path, settings: Settings | None = None) -> County:
    """Townships, units and every deputy: what any write resolves names against. Households
    and pairings follow for the townships concerned (``add_township_records``), activities
    never: a write does not need three years of them."""
    people = (models.Township, models.Unit, models.Deputy)
    return load(folder, settings or load_settings(folder), lambda f: f.model in people)


def refuse_on_findings(
    county: County, record: models.Record, rules: list[str], also: Iterable[str] = ()
) -> None:
    """Run ``rules`` with ``record`` added; refuse if any error or warning concerns it.

    The rules run over the record's neighbourhood only (its deputies, household, their
    pairings), not the whole loaded county: the answer is the same, and a write stays fast
    whatever the county's size."""
    concerned = {record.id, *also}
    result = run(neighbourhood(county, record), only=rules, today=periods.today())
    problems = [
        f
        for f in result.findings
        if f.record in concerned and f.level in (Level.error, Level.warning)
    ]
    if problems:
        lines = "\n".join(
            f"  - [{f.rule}] {f.message.replace(record.id, '（新记录）')}" for f in problems
        )
        raise RefusedError(f"没有写入，因为：\n{lines}")


def neighbourhood(county: County, record: models.Record) -> County:
    """The records a new ``record`` can be judged against: every township, its deputies with
    their units, its household, and every pairing of those deputies."""
    deputy_ids = set(getattr(record, "deputies", None) or [])
    for attr in ("deputy", "lead"):
        if isinstance(getattr(record, attr, None), str):
            deputy_ids.add(getattr(record, attr))
    deputy_ids.update(getattr(record, "cosigners", None) or [])
    household = getattr(record, "household", None)
    part = County(folder=county.folder, settings=county.settings, cached=county.cached)
    part.townships = county.townships
    part.deputies = {i: county.deputies[i] for i in deputy_ids if i in county.deputies}
    units = {d.unit for d in part.deputies.values()}
    part.units = {i: u for i, u in county.units.items() if i in units}
    part.households = {
        i: county.households[i] for i in (household,) if i is not None and i in county.households
    }
    part.pairings = {
        i: p for i, p in county.pairings.items() if p.deputy in deputy_ids or p.id == record.id
    }
    judged: Any = ActivityRecord.of(record) if isinstance(record, models.Activity) else record
    part.table(type(judged))[record.id] = judged
    return part


def find(table: Mapping[str, R], text: str, label: str) -> R:
    """A record by id or unique name; none or several is a refusal (exit 1)."""
    return resolve(table, text, label, error=RefusedError)


def file_digest(folder: Path, rel: str) -> str:
    try:
        return digest((folder / rel).read_bytes())
    except FileNotFoundError:
        return digest(b"")


@dataclass
class Written:
    """A record written (or, dry, about to be): its id, its file and line, the change."""

    record_id: str
    change: Change

    @property
    def line(self) -> int:
        """1-based line where the record begins in the new text."""
        marker = f"- id: {self.record_id}"
        index = self.change.new.rfind(marker)
        return self.change.new.count("\n", 0, index) + 1 if index >= 0 else 0


def fields_of(record: models.Record, drop: Iterable[str] = ("township",)) -> dict[str, Any]:
    """The record's fields under their keys in the file (``findings``, not ``observations``),
    in schema order, without defaults left unset and without ``drop``."""
    data = record.model_dump(exclude_unset=False, exclude_none=True, by_alias=True)
    for key in drop:
        data.pop(key, None)
    defaults = {
        info.alias or name: info.default
        for name, info in type(record).model_fields.items()
        if not info.is_required()
    }
    return {
        k: v
        for k, v in data.items()
        if not (k in defaults and v == defaults[k] and v in (False, [], None))
    }


def append(
    folder: Path, rel: str, record: models.Record, prefix: str, width: int, dry_run: bool
) -> Written:
    """Append ``record`` to ``rel`` under the file's lock, atomically.

    Its id is given under the lock, as ``prefix`` + one more than the largest number already
    in the file, so that concurrent writers never hand out the same id.
    """
    header = modeline(rel, record.kind_name)
    given: list[str] = []

    def edit(text: str) -> str:
        record_id = f"{prefix}{next_number(text, prefix):0{width}d}"
        given.append(record_id)
        fields = fields_of(record)  # "id" comes first, in schema order
        fields["id"] = record_id
        return append_record(text, fields, header)

    change = change_file(folder, rel, edit, expect_records=1, dry_run=dry_run)
    return Written(given[-1], change)


def check_date(
    day: dt.date, settings: Settings, what: str = "日期", earliest: dt.date | None = None
) -> None:
    """Refuse a future date, or one outside the campaign (§2.1)."""
    today = periods.today()
    if day > today:
        raise RefusedError(f"没有写入：{what} {day} 在今天（{today}）之后，未来的事情不能登记")
    c = settings.campaign
    start = earliest or c.start
    if not start <= day <= c.end:
        raise RefusedError(f"没有写入：{what} {day} 不在活动期间 {start} 至 {c.end}（§2.1）")


def build(model: type[models.Record], values: dict[str, Any]) -> Any:
    """Validate ``values`` as ``model``; a problem becomes a refusal naming the field."""
    from pydantic import ValidationError

    from lingbi_cli.store.messages import field_label, translate

    try:
        return model.model_validate({k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        lines = "\n".join(
            f"  - {field_label(tuple(e['loc']))}：{translate(e, model)}" for e in exc.errors()
        )
        raise RefusedError(f"没有写入，{model.kind_label}的内容有误：\n{lines}") from None


def add_township_records(
    county: County, folder: Path, townships: Iterable[str], kinds: tuple[type[models.Record], ...]
) -> None:
    """Load ``kinds`` of ``townships`` into ``county`` (second phase of a partial load)."""
    wanted = set(townships)
    more = load(
        folder,
        county.settings,
        lambda f: f.model in kinds and f.township in wanted,
        scanned=county.scanned,  # the folder was walked once already
    )
    add_records(county, more.all_records())
    county.findings.extend(more.findings)
