"""The Typer application: the callback (data folder) and one thin module per command group.

Every ``LingbiError`` is caught once, in ``LingbiGroup.invoke``: its Chinese message goes to
stderr and the process exits with the error's code (2 for unusable input, 1 for a refusal).
No traceback is ever shown to a clerk: records hold personal data. ``LingbiGroup.main`` tells a
usage error anywhere on the line (before the command too) in Chinese (``cli/usage.py``), and a
Ctrl-C at a prompt as ``已取消，没有写入`` (exit 130). Every command and group gets the Chinese
help page of ``cli/help.py``.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from lingbi_cli import __version__
from lingbi_cli.cli import complete, console, usage
from lingbi_cli.cli.help import ChineseHelp
from lingbi_cli.cli.options import DataOption, State
from lingbi_cli.errors import LingbiError

try:  # typer vendors click; its usage errors are told in Chinese below
    from typer._click.exceptions import ClickException
    from typer._click.exceptions import UsageError as ClickUsageError
except ImportError:  # pragma: no cover - a typer that still depends on click
    from click.exceptions import (  # type: ignore[no-redef,import-not-found,assignment,unused-ignore]
        ClickException,
    )
    from click.exceptions import (  # type: ignore[no-redef,import-not-found,assignment,unused-ignore]
        UsageError as ClickUsageError,
    )

CANCELLED = "已取消，没有写入"


class LingbiCommand(ChineseHelp, TyperCommand):
    """A command whose help page, and complaint about words left over, are Chinese."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        strict = not ctx.allow_extra_args
        ctx.allow_extra_args = True  # the leftovers are told below, in Chinese
        try:
            rest: list[str] = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = not strict
        if strict and ctx.args and not ctx.resilient_parsing:
            extra = " ".join(ctx.args)
            raise usage.ChineseUsageError(f"多出了参数：{extra}（值里有空格时请加引号）", ctx)
        return rest


