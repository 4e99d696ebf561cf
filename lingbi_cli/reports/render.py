"""Rendering a ``Report`` to Markdown with a sandboxed Jinja2 template, and to Word.

Templates are looked up in this order: ``--template FILE``; ``templates/<name>`` in the data
folder (a clerk's changed copy); the shipped ``templates/<name>``. Every template, shipped or
not, runs in Jinja2's ``SandboxedEnvironment``: no attribute starting with ``_``, no access to
Python internals.

Templates receive typed values and write them through filters in Chinese style (``yuan``,
``percent``, ``cn_date``, ``words``, ``table`` …, from ``reports.wording``). Whatever a
template prints bare is written the same way: a date in words, a number without trailing
zeros, a blank as ``【待填写：…】``, and text from records escaped for Markdown (``|``, ``#``,
``*`` …) unless it is Markdown already (``Raw``: the clerk's own notes), so that a summary
containing ``|`` cannot break a table.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
from jinja2.exceptions import SecurityError
from jinja2.runtime import BlockReference, Context, Macro
from jinja2.sandbox import SandboxedEnvironment

from lingbi_cli.errors import TemplateProblem
from lingbi_cli.periods import Period
from lingbi_cli.reports import wording
from lingbi_cli.reports.data import Blank, Column, ColumnKind, Report, Table, Value
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.templates_dir import template_path

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


class Raw(str):
    """Text that is Markdown already (the clerk's own notes): printed as it is."""


def md_escape(value: Any) -> Any:
    """Escape Markdown's special characters in text from records; write other values in
    Chinese style (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, Raw | Blank):
        return str(value)
    if isinstance(value, dt.date):
        return wording.cn_date(value)
    if isinstance(value, Period):
        return wording.period_words(value)
    if isinstance(value, bool) or not isinstance(value, str | Decimal | float):
        return value
    if isinstance(value, Decimal | float):
        return wording.plain(value)
    text = _SPECIAL.sub(r"\\\1", value)
    return text.replace("\r\n", " ").replace("\n", " ")


def cell(value: Value, column: Column, in_wan: bool = False) -> str:
    """One table cell as a report writes it."""
    kind = column.kind
    if value is None:
        return "—" if kind in (ColumnKind.percent, ColumnKind.number) else ""
    if kind is ColumnKind.money and isinstance(value, Decimal | int):
        return wording.money_cell(value, in_wan)
    if kind is ColumnKind.percent and isinstance(value, float | int):
        return wording.percent(float(value))
    if kind is ColumnKind.number and isinstance(value, float | int):
        return f"{value:.1f}"
    if kind is ColumnKind.score and isinstance(value, float | int):
        return f"{value:.3f}"
    if kind is ColumnKind.day and isinstance(value, dt.date):
        return wording.month_day(value)
    if kind is ColumnKind.short_date and isinstance(value, dt.date):
        return f"{value.year}.{value.month}.{value.day}"
    return str(md_escape(value))


def header(table: Table, column: Column) -> str:
    """A header with its unit: ``捐资捐物（万元）``, ``入户帮扶（人次）``."""
    if column.kind is ColumnKind.money:
        return f"{column.label}（{'万元' if wan(table, column) else '元'}）"
    return f"{column.label}（{column.unit}）" if column.unit else column.label


def wan(table: Table, column: Column) -> bool:
    """Whether a money column is written in 万元: when a row's value reaches 100,000 (six
    digits of yuan); smaller sums stay in whole yuan."""
    if column.kind is not ColumnKind.money:
        return False
    index = table.columns.index(column)
    limit = 10 * wording.TEN_THOUSAND
    return any(
        isinstance(row[index], Decimal | int) and abs(Decimal(row[index])) >= limit  # type: ignore[arg-type]
        for row in table.rows
    )


def markdown_table(table: Table) -> Raw:
    """The table as a Markdown pipe table (title not included), total row in bold."""
    units = [wan(table, c) for c in table.columns]
    lines = [
        "| " + " | ".join(str(md_escape(header(table, c))) for c in table.columns) + " |",
        "|" + " --- |" * len(table.columns),
    ]
    for row in table.rows:
        cells = [cell(v, c, w) for v, c, w in zip(row, table.columns, units, strict=True)]
        lines.append("| " + " | ".join(cells) + " |")
    if table.total is not None:
        cells = [cell(v, c, w) for v, c, w in zip(table.total, table.columns, units, strict=True)]
        lines.append("| " + " | ".join(f"**{text}**" if text else "" for text in cells) + " |")
    return Raw("\n".join(lines))


FILTERS = {
    "yuan": wording.yuan,
    "percent": wording.percent,
    "cn_date": wording.cn_date,
    "month_day": wording.month_day,
    "words": wording.period_words,
    "cn": wording.cn_number,
    "item": wording.item_number,
    "table": markdown_table,
    "raw": Raw,
}


class _Environment(SandboxedEnvironment):
    """The sandbox, where what a macro or ``super()`` returns is Markdown already."""

    def call(
        __self,  # noqa: N805 - the sandbox's own signature
        __context: Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        result = super().call(__context, __obj, *args, **kwargs)
        return Raw(result) if isinstance(__obj, Macro | BlockReference) else result


def _environment(folder: DataFolder | None) -> SandboxedEnvironment:
    search = [str(template_path("half.md.j2").parent)]
    if folder is not None and (folder.path / "templates").is_dir():
        search.insert(0, str(folder.path / "templates"))
    env = _Environment(
        loader=FileSystemLoader(search),
        finalize=md_escape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    env.globals.update(campaign=wording.CAMPAIGN, document=wording.DOCUMENT_FULL)
    return env


def render_markdown(
    report: Report, folder: DataFolder | None = None, override: Path | None = None
) -> str:
    """The report as Markdown, through the first template found (see the module docstring):
    ``folder``'s templates/ first, if it has one."""
    env = _environment(folder)
    values = report.context()
    for key in ("next_steps", "experience"):  # the clerk's own Markdown
        if isinstance(values.get(key), str):
            values[key] = Raw(values[key])
    if values.get("experiences"):
        values["experiences"] = [(name, Raw(text)) for name, text in values["experiences"]]
    where = str(override) if override else report.template
    try:
        if override is not None:
            if not override.is_file():
                raise TemplateProblem(f"找不到模板文件 {override}")
            template = env.from_string(override.read_text(encoding="utf-8-sig"))
        else:
            template = env.get_template(report.template)
            where = template.filename or where
        text = template.render(**values)
    except SecurityError as exc:
        raise TemplateProblem(f"模板 {where} 试图访问不允许的内容，已拒绝：{exc}") from None
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise TemplateProblem(f"模板 {where}{f':{line}' if line else ''} 有误：{exc}") from None
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def write_docx(markdown: str, path: Path) -> None:
    from lingbi_cli.reports import docx

    docx.write_docx(markdown, path)
