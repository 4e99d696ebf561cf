"""``lingbi check``: every rule violation in the data folder."""

from __future__ import annotations

import datetime as dt

import typer

from lingbi_cli import rules
from lingbi_cli.cli import render
from lingbi_cli.cli.options import (
    AsOfOption,
    DataArgument,
    FormatOption,
    OutputFormat,
    RuleOption,
    State,
    StrictOption,
)
from lingbi_cli.store.load import load


def check(
    ctx: typer.Context,
    data: DataArgument = None,
    output: FormatOption = OutputFormat.text,
    as_of: AsOfOption = None,
    rule: RuleOption = None,
    strict: StrictOption = False,
    show_ignored: bool = typer.Option(False, "--show-ignored", help="也列出被注释忽略的问题"),
) -> None:
    """检查全部记录，列出每一处问题（文件:行:列 级别 规则 说明）。

    退出状态：0 没有错误；1 有错误（加 --strict 时警告也算）；2 数据文件夹或参数无法使用。

    例：lingbi check --format json data/
    """
    state: State = ctx.obj
    folder = state.folder(data)
    county = load(folder)
    day = as_of.date() if as_of else dt.date.today()
    result = rules.run(county, as_of=day, only=rule)
    if output is OutputFormat.json:
        typer.echo(render.as_json(result, show_ignored))
    elif output is OutputFormat.github:
        for line in render.github_lines(result.findings):
            typer.echo(line)
    else:
        for line in render.text_lines(result, show_ignored):
            typer.echo(line)
    worst = result.worst()
    if worst is not None and (worst.value == "error" or (strict and worst.value == "warning")):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(check)
