"""Printing findings: text (one line each, then a summary), JSON and GitHub annotations."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING

from lingbi_cli.errors import CheckResult, Finding, Piece

if TYPE_CHECKING:
    from rich.console import Console

LEVEL_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}
RANKS = {"error": 2, "warning": 1, "info": 0}


def text_lines(
    result: CheckResult, show_ignored: bool = False, gaps: Sequence[str] = ()
) -> Iterable[str]:
    """``file:line:col level rule message`` lines, hints indented, then the per-rule summary
    (a finding's lines in one string, a result of pieces a file's in one)."""
    if result.pieces is not None:
        for chunk in _printed(result.pieces):
            yield chunk.decode("utf-8", "replace")  # a damaged cache file prints, never fails
    else:
        for found in result.findings:
            yield found.text()
    yield from _after_findings(result, show_ignored, gaps)


def text_bytes(result: CheckResult, show_ignored: bool = False, gaps: Sequence[str] = ()) -> bytes:
    """``text_lines`` joined by newlines, in UTF-8: a result made of pieces (``errors.Piece``)
    from the printed findings they keep in UTF-8, a block per file (a county's 15,000 findings
    are not read back, nor decoded to be encoded again)."""
    if result.pieces is None:
        return "\n".join(text_lines(result, show_ignored, gaps)).encode()
    rest = "\n".join(_after_findings(result, show_ignored, gaps)).encode()
    return b"\n".join([*_printed(result.pieces), rest])


def _printed(pieces: Sequence[Piece]) -> list[bytes]:
    """The pieces' printed findings in order of place: the blocks of the townships' files (a
    file's findings are one piece's), and the other findings merged by their places, each
    file's made into a block (ties in the pieces' order, as a stable sort of all of them)."""
    blocks = [block for piece in pieces for block in piece.blocks]
    placed = [found for piece in pieces for found in piece.placed]
    placed.sort(key=itemgetter(0, 1, 2, 3))
    for file, group in groupby(placed, key=itemgetter(0)):
        blocks.append((file, b"\n".join(found[4] for found in group)))
    blocks.sort(key=itemgetter(0))
    return [text for _file, text in blocks]


def _after_findings(result: CheckResult, show_ignored: bool, gaps: Sequence[str]) -> Iterable[str]:
    """What is printed after the findings: those ignored (if asked for), the summary."""
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
        counts = dict.fromkeys(LEVEL_WORDS, 0)
        for (rule, level), count in result.tally().items():
            counts[level] += count
            if rule not in levels or RANKS[level] > RANKS[levels[rule]]:
                levels[rule] = level
        yield ""
        yield "按规则汇总："
        width = max(len(name) for name in summary)
        for name, count in summary.items():
            yield f"  {name:<{width}}  {LEVEL_WORDS[levels[name]]}  {count}"
        yield (
            f"共 {sum(counts.values())} 条：错误 {counts['error']}，警告 {counts['warning']}，"
            f"提示 {counts['info']}。"
        )
    silenced = result.ignored_count()
    if silenced:
        yield f"另有 {silenced} 条已按记录中的 lingbi: ignore 注释忽略（--show-ignored 查看）。"


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


def to_terminal(
    result: CheckResult,
    show_ignored: bool = False,
    gaps: Sequence[str] = (),
    console: Console | None = None,
) -> None:
    """Grouped by file and coloured, for a person at a terminal (rich is imported only here);
    printed in one piece (a county's thousands of findings, one ``print`` each, take seconds)."""
    from rich.console import Console
    from rich.markup import escape

    console = console or Console(highlight=False)
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    lines: list[str] = []
    for file, group in groupby(result.findings, key=lambda f: f.file):
        lines.append(f"[bold underline]{escape(file)}[/]")
        for f in group:
            level = f.level._value_
            lines.append(
                f"  [dim]{f.line}:{f.column}[/] [{styles[level]}]{LEVEL_WORDS[level]}[/] "
                f"[magenta]{f.rule}[/] {escape(f.message)}"
            )
            if f.hint:
                lines.append(f"      [dim]提示：{escape(f.hint)}[/]")
    if show_ignored:
        for f, reason in result.ignored:
            lines.append(
                f"[dim]{escape(f.location())} 已忽略 {f.rule}：{escape(f.message)}"
                f"（原因：{escape(reason or '未写原因')}）[/]"
            )
    lines.extend(escape(line) for line in summary_lines(result, gaps))
    console.print("\n".join(lines))
