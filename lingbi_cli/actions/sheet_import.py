"""``lingbi import KIND FILE``: records from an office's sheet, all or nothing.

Every row is read (``sheets.rows``), its names resolved to ids (``sheets.assemble``), matched
with the records already in the folder by id or natural key and validated by the schema
(``actions.sheet_match``), and the new and changed records judged by the same rules the write
commands run (``rules.run`` on the loaded records plus the new ones, as ``refuse_on_findings``
does). Any problem refuses the whole import, listing every bad row as ``文件名 工作表!行:列
字段 问题``. Otherwise new records are appended to their files and (with ``update``) changed
fields spliced in, every other byte kept, ids given under the files' locks, all files written
or none (``store.batch``). A row that matches a record and says the same is left alone; one
that says something else is skipped and reported unless ``update`` is given — never a
duplicate.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lingbi_cli import models, periods
from lingbi_cli.actions.common import fields_of
from lingbi_cli.actions.pairing import PAIR_RULES
from lingbi_cli.actions.sheet_match import Planned, plan_rows
from lingbi_cli.errors import Level, RefusedError, UsageError
from lingbi_cli.rules import run
from lingbi_cli.sheets import messages
from lingbi_cli.sheets.assemble import Assembled, assemble, parse_constants
from lingbi_cli.sheets.columns import KindSpec
from lingbi_cli.sheets.kinds import IMPORTABLE, SPECS
from lingbi_cli.sheets.read import Grid, read_grid
from lingbi_cli.sheets.refs import Resolver
from lingbi_cli.sheets.rows import (
    PERSONAL,
    RowProblem,
    parse_map,
    problem_at,
    read_rows,
)
from lingbi_cli.store.batch import FileEdit
from lingbi_cli.store.edit import append_records, modeline, next_number, set_fields
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.records import Records
from lingbi_cli.store.rows import ActivityRecord
from lingbi_cli.store.write import Change

M = models
RULES: dict[str, list[str]] = {
    "townships": ["unknown-ref"],
    "units": ["unknown-ref"],
    "deputies": ["unknown-ref"],
    "households": ["unknown-ref", "id-number"],
    "pairings": PAIR_RULES,
    "activities": ["unknown-ref", "date-range", "pairing-window", "inactive-deputy"],
    "donors": ["unknown-ref", "date-range"],
}
NEEDS: dict[str, tuple[type[models.Record], ...]] = {
    "townships": (M.Township, M.Deputy),
    "units": (M.Township, M.Unit, M.Household),
    "deputies": (M.Township, M.Unit, M.Deputy),
    "households": (M.Township, M.Unit, M.Household),
    "pairings": (M.Township, M.Unit, M.Deputy, M.Household, M.Pairing),
    "activities": (M.Township, M.Unit, M.Deputy, M.Household, M.Pairing),
    "donors": (M.Township, M.Household, M.Donor),
}


@dataclass
class ImportOptions:
    sheet: str | None = None
    mapping: list[str] = field(default_factory=list)  # --map 列名=字段
    constants: list[str] = field(default_factory=list)  # --set 列名=值
    township: str | None = None
    update: bool = False
    dry_run: bool = False


@dataclass
class ImportResult:
    grid: Grid
    header_row: int
    ignored: list[str]
    passed_over: Counter[str]
    added: list[tuple[int, str, str]] = field(default_factory=list)  # row, id, file
    updated: list[tuple[int, str, str]] = field(default_factory=list)  # row, id, what changed
    unchanged: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


class ImportRefused(RefusedError):
    """Rows that cannot be imported; nothing was written."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.row)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(
            f"没有导入，以下 {len(self.problems)} 处有问题，没有写入任何文件：\n{lines}"
        )


def import_sheet(folder: DataFolder, kind: str, path: Path, options: ImportOptions) -> ImportResult:
    if kind not in IMPORTABLE:
        raise UsageError(f"不能导入 {kind}；可导入：{'、'.join(IMPORTABLE)}")
    spec = SPECS[kind]
    grid = read_grid(path, options.sheet)
    sheet = read_rows(grid, spec, parse_map(options.mapping, spec))
    constants = parse_constants(options.constants, spec)
    records = folder.load(lambda f: f.model in NEEDS[kind])
    resolver = Resolver(records)
    township = resolver.township(options.township, "name", {}) if options.township else None
    items = assemble(grid, spec, sheet, resolver, constants, township)
    if kind == "activities":
        _load_months(records, items)
    result = ImportResult(grid, sheet.layout.header_row, sheet.layout.ignored, sheet.passed_over)
    problems = list(sheet.problems) + [p for item in items for p in item.problems]
    unreadable = {p.row for p in sheet.problems}  # rows with a cell that could not be read
    items = [i for i in items if not i.problems and i.row.row + 1 not in unreadable]
    columns = {m.column.field: m for m in reversed(sheet.layout.mapped)}
    planned = plan_rows(
        grid,
        spec,
        kind,
        records,
        items,
        columns,
        problems,
        result.passed_over,
        result.unchanged,
    )
    new = [p for p in planned if p.existing is None]
    changed = [p for p in planned if p.existing is not None and p.changes]
    for p in changed:
        if not options.update:
            result.skipped.append(_differs(grid, spec, p))
    if not options.update:
        changed = []
    problems += _judge(grid, kind, records, new, changed)
    if problems:
        raise ImportRefused(messages.once_per_column(grid, sheet.layout.header_row, problems))
    result.changes, given = _write(folder, spec, new, changed, options.dry_run)
    result.added = [(p.item.row.row + 1, i, p.rel) for p, i in zip(new, given, strict=True)]
    result.updated = [(p.item.row.row + 1, p.existing.id, _fields(spec, p)) for p in changed]
    return result


