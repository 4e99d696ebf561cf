"""``lingbi edit ID field=value …``: correcting a record, and moving an activity to its month.

The changed record is validated by its schema and judged by the rules its kind is written
under (``KIND_RULES``) inside the file's lock, against the file as it is then; only findings
the change brings are a refusal (one the record had before is not the edit's doing). Field
names are the file's keys or their Chinese labels (``date`` or ``日期``). Only the changed
values' text is replaced (``store.edit.set_fields``): every other byte stays as it was. The
change is made on the record as the file holds it under the lock, so two edits of one record
at once both land, one after the other, and a hand edit made meanwhile is kept.

An activity whose new date falls in another month is moved to that month's file, the two files
under both their locks (``store.batch``), its text taken as it is (with its ignore comments)
and its id kept: an id names a record and is never reused, so what refers to it (a note, a
report already sent, a ``# lingbi: ignore``) stays right; only its digits no longer tell the
month. The output says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lingbi_cli import models, periods
from lingbi_cli.actions.activity import LOG_RULES
from lingbi_cli.actions.common import build, fields_of, neighbourhood, with_file
from lingbi_cli.actions.household import HISTORY_RULES
from lingbi_cli.actions.pairing import PAIR_RULES
from lingbi_cli.actions.proposals import FILING_RULES, PROPOSAL_RULES
from lingbi_cli.errors import Level, RefusedError, UsageError
from lingbi_cli.rules import REGISTRY, run
from lingbi_cli.sheets import values
from lingbi_cli.store.batch import FileEdit
from lingbi_cli.store.edit import append_block, append_record, modeline, set_fields, take_record
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.records import Records
from lingbi_cli.store.rows import ActivityRecord
from lingbi_cli.store.write import Change

OTHER_RULES = ["unknown-ref", "duplicate-id", "date-range"]
# The rules a changed record of each kind is judged by (those its first write was judged by).
KIND_RULES: dict[type[models.Record], list[str]] = {
    models.Activity: LOG_RULES,
    models.Pairing: PAIR_RULES,
    models.Proposal: PROPOSAL_RULES,
    models.Filing: FILING_RULES,
    models.Household: [*OTHER_RULES, *HISTORY_RULES],
}
FIXED = {
    "id": "编号不能修改（别的记录和报告按编号引用它）",
    "township": "所属乡镇由文件夹决定，不能用 edit 修改",
    "steps": "办理经过请用 lingbi proposal reply / rate / rehandle 逐步登记",
    "status_history": "脱贫、返贫请用 lingbi household exit / relapse 登记",
}
PERSONAL = frozenset({"id_number", "phone", "causes"})  # never repeated back in a summary


class _Refused(Exception):
    """A refusal made under a lock, carried out of the write as it is."""

    def __init__(self, error: RefusedError) -> None:
        super().__init__(str(error))
        self.error = error


# Labels a field's description does not begin with.
LABELS = {
    ("unit", "kind"): "单位类别",
    ("proposal", "session"): "提出时间",
    ("proposal", "steps"): "办理经过",
    ("household", "status"): "状态",
    ("household", "exit_year"): "脱贫年份",
    ("donor", "kind"): "类别",
}


def label(model: type[models.Record], key: str) -> str:
    """A field's Chinese label: its description up to the first ``，：（ /`` (or ``LABELS``)."""
    if (model.kind_name, key) in LABELS:
        return LABELS[(model.kind_name, key)]
    name = model.attributes().get(key, key)
    text = model.model_fields[name].description or key
    for stop in (" / ", "，", "：", "（", "("):
        text = text.split(stop)[0]
    return text.strip() or key


def field_keys(model: type[models.Record]) -> dict[str, str]:
    """What a clerk may call each field (its key, its Chinese label) → its key."""
    names: dict[str, str] = {}
    for key in model.attributes():
        names[key] = key
        names.setdefault(label(model, key), key)
    return names


