"""Printing findings: the text and terminal forms say the same whatever way they are written
(a county prints thousands of lines in one piece)."""

from __future__ import annotations

import io
import random

from rich.console import Console
from rich.markup import escape

from lingbi_cli.cli import render
from lingbi_cli.errors import CheckResult, Finding, Level, Piece
from lingbi_cli.store.layout import township_of

LONG = "活动 yangtuan-a201905-001 的日期 2017-06-04 不在活动期间 2018-04-01 至 2020-12-31 [见表]"
FINDINGS = [
    Finding("date-range", Level.error, "townships/yangtuan/activities/2019-05.yaml", 2, 1, LONG),
    Finding("six-ones", Level.info, "townships/yangtuan/pairings.yaml", 8, 1, "缺少 讲课", "补上"),
    Finding("six-ones", Level.warning, "townships/yangtuan/pairings.yaml", 9, 1, "缺少 送法"),
    Finding("six-ones", Level.info, "townships/yinji/pairings.yaml", 3, 1, "缺少 讲课"),
]


def test_the_summary_gives_each_rule_its_worst_level_and_counts_each_level():
    lines = "\n".join(render.text_lines(CheckResult(FINDINGS))).split("\n")
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


# files of every kind a part's findings are in: the townships' own (``da`` and ``da-li`` sort
# differently as folders and as names), county/townships.yaml (each township's record there is
# its part's), the county's files, a stray file in townships/ and one at the top
FILES = [
    "county/townships.yaml",
    "county/units.yaml",
    "lingbi.yaml",
    "notes.txt",
    "townships/da-li/households.yaml",
    "townships/da/activities/2019-05.yaml",
    "townships/da/households.yaml",
    "townships/dali/pairings.yaml",
    "townships/x.yaml",
]


def test_pieces_print_as_their_findings_put_together_print():
    """A county's check printed from its parts' pieces (``render._printed``): the same text as
    all their findings sorted by place, whichever part's they are — ties in the parts' order."""
    chance = random.Random(16)
    for _trial in range(400):
        parts: dict[str | None, list[Finding]] = {}
        for _ in range(chance.randrange(0, 40)):
            file = chance.choice(FILES)
            record = chance.choice(["", "da", "da-li", "dali"])
            found = Finding(
                chance.choice(["six-ones", "plan-filed", "schema"]),
                chance.choice(list(Level)),
                file,
                chance.randrange(0, 4),
                chance.randrange(0, 3),
                chance.choice(["缺少 讲课", "未报送", "格式有误"]),
                chance.choice(["", "补上"]),
                record,
            )
            parts.setdefault(township_of(file, record), []).append(found)
        order = sorted(parts, key=lambda p: (p is not None, p or ""))  # as a check asks them
        judged = [sorted(parts[p], key=Finding.sort_key) for p in order]
        whole = sorted((f for found in judged for f in found), key=Finding.sort_key)
        pieces = [Piece.of(CheckResult(found)) for found in judged]
        assert all(b[0].startswith("townships/") for p in pieces for b in p.blocks)
        by_pieces = CheckResult(pieces=pieces)
        expected = "\n".join(render.text_lines(CheckResult(whole), gaps=["x"]))
        assert "\n".join(render.text_lines(by_pieces, gaps=["x"])) == expected
        assert render.text_bytes(by_pieces, gaps=["x"]) == expected.encode()
        assert by_pieces.worst() == CheckResult(whole).worst()


def test_damaged_printed_lines_print_and_undecodable_file_names_keep_their_bytes():
    """A cache file's bytes damaged: printed with a replacement character, never a failure; a
    file name the system could not decode (surrogate escapes) is kept as its bytes."""
    odd = "townships/yangtuan/\udcff.yaml"
    piece = Piece.of(CheckResult([Finding("schema", Level.error, odd, 1, 1, "格式有误")]))
    assert piece.blocks[0][1].startswith(b"townships/yangtuan/\xff.yaml:1:1 error schema")
    damaged = Piece([("townships/a/b.yaml", b"townships/a/b.yaml:1:1 \xe6\x9c")], [], [], 0, b"")
    printed = "\n".join(render.text_lines(CheckResult(pieces=[damaged])))
    assert printed.startswith("townships/a/b.yaml:1:1 \ufffd")


def test_what_is_printed_is_written_as_it_is_but_escape_sequences(capsysbinary):
    """``check``'s text goes out as stored (UTF-8) — but an escape sequence a record's text
    brought in is taken out of output that is not a terminal, as ``typer.echo`` does."""
    from lingbi_cli.cli.check import _write

    _write("县:1:1 提示 缺少 讲课\n".encode())
    _write("a\x1b[31m红\x1b[0m\n".encode())
    assert capsysbinary.readouterr().out == "县:1:1 提示 缺少 讲课\na红\n".encode()
