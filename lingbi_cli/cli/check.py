"""``lingbi check``: every rule violation in the data folder, or what a change to files concerns."""

import codecs
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

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
from lingbi_cli.errors import CheckResult, DataFolderNotFound, UsageError
from lingbi_cli.periods import today
from lingbi_cli.store import answers
from lingbi_cli.store.locate import find_data_folder

if TYPE_CHECKING:
    from lingbi_cli.store.folder import DataFolder
    from lingbi_cli.store.layout import Listing

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
    judging_day = as_of.date() if as_of else None
    period = scope_period(year, half)
    # plain text, not to a terminal: printed from the stored results' printed lines, their
    # findings not read back (``render.text_lines``)
    printed = output is OutputFormat.text and not show_ignored and not render.is_terminal()
    if len(targets) <= 1 and not any(p.is_file() for p in targets):
        # the whole folder: answered from its stored answer when nothing in it changed, before
        # the schemas and rules are imported (``store.answers``)
        question = ("check", rule, period, township)
        given = str(targets[0]) if targets else state.data
        seen: dict[str, os.stat_result] = {}
        listing: Listing = {}
        root, answer_key = _answer_key(given, question, seen, listing) if cache else (None, None)
        if root is not None:
            answer = answers.get(root, answer_key, judging_day or today(), today(), printed=printed)
            if answer is not None:
                result, lacking = answer
                if _finish(result, output, root, show_ignored, lacking, strict):
                    raise typer.Exit(1)
                return
        folder = state.folder(targets[0] if targets else None, cache=cache)
        if root == folder.path:
            folder.seen(seen, listing)  # the files' states the answer's key was made of
        groups: dict[DataFolder, list[str] | None] = {folder: None}
    else:
        from lingbi_cli.store.changed import by_folder
        from lingbi_cli.store.folder import DataFolder as Opened

        root = answer_key = None
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
            groups = {Opened(path, cache=cache): rels for path, rels in by_folder(targets).items()}
    from lingbi_cli import rules
    from lingbi_cli.store.changed import concerning
    from lingbi_cli.store.missing import missing

    failed = False
    for folder, rels in groups.items():
        with progress_bar() as progress:
            judged = rules.judge_folder(
                folder,
                as_of=judging_day,
                only=rule,
                period=period,
                township=township,
                progress=progress,
                printed=printed and rels is None,
            )
        result = judged.result
        gaps: list[str] = []
        if rels is not None:
            result = CheckResult(concerning(result.findings, folder.path, rels), result.ignored)
        else:
            gaps = missing(folder, township)
            if root == folder.path:
                answers.put(root, answer_key, judged.key, gaps)
        failed |= _finish(
            result, output, folder.path, show_ignored, gaps, strict, relative=rels is not None
        )
    if failed:
        raise typer.Exit(1)


def _answer_key(
    given: str | None,
    question: tuple[object, ...],
    seen: dict[str, os.stat_result],
    listing: "Listing",
) -> tuple[Path | None, str | None]:
    """The data folder (None when there is none: the usual way says why) and the key of the
    stored answer to ``question`` about it as it is now (``seen``: the files' states;
    ``listing``: the folders' entries)."""
    try:
        root = find_data_folder(given)
    except DataFolderNotFound:
        return None, None
    return root, answers.key(root, question, seen, listing)


def _finish(
    result: CheckResult,
    output: OutputFormat,
    folder: Path,
    show_ignored: bool,
    gaps: list[str],
    strict: bool,
    *,
    relative: bool = False,
) -> bool:
    """Print ``result``; whether it fails the check (an error; a warning with ``--strict``)."""
    show(result, output, folder, show_ignored, gaps, relative=relative)
    worst = result.worst()
    if worst is not None and (worst.value == "error" or (strict and worst.value == "warning")):
        return True
    return False


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
        _write(render.text_bytes(result, show_ignored, gaps) + b"\n")


def _write(text: bytes) -> None:
    """Print ``text`` (UTF-8): as it is where the output takes UTF-8 and its newlines as they
    are, else decoded and printed as text (in the console's encoding: ``console.configure``;
    with the system's newlines) — and when it holds an escape sequence, which ``typer.echo``
    takes out of what does not go to a terminal (a record's text could hold one)."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None) or ""
    if buffer is not None and os.linesep == "\n" and _is_utf8(encoding) and b"\x1b" not in text:
        out.flush()
        buffer.write(text)
        buffer.flush()
    else:
        typer.echo(text.decode("utf-8", "replace"), nl=False)


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


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
