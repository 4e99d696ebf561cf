"""Finding a sheet's header row and reading its rows through a kind's columns.

The header row is the row among the first 30 whose cells name the most of the kind's columns
(so a title row, a merged title, or a second header row above it are passed over). Headers are
compared without spaces, ``*`` marks and a bracketed note (``金额（元）``); ``--map 列名=字段``
names a column lingbi does not know or overrides one. Rows that are empty, that only carry a
row number, that are the template's example (序号 ``示例``), total rows (合计、小计), and in a
per-person roster the rows of members who are not the head (与户主关系) are passed over and
counted. Each cell is read by its column; what cannot be read is a ``RowProblem`` located as
``文件名 工作表!行:列``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lingbi_cli.errors import UsageError
from lingbi_cli.sheets.columns import Column, KindSpec, header_key
from lingbi_cli.sheets.read import Grid, SheetError
from lingbi_cli.sheets.values import CellError, is_empty, name

HEADER_SEARCH = 30
PERSONAL = frozenset({"id_number", "phone", "causes", "head"})
TOTALS = frozenset({"合计", "小计", "总计", "合计:", "总计:"})
EXAMPLE = frozenset({"示例", "例", "样例", "举例"})
HEADS = frozenset({"户主", "本人", "户主本人"})


@dataclass(frozen=True)
class Mapped:
    """A column of the sheet and the kind's column it was matched with."""

    column: Column
    index: int
    header: str  # as the sheet writes it


@dataclass
class Layout:
    header_row: int
    mapped: list[Mapped]
    ignored: list[str]  # headers of columns that are not read


@dataclass(frozen=True)
class RowProblem:
    """A cell or row that cannot be imported: ``文件名 工作表!行:列 字段 问题``."""

    where: str
    header: str
    message: str
    row: int = 0  # 1-based, for sorting

    def __str__(self) -> str:
        return f"{self.where} {self.header} {self.message}".replace("  ", " ")


@dataclass
class SheetRow:
    """One data row: per field, the values read from each of its columns."""

    row: int  # 0-based index in the grid
    fields: dict[str, list[tuple[Mapped, Any]]] = field(default_factory=dict)

    def first(self, name_: str) -> Any:
        found = self.fields.get(name_)
        return found[0][1] if found else None


@dataclass
class SheetRows:
    layout: Layout
    rows: list[SheetRow]
    problems: list[RowProblem]
    passed_over: Counter[str] = field(default_factory=Counter)
    members: dict[int, int] = field(default_factory=dict)  # head's row → people in the roster


def parse_map(pairs: list[str], spec: KindSpec) -> dict[str, Column | None]:
    """``--map 列名=字段`` options: the field is an English field name or one of the kind's
    Chinese headers; nothing after ``=`` leaves the column out."""
    result: dict[str, Column | None] = {}
    for pair in pairs:
        header, sep, target = pair.partition("=")
        if not sep or not header.strip():
            raise UsageError(f"--map {pair} 应写成 列名=字段，例如 --map 帮扶人=代表姓名")
        target = target.strip()
        if not target or target == "-":
            result[header_key(header)] = None
            continue
        column = spec.column(target) or _by_field(spec, target)
        if column is None:
            fields = "、".join(dict.fromkeys(c.header for c in spec.columns if c.field[0] != "_"))
            raise UsageError(f"--map {pair}：{spec.label}没有“{target}”这一项；可用：{fields}")
        result[header_key(header)] = column
    return result


def _by_field(spec: KindSpec, name_: str) -> Column | None:
    candidates = [c for c in spec.columns if c.field == name_]
    order = {"name": 0, "id_number": 1, "id": 2}
    return min(candidates, key=lambda c: order.get(c.by, 3), default=None)


def _match(spec: KindSpec, text: str, overrides: dict[str, Column | None]) -> Column | None:
    key = header_key(text)
    if key in overrides:
        return overrides[key]
    return spec.column(text)


