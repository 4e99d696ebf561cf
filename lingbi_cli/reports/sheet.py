"""A report's tables as spreadsheet tables (``sheets.table.Table``), for ``report --format
xlsx``: one sheet per table, the header with its unit, the values as typed (amounts in yuan,
dates as dates), the total row last. The Word and Markdown writers' 万元 is not used: a
spreadsheet keeps the yuan to add up."""

from __future__ import annotations

from lingbi_cli.reports.data import Column, ColumnKind, Report
from lingbi_cli.reports.data import Table as ReportTable
from lingbi_cli.sheets.table import CellKind
from lingbi_cli.sheets.table import Table as SheetTable

KINDS = {
    ColumnKind.text: CellKind.text,
    ColumnKind.integer: CellKind.integer,
    ColumnKind.money: CellKind.money,
    ColumnKind.percent: CellKind.number,
    ColumnKind.number: CellKind.number,
    ColumnKind.score: CellKind.number,
    ColumnKind.date: CellKind.date,
    ColumnKind.day: CellKind.date,
    ColumnKind.short_date: CellKind.date,
}


def header(column: Column) -> str:
    if column.kind is ColumnKind.money:
        return f"{column.label}（元）"
    if column.kind is ColumnKind.percent:
        return f"{column.label}（%）"
    return f"{column.label}（{column.unit}）" if column.unit else column.label


def as_sheet(table: ReportTable, sheet: str = "") -> SheetTable:
    out = SheetTable(
        table.title,
        [header(c) for c in table.columns],
        [KINDS[c.kind] for c in table.columns],
        sheet=sheet,
    )
    out.rows = [list(row) for row in table.rows]
    if table.total is not None:
        out.rows.append(list(table.total))
    return out


def sheets(report: Report) -> list[SheetTable]:
    """Every table of the report, in order, one sheet each; then a year summary's rankings."""
    tables = [*report.tables.values(), *(r.table for r in report.values.get("awards", []))]
    return [as_sheet(t, t.title) for t in tables]
