"""Shared by the write actions: partial loading, judging by the rules, writing a record.

A write holds no rule of its own. ``append`` and ``change`` judge the new or changed record with
the rules ``lingbi check`` uses (``refuse_on_findings``) inside ``change_file``'s locked section,
against the target file as it is under the lock (``with_file``): two processes at once cannot
together break what each alone would keep. What an action checks by hand is only what no rule
says: that a name resolves, that there is a pairing to end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from lingbi_cli import models, periods
from lingbi_cli.errors import Level, RefusedError
from lingbi_cli.rules import REGISTRY, run
from lingbi_cli.store.edit import append_record, modeline, next_number, set_fields
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.layout import file_for, record_file
from lingbi_cli.store.load import parse_file
from lingbi_cli.store.records import Records
from lingbi_cli.store.rows import ActivityRecord
from lingbi_cli.store.write import Change

R = TypeVar("R", bound=models.Record)


def load_people(folder: DataFolder, townships: Iterable[str] | None = None) -> Records:
    """Townships, units and every deputy (or the deputies of ``townships``): what any write
    resolves names against. Households and pairings follow for the townships concerned
    (``add_township_records``), activities never: a write does not need three years of
    them."""
    county = (models.Township, models.Unit)
    if townships is None:
        return folder.load(lambda f: f.model in county or f.model is models.Deputy)
    rels = [file_for(kind) for kind in county]
    return folder.load_paths(rels + [file_for(models.Deputy, t) for t in sorted(set(townships))])


def find_deputies(records: Records, texts: Sequence[str]) -> list[models.Deputy]:
    """The deputies ``texts`` name (ids or names), from ``records``; every deputy is loaded
    first if one of them is not among those loaded (``load_people`` given townships)."""
    try:
        return [find(records, models.Deputy, text) for text in texts]
    except RefusedError:
        everyone = records.folder.load(lambda f: f.model is models.Deputy, into=records)
        return [find(everyone, models.Deputy, text) for text in texts]


def refuse_on_findings(
    records: Records,
    judged: Sequence[models.Record],
    rules: list[str],
    also: Iterable[str] = (),
) -> None:
    """Run ``rules`` with ``judged`` added; refuse if any error or warning concerns them (or
    the records named in ``also``, such as the deputy of a new pairing).

    The rules run over the records' neighbourhood only (their deputies, households, those
    deputies' pairings), not all the records loaded: the answer is the same, and a write
    stays fast whatever the county's size."""
    concerned = {record.id for record in judged} | set(also)
    result = run(neighbourhood(records, judged), only=rules, today=periods.today())
    problems = [
        f
        for f in result.findings
        if f.record in concerned and f.level in (Level.error, Level.warning)
    ]
    if not problems:
        return
    lines = []
    for f in problems:
        message = f.message.replace(judged[0].id, "（新记录）") if len(judged) == 1 else f.message
        clause = REGISTRY[f.rule].clause
        lines.append(f"  - [{f.rule}] {message}" + (f"（《实施意见》{clause}）" if clause else ""))
        if f.hint:
            lines.append(f"    {f.hint}")
    raise RefusedError("没有写入，因为：\n" + "\n".join(lines))


def with_file(records: Records, rel: str, text: str) -> Records:
    """``records`` with the records of ``rel`` as ``text`` holds them (the file read under its
    lock) in place of those read earlier."""
    source = record_file(rel)
    current = parse_file(text.encode("utf-8"), source).records if source is not None else []
    return records.replacing(rel, current)


def neighbourhood(records: Records, judged: Sequence[models.Record]) -> Records:
    """The records new ``judged`` ones are judged against: every township; their deputies with
    their units; their households; every pairing of those deputies; the filings of their
    township (for a filing)."""
    deputy_ids: set[str] = set()
    household_ids: set[str] = set()
    filers: set[str] = set()
    for record in judged:
        deputy_ids.update(getattr(record, "deputies", None) or [])
        for attr in ("deputy", "lead"):
            if isinstance(getattr(record, attr, None), str):
                deputy_ids.add(getattr(record, attr))
        deputy_ids.update(getattr(record, "cosigners", None) or [])
        household = getattr(record, "household", None)
        if isinstance(household, str):
            household_ids.add(household)
        if isinstance(record, models.Filing):
            filers.add(record.township)
    part = Records(records.folder)
    part.townships = records.townships
    part.deputies = {i: records.deputies[i] for i in deputy_ids if i in records.deputies}
    units = {d.unit for d in part.deputies.values()}
    part.units = {i: u for i, u in records.units.items() if i in units}
    part.households = {i: records.households[i] for i in household_ids if i in records.households}
    part.pairings = {i: p for i, p in records.pairings.items() if p.deputy in deputy_ids}
    part.filings = {i: f for i, f in records.filings.items() if f.township in filers}
    for record in judged:
        one: Any = ActivityRecord.of(record) if isinstance(record, models.Activity) else record
        part.table(type(one))[record.id] = one
    return part


def find(records: Records, model: type[R], text: str) -> R:
    """A record of ``model`` by id or unique name; none or several is a refusal (exit 1)."""
    return records.find(model, text, RefusedError)


