"""Rendering a ``Report`` to Markdown with a sandboxed Jinja2 template, and to Word.

Templates are looked up in this order: ``--template FILE``; ``templates/<name>`` in the data
folder (a clerk's changed copy); the shipped ``templates/<name>``. Every template, shipped or
not, runs in Jinja2's ``SandboxedEnvironment``: no attribute starting with ``_``, no access to
Python internals.

Templates receive typed values and write them through filters in Chinese style (``yuan``,
``percent``, ``cn_date``, ``words``, ``table`` …, from ``reports.wording``). Whatever a
template prints bare is written the same way: a date in words, a number without trailing
zeros, a blank as ``【待填写：…】``, and text from records on one line (every line break and
control character a space) and escaped for Markdown and HTML (``|``, ``#``, ``*``, ``<``, ``&``,
a list's ``-`` or ``1.`` first …) unless it is Markdown already (``Raw``: the clerk's own
notes), so that no record text can break a table, open a heading or become an HTML comment.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.runtime import BlockReference, Context, Macro
from jinja2.sandbox import SandboxedEnvironment

from lingbi_cli.errors import TemplateProblem
from lingbi_cli.periods import Period
from lingbi_cli.reports import wording
from lingbi_cli.reports.data import Blank, Column, ColumnKind, Report, Table, Value
from lingbi_cli.reports.sandbox import (
    Limited,
    Runaway,
    limited_range,
    problem,
    run_limited,
    template_line,
)
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.templates_dir import template_path

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")
# Line breaks of every kind (CR, VT, FF, NEL, U+2028, U+2029), tabs and every other control
# character: one space — a record's text is one line of a paragraph or one table cell, and
# Word cannot hold a control character at all.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]+")
# What makes a line a list item, quote or heading when text starts it: escaped there.
_LINE_START = re.compile(r"^(\s*)([-+](?=\s|$)|=+(?=\s*$)|\d+(?=[.)](?:\s|$)))")


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
    return text(value)


def text(value: str) -> str:
    """Text from a record as Markdown that reads as this text and nothing else: on one line,
    without control characters, Markdown's and HTML's special characters escaped (so that no
    record makes a table cell, a heading, an HTML comment or a list)."""
    one_line = _BREAKS.sub(" ", value).strip()
    escaped = _SPECIAL.sub(r"\\\1", one_line)
    return _LINE_START.sub(r"\1\\\2", escaped)


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


class _Environment(Limited):
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


class _Compiled(FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates, between runs: a file per template in a folder of
    the user's own (in the temporary folder, readable by the user alone), used only while the
    template's text is unchanged. Compiling a report's templates is ~0.04 s of every report. A
    cache that cannot be read or written only costs that time."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket: Any) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.cache
def _compiled() -> BytecodeCache | None:
    try:
        return _Compiled()
    except (OSError, RuntimeError):  # no folder of the user's own to keep them in
        return None


def _environment(search: list[str]) -> SandboxedEnvironment:
    env = _Environment(
        loader=FileSystemLoader(search),
        bytecode_cache=_compiled(),
        finalize=md_escape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    env.globals.update(
        campaign=wording.CAMPAIGN, document=wording.DOCUMENT_FULL, range=limited_range
    )
    return env


def render_markdown(
    report: Report, folder: DataFolder | None = None, override: Path | None = None
) -> str:
    """The report as Markdown, through the first template found (see the module docstring):
    ``folder``'s templates/ first, if it has one. A template of the clerk's (``override`` or
    one in the data folder) runs under ``reports.sandbox``'s time and memory limits."""
    search = [str(template_path("half.md.j2").parent)]
    own = folder.path / "templates" if folder is not None else None
    if own is not None and own.is_dir():
        search.insert(0, str(own))
    values = report.context()
    for key in ("next_steps", "experience"):  # the clerk's own Markdown
        if isinstance(values.get(key), str):
            values[key] = Raw(values[key])
    if values.get("experiences"):
        values["experiences"] = [(name, Raw(text)) for name, text in values["experiences"]]
    source = None
    if override is not None:
        if not override.is_file():
            raise TemplateProblem(f"找不到模板文件 {override}")
        try:
            source = override.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            raise TemplateProblem(f"模板 {override} 无法读取（须为 UTF-8 文本文件）") from None
    where = str(override) if override else report.template
    args = (search, source, where, report.template, values)
    if override is not None or (own is not None and own.is_dir() and any(own.iterdir())):
        text = run_limited(_render, args, where)
    else:
        text = _render(*args)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def _render(
    search: list[str], source: str | None, where: str, name: str, values: dict[str, Any]
) -> str:
    """The template ``source`` (or the one named ``name``) rendered with ``values``; whatever
    goes wrong, a TemplateProblem naming the template and its line."""
    env = _environment(search)
    names: tuple[str, ...] = (where,)
    try:
        if source is not None:
            template = env.from_string(source)
        else:
            template = env.get_template(name)
            where = template.filename or where
            names = (where, name)
        return template.render(**values)
    except TemplateSyntaxError as exc:
        raise problem(exc.filename or where, exc.lineno, _syntax(exc.message or "")) from None
    except Exception as exc:  # noqa: BLE001 - a template's own error, never lingbi's crash
        raise problem(where, template_line(exc.__traceback__, names), _what(exc)) from None


_JINJA_SYNTAX = (
    (r"(?i)unexpected end of template.*looking for the following tags: '(\w+)'", "缺少 {{% {} %}}"),
    (r"(?i)unexpected end of template", "模板意外结束（{{% %}} 或 {{{{ }}}} 没有闭合）"),
    (r"Encountered unknown tag '(\w+)'", "不认识的标签 {}"),
    (r"unexpected '(.)'", "多了或缺了 {}"),
    (r"expected token '[^']+', got '([^']+)'", "此处不应出现 {}"),
    (r"(?i)expected an expression", "缺少表达式（变量名或值）"),
    (r"tag name expected", "{{% 之后缺少标签名（如 for、if）"),
)


def _syntax(message: str) -> str:
    """Jinja2's English about a template's syntax, in Chinese."""
    for pattern, chinese in _JINJA_SYNTAX:
        found = re.search(pattern, message)
        if found:
            return "写法有误：" + chinese.format(*found.groups())
    return "写法有误（检查这一行的 {{ }} 和 {% %} 是否配对、是否拼写正确）"


def _what(error: Exception) -> str:
    """What went wrong in a template, in Chinese."""
    if isinstance(error, SecurityError):
        return "试图访问不允许的内容，已拒绝"
    if isinstance(error, Runaway):
        return str(error)
    if isinstance(error, RecursionError):
        return "包含（include）或调用自己的层数过多，已停止"
    if isinstance(error, MemoryError):
        return "占用的内存超出限制，已停止"
    if isinstance(error, UndefinedError):
        name = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(error))
        return f"用到了不存在的值 {name[2] or name[1] if name else ''}".rstrip()
    return f"运行出错（{type(error).__name__}）"


def write_docx(markdown: str, path: Path) -> None:
    from lingbi_cli.reports import docx

    docx.write_docx(markdown, path)