class ChineseGroup(ChineseHelp, TyperGroup):
    """A command group whose help page and unknown-command message are Chinese."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            if not ctx.resilient_parsing:
                maybe = difflib.get_close_matches(name, list(self.commands), n=3)
                also = f"（是否想用 {'、'.join(maybe)}？）" if maybe else ""
                raise usage.ChineseUsageError(f"没有命令 {name}{also}", ctx)
        return super().resolve_command(ctx, args)


def _usage_error(error: Any) -> int:
    """Say what is wrong with the command line, and where its help is; the exit status."""
    ctx = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError" and ctx is not None:
        typer.echo(ctx.get_help(), err=True)
        return 2
    typer.echo(f"错误：{usage.in_chinese(error)}", err=True)
    path = ctx.command_path if ctx is not None else "lingbi"
    typer.echo(f"用 {path} --help 查看用法和例子。", err=True)
    return 2


class LingbiGroup(ChineseGroup):
    """The root: catches the one exception tree and turns it into a message and an exit code;
    usage errors anywhere on the command line (before the command too) are told in Chinese.
    Each command is added when it is first asked for (``COMMANDS``)."""

    def _load(self, module: str, only: str | None = None) -> list[str]:
        """Add the commands of ``module`` (each once; ``only``: that one, and the module's
        groups); their names, in its order."""
        loaded: dict[str, list[str]] = self.__dict__.setdefault("_loaded", {})
        if module in loaded:
            return loaded[module]
        found = commands_of(module, only)
        for name, command in found.items():
            if name not in self.commands:
                self.add_command(command, name)
        if only is None:
            loaded[module] = list(found)
        return list(found)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            if cmd_name in COMMANDS:
                self._load(COMMANDS[cmd_name], only=cmd_name)
            else:
                for module in MODULES:
                    self._load(module)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: Any) -> list[str]:
        """Every command, commands before groups (as Typer lists an app's), in module order."""
        order = [name for module in MODULES for name in self._load(module)]
        order += [n for n in super().list_commands(ctx) if n not in order]
        return sorted(order, key=lambda n: isinstance(self.commands[n], TyperGroup))

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        """A completion request (``_LINGBI_COMPLETE`` set by the installed script): Typer's
        shell classes are registered first (``add_completion=False`` leaves that to us)."""
        if os.environ.get(complete_var or "_LINGBI_COMPLETE"):
            from typer._completion_classes import completion_init

            completion_init()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        run = (args, prog_name, complete_var, False, windows_expand_args)
        if not standalone_mode:
            return super().main(*run, **extra)
        try:
            result = super().main(*run, **extra)
        except ClickUsageError as error:
            sys.exit(_usage_error(error))
        except LingbiError as error:  # raised while the options were read (an eager option)
            typer.echo(f"错误：{error}", err=True)
            sys.exit(error.exit_code)
        except typer.Abort:  # Ctrl-C or end of input at a prompt: nothing was written yet
            typer.echo(f"\n{CANCELLED}", err=True)
            sys.exit(130)
        except ClickException as error:
            typer.echo(f"错误：{usage.in_chinese(error)}", err=True)
            sys.exit(error.exit_code)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        # the command line, for the journal of writes (click keeps the command name apart)
        first = getattr(ctx, "protected_args", None) or getattr(ctx, "_protected_args", [])
        words = [*first, *ctx.args]
        shown = [
            w if w and not any(c.isspace() or c in "'\"" for c in w) else repr(w) for w in words
        ]
        ctx.meta["lingbi.command"] = " ".join(["lingbi", *shown])
        try:
            return super().invoke(ctx)
        except LingbiError as error:
            typer.echo(f"错误：{error}", err=True)
            raise typer.Exit(error.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except BrokenPipeError:  # `lingbi check | head`: the reader has gone; so do we
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except UnicodeDecodeError as error:  # a notes file or template saved as GBK
            typer.echo(
                f"错误：有一个文件不是 UTF-8 编码（{error.reason}），"
                "请用“另存为”选择 UTF-8 后再运行",
                err=True,
            )
            raise typer.Exit(2) from None
        except OSError as error:  # a folder that does not exist, a file that cannot be written
            where = f"：{error.filename}" if error.filename else ""
            typer.echo(f"错误：无法读写文件{where}（{usage.os_error(error)}）", err=True)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            typer.echo("\n已中断。", err=True)
            raise typer.Exit(130) from None
        except Exception as error:  # a bug: say so without locals or a traceback
            if os.environ.get("LINGBI_DEBUG"):
                raise
            typer.echo(
                f"lingbi 内部错误（{type(error).__name__}）：{error}\n"
                "这是程序的问题，不是数据的问题；请把这条信息和运行的命令一起报告给维护者"
                "（设置 LINGBI_DEBUG=1 可看到详细信息）。",
                err=True,
            )
            raise typer.Exit(70) from None


app = typer.Typer(
    cls=LingbiGroup,
    name="lingbi",
    help="“脱贫攻坚——人大代表在行动”活动记录工具（灵璧县）。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lingbi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    data: DataOption = None,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="显示版本号"
    ),
    install_completion: bool = typer.Option(
        False,
        "--install-completion",
        callback=complete.install,
        is_eager=True,
        expose_value=False,
        help="为当前终端（bash、zsh、fish、PowerShell）安装命令补全",
    ),
    show_completion: bool = typer.Option(
        False,
        "--show-completion",
        callback=complete.show,
        is_eager=True,
        expose_value=False,
        help="显示命令补全的脚本，供自行安装",
    ),
) -> None:
    """“脱贫攻坚——人大代表在行动”活动记录工具（灵璧县）。

    数据文件夹按 --data、环境变量 LINGBI_DATA、当前目录向上查找 lingbi.yaml 的顺序确定。
    """
    ctx.obj = State(data=data, command=ctx.meta.get("lingbi.command", "lingbi"))


# The modules of the commands, in the order ``lingbi --help`` lists them, and which module
# registers which command: a command's module (and what it imports — the rules, the reports,
# the spreadsheets) is imported only when that command runs (``LingbiGroup.get_command``). A
# command missing here still works: an unknown name imports every module.
MODULES = (
    "check",
    "meta",
    "generate",
    "merge",
    "record",
    "edit",
    "household",
    "awards",
    "proposal",
    "report",
    "sheets",
    "site",
    "stats",
)
COMMANDS: dict[str, str] = {
    "check": "check",
    "edit": "edit",
    "remove": "edit",
    "undo": "edit",
    "rules": "meta",
    "explain": "meta",
    "schema": "meta",
    "init": "meta",
    "cache": "meta",
    "generate": "generate",
    "merge-driver": "merge",
    "pair": "record",
    "unpair": "record",
    "log": "record",
    "follow-up": "record",
    "household": "household",
    "award": "awards",
    "donor": "awards",
    "proposal": "proposal",
    "file": "proposal",
    "report": "report",
    "import": "sheets",
    "template": "sheets",
    "export": "sheets",
    "site": "site",
    "stats": "stats",
}


def commands_of(module: str, only: str | None = None) -> dict[str, Any]:
    """The click commands that ``lingbi_cli.cli.<module>`` registers, by name (with the
    Chinese help and messages of every command). ``only``: of its commands, just that one —
    Typer builds each command from its signature, a millisecond or more an option — and its
    groups."""
    import importlib

    sub = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    importlib.import_module(f"lingbi_cli.cli.{module}").register(sub)
    if only is not None:
        sub.registered_commands = [
            c
            for c in sub.registered_commands
            if c.callback is not None
            and (c.name or typer.main.get_command_name(c.callback.__name__)) == only
        ]
    _chinese_everywhere(sub)
    return dict(typer.main.get_group(sub).commands)


def _chinese_everywhere(typer_app: typer.Typer) -> None:
    """Every command and group of ``typer_app`` gets the Chinese help and messages above."""
    for command in typer_app.registered_commands:
        if not (isinstance(command.cls, type) and issubclass(command.cls, ChineseHelp)):
            command.cls = LingbiCommand  # typer's default TyperCommand, or none given
    for group in typer_app.registered_groups:
        if not (isinstance(group.cls, type) and issubclass(group.cls, ChineseHelp)):
            group.cls = ChineseGroup
        if group.typer_instance is not None:
            _chinese_everywhere(group.typer_instance)


_chinese_everywhere(app)


def main() -> None:
    """Console-script entry point."""
    console.configure(sys.stdout, sys.stderr)
    try:
        app(prog_name="lingbi")
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if isinstance(stop.code, str):
            print(stop.code, file=sys.stderr)
        # Leave without tearing down a county's worth of objects one by one (a second or more
        # at county scale): everything was written, flushed and closed by now.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