@dataclass
class Written:
    """A record written (or, dry, about to be): its id, its file and line, the change."""

    record_id: str
    change: Change

    @property
    def line(self) -> int:
        """1-based line where the record begins in the new text (0 if it cannot be found)."""
        raws = read_any(self.change.new.encode("utf-8"))[0]
        return next((r.line for r in reversed(raws) if r.values.get("id") == self.record_id), 0)


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


class _Refused(Exception):
    """A refusal made under the lock, carried out of ``change_file`` (which would turn a
    ``LingbiError`` raised by the edit into a ``WriteError``) to be raised as it is."""

    def __init__(self, error: RefusedError) -> None:
        super().__init__(str(error))
        self.error = error


def append(
    records: Records,
    rel: str,
    record: models.Record,
    new_id: tuple[str, int],
    *,
    rules: list[str],
    also: Iterable[str] = (),
    judge: Callable[[Records, Any], None] | None = None,
    dry_run: bool = False,
) -> Written:
    """Append ``record`` to ``rel`` of the records' folder if ``rules`` allow it (and
    ``judge``, given the records with the file as it is now and the new record, raises no
    ``RefusedError``), all under the file's lock.

    Under the lock, the record gets its id — ``new_id``'s prefix + one more than the largest
    number in the file, in its digits — and is judged by ``rules`` against ``records`` with the
    file as it is now; so
    concurrent writers never hand out one id twice, nor together break what each alone keeps
    (1–3 households per deputy, one filing per period, one pairing per deputy and household).
    """
    header = modeline(rel, record.kind_name)
    prefix, width = new_id
    given: list[str] = []
    also = list(also)

    def edit(text: str) -> str:
        record_id = f"{prefix}{next_number(text, prefix):0{width}d}"
        new = record.model_copy(update={"id": record_id})
        new.place(rel, text.count("\n") + 2)  # read after every record now in the file
        try:
            # an activity is judged against no other activity (``neighbourhood`` holds none):
            # its month file need not be read into the records again
            now = (
                records
                if judge is None and isinstance(record, models.Activity)
                else with_file(records, rel, text)
            )
            if judge is not None:
                judge(now, new)
            refuse_on_findings(now, [new], rules, also)
        except RefusedError as error:
            raise _Refused(error) from None
        given.append(record_id)
        records.folder.what = f"登记{record.kind_label} {record_id}"  # for the journal
        # "id" comes first, in schema order; a township's folder says the township (an award
        # in the county's file names its township)
        fields = fields_of(record, ("township",) if rel.startswith("townships/") else ())
        fields["id"] = record_id
        return append_record(text, fields, header)

    try:
        made = records.folder.change(rel, edit, expect_records=1, dry_run=dry_run)
    except _Refused as refused:
        raise refused.error from None
    return Written(given[-1], made)


def change(
    records: Records,
    rel: str,
    model: type[models.Record],
    record_id: str,
    updates: dict[str, Any],
    *,
    rules: list[str],
    read_digest: str,
    dry_run: bool = False,
) -> Written:
    """Set ``updates`` on the record ``record_id`` of ``rel`` if the changed record fits its
    schema and ``rules`` allow it — judged under the file's lock, against the file as it is
    then. ``read_digest`` is the file's digest when the caller read it: a file changed since
    (a hand edit) is not overwritten."""

    def edit(text: str) -> str:
        now = with_file(records, rel, text)
        old = now.table(model).get(record_id)
        try:
            if old is None or old.file != rel:
                raise RefusedError(f"没有写入：{rel} 中已经没有 {record_id}")
            changed = build(model, {**_values(model, old), **updates})
            changed.place(rel, old.line, old.ignores or None)
            refuse_on_findings(now, [changed], rules)
        except RefusedError as error:
            raise _Refused(error) from None
        records.folder.what = f"修改{model.kind_label} {record_id}"  # for the journal
        kept = changed.model_dump(by_alias=True)  # as the schema keeps them (text stripped)
        return set_fields(text, record_id, {k: kept.get(k, v) for k, v in updates.items()})

    try:
        made = records.folder.change(
            rel, edit, expect_records=0, read_digest=read_digest, dry_run=dry_run
        )
    except _Refused as refused:
        raise refused.error from None
    return Written(record_id, made)


def _values(model: type[models.Record], old: Any) -> dict[str, Any]:
    """A loaded record's values under the keys its file uses (an activity's light tuple
    included: ``findings`` for ``observations``)."""
    if isinstance(old, ActivityRecord):
        return {model.field_key(k): getattr(old, k) for k in model.model_fields}
    return dict(old.model_dump())


def build(model: type[models.Record], values: dict[str, Any]) -> Any:
    """Validate ``values`` as ``model``; a problem becomes a refusal naming the field."""
    from pydantic import ValidationError

    from lingbi_cli.store.messages import field_label, translate

    try:
        return model.model_validate({k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        lines = "\n".join(
            f"  - {field_label(tuple(e['loc']), model)}：{translate(e, model)}"
            for e in exc.errors()
        )
        raise RefusedError(f"没有写入，{model.kind_label}的内容有误：\n{lines}") from None


def add_township_records(
    records: Records, townships: Iterable[str], kinds: tuple[type[models.Record], ...]
) -> None:
    """Load ``kinds`` of ``townships`` into ``records`` (second phase of a partial load)."""
    rels = [file_for(kind, township) for township in sorted(set(townships)) for kind in kinds]
    records.folder.load_paths(rels, into=records)
