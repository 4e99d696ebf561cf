"""Rendering a ``Report`` to Markdown with a sandboxed Jinja2 template, and to Word.

Templates are looked up in this order: ``--template FILE``; ``templates/<name>`` in the data
folder (a clerk's changed copy); the shipped ``templates/<name>``. Every template, shipped or
not, runs in Jinja2's ``SandboxedEnvironment``: no attribute starting with ``_``, no access to
Python internals. Every value a template prints is escaped for Markdown (``|``, ``#``, ``*`` …)
unless the builder marked it as Markdown already (``Raw``), so that a summary containing ``|``
cannot break a table.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from lingbi_cli.errors import TemplateProblem
from lingbi_cli.reports.build import Report
from lingbi_cli.templates_dir import template_path

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


class Raw(str):
    """Text that is Markdown already (the clerk's own notes): printed as it is."""


def md_escape(value: Any) -> Any:
    """Escape Markdown's special characters in text from records; leave Raw and numbers."""
    if value is None:
        return ""
    if isinstance(value, Raw) or not isinstance(value, str):
        return value
    text = _SPECIAL.sub(r"\\\1", value)
    return text.replace("\r\n", " ").replace("\n", " ")


def _environment(data_folder: Path | None) -> SandboxedEnvironment:
    search = [str(template_path("half.md.j2").parent)]
    if data_folder is not None and (data_folder / "templates").is_dir():
        search.insert(0, str(data_folder / "templates"))
    env = SandboxedEnvironment(
        loader=FileSystemLoader(search),
        finalize=md_escape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    return env


def render_markdown(
    report: Report, data_folder: Path | None = None, override: Path | None = None
) -> str:
    """The report as Markdown, through the first template found (see the module docstring)."""
    env = _environment(data_folder)
    values = dict(report.values)
    if values.get("notes"):
        values["notes"] = Raw(values["notes"])
    where = str(override) if override else report.template
    try:
        if override is not None:
            if not override.is_file():
                raise TemplateProblem(f"找不到模板文件 {override}")
            template = env.from_string(override.read_text(encoding="utf-8-sig"))
        else:
            template = env.get_template(report.template)
            where = template.filename or where
        return template.render(title=report.title, **values)
    except SecurityError as exc:
        raise TemplateProblem(f"模板 {where} 试图访问不允许的内容，已拒绝：{exc}") from None
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise TemplateProblem(f"模板 {where}{f':{line}' if line else ''} 有误：{exc}") from None


def write_docx(markdown: str, path: Path) -> None:
    from lingbi_cli.reports import docx

    docx.write_docx(markdown, path)