def locate(records: Records, record_id: str) -> tuple[type[models.Record], Any]:
    """The kind and the loaded record of ``record_id``; a refusal if there is none."""
    for model in models.RECORD_KINDS:
        found = records.table(model).get(record_id)
        if found is not None:
            return model, found
    raise RefusedError(
        f"找不到编号为 {record_id} 的记录（编号要完整写出，如 yangtuan-a201905-003）"
    )


def as_model(model: type[models.Record], loaded: Any) -> models.Record:
    """A loaded record as its model (an activity is loaded as a tuple), in its place."""
    if isinstance(loaded, ActivityRecord):
        values = loaded._asdict()
        for place in ("file", "line", "marks"):
            values.pop(place)
        values["findings"] = values.pop("observations")
        record: models.Record = build(models.Activity, values)
        record.place(loaded.file, loaded.line, loaded.marks)
        return record
    assert isinstance(loaded, models.Record)
    return loaded


def parse_assignments(model: type[models.Record], words: list[str]) -> dict[str, Any]:
    """``field=value`` words → key → value as typed (a list split at 、，, or spaces; an empty
    value removes the field)."""
    names = field_keys(model)
    parsed: dict[str, Any] = {}
    for word in words:
        key_text, sep, value = word.replace("＝", "=").partition("=")
        if not sep:
            raise UsageError(f"“{word}”应写成 字段=值，如 date=2019-06-02 或 日期=2019-06-02")
        key = names.get(key_text.strip())
        if key is None:
            known = "、".join(
                f"{label(model, k)}（{k}）" for k in model.attributes() if k not in FIXED
            )
            raise UsageError(
                f"{model.kind_label}没有字段“{key_text.strip()}”；可以修改的字段：{known}"
            )
        if key in FIXED:
            raise UsageError(f"{label(model, key)}（{key}）：{FIXED[key]}")
        value = value.strip()
        if _is_list(model, key):
            parsed[key] = [v for v in re.split(r"[、，,\s]+", value) if v]
        elif value and _is_date(model, key):  # 2019.6.2, 2019年6月2日 as a sheet takes them
            try:
                parsed[key] = values.date(value)
            except values.CellError as error:
                raise UsageError(f"{label(model, key)}（{key}）：{error}") from None
        else:
            parsed[key] = value or None
    return parsed


def _is_date(model: type[models.Record], key: str) -> bool:
    return "date" in str(model.model_fields[model.attributes()[key]].annotation)


def _is_list(model: type[models.Record], key: str) -> bool:
    return "list" in str(model.model_fields[model.attributes()[key]].annotation)


@dataclass
class Edited:
    """What ``edit`` did (or, dry, would do)."""

    record_id: str
    model: type[models.Record]
    changes: list[Change]
    fields: list[tuple[str, str, str]]  # label (key), old value, new value
    moved: tuple[str, str] | None = None  # from file, to file
    notes: list[str] = field(default_factory=list)


def _shown(value: Any) -> str:
    if value is None or value == []:
        return "（空）"
    if isinstance(value, list):
        return "、".join(_shown(v) for v in value)
    return str(getattr(value, "value", value))


def judge(before: Records, after: Records, old: models.Record, new: models.Record) -> None:
    """Refuse if the rules find, of the changed record, a problem the old one did not have."""
    rules = KIND_RULES.get(type(new), OTHER_RULES)
    today = periods.today()

    def problems(records: Records, record: models.Record) -> dict[tuple[str, str], Any]:
        result = run(neighbourhood(records, [record]), only=rules, today=today)
        concerned = {record.id, getattr(record, "deputy", None)}  # a pairing: its deputy's load
        return {
            (f.rule, f.message): f
            for f in result.findings
            if f.record in concerned and f.level in (Level.error, Level.warning)
        }

    new_problems = problems(after, new)
    known = problems(before, old)
    brought = [f for key, f in new_problems.items() if key not in known]
    if brought:
        lines = []
        for f in brought:
            clause = REGISTRY[f.rule].clause
            lines.append(
                f"  - [{f.rule}] {f.message}" + (f"（《实施意见》{clause}）" if clause else "")
            )
            if f.hint:
                lines.append(f"    {f.hint}")
        raise _Refused(RefusedError("没有修改，因为改后：\n" + "\n".join(lines)))