def find_layout(grid: Grid, spec: KindSpec, overrides: dict[str, Column | None]) -> Layout:
    best: tuple[int, int] = (0, -1)
    for r, row in enumerate(grid.rows[:HEADER_SEARCH]):
        fields = set()
        for cell in row:
            if isinstance(cell, str) and cell.strip():
                column = _match(spec, cell, overrides)
                if column is not None and column.field != "_skip":
                    fields.add(column.header)
        if len(fields) > best[0]:
            best = (len(fields), r)
    score, header_row = best
    if score < 2:
        wanted = "、".join(c.header for c in spec.columns if c.required)
        raise SheetError(
            f"{grid.where(0)}：前 {HEADER_SEARCH} 行中找不到{spec.label}表的表头"
            f"（应有 {wanted} 等列）；如列名不同，用 --map 列名=字段 指定"
        )
    mapped: list[Mapped] = []
    ignored: list[str] = []
    seen: set[tuple[str, str]] = set()
    for c, cell in enumerate(grid.rows[header_row]):
        if not isinstance(cell, str) or not cell.strip():
            continue
        if (header_row, c) in grid.merged and cell == grid.rows[header_row][c - 1]:
            continue  # a header merged across columns names its first column only
        column = _match(spec, cell, overrides)
        if column is None:
            ignored.append(cell.strip())
            continue
        if (column.header, column.field) in seen and column.kind not in ("choices", "list"):
            ignored.append(cell.strip())
            continue
        seen.add((column.header, column.field))
        mapped.append(Mapped(column, c, cell.strip()))
    return Layout(header_row, mapped, ignored)


def read_rows(grid: Grid, spec: KindSpec, overrides: dict[str, Column | None]) -> SheetRows:
    """Every data row below the header, read through the kind's columns."""
    layout = find_layout(grid, spec, overrides)
    result = SheetRows(layout, [], [])
    by_field = {m.column.field: m for m in layout.mapped}
    relation, household_no = by_field.get("_relation"), by_field.get("_household_no")
    heads: dict[str, int] = {}
    last_head: int | None = None
    for r in range(layout.header_row + 1, len(grid.rows)):
        cells = grid.rows[r]

        def cell(m: Mapped, cells: list[Any] = cells) -> Any:
            return cells[m.index] if m.index < len(cells) else ""

        filled = [m for m in layout.mapped if m.column.field != "_skip" and not is_empty(cell(m))]
        skip = next((m for m in layout.mapped if m.column.field == "_skip"), None)
        if not filled:
            result.passed_over["空行"] += 1 if any(not is_empty(c) for c in cells) else 0
            continue
        if skip is not None and name(cell(skip)) in EXAMPLE:
            result.passed_over["示例行"] += 1
            continue
        if any(isinstance(c, str) and name(c) in TOTALS for c in cells[:3]):
            result.passed_over["合计行"] += 1
            continue
        if relation is not None and name(cell(relation)) not in HEADS:
            result.passed_over["家庭成员行（与户主关系不是户主）"] += 1
            key = name(cell(household_no)) if household_no else ""
            target = heads.get(key) if key else last_head
            if target is not None:
                result.members[target] = result.members.get(target, 1) + 1
            continue
        row = SheetRow(r)
        for m in filled:
            try:
                value = m.column.read(cell(m))
            except CellError as error:
                result.problems.append(_problem(grid, r, m, str(error)))
                continue
            row.fields.setdefault(m.column.field, []).append((m, value))
        if relation is not None:
            last_head = r
            if household_no is not None and not is_empty(cell(household_no)):
                heads[name(cell(household_no))] = r
        result.rows.append(row)
    return result


def _problem(grid: Grid, r: int, m: Mapped, message: str) -> RowProblem:
    if m.column.field in PERSONAL:  # never repeat personal data back
        import re

        message = re.sub(r"“[^”]*”", "（不显示）", message)
    return RowProblem(grid.where(r, m.index), m.header, message, r + 1)


def problem_at(grid: Grid, row: SheetRow, field_name: str | None, message: str) -> RowProblem:
    """A problem of a row's field (located at its first column), or of the whole row."""
    found = row.fields.get(field_name or "") if field_name else None
    if found:
        return _problem(grid, row.row, found[0][0], message)
    return RowProblem(grid.where(row.row), "", message, row.row + 1)
