"""Options defined once and shared by every command, and the state on ``ctx.obj``.

Importing this module imports no records, rules or store: ``lingbi --help`` and a command's
own module need only Typer here; the data folder and the rules' per-file parts are imported
when a command first opens its folder (``State.folder``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from lingbi_cli import dates, periods
from lingbi_cli.cli import complete
from lingbi_cli.errors import UsageError
from lingbi_cli.periods import Period

if TYPE_CHECKING:
    from lingbi_cli.store.folder import DataFolder


@dataclass
class State:
    """What the root callback learned; commands read it from ``ctx.obj``."""

    data: str | None = None
    command: str = "lingbi"  # the command line as typed, kept in the journal of writes
    _folder: DataFolder | None = field(default=None, repr=False)

    def folder(self, override: Path | None = None, *, cache: bool = True) -> DataFolder:
        """The command's data folder, opened once (``--data``, ``LINGBI_DATA``, or up from
        here); ``override``: a folder the command was given instead. ``cache``: whether the
        command may use the folder's cache (``--no-cache``).

        Every folder a command opens loads with the rules' per-file parts (``store.filecheck``),
        registered by importing ``lingbi_cli.rules``: a command that runs no rule (``stats``,
        ``export``) reads and writes the same cache entries as ``check``."""
        import lingbi_cli.rules  # noqa: F401 - registers the rules' per-file parts
        from lingbi_cli.store.folder import DataFolder

        if override is not None:
            opened = DataFolder.find(str(override), cache=cache)
            opened.command = self.command
            return opened
        if self._folder is None:
            self._folder = DataFolder.find(self.data, cache=cache)
            self._folder.command = self.command
        return self._folder


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


DataOption = Annotated[
    str | None,
    typer.Option("--data", "-d", help="数据文件夹（默认：LINGBI_DATA，或向上查找 lingbi.yaml）"),
]
DataArgument = Annotated[
    Path | None,
    typer.Argument(help="数据文件夹（可省略，同 --data）", show_default=False),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="输出格式：text、json 或 github")
]
AsOfOption = Annotated[
    dt.datetime | None,
    typer.Option("--as-of", formats=dates.FORMATS, help="按这一天的情况检查（默认今天）"),
]
RuleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--rule", "-r", help="只运行这条规则（可重复）", autocompletion=complete.rule_names
    ),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="有警告也以状态 1 退出")]
YearOption = Annotated[
    int | None, typer.Option("--year", min=2000, max=2100, help="只看这一年，如 2019")
]
HalfOption = Annotated[str | None, typer.Option("--half", help="只看这半年，如 2019H1")]
TownshipOption = Annotated[
    str | None,
    typer.Option(
        "--township", "-t", help="只看这个乡镇（编号或名称）", autocompletion=complete.townships
    ),
]


def scope_period(year: int | None, half: str | None) -> Period | None:
    """The period of ``--year`` / ``--half`` (at most one of them)."""
    if year is not None and half is not None:
        raise UsageError("--year 和 --half 只能用一个")
    if half is not None:
        return periods.parse(half)
    if year is not None:
        return periods.year(year)
    return None


DateOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--date",
        formats=dates.FORMATS,
        help="日期，默认今天（如 2019-05-08 或 2019.5.8）",
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", "-n", help="只显示将要做的修改（逐行对比），不写入")
]


def day_of(value: dt.datetime | None) -> dt.date:
    """The day of ``--date``; today without it."""
    return value.date() if value else periods.today()


def choice(enum: type[Any], text: str, what: str) -> Any:
    """The member of ``enum`` that ``text`` names (its Chinese value, or its name); else a usage
    error listing the Chinese values, with the nearest as a suggestion."""
    try:
        return enum(text)
    except ValueError:
        allowed = "、".join(str(m.value) for m in enum)
        words = [str(m.value) for m in enum] + [m.name for m in enum]
        near = difflib.get_close_matches(text, words, n=1, cutoff=0.5)
        maybe = f"（是否想写 {enum(near[0]).value}？）" if near else ""
        raise UsageError(f"{what}“{text}”不对{maybe}，可选：{allowed}") from None


NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="不用缓存，重新读取全部文件（结果相同，只是更慢）")
]


@contextmanager
def progress_bar(threshold: int = 50) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar for runs that read many files, on a terminal only."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    bar = Progress(
        "读取记录", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
    )
    task = None

    def advance(done: int, total: int) -> None:
        nonlocal task
        if total < threshold:
            return
        if task is None:
            bar.start()
            task = bar.add_task("load", total=total)
        bar.update(task, completed=done)

    try:
        yield advance
    finally:
        if task is not None:
            bar.stop()
