"""The command-line parser's complaints, told in Chinese.

Each kind of usage error is worded from its own attributes (the parameter, its type, the value
pydantic refused), never by echoing the English message Typer built.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
from typing import Any

try:  # typer vendors click
    from typer._click.exceptions import UsageError as ClickUsageError
except ImportError:  # pragma: no cover - a typer that still depends on click
    from click.exceptions import (  # type: ignore[no-redef,import-not-found,assignment,unused-ignore]
        UsageError as ClickUsageError,
    )

from lingbi_cli.cli.help import argument_label, metavar
from lingbi_cli.dates import DATE_HINT


class ChineseUsageError(ClickUsageError):
    """A usage error whose message lingbi wrote itself, in Chinese."""


def param_name(param: Any) -> str:
    """``--reason`` for an option, ``<代表>`` for an argument."""
    if param is None:
        return "参数"
    if param.param_type_name == "argument":
        return f"<{argument_label(param)}>"
    return str(max(param.opts, key=len))


def _annotation(param: Any) -> Any:
    descriptor = getattr(param, "type_descriptor", None)
    annotation = descriptor.annotation if descriptor is not None else str
    args = getattr(annotation, "__args__", None)
    if args and getattr(annotation, "__origin__", None) is list:
        annotation = args[0]
    return annotation


def refused_value(error: Any) -> str | None:
    """The text the clerk typed, as pydantic saw it (Typer keeps pydantic's error as cause)."""
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        found = errors()
        if found and "input" in found[0]:
            return str(found[0]["input"])
    return None


def bad_value(param: Any, value: str | None) -> str:
    """Why ``value`` does not fit ``param``, and what would."""
    name = param_name(param)
    shown = f"，而不是“{value}”" if value is not None else ""
    annotation = _annotation(param)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        allowed = "、".join(str(m.value) for m in annotation)
        return f"{name} 只能是 {allowed} 之一{shown}"
    if annotation in (dt.datetime, dt.date):
        return f"{name} 应当是日期{shown}；{DATE_HINT}"
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if annotation is int:
        if value is not None and value.strip().lstrip("-").isdigit():
            if low is not None and high is not None:
                return f"{name} 应当在 {low}—{high} 之间{shown}"
            if low is not None:
                return f"{name} 不能小于 {low}{shown}"
            return f"{name} 不能大于 {high}{shown}"
        return f"{name} 应当是整数{shown}"
    if annotation is float:
        return f"{name} 应当是数字{shown}"
    return f"{name} 的值不对（应当是{metavar(param).strip('<>')}）{shown}"


def in_chinese(error: Any) -> str:
    """One usage error as a Chinese sentence."""
    if isinstance(error, ChineseUsageError):
        return str(error.message)
    kind = type(error).__name__
    param = getattr(error, "param", None)
    if kind == "MissingParameter":
        if param is not None and param.param_type_name == "option":
            return f"缺少必填选项 {param_name(param)}"
        return f"缺少 {param_name(param)}"
    if kind == "NoSuchOption":
        maybe = list(getattr(error, "possibilities", None) or [])
        if not maybe and error.ctx is not None:
            known = [o for p in error.ctx.command.get_params(error.ctx) for o in p.opts]
            maybe = difflib.get_close_matches(error.option_name, known, n=3)
        also = f"（是否想用 {'、'.join(maybe)}？）" if maybe else ""
        return f"没有选项 {error.option_name}{also}"
    if kind == "BadOptionUsage":
        return f"选项 {error.option_name} 后面要跟一个值"
    if kind == "BadParameter":
        return bad_value(param, refused_value(error))
    message = str(getattr(error, "message", ""))
    if message.startswith("Missing command"):
        return "缺少命令"
    if re.search(r"[A-Za-z]{4,}", message):  # an English message we have no wording for
        return "命令行有误"
    return message


_OS_ERRORS = {
    "ENOENT": "文件或文件夹不存在",
    "EACCES": "没有权限（或文件正被其他程序占用）",
    "EPERM": "没有权限",
    "ENOSPC": "磁盘已满",
    "EROFS": "磁盘是只读的",
    "EISDIR": "这是一个文件夹，不是文件",
    "ENOTDIR": "路径中有一段不是文件夹",
    "EEXIST": "已经存在",
    "ENAMETOOLONG": "路径太长",
}


def os_error(error: OSError) -> str:
    """An operating system error in Chinese (the system's own words where lingbi has none)."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    return _OS_ERRORS.get(name) or str(error.strerror or error)
