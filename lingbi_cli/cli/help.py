"""Help pages in Chinese: the usage line, headings, metavars, defaults and line wrapping.

Typer's own help is English (``Usage:``, ``Options``, ``<str>``, ``[default: …]``) and wraps by
character count, which breaks Chinese lines at the wrong place. ``ChineseHelp`` replaces a
command's ``format_help`` with one that builds each line from the parameters themselves (their
type, default, range and whether they are required), and wraps by display width.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import shutil
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args, get_origin

# The Chinese name of each positional argument (Typer shows an argument by its Python name).
ARGUMENT_LABELS = {
    "paths": "文件或文件夹",
    "name": "规则名",
    "kind": "类别",
    "folder": "文件夹",
    "base": "共同祖先文件",
    "ours": "本方文件",
    "theirs": "对方文件",
    "path": "文件路径",
    "deputy": "代表",
    "household": "贫困户",
    "proposal": "议案建议编号",
    "file": "表格文件",
    "record": "记录编号",
    "fields": "字段=值",
    "shell": "终端类型",
}
HELP_OPTION_HELP = "显示本帮助并退出"
_CLOSING = set("，。、；：？！）》」』”’")
_OPENING = set("（《「『“‘")


def width_of(text: str) -> int:
    """Display width on a terminal: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns; breaks between CJK characters or at spaces, never
    inside an ASCII word (an option or an id stays whole), never before a closing mark (``、``,
    ``）``) nor after an opening one (``（``): such a mark takes its neighbour along."""
    lines: list[list[str]] = []
    line: list[str] = []
    for token in _tokens(text):
        if line and width_of("".join(line) + token.rstrip()) > width:
            carried: list[str] = []
            if token in _CLOSING:  # the character before it (and its closing marks) go along
                while len(line) > 1 and (not carried or carried[0] in _CLOSING):
                    carried.insert(0, line.pop())
            while len(line) > 1 and line[-1] in _OPENING:
                carried.insert(0, line.pop())
            lines.append(line)
            line = carried
            token = token.lstrip() if not line else token
        line.append(token)
    lines.append(line)
    out = ["".join(chunk).rstrip() for chunk in lines]
    return [chunk for chunk in out if chunk] or [""]


def _tokens(text: str) -> list[str]:
    """Single wide characters, and ASCII runs with their following space."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        elif char == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def _scalar_metavar(annotation: Any, param: Any) -> str:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "{" + "|".join(str(m.value) for m in annotation) + "}"
    if annotation is dt.datetime or annotation is dt.date:
        return "<日期 年-月-日>"
    if annotation is bool:
        return "<是/否>"
    if annotation is int:
        return "<整数>"
    if annotation in (float, Decimal):
        return "<数>"
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return "<路径>"
    return "<文本>"


