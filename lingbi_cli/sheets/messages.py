"""The Chinese wording of an import's problems: field names as the sheet's headers, a
missing value located at its empty cell or said once for a column the sheet lacks, values shown
without personal data."""

from __future__ import annotations

import re
from typing import Any

from lingbi_cli.sheets.assemble import Assembled
from lingbi_cli.sheets.columns import KindSpec
from lingbi_cli.sheets.read import Grid
from lingbi_cli.sheets.rows import Mapped, RowProblem


def locate_missing(
    grid: Grid,
    spec: KindSpec,
    item: Assembled,
    problems: list[RowProblem],
    columns: dict[str, Mapped],
) -> None:
    """Say where a required value is missing: its empty cell, or the column the sheet lacks."""
    for number, problem in enumerate(problems):
        if problem.row != item.row.row + 1 or not problem.message.startswith(MISSING):
            continue
        name = problem.message.removeprefix(MISSING)
        header = next((c.header for c in spec.columns if c.field == name), name)
        mapped = columns.get(name)
        if mapped is not None:
            where = grid.where(item.row.row, mapped.index)
            problems[number] = RowProblem(where, mapped.header, "必填，不能空着", problem.row)
        else:
            message = f"表中没有“{header}”这一列；可用 --set {header}=值 或 --map 列名={header}"
            problems[number] = RowProblem(grid.where(item.row.row), header, message, problem.row)


MISSING = "\x00missing:"
NO_COLUMN = "表中没有“"


def once_per_column(grid: Grid, header_row: int, problems: list[RowProblem]) -> list[RowProblem]:
    """A column the sheet lacks is one problem, at the header row, not one per row."""
    rows: dict[str, list[RowProblem]] = {}
    kept = []
    for p in problems:
        if p.message.startswith(NO_COLUMN):
            rows.setdefault(p.message, []).append(p)
        else:
            kept.append(p)
    for message, found in rows.items():
        where = grid.where(header_row)
        kept.append(RowProblem(where, found[0].header, f"{message}（{len(found)} 行）", 0))
    return kept


def zh_fields(message: str, spec: KindSpec) -> str:
    """A schema message with the record's English field names replaced by sheet headers."""
    headers = {c.field: c.header for c in reversed(spec.columns) if not c.field.startswith("_")}
    message = re.sub(r"\b([a-z_]+)（[^）]*）", lambda m: headers.get(m[1], m[0]), message)
    return re.sub(r"\b([a-z_]+)\b", lambda m: headers.get(m[1], m[1]), message)


def show(value: Any) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, list):
        return "、".join(str(x) for x in value)
    return str(value)