def edit_record(
    folder: DataFolder, record_id: str, words: list[str], dry_run: bool = False
) -> Edited:
    """Set the fields ``words`` name on the record ``record_id``, safely (see module doc)."""
    records = folder.load()
    model, loaded = locate(records, record_id)
    wanted = parse_assignments(model, words)
    rel = loaded.file
    planned = _changed(model, as_model(model, loaded), wanted)
    target = rel
    if model is models.Activity:
        target = folder.file_for(models.Activity, planned.township, planned.date)
    folder.what = f"修改{model.kind_label} {record_id}"
    shown: list[tuple[str, str, str]] = []

    def fresh(text: str, now: Records) -> tuple[models.Record, models.Record, dict[str, Any]]:
        current = now.table(model).get(record_id)
        if current is None or current.file != rel:
            raise _Refused(RefusedError(f"没有修改：{rel} 中已经没有 {record_id}"))
        old = as_model(model, current)
        new = _changed(model, old, wanted)
        if (
            isinstance(new, models.Activity)
            and folder.file_for(models.Activity, new.township, new.date) != target
        ):  # changed by another write since it was read
            raise _Refused(RefusedError(f"没有修改：{record_id} 刚被改过，请重新运行这条命令"))
        new.place(target, old.line, old.ignores or None)
        updates = _updates(model, old, new)
        shown[:] = [
            (f"{label(model, k)}（{k}）", "（不显示）", "（已修改）")
            if k in PERSONAL
            else (f"{label(model, k)}（{k}）", _shown(a), _shown(b))
            for k, (a, b) in updates.items()
        ]
        # an emptied list goes, as an emptied value does
        return old, new, {k: (None if b == [] else b) for k, (_, b) in updates.items()}

    try:
        if target == rel:

            def edit(text: str) -> str:
                now = with_file(records, rel, text)
                old, new, updates = fresh(text, now)
                judge(now, now, old, new)
                return set_fields(text, record_id, updates) if updates else text

            change = folder.change(rel, edit, expect_records=0, dry_run=dry_run)
            return Edited(record_id, model, [change], shown)
        moved: dict[str, Any] = {}

        def take(text: str) -> str:
            now = with_file(records, rel, text)
            old, new, updates = fresh(text, now)
            rest, block = take_record(text, record_id)
            moved.update(old=old, new=new, rest=rest, block=set_fields(block, record_id, updates))
            return rest

        def put(text: str) -> str:
            new_text = append_block(text, moved["block"], modeline(target, "activity"))
            if len(read_any(new_text.encode())[0]) != len(read_any(text.encode())[0]) + 1:
                new_text = append_record(
                    text, fields_of(moved["new"]), modeline(target, "activity")
                )
            before = with_file(records, rel, moved["rest"])
            after = with_file(before, target, new_text)
            judge(with_file(records, target, text), after, moved["old"], moved["new"])
            return new_text

        edits = [
            FileEdit(rel, take, removed=frozenset({record_id})),
            FileEdit(target, put, appended=1),
        ]
        changes = folder.change_files(edits, dry_run=dry_run)
    except _Refused as refused:
        raise refused.error from None
    notes = [f"日期换了月份：记录从 {rel} 移到 {target}，编号 {record_id} 不变。"]
    return Edited(record_id, model, changes, shown, (rel, target), notes)


def _changed(model: type[models.Record], old: models.Record, wanted: dict[str, Any]) -> Any:
    values = old.model_dump(by_alias=True)
    values.update(wanted)
    return build(model, values)


def _updates(
    model: type[models.Record], old: models.Record, new: models.Record
) -> dict[str, tuple[Any, Any]]:
    """Key → (old value, new value) of each field the edit changes."""
    changed = {}
    for key, name in model.attributes().items():
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changed[key] = (before, after)
    return changed
