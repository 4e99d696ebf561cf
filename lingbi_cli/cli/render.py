"""Printing findings: text (one line each, then a summary), JSON and GitHub annotations."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from itertools import groupby

from lingbi_cli.errors import Finding
from lingbi_cli.rules.run import CheckResult

LEVEL_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}


def text_lines(
    result: CheckResult, show_ignored: bool = False, gaps: Sequence[str] = ()
) -> Iterable[str]:
    """``file:line:col level rule message`` lines, hints indented, then the per-rule summary."""
    for found in result.findings:
        where = f"{found.file}:{found.line}:{found.column}"
        yield f"{where} {found.level.value} {found.rule} {found.message}"
        if found.hint:
            yield f"    提示：{found.hint}"
    if show_ignored:
        for found, reason in result.ignored:
            yield (
                f"{found.location()} 已忽略 {found.rule} {found.message}"
                f"（已忽略：{reason or '未写原因'}）"
            )
    yield from summary_lines(result, gaps)


def summary_lines(result: CheckResult, gaps: Sequence[str] = ()) -> Iterable[str]:
    """The count per rule; and what the folder still lacks (``store.missing``), if anything."""
    summary = result.summary()
    if gaps:
        if summary:
            yield ""
        yield "数据还不完整："
        for gap in gaps:
            yield f"  - {gap}"
    if not summary:
        yield "已有的记录没有发现问题。" if gaps else "检查完毕：没有发现问题。"
    else:
        levels: dict[str, str] = {}  # the most serious level each rule reached
        for f in sorted(result.findings, key=lambda f: f.level.rank):
            levels[f.rule] = f.level.value
        yield ""
        yield "按规则汇总："
        width = max(len(name) for name in summary)
        for name, count in summary.items():
            yield f"  {name:<{width}}  {LEVEL_WORDS[levels[name]]}  {count}"
        counts = {lv: sum(1 for f in result.findings if f.level.value == lv) for lv in LEVEL_WORDS}
        yield (
            f"共 {len(result.findings)} 条：错误 {counts['error']}，警告 {counts['warning']}，"
            f"提示 {counts['info']}。"
        )
    if result.ignored:
        yield (
            f"另有 {len(result.ignored)} 条已按记录中的 lingbi: ignore 注释忽略"
            "（--show-ignored 查看）。"
        )


def as_json(result: CheckResult, show_ignored: bool = False) -> str:
    """The stable JSON interface: ``{"findings": [...], "summary": {...}}`` (see README)."""
    payload: dict[str, object] = {
        "findings": [f.as_dict() for f in result.findings],
        "summary": result.summary(),
    }
    if show_ignored:
        payload["ignored"] = [{**f.as_dict(), "reason": r} for f, r in result.ignored]
    return json.dumps(payload, ensure_ascii=False, indent=2)


def github_lines(findings: Iterable[Finding], root: str = "") -> Iterable[str]:
    """GitHub workflow commands, one annotation per finding."""
    kinds = {"error": "error", "warning": "warning", "info": "notice"}
    for f in findings:
        message = f"{f.message}。{f.hint}" if f.hint else f.message
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = f"{root}{f.file}"
        yield (
            f"::{kinds[f.level.value]} file={path},line={f.line or 1},col={f.column or 1},"
            f"title={f.rule}::{message}"
        )


def is_terminal() -> bool:
    return sys.stdout.isatty()


def to_terminal(result: CheckResult, show_ignored: bool = False, gaps: Sequence[str] = ()) -> None:
    """Grouped by file and coloured, for a person at a terminal (rich is imported only here)."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    for file, group in groupby(result.findings, key=lambda f: f.file):
        console.print(f"[bold underline]{escape(file)}[/]")
        for f in group:
            style = styles[f.level.value]
            console.print(
                f"  [dim]{f.line}:{f.column}[/] [{style}]{LEVEL_WORDS[f.level.value]}[/] "
                f"[magenta]{f.rule}[/] {escape(f.message)}"
            )
            if f.hint:
                console.print(f"      [dim]提示：{escape(f.hint)}[/]")
    if show_ignored:
        for f, reason in result.ignored:
            console.print(
                f"[dim]{escape(f.location())} 已忽略 {f.rule}：{escape(f.message)}"
                f"（原因：{escape(reason or '未写原因')}）[/]"
            )
    for line in summary_lines(result, gaps):
        console.print(escape(line))
