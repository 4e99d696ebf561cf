"""``lingbi check``: every rule violation in the data folder, or what a change to files concerns."""

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from lingbi_cli import rules
from lingbi_cli.cli import render
from lingbi_cli.cli.options import (
    AsOfOption,
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
from lingbi_cli.errors import UsageError
from lingbi_cli.rules.run import CheckResult
from lingbi_cli.store.changed import by_folder, concerning
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.missing import missing

PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="数据文件夹（可省略，同 --data）；或要检查的记录文件（如 pre-commit 传入的改动文件）",
        show_default=False,
    ),
]


def check(
    ctx: typer.Context,
    paths: PathsArgument = None,
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

    给出文件时（如 pre-commit 传入改动的文件），从文件向上找到数据文件夹，只列出这些文件中的
    问题，以及它们在别处引起的问题。

    退出状态：0 没有错误；1 有错误（加 --strict 时警告也算）；2 数据文件夹或参数无法使用。

    例：lingbi check --half 2019H1 --township 杨疃镇 --as-of 2019-07-01
    """
    state: State = ctx.obj
    targets = paths or []
    cache = not no_cache
    if len(targets) <= 1 and not any(p.is_file() for p in targets):
        groups: dict[DataFolder, list[str] | None] = {
            state.folder(targets[0] if targets else None, cache=cache): None
        }
    else:
        missing_files = [str(p) for p in targets if not p.exists()]
        if missing_files or any(p.is_dir() for p in targets):
            raise UsageError(
                f"找不到文件：{'、'.join(missing_files)}"
                if missing_files
                else "给出文件时不能同时给出文件夹"
            )
        if state.data:
            folder = state.folder(cache=cache)
            groups = {folder: [p.resolve().relative_to(folder.path).as_posix() for p in targets]}
        else:
            groups = {
                DataFolder(path, cache=cache): rels for path, rels in by_folder(targets).items()
            }
    failed = False
    for folder, rels in groups.items():
        with progress_bar() as progress:
            result = rules.check_folder(
                folder,
                as_of=as_of.date() if as_of else None,
                only=rule,
                period=scope_period(year, half),
                township=township,
                progress=progress,
            )
        gaps: list[str] = []
        if rels is not None:
            result = CheckResult(concerning(result.findings, folder.path, rels), result.ignored)
        elif output is OutputFormat.text:
            gaps = missing(folder, township)
        show(result, output, folder.path, show_ignored, gaps, relative=rels is not None)
        worst = result.worst()
        if worst is not None and (worst.value == "error" or (strict and worst.value == "warning")):
            failed = True
    if failed:
        raise typer.Exit(1)


def show(
    result: CheckResult,
    output: OutputFormat,
    folder: Path,
    show_ignored: bool,
    gaps: list[str],
    *,
    relative: bool,
) -> None:
    """Print ``result``; ``relative``: text paths from the working directory (files mode)."""
    if output is OutputFormat.json:
        typer.echo(render.as_json(result, show_ignored))
        return
    if output is OutputFormat.github:
        lines = list(render.github_lines(result.findings, _root_prefix(folder)))
        if lines:
            typer.echo("\n".join(lines))
        return
    if relative:
        prefix = _root_prefix(folder)
        result = CheckResult([replace(f, file=prefix + f.file) for f in result.findings])
    if render.is_terminal():
        render.to_terminal(result, show_ignored, gaps)
    else:  # one write: a county prints thousands of lines
        typer.echo("\n".join(render.text_lines(result, show_ignored, gaps)))


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
