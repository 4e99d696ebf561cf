"""The Typer application: the callback (data folder) and one thin module per command group.

Every ``LingbiError`` is caught once, in ``LingbiGroup.invoke``: its Chinese message goes to
stderr and the process exits with the error's code (2 for unusable input, 1 for a refusal).
No traceback is ever shown to a clerk: records hold personal data.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from lingbi_cli import __version__
from lingbi_cli.cli.options import DataOption, State
from lingbi_cli.errors import LingbiError

try:  # typer vendors click; its usage errors are told in Chinese below
    from typer._click.exceptions import UsageError as ClickUsageError
except ImportError:  # pragma: no cover - a typer that still depends on click
    from click.exceptions import (  # type: ignore[no-redef,import-not-found,assignment,unused-ignore]
        UsageError as ClickUsageError,
    )


def usage_in_chinese(error: Any) -> str:
    """The command-line parser's complaint, told in Chinese."""
    hint = getattr(error, "param_hint", None)
    param = getattr(error, "param", None)
    if not hint and param is not None:
        hint = " / ".join(getattr(param, "opts", []) or [getattr(param, "name", "")])
    if isinstance(hint, list | tuple):
        hint = " / ".join(hint)
    kind = type(error).__name__
    message = str(getattr(error, "message", "") or "")
    if kind == "MissingParameter":
        return f"缺少 {hint}"
    if kind == "NoSuchOption":
        maybe = getattr(error, "possibilities", None)
        also = f"（是否想用 {'、'.join(maybe)}？）" if maybe else ""
        return f"没有选项 {error.option_name}{also}"
    if kind == "BadParameter":
        if "formats" in message:
            return f"{hint} 应当是 YYYY-MM-DD 格式的日期"
        if "range" in message or "greater than" in message or "less than" in message:
            return f"{hint} 超出了允许的范围（{message}）"
        if "is not one of" in message or "is not a valid" in message:
            return f"{hint} 的值不在可选范围内（{message}）"
        return f"{hint} 的值不对（{message}）"
    if kind == "NoArgsIsHelpError":
        return "缺少参数"
    return f"命令行有误（{message}）"


class LingbiGroup(TyperGroup):
    """Catches the one exception tree and turns it into a message and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except LingbiError as error:
            typer.echo(f"错误：{error}", err=True)
            raise typer.Exit(error.exit_code) from None
        except ClickUsageError as error:
            typer.echo(f"错误：{usage_in_chinese(error)}", err=True)
            name = ctx.invoked_subcommand or ""
            typer.echo(f"用 lingbi {name} --help 查看用法和例子。".replace("  ", " "), err=True)
            raise typer.Exit(2) from None
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
            typer.echo(f"错误：无法读写文件{where}（{error.strerror or error}）", err=True)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            typer.echo("已中断。", err=True)
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
) -> None:
    """“脱贫攻坚——人大代表在行动”活动记录工具（灵璧县）。

    数据文件夹按 --data、环境变量 LINGBI_DATA、当前目录向上查找 lingbi.yaml 的顺序确定。
    """
    ctx.obj = State(data=data)


from lingbi_cli.cli import (  # noqa: E402
    awards,
    check,
    generate,
    household,
    merge,
    meta,
    proposal,
    record,
    report,
    sheets,
    site,
    stats,
)

check.register(app)
meta.register(app)
generate.register(app)
merge.register(app)
record.register(app)
household.register(app)
awards.register(app)
proposal.register(app)
report.register(app)
sheets.register(app)
site.register(app)
stats.register(app)


def main() -> None:
    """Console-script entry point."""
    if sys.stdout.encoding and sys.stdout.encoding.lower() not in ("utf-8", "utf8"):
        try:
            sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
            sys.stderr.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
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
