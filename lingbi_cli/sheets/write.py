"""Saving ``Table``s as an ``.xlsx`` workbook (XlsxWriter) or a ``.csv`` file.

In a workbook: a title row merged over the columns, bold headers, frozen panes and a filter;
numbers and dates as real typed cells (an amount with two decimals, a date as a date); ID and
phone numbers as text cells in a text-formatted column; column widths from the content (a
Chinese character counts two). Text that begins with ``= + - @`` is written as a text cell
marked "quote prefix", so Excel never takes it for a formula, even after an edit. In a CSV:
UTF-8 with a BOM (Excel on Chinese Windows reads a CSV without one as GBK and garbles it), a
leading ``'`` on such text (OWASP's advice for CSV), and a tab before ID and phone numbers, so
that Excel keeps them as text.

XlsxWriter was measured against openpyxl writing 250,000 rows of activities (README,
"Dependencies"): it was faster, in constant memory, and it writes comments and drop-down
lists for the templates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from lingbi_cli.sheets.table import CellKind, Table, Value

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 50
_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_name(name: str, taken: set[str]) -> str:
    base = (name.translate(_BAD_SHEET_CHARS) or "表")[:31]
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base[:28]}({number})"
        number += 1
    taken.add(candidate)
    return candidate


def widths(table: Table, sample: int = 2000) -> list[int]:
    """Each column's width in characters: its header and the widest of the first rows."""
    result = []
    for index, header in enumerate(table.headers):
        widest = display_width(header)
        for row in table.rows[:sample]:
            widest = max(widest, display_width(as_text(row[index])))
        result.append(min(max(widest + 2, 6), MAX_WIDTH))
    return result


def as_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_xlsx(tables: list[Table], path: Path) -> None:
    """One sheet per table, in order."""
    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(path),
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    try:
        f = _formats(book)
        taken: set[str] = set()
        for table in tables:
            sheet = book.add_worksheet(sheet_name(table.sheet or table.title, taken))
            _write_sheet(sheet, table, f)
    finally:
        book.close()


def _formats(book: Any) -> dict[str, Any]:
    return {
        "title": book.add_format({"bold": True, "font_size": 14, "align": "center"}),
        "header": book.add_format(
            {"bold": True, "border": 1, "bg_color": "#D9D9D9", "align": "center", "text_wrap": True}
        ),
        CellKind.text: book.add_format({}),
        "quoted": book.add_format({"quote_prefix": True}),
        CellKind.integer: book.add_format({"num_format": "0"}),
        CellKind.money: book.add_format({"num_format": "#,##0.00"}),
        CellKind.number: book.add_format({"num_format": "General"}),
        CellKind.date: book.add_format({"num_format": "yyyy-mm-dd"}),
        CellKind.id_number: book.add_format({"num_format": "@"}),
        CellKind.phone: book.add_format({"num_format": "@"}),
    }


def _write_sheet(sheet: Any, table: Table, f: dict[str, Any]) -> None:
    last = len(table.headers) - 1
    for index, width in enumerate(widths(table)):
        kind = table.kinds[index]
        sheet.set_column(index, index, width, f[kind] if kind.code else None)
    if last > 0:
        sheet.merge_range(0, 0, 0, last, table.title, f["title"])
    else:
        sheet.write_string(0, 0, table.title, f["title"])
    for index, header in enumerate(table.headers):
        sheet.write_string(1, index, header, f["header"])
    sheet.freeze_panes(2, 0)
    print_setup(sheet, header_rows=(1, 1))
    if table.rows:
        sheet.autofilter(1, 0, 1 + len(table.rows), last)
    for r, row in enumerate(table.rows, start=2):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            _write_cell(sheet, r, c, value, table.kinds[c], f)


def print_setup(sheet: Any, header_rows: tuple[int, int]) -> None:
    """A4 landscape, as wide as the page, the headers repeated on every printed page."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(*header_rows)


def _write_cell(
    sheet: Any, r: int, c: int, value: Value, kind: CellKind, f: dict[str, Any]
) -> None:
    if kind is CellKind.date and isinstance(value, dt.date):
        sheet.write_datetime(r, c, value, f[kind])
    elif kind.numeric and isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        sheet.write_number(r, c, float(value), f[kind])
    else:
        text = as_text(value)
        quoted = text.startswith(FORMULA_START)
        sheet.write_string(r, c, text, f["quoted"] if quoted else f[kind])


def csv_cell(value: Value, kind: CellKind) -> str:
    text = as_text(value)
    if kind.code and text.isdigit():
        return "\t" + text  # Excel keeps it as text, with every digit and a leading 0
    if not kind.numeric and text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_csv(table: Table, target: Path | IO[str], bom: bool = True) -> None:
    """Headers then rows (no title row), UTF-8 with a BOM when writing a file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([csv_cell(v, k) for v, k in zip(row, table.kinds, strict=True)])
    if isinstance(target, Path):
        target.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))
    else:
        target.write(buffer.getvalue())


def save(tables: list[Table], path: Path) -> None:
    """``.xlsx`` (every table a sheet) or ``.csv`` (one table) by the file's suffix."""
    from lingbi_cli.errors import UsageError

    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(tables, path)
    elif suffix == ".csv":
        if len(tables) != 1:
            raise UsageError("CSV 文件只能保存一张表；请用 .xlsx")
        write_csv(tables[0], path)
    else:
        raise UsageError(f"{path.name}：只能保存为 .xlsx 或 .csv")