def _load_months(records: Records, items: list[Assembled]) -> None:
    wanted = {
        (v["township"], v["date"].year, v["date"].month)
        for v in (i.values for i in items)
        if isinstance(v.get("township"), str) and hasattr(v.get("date"), "year")
    }
    records.folder.load(
        lambda f: f.model is M.Activity and (f.township, *(f.month or (0, 0))) in wanted,
        into=records,
    )


def _judge(
    grid: Grid,
    kind: str,
    records: Records,
    new: list[Planned],
    changed: list[Planned],
) -> list[RowProblem]:
    """The rules of the write commands over the records loaded, with the new and changed ones."""
    concerned: dict[str, Planned] = {}
    for p in [*new, *changed]:
        record = p.record
        record.place(p.rel, 0)
        if isinstance(record, M.Activity):
            records.activities[record.id] = ActivityRecord.of(record)
        else:
            records.table(type(record))[record.id] = record
        concerned[record.id] = p
        if isinstance(record, M.Pairing):
            concerned.setdefault(record.deputy, p)
    if not concerned:
        return []
    found = run(records, only=RULES[kind], today=periods.today())
    problems = []
    for f in found.findings:
        if f.record in concerned and f.level in (Level.error, Level.warning):
            p = concerned[f.record]
            own = p.record.id if p.existing is None else None
            message = f"[{f.rule}] {f.message.replace(own, '（本行）') if own else f.message}"
            problems.append(problem_at(grid, p.item.row, None, message))
    return problems


def _write(
    folder: DataFolder, spec: KindSpec, new: list[Planned], changed: list[Planned], dry_run: bool
) -> tuple[list[Change], list[str]]:
    by_file: dict[str, tuple[list[Planned], list[Planned]]] = {}
    for p in new:
        by_file.setdefault(p.rel, ([], []))[0].append(p)
    for p in changed:
        by_file.setdefault(p.rel, ([], []))[1].append(p)
    given: dict[int, str] = {}
    edits = []
    for rel, (appends, updates) in by_file.items():

        def edit(
            text: str,
            appends: list[Planned] = appends,
            updates: list[Planned] = updates,
            rel: str = rel,
        ) -> str:
            for p in updates:
                text = set_fields(text, p.existing.id, p.changes)
            records = []
            number = next_number(text, appends[0].prefix) if appends and appends[0].prefix else 0
            for offset, p in enumerate(appends):
                fields = fields_of(p.record)
                if p.prefix is not None:
                    fields["id"] = f"{p.prefix}{number + offset:0{p.width}d}"
                given[id(p)] = fields["id"]
                records.append(fields)
            return append_records(text, records, modeline(rel, spec.model.kind_name))

        digest = folder.digest(rel) if updates else None
        changed_ids = frozenset(p.existing.id for p in updates)
        edits.append(FileEdit(rel, edit, len(appends), changed_ids, digest))
    folder.what = f"导入{spec.label}：新增 {len(new)} 条，更新 {len(changed)} 条"  # the journal
    changes = folder.change_files(edits, dry_run)
    return changes, [given[id(p)] for p in new]


def _fields(spec: KindSpec, p: Planned) -> str:
    return "、".join(messages.zh_fields(name, spec) for name in p.changes)


def _differs(grid: Grid, spec: KindSpec, p: Planned) -> str:
    parts = []
    for name, new in p.changes.items():
        label = messages.zh_fields(name, spec)
        if name in PERSONAL:
            parts.append(f"{label}（不显示）")
        else:
            old = getattr(p.existing, name)
            parts.append(f"{label}：{messages.show(old)} → {messages.show(new)}")
    return (
        f"{grid.where(p.item.row.row)} 与已有的{spec.label} {p.existing.id}（{spec.key_doc}）"
        f"内容不同，没有更新：{'；'.join(parts)}"
    )