def metavar(param: Any) -> str:
    """``<文本>``, ``<整数>``, ``<日期 年-月-日>``, ``{a|b}``; empty for a flag."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    if param.metavar:
        return str(param.metavar)
    descriptor = getattr(param, "type_descriptor", None)
    annotation = descriptor.annotation if descriptor is not None else str
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    return _scalar_metavar(annotation, param)


def argument_label(param: Any) -> str:
    return ARGUMENT_LABELS.get(str(param.name), "值")


def _extras(param: Any) -> list[str]:
    extras = []
    if param.param_type_name == "option" and not param.required:
        default = param.default
        shown = param.show_default
        if isinstance(shown, str):
            extras.append(f"默认：{shown}")
        elif shown and default not in (None, False, (), []) and not callable(default):
            value = default.value if isinstance(default, enum.Enum) else default
            extras.append(f"默认：{value}")
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        extras.append(f"{low}—{high}")
    elif low is not None:
        extras.append(f"不小于 {low}")
    elif high is not None:
        extras.append(f"不大于 {high}")
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None and descriptor.is_list and "可重复" not in (param.help or ""):
        extras.append("可重复")
    if param.required:
        extras.append("必填")
    return extras


def help_record(param: Any) -> tuple[str, str] | None:
    """The two columns for one parameter: how it is written, and what it means."""
    if getattr(param, "hidden", False):
        return None
    if param.param_type_name == "argument":
        head = f"<{argument_label(param)}>"
    else:
        head = ", ".join(sorted(param.opts, key=len)) + (
            " / " + ", ".join(param.secondary_opts) if param.secondary_opts else ""
        )
        kind = metavar(param)
        head = f"{head} {kind}" if kind else head
    text = HELP_OPTION_HELP if param.name == "help" else (param.help or "")
    extras = _extras(param)
    if extras:
        text = f"{text}  [{'；'.join(extras)}]" if text else f"[{'；'.join(extras)}]"
    return head, text


def usage_line(command: Any, ctx: Any) -> str:
    """``用法：lingbi log [选项] <类别>``."""
    pieces = [ctx.command_path]
    options = [p for p in command.get_params(ctx) if p.param_type_name == "option"]
    if options:
        pieces.append("[选项]")
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            label = f"<{argument_label(param)}>"
            if param.nargs != 1:
                label += "…"
            pieces.append(label if param.required else f"[{label}]")
    if hasattr(command, "commands"):
        pieces.append("<命令> [参数]…")
    return "用法：" + " ".join(pieces)


def render(command: Any, ctx: Any) -> str:
    """The whole help page of one command."""
    width = min(max(shutil.get_terminal_size((100, 24)).columns, 60), 100) - 1
    out = [usage_line(command, ctx), ""]
    for paragraph in inspect.cleandoc(command.help or "").partition("\f")[0].split("\n\n"):
        if not paragraph.strip():
            continue
        for line in _unfold(paragraph.splitlines()):
            # an example stays on one line, so that it can be copied
            chunks = [line] if line.startswith("例") else wrap(line, width - 2)
            out.extend("  " + chunk for chunk in chunks)
        out.append("")
    records = [(p, help_record(p)) for p in command.get_params(ctx)]
    for title, kind in (("参数", "argument"), ("选项", "option")):
        rows = [r for p, r in records if r is not None and p.param_type_name == kind]
        if rows:
            out.append(f"{title}：")
            out.extend(_definition_list(rows, width))
            out.append("")
    if hasattr(command, "list_commands"):
        # through list_commands/get_command: lingbi's own group loads its commands lazily, so
        # ``commands`` holds only those loaded so far
        subs = [(name, command.get_command(ctx, name)) for name in command.list_commands(ctx)]
        listed = [
            (name, inspect.cleandoc(sub.help or "").split("\n")[0])
            for name, sub in subs
            if sub is not None and not sub.hidden
        ]
        if listed:
            out.append("命令：")
            out.extend(_definition_list(listed, width))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _unfold(lines: list[str]) -> list[str]:
    """A docstring's paragraph as one line, an example (``例：``) as a line of its own."""
    out: list[str] = []
    for line in (raw.strip() for raw in lines):
        if out and not line.startswith("例") and not out[-1].startswith("例"):
            ascii_seam = out[-1][-1:].isascii() and line[:1].isascii()
            out[-1] += (" " if ascii_seam else "") + line
        else:
            out.append(line)
    return out


def _definition_list(rows: list[tuple[str, str]], width: int) -> list[str]:
    first = min(max(width_of(head) for head, _ in rows), 30)
    lines = []
    for head, text in rows:
        pad = first - width_of(head)
        body = wrap(text, max(width - first - 4, 20)) if text else [""]
        if pad < 0:  # a long head: text starts on the next line
            lines.append(f"  {head}")
            lines.extend(" " * (first + 4) + chunk for chunk in body)
            continue
        lines.append(f"  {head}{' ' * (pad + 2)}{body[0]}".rstrip())
        lines.extend(" " * (first + 4) + chunk for chunk in body[1:])
    return lines


class ChineseHelp:
    """Mixin for Typer's command and group classes: the help page above, and the usage line."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(render(self, ctx))

    def get_usage(self, ctx: Any) -> str:
        return usage_line(self, ctx)
