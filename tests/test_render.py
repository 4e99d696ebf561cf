"""Printing findings: the text and terminal forms say the same whatever way they are written
(a county prints thousands of lines in one piece)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape

from lingbi_cli.cli import render
from lingbi_cli.errors import CheckResult, Finding, Level

LONG = "活动 yangtuan-a201905-001 的日期 2017-06-04 不在活动期间 2018-04-01 至 2020-12-31 [见表]"
FINDINGS = [
    Finding("date-range", Level.error, "townships/yangtuan/activities/2019-05.yaml", 2, 1, LONG),
    Finding("six-ones", Level.info, "townships/yangtuan/pairings.yaml", 8, 1, "缺少 讲课", "补上"),
    Finding("six-ones", Level.warning, "townships/yangtuan/pairings.yaml", 9, 1, "缺少 送法"),
    Finding("six-ones", Level.info, "townships/yinji/pairings.yaml", 3, 1, "缺少 讲课"),
]


def test_the_summary_gives_each_rule_its_worst_level_and_counts_each_level():
    lines = list(render.text_lines(CheckResult(FINDINGS)))
    assert "  date-range  错误  1" in lines
    assert "  six-ones    警告  3" in lines  # the worst of info, warning, info
    assert lines[-1] == "共 4 条：错误 1，警告 1，提示 2。"
    assert lines[0].startswith("townships/yangtuan/activities/2019-05.yaml:2:1 error date-range")
    assert lines[2] == "    提示：补上"


def test_the_terminal_form_printed_at_once_wraps_and_colours_as_line_by_line():
    def line_by_line(console: Console) -> None:
        styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
        last = None
        for f in FINDINGS:
            if f.file != last:
                console.print(f"[bold underline]{escape(f.file)}[/]")
                last = f.file
            console.print(
                f"  [dim]{f.line}:{f.column}[/] [{styles[f.level.value]}]"
                f"{render.LEVEL_WORDS[f.level.value]}[/] [magenta]{f.rule}[/] {escape(f.message)}"
            )
            if f.hint:
                console.print(f"      [dim]提示：{escape(f.hint)}[/]")
        for line in render.summary_lines(CheckResult(FINDINGS)):
            console.print(escape(line))

    def console(out: io.StringIO) -> Console:
        return Console(
            file=out, width=40, force_terminal=True, color_system="truecolor", highlight=False
        )

    expected, got = io.StringIO(), io.StringIO()
    line_by_line(console(expected))
    render.to_terminal(CheckResult(FINDINGS), console=console(got))
    assert got.getvalue() == expected.getvalue()
    assert "[见表]" in got.getvalue()  # markup in a message is printed, not read
