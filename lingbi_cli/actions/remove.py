"""``lingbi remove ID --reason …``: removing a record, never leaving a reference to nothing.

A record other records refer to (a deputy's activities and pairings, a household's visits) is
not removed: the refusal lists those records by name. With ``--force`` they go too, and what
refers to them in turn; a record that lists the removed one among others (a joint activity's
deputies, a proposal's co-signers, a unit's households, a township's liaison leaders) only
loses it from its list. Every file concerned is changed at once, all or none
(``store.batch``), each record's text cut out with the ignore comments above it and every
other byte kept. The files that may refer to what goes (the record's township's, the county's,
every deputies and proposals file) are read under their locks in the same step, and a
reference found there — written since the folder was read — refuses the removal. The reason
goes to the journal (``lingbi undo --list``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lingbi_cli import models
from lingbi_cli.actions.edit import locate
from lingbi_cli.errors import RefusedError, UsageError
from lingbi_cli.store.batch import FileEdit
from lingbi_cli.store.edit import set_fields, take_record
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.layout import record_file
from lingbi_cli.store.records import Records
from lingbi_cli.store.write import Change

# Which fields of each kind refer to other records (by key; True: a list of ids).
REFERENCES: dict[type[models.Record], dict[str, bool]] = {
    models.Township: {"liaison": True},
    models.Unit: {"households": True},
    models.Deputy: {"unit": False},
    models.Activity: {"deputies": True, "household": False},
    models.Pairing: {"deputy": False, "household": False},
    models.Proposal: {"lead": False, "cosigners": True},
    models.Donor: {"household": False},
    models.Award: {"township": False, "deputy": False},
}

SHOWN = 30  # referring records listed in a refusal


def describe(records: Records, record: Any) -> str:
    """A record as a clerk knows it: its kind, its name or what it was, and its id."""

    def name(ident: str | None) -> str:
        person = records.deputies.get(ident or "") or records.households.get(ident or "")
        if person is None:
            return ident or ""
        return str(getattr(person, "name", None) or getattr(person, "head", ident))

    kind = record.kind_label
    if isinstance(record, models.Donor):
        return f"{kind} {record.name} {record.date} {record.gift}（{record.id}）"
    if isinstance(record, models.Township | models.Unit | models.Deputy):
        return f"{kind} {record.name}（{record.id}）"
    if isinstance(record, models.Household):
        return f"{kind} {record.head}（{record.id}，{record.village}）"
    if isinstance(record, models.Pairing):
        who = f"{name(record.deputy)}—{name(record.household)}"
        return f"{kind} {who}（{record.id}，{record.start} 起）"
    if isinstance(record, models.Proposal):
        return f"{kind}《{record.title}》（{record.id}）"
    if isinstance(record, models.Filing):
        return f"{kind} {record.kind.value} {record.period}（{record.id}）"
    if isinstance(record, models.Award):
        return f"{kind} {record.year}年 {record.category.value}（{record.id}）"
    who = "、".join(name(d) for d in record.deputies)
    return f"{kind} {record.date} {record.kind.value}（{who}，{record.id}）"


def referrers(records: Records, record_id: str) -> list[tuple[Any, str, bool]]:
    """Every record that refers to ``record_id``: (record, key, whether others stay listed)."""
    found = []
    for model, keys in REFERENCES.items():
        for record in records.table(model).values():
            for key, is_list in keys.items():
                value = getattr(record, key)  # reference keys are their attributes' names
                if is_list and value and record_id in value:
                    found.append((record, key, len(value) > 1))
                elif not is_list and value == record_id:
                    found.append((record, key, False))
    return found


@dataclass
class Removed:
    """What ``remove`` did (or, dry, would do)."""

    record: str  # the removed record, described
    gone: list[str]  # the other records removed with it (--force), described
    trimmed: list[str]  # records that only lost it from a list, described
    changes: list[Change]


def remove_record(
    folder: DataFolder, record_id: str, reason: str, force: bool = False, dry_run: bool = False
) -> Removed:
    """Remove ``record_id`` (and, with ``force``, what refers to it); see the module doc."""
    if not reason.strip():
        raise UsageError("请用 --reason 写明删除的原因（会记入 lingbi undo --list）")
    records = folder.load()
    model, record = locate(records, record_id)
    if model is models.Township:
        raise RefusedError("乡镇不能用 remove 删除（它的文件夹里的全部记录都属于它）。")
    gone: dict[str, Any] = {record_id: record}
    trimmed: dict[str, tuple[Any, dict[str, list[str]]]] = {}
    queue = [record_id]
    blocking: list[str] = []
    while queue:
        current = queue.pop()
        for other, key, others_stay in referrers(records, current):
            if other.id in gone:
                continue
            if others_stay:
                _, lists = trimmed.setdefault(other.id, (other, {}))
                now = lists.get(key, list(getattr(other, key)))
                lists[key] = [v for v in now if v != current]
                blocking.append(f"{describe(records, other)} 的 {key} 中列有它")
            else:
                gone[other.id] = other
                queue.append(other.id)
                blocking.append(describe(records, other))
    for ident in gone:
        trimmed.pop(ident, None)
    if blocking and not force:
        lines = "\n".join(f"  - {line}" for line in blocking[:SHOWN])
        if len(blocking) > SHOWN:
            lines += f"\n  ……另有 {len(blocking) - SHOWN} 条"
        raise RefusedError(
            f"没有删除：以下记录引用了{describe(records, record)}：\n{lines}\n"
            "请先修改或删除这些记录；如确要连同它们一起删除，加 --force。"
        )
    folder.what = f"删除{describe(records, record)}：{reason.strip()}"
    by_file: dict[str, tuple[set[str], dict[str, dict[str, list[str]]]]] = {}
    for ident, item in gone.items():
        by_file.setdefault(item.file, (set(), {}))[0].add(ident)
    for ident, (item, lists) in trimmed.items():
        by_file.setdefault(item.file, (set(), {}))[1][ident] = lists
    gone_ids = frozenset(gone)
    edits = [
        FileEdit(
            rel,
            _checked(rel, gone_ids, _cutter(removed, lists)),
            removed=frozenset(removed),
            changed=frozenset(lists),
            read_digest=folder.digest(rel),
        )
        for rel, (removed, lists) in sorted(by_file.items())
    ]
    # every other file that may refer to what goes is read under its lock too: a reference
    # written there meanwhile refuses the removal
    town = records.township_of(record)
    edits += [
        FileEdit(f.rel, _checked(f.rel, gone_ids, lambda text: text))
        for f in folder.scan().files
        if f.rel not in by_file
        and f.model in REFERENCES
        and (f.township in (None, town) or f.model in (models.Proposal, models.Deputy))
    ]
    changes = [c for c in folder.change_files(edits, dry_run=dry_run) if c.new != c.old]
    return Removed(
        describe(records, record),
        [describe(records, r) for i, r in gone.items() if i != record_id],
        [describe(records, r) for r, _ in trimmed.values()],
        changes,
    )


def _cutter(removed: set[str], lists: dict[str, dict[str, list[str]]]) -> Callable[[str], str]:
    def edit(text: str) -> str:
        for ident in sorted(removed):
            text = take_record(text, ident)[0]
        for ident, values in lists.items():
            text = set_fields(text, ident, dict(values))
        return text

    return edit


def _checked(rel: str, gone: frozenset[str], edit: Callable[[str], str]) -> Callable[[str], str]:
    """``edit``, then a refusal if a record left in the file still refers to one that goes."""
    source = record_file(rel)
    keys = REFERENCES.get(source.model, {}) if source is not None else {}

    def checked(text: str) -> str:
        new = edit(text)
        for raw in read_any(new.encode("utf-8"))[0]:
            for key in keys:
                value = raw.values.get(key)
                hits = [str(v) for v in (value if isinstance(value, list) else [value])]
                for hit in (h for h in hits if h in gone):
                    raise RefusedError(
                        f"第 {raw.line} 行的 {raw.values.get('id')} 引用了要删除的 {hit}"
                        "（刚刚写入的？），没有删除；请重新运行这条命令"
                    )
        return new

    return checked
