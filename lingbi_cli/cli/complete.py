"""Shell completion: installing it (in Chinese), and the values it offers from the data folder.

Commands and options complete by themselves (Typer). The functions here complete the values a
clerk would otherwise look up: rule names, townships (name and id), deputies and households
(name and id) of the data folder named by ``--data`` earlier on the line, ``LINGBI_DATA`` or the
folder found upwards from here. A completion never fails loudly: with no usable data folder it
offers nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:  # imported when a value is completed: not at every start of lingbi
    from lingbi_cli import models

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _records(ctx: typer.Context, kinds: tuple[type[models.Record], ...]) -> Any:
    import lingbi_cli.rules  # noqa: F401 - the loader's per-file checks, as every command has
    from lingbi_cli.store.folder import DataFolder

    data = ctx.find_root().params.get("data")
    try:
        return DataFolder.find(data).load(lambda f: f.model in kinds)
    except Exception:  # no data folder here, or a broken one: complete nothing
        return None


def _named(
    ctx: typer.Context, model: type[models.Record], table: str, field: str
) -> Iterator[tuple[str, str]]:
    records = _records(ctx, (model,))
    if records is None:
        return
    for record in getattr(records, table).values():
        name = str(getattr(record, field))
        yield name, record.id
        yield record.id, name


def townships(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Townships by name and by id."""
    from lingbi_cli import models

    return [
        c for c in _named(ctx, models.Township, "townships", "name") if c[0].startswith(incomplete)
    ]


def deputies(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Deputies by name and by id."""
    from lingbi_cli import models

    return [
        c for c in _named(ctx, models.Deputy, "deputies", "name") if c[0].startswith(incomplete)
    ]


def households(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Households by the head's name and by id."""
    from lingbi_cli import models

    return [
        c
        for c in _named(ctx, models.Household, "households", "head")
        if c[0].startswith(incomplete)
    ]


def rule_names(incomplete: str) -> list[tuple[str, str]]:
    """The rules' names, with what each checks."""
    from lingbi_cli.rules import REGISTRY

    return [(name, rule.summary) for name, rule in REGISTRY.items() if name.startswith(incomplete)]


def activity_kinds(incomplete: str) -> list[tuple[str, str]]:
    """Kinds of activity by their short name (``visit``) and their Chinese name (``串门``)."""
    from lingbi_cli import models

    pairs = [(k.name, k.value) for k in models.ActivityKind]
    pairs += [(k.value, k.name) for k in models.ActivityKind]
    return [p for p in pairs if p[0].startswith(incomplete)]


def _shell() -> str:
    from typer._completion_shared import _get_shell_name  # typer's detection (shellingham)

    shell = _get_shell_name()
    if shell not in SHELLS:
        from lingbi_cli.errors import UsageError

        found = f"（现在是 {shell}）" if shell else ""
        raise UsageError(
            f"命令补全只支持 bash、zsh、fish 和 PowerShell{found}；请在其中之一运行这条命令"
        )
    return shell


def install(ctx: typer.Context, value: bool) -> None:
    """``--install-completion``: add completion to the current shell's start-up file."""
    if not value or ctx.resilient_parsing:
        return
    from typer._completion_shared import install as install_script

    try:
        shell, path = install_script(shell=_shell(), prog_name="lingbi")
    except typer.Exit:  # typer could not find where the shell keeps its start-up file
        from lingbi_cli.errors import UsageError

        raise UsageError(
            "无法确定终端的启动文件；可用 lingbi --show-completion 显示补全脚本后自行加入"
        ) from None
    typer.echo(f"已为 {shell} 安装命令补全：{path}")
    typer.echo("重新打开终端后生效；输入 lingbi 后按 Tab 键补全命令、选项、乡镇、代表和贫困户。")
    raise typer.Exit(0)


def show(ctx: typer.Context, value: bool) -> None:
    """``--show-completion``: print the script, to be installed by hand."""
    if not value or ctx.resilient_parsing:
        return
    from typer._completion_shared import get_completion_script

    typer.echo(
        get_completion_script(prog_name="lingbi", complete_var="_LINGBI_COMPLETE", shell=_shell())
    )
    raise typer.Exit(0)
