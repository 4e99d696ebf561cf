"""Asking, on a terminal, for what a command line left out.

Each answer is checked as soon as it is typed; a wrong one is asked again, with suggestions
(close spellings, pinyin initials: ``zds`` → 张得胜), and nothing typed before is lost. A name
that fits several people, or part of a name, gives a numbered list to choose from. Ctrl-C or
the end of input cancels the command before anything is written (``typer.Abort``: the root
prints ``已取消，没有写入`` and exits 130).

``Terminal`` is the seam: tests give it their own ``read`` and ``write``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import typer

from lingbi_cli import dates

T = TypeVar("T")
SEPARATORS = re.compile(r"[、，,；;\s]+")


class Again(Exception):
    """An answer that cannot be used: the message says why and what would do."""


def _echo(text: str) -> None:
    typer.echo(text)


@dataclass
class Terminal:
    """Where questions are asked: ``read`` shows a prompt and returns the line typed."""

    read: Callable[[str], str] = input
    write: Callable[[str], None] = field(default=_echo)

    def line(self, prompt: str) -> str:
        try:
            return self.read(prompt)
        except (KeyboardInterrupt, EOFError):
            raise typer.Abort() from None


def interactive() -> bool:
    """Whether questions can be asked: both ends are a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def ask(term: Terminal, prompt: str, parse: Callable[[str], T], default: str | None = None) -> T:
    """Ask until ``parse`` accepts the answer (an empty answer takes ``default``)."""
    shown = f"{prompt}（直接回车即 {default}）：" if default else f"{prompt}："
    while True:
        text = term.line(shown).strip()
        if not text and default is not None:
            text = default
        if not text:
            term.write("  这一项必须填写。")
            continue
        try:
            return parse(text)
        except Again as again:
            term.write(f"  {again}")


def choose(term: Terminal, prompt: str, options: Sequence[tuple[str, str]]) -> str:
    """One of ``options`` (value, label): by its number, its value or its label."""
    for number, (_, label) in enumerate(options, start=1):
        term.write(f"  {number}. {label}")

    def parse(text: str) -> str:
        if text.isdigit():
            number = int(text)
            if 1 <= number <= len(options):
                return options[number - 1][0]
            raise Again(f"没有第 {number} 项，请填 1—{len(options)} 之间的序号。")
        matches = [value for value, label in options if text == value or text in label]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise Again(f"“{text}”符合不止一项，请填序号（1—{len(options)}）。")
        raise Again(f"没有“{text}”这一项，请填序号（1—{len(options)}）。")

    return ask(term, f"{prompt}（填序号）", parse)


def day(term: Terminal, today: dt.date, period: tuple[dt.date, dt.date] | None = None) -> dt.date:
    """The day of the record: today by default (when it lies in ``period``, the campaign);
    neither in the future nor outside ``period``."""

    def parse(text: str) -> dt.date:
        found = dates.parse(text)
        if found is None:
            raise Again(dates.why_not(text) + "。")
        if found > today:
            raise Again(f"{found} 还没有到，不能登记未来的日期。")
        if period is not None and not period[0] <= found <= period[1]:
            raise Again(f"{found} 不在活动期间（{period[0]} 至 {period[1]}）。")
        return found

    usable = period is None or period[0] <= today <= period[1]
    if usable:
        return ask(term, "日期", parse, default=today.isoformat())
    return ask(term, "日期（年-月-日，如 2019-05-08）", parse)


def initials(name: str) -> str:
    """``zds`` for 张得胜 (pinyin initials; empty where pypinyin cannot say)."""
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:  # pragma: no cover - pypinyin is a dependency; a bare install still runs
        return ""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


def candidates(text: str, people: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (id, name) that ``text`` may mean: the id or the whole name; else part of the name;
    else the pinyin initials."""
    exact = [p for p in people if text in p]
    if exact:
        return exact
    partial = [p for p in people if text in p[1]]
    if partial:
        return partial
    lowered = text.lower()
    return [p for p in people if lowered.isascii() and initials(p[1]) == lowered]


def person(
    term: Terminal, text: str, people: Sequence[tuple[str, str]], what: str
) -> tuple[str, str]:
    """The one person ``text`` names; several: chosen from a list; none: asked again."""
    while True:
        found = candidates(text, people)
        if len(found) == 1:
            return found[0]
        if found:
            term.write(f"  “{text}”可能是以下{what}：")
            options = [(pid, f"{name}（{pid}）") for pid, name in found]
            chosen = choose(term, f"是哪一位{what}", options)
            return next(p for p in found if p[0] == chosen)
        names = [name for _, name in people]
        near = difflib.get_close_matches(text, names, n=3, cutoff=0.3)
        also = (
            f"是否是：{'、'.join(near)}？"
            if near
            else "可以填编号、姓名、姓名的一部分或拼音首字母。"
        )
        term.write(f"  找不到{what}“{text}”。{also}")
        text = term.line(f"请重新填写这位{what}：").strip()
        while not text:
            text = term.line(f"请重新填写这位{what}：").strip()


def several(
    term: Terminal, prompt: str, people: Sequence[tuple[str, str]], what: str
) -> list[tuple[str, str]]:
    """Several people on one line, separated by 、，, or spaces; each checked on its own."""
    text = ""
    while not text:
        text = term.line(f"{prompt}（多位用、或空格分开）：").strip()
    chosen: list[tuple[str, str]] = []
    for part in (p for p in SEPARATORS.split(text) if p):
        found = person(term, part, people, what)
        if found not in chosen:
            chosen.append(found)
    if len(chosen) > 1 or chosen[0][1] != text:
        term.write("  → " + "、".join(f"{name}（{pid}）" for pid, name in chosen))
    return chosen


def words(text: str) -> list[str]:
    """A list typed on one line: ``前庄村、后湖村`` or ``前庄村 后湖村``."""
    return [w for w in SEPARATORS.split(text) if w]
