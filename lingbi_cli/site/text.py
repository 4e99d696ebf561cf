"""How the site writes values: the reports' Chinese style (``yuan``, ``percent``, ``cn_date``)
for what a reader sees, plain numbers for the data that charts and scripts read."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape

from markupsafe import Markup

from lingbi_cli.reports.data import Column, ColumnKind, Table, Value
from lingbi_cli.reports.render import header, wan
from lingbi_cli.reports.wording import cn_date, money_cell, month_day, percent, plain, yuan
from lingbi_cli.sheets.table import mask_phone as _mask_phone

JsonNumber = int | float | None
LONG = frozenset({"summary", "title", "with", "reason"})  # columns of free text, which may wrap
__all__ = [
    "cell",
    "cells",
    "table_html",
    "day",
    "headers",
    "mask_phone",
    "number",
    "short_day",
    "shown",
]


def number(value: int | Decimal | float | None) -> JsonNumber:
    """A figure as JSON: yuan as a number of yuan (cents kept), rates as floats."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def shown(value: int | Decimal | float | None, unit: str = "") -> str:
    """A figure as a reader sees it: ``8000元``/``41万元``, ``66.7%``, ``—`` for no rate,
    ``12`` for a count (the unit is in the column's header)."""
    if value is None:
        return "—"
    if unit == "元":
        return yuan(value if isinstance(value, Decimal) else Decimal(str(value)))
    if unit == "%" or isinstance(value, float):
        return percent(float(value))
    return plain(value)


def day(value: dt.date | None) -> str:
    return cn_date(value) if value else ""


def short_day(value: dt.date | None) -> str:
    """``2019.5.8``: a date in a dense table."""
    return f"{value.year}.{value.month}.{value.day}" if value else ""


def cell(value: Value, column: Column, in_wan: bool = False) -> str:
    """One cell of a report's table as the site shows it: the report's writing, without the
    Markdown escapes (the page escapes HTML itself)."""
    kind = column.kind
    if value is None:
        return "—" if kind in (ColumnKind.percent, ColumnKind.number) else ""
    if kind is ColumnKind.money and isinstance(value, Decimal | int):
        return money_cell(value, in_wan)
    if kind is ColumnKind.percent and isinstance(value, float | int):
        return percent(float(value))
    if kind is ColumnKind.number and isinstance(value, float | int):
        return f"{value:.1f}"
    if kind is ColumnKind.score and isinstance(value, float | int):
        return f"{value:.3f}"
    if kind is ColumnKind.day and isinstance(value, dt.date):
        return month_day(value)
    if kind is ColumnKind.date and isinstance(value, dt.date):
        return cn_date(value)
    return str(value)


def headers(table: Table) -> list[tuple[str, bool]]:
    """Each column's header with its unit (``捐资捐物（万元）``), and whether it is numeric."""
    numeric = {ColumnKind.integer, ColumnKind.money, ColumnKind.percent, ColumnKind.number}
    return [(header(table, c), c.kind in numeric) for c in table.columns]


def cells(table: Table, row: tuple[Value, ...]) -> list[str]:
    return [cell(v, c, wan(table, c)) for v, c in zip(row, table.columns, strict=True)]


def table_html(table: Table) -> Markup:
    """A report's ``Table`` as an HTML table: headers with units, cells in the report's
    writing, and, where the table carries each row's record, its file and line. Written here
    rather than in a template: a county's deputy pages hold over a million cells."""
    in_wan = [wan(table, c) for c in table.columns]
    css = ['<td class="long">' if c.key in LONG else "<td>" for c in table.columns]
    place = bool(table.sources)
    heads = "".join(f"<th>{escape(name)}</th>" for name, _ in headers(table))
    out = ['<div class="wide"><table><thead><tr>', heads]
    out.append("<th>位置</th></tr></thead><tbody>" if place else "</tr></thead><tbody>")
    for index, row in enumerate(table.rows):
        out.append("<tr>")
        for value, column, big, td in zip(row, table.columns, in_wan, css, strict=True):
            out.append(f"{td}{escape(cell(value, column, big))}</td>")
        if place:
            source = table.sources[index]
            out.append(f'<td class="place">{escape(source.file)}:{source.line}</td>')
        out.append("</tr>")
    out.append("</tbody>")
    if table.total is not None:
        out.append("<tfoot><tr>")
        for value, column, big in zip(table.total, table.columns, in_wan, strict=True):
            out.append(f"<td>{escape(cell(value, column, big))}</td>")
        out.append("<td></td></tr></tfoot>" if place else "</tr></tfoot>")
    out.append("</table></div>")
    return Markup("".join(out))


def mask_phone(value: str | None) -> str:
    """``138****5678``: a phone is never shown whole (DOMAIN.md); no phone, no text."""
    return _mask_phone(str(value)) if value else ""
