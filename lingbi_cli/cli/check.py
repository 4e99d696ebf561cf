"""``lingbi check``: every rule violation in the data folder."""

from __future__ import annotations

from pathlib import Path

import typer

from lingbi_cli import rules
from lingbi_cli.cli import render
from lingbi_cli.cli.options import (
    AsOfOption,
    DataArgument,
    FormatOption,
    HalfOption,
    NoCacheOption,
    OutputFormat,
    RuleOption,
    State,
    StrictOption,
    TownshipOption,
    YearOption,
    progress_bar,
    scope_period,
)


def check(
    ctx: typer.Context,
    data: DataArgument = None,
    output: FormatOption = OutputFormat.text,
    as_of: AsOfOption = None,
    rule: RuleOption = None,
    strict: StrictOption = False,
    year: YearOption = None,
    half: HalfOption = None,
    township: TownshipOption = None,
    show_ignored: bool = typer.Option(False, "--show-ignored", help="也列出被注释忽略的问题"),
    no_cache: NoCacheOption = False,
) -> None:
    """检查全部记录，列出每一处问题（文件:行:列 级别 规则 说明）。

    退出状态：0 没有错误；1 有错误（加 --strict 时警告也算）；2 数据文件夹或参数无法使用。

    例：lingbi check --half 2019H1 --township 杨疃镇 --as-of 2019-07-01
    """
    state: State = ctx.obj
    folder = state.folder(data)
    with progress_bar() as progress:
        result = rules.check_folder(
            folder,
            as_of=as_of.date() if as_of else None,
            only=rule,
            period=scope_period(year, half),
            township=township,
            cache=not no_cache,
            progress=progress,
        )
    if output is OutputFormat.text and render.is_terminal():
        render.to_terminal(result, show_ignored)
    elif output is OutputFormat.json:
        typer.echo(render.as_json(result, show_ignored))
    elif output is OutputFormat.github:
        for line in render.github_lines(result.findings, _root_prefix(folder)):
            typer.echo(line)
    else:
        for line in render.text_lines(result, show_ignored):
            typer.echo(line)
    worst = result.worst()
    if worst is not None and (worst.value == "error" or (strict and worst.value == "warning")):
        raise typer.Exit(1)


def _root_prefix(folder: Path) -> str:
    """The data folder relative to the working directory (the repository root in a workflow),
    so that annotations attach to the right files; "" when it is the working directory."""
    try:
        rel = folder.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return ""
    return "" if rel == "." else f"{rel}/"


def register(app: typer.Typer) -> None:
    app.command()(check)
