"""A report's tables as sheets (``lingbi report … --format xlsx``): each table of the report —
the attached per-deputy table, the county's per-township table, every award ranking, a
deputy's pairings, activities and proposals — one sheet with Chinese headers, real numbers
and dates, and its total row.

The values are the report's own (``reports.make``), as of its date, so a sheet and the
document printed with the same ``--date`` say the same. Report tables hold no ID or phone
number; a text cell that looks like one is masked all the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lingbi_cli.reports.data import ColumnKind, Report
from lingbi_cli.reports.data import Table as ReportTable
from lingbi_cli.reports.wording import cn_date
from lingbi_cli.sheets.table import CellKind, Table, Value, mask_id_number, mask_phone

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
UNITS = {ColumnKind.money: "元", ColumnKind.percent: "%"}
_ID_NUMBER = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")
_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def report_tables(made: Report) -> list[Table]:
    """Every table of the report as a sheet's table, in the document's order."""
    return [_sheet(made, table) for table in _tables(made)]


def _tables(made: Report) -> Iterator[ReportTable]:
    yield from made.tables.values()
    for ranking in made.values.get("awards") or []:
        yield ranking.table


def _sheet(made: Report, table: ReportTable) -> Table:
    headers = []
    for column in table.columns:
        unit = column.unit or UNITS.get(column.kind, "")
        headers.append(f"{column.label}（{unit}）" if unit else column.label)
    sheet = Table(
        f"{table.title}（{made.title}，截至{cn_date(made.date)}）",
        headers,
        [KINDS[c.kind] for c in table.columns],
        sheet=table.title,
    )
    rows = [*table.rows, *([table.total] if table.total else [])]
    sheet.rows = [[_masked(v) for v in row] for row in rows]
    return sheet


def _masked(value: Value) -> Value:
    if not isinstance(value, str):
        return value
    value = _ID_NUMBER.sub(lambda m: mask_id_number(m[0]), value)
    return _PHONE.sub(lambda m: mask_phone(m[0]), value)
