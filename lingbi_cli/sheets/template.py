"""``lingbi template KIND``: a blank sheet a clerk fills in and ``lingbi import`` reads back.

Row 1 holds the headers (required ones in red), each with a comment saying what goes in it;
row 2 an example (序号 ``示例``, which import passes over); below, empty rows ready for input:
ID and phone columns are text-formatted (Excel keeps every digit and a leading 0), date
columns date-formatted, and every enumeration a drop-down list. The lists live on a hidden
sheet ``选项`` (a list written into the validation itself may not exceed 255 characters); with a
data folder at hand, the townships and units are lists too. A second sheet, ``填写说明``,
repeats every column's note.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lingbi_cli.sheets.columns import Column
from lingbi_cli.sheets.kinds import SPECS
from lingbi_cli.sheets.write import display_width, print_setup

ROWS = 500  # rows prepared with formats and drop-downs
MULTI = ("choices",)


def choices_of(column: Column, names: dict[str, list[str]]) -> list[str]:
    """The values a column's drop-down offers (empty: no drop-down)."""
    if column.kind in ("choice", "choices") and column.enum is not None:
        return [str(member.value) for member in column.enum]
    if column.kind == "bool":
        return ["是", "否"]
    if column.kind in ("ref", "refs") and column.by == "name" and column.ref in names:
        return names[column.ref or ""]
    return []


def write_template(kind: str, path: Path, names: dict[str, list[str]] | None = None) -> None:
    """Write the blank sheet of ``kind`` to ``path`` (.xlsx). ``names``: township and unit
    names of the data folder, offered as drop-downs."""
    import xlsxwriter

    spec = SPECS[kind]
    columns = [c for c in spec.columns if c.template]
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        sheet = book.add_worksheet(spec.sheet or spec.label)
        guide = book.add_worksheet("填写说明")
        options = book.add_worksheet("选项")
        f = {
            "header": book.add_format(
                {"bold": True, "border": 1, "bg_color": "#D9D9D9", "align": "center"}
            ),
            "required": book.add_format(
                {
                    "bold": True,
                    "border": 1,
                    "bg_color": "#D9D9D9",
                    "align": "center",
                    "font_color": "#C00000",
                }
            ),
            "example": book.add_format({"italic": True, "font_color": "#808080"}),
            "example_text": book.add_format(
                {"italic": True, "font_color": "#808080", "num_format": "@"}
            ),
            "example_date": book.add_format(
                {"italic": True, "font_color": "#808080", "num_format": "yyyy-mm-dd"}
            ),
            "text": book.add_format({"num_format": "@"}),
            "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
            "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        }
        for c, column in enumerate(columns):
            _column(book, sheet, options, c, column, f, names or {})
        sheet.freeze_panes(1, 0)
        print_setup(sheet, header_rows=(0, 0))
        _guide(guide, spec.label, columns, names or {}, f)
        options.hide()
        sheet.activate()
    finally:
        book.close()


def _column(
    book: Any,
    sheet: Any,
    options: Any,
    c: int,
    column: Column,
    f: dict[str, Any],
    names: dict[str, list[str]],
) -> None:
    code = column.kind in ("id_number", "phone", "id")
    date = column.kind == "date"
    width = column.width or max(display_width(column.header) + 4, 10 if not date else 12)
    sheet.set_column(c, c, width, f["text"] if code else f["date"] if date else None)
    sheet.write_string(0, c, column.header, f["required"] if column.required else f["header"])
    note = ("【必填】" if column.required else "【选填】") + (column.note or column.header)
    listed = choices_of(column, names)
    if listed and column.kind not in ("ref", "refs") and not all(x in note for x in listed):
        note += "。可选：" + " ".join(listed)
    sheet.write_comment(0, c, note, {"x_scale": 2, "y_scale": 1.5, "author": "lingbi"})
    example = "示例" if column.field == "_skip" else column.example
    if isinstance(example, dt.date):
        sheet.write_datetime(1, c, example, f["example_date"])
    elif isinstance(example, int | float):
        sheet.write_number(1, c, example, f["example"])
    elif example is not None:
        sheet.write_string(1, c, str(example), f["example_text"] if code else f["example"])
    if listed:
        options.write_column(0, c, listed)
        source = f"=选项!${_letter(c)}$1:${_letter(c)}${len(listed)}"
        multi = column.kind in MULTI or column.kind == "refs"
        sheet.data_validation(
            1,
            c,
            ROWS,
            c,
            {
                "validate": "list",
                "source": source,
                "error_type": "warning" if multi else "stop",
                "error_title": "不在可选范围内",
                "error_message": ("可以多选，用、分隔：" if multi else "请从下拉列表中选择：")
                + " ".join(listed)[:200],
                "input_title": column.header[:32],
                "input_message": (column.note or "从下拉列表中选择")[:250],
            },
        )
    elif date:
        sheet.data_validation(
            1,
            c,
            ROWS,
            c,
            {
                "validate": "date",
                "criteria": "between",
                "minimum": dt.date(2000, 1, 1),
                "maximum": dt.date(2100, 12, 31),
                "error_type": "warning",
                "error_title": "不是日期",
                "error_message": "请写成 2019-05-08 这样的日期",
            },
        )


def _guide(
    guide: Any, label: str, columns: list[Column], names: dict[str, list[str]], f: dict[str, Any]
) -> None:
    guide.set_column(0, 0, 16)
    guide.set_column(1, 1, 8)
    guide.set_column(2, 2, 70, f["wrap"])
    print_setup(guide, header_rows=(1, 1))
    guide.write_string(0, 0, f"{label}表填写说明", f["header"])
    guide.write_row(1, 0, ["列名", "是否必填", "说明"], f["header"])
    for r, column in enumerate(columns, start=2):
        listed = choices_of(column, names)
        note = column.note or ""
        if listed and column.kind not in ("ref", "refs") and not all(x in note for x in listed):
            note += ("；" if note else "") + "可选：" + " ".join(listed)
        guide.write_row(r, 0, [column.header, "必填" if column.required else "选填", note])
    last = len(columns) + 3
    guide.write_string(last, 0, "导入")
    guide.write_string(
        last,
        2,
        "填好后运行 lingbi import 命令导入（先加 --dry-run 查看）；“序号”写“示例”的行不会导入，"
        "编号由 lingbi 给出。一行有问题时整张表都不会写入，"
        "问题会按“文件名 工作表!行:列”逐一列出。",
        f["wrap"],
    )
    guide.set_row(last, 48)


def _letter(index: int) -> str:
    from lingbi_cli.sheets.values import column_letter

    return column_letter(index)
