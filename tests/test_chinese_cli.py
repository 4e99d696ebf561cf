"""Every help page and every usage error is Chinese: no English word reaches a clerk except
names of commands, options, files, formats and the values a clerk types."""

from __future__ import annotations

import enum
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from lingbi_cli import models
from lingbi_cli.cli import app
from lingbi_cli.rules import REGISTRY
from lingbi_cli.sheets.kinds import SPECS

# Words that may appear, each with why it is not English prose a clerk must read.
NAMES = {
    # product and format names, as the clerk sees them on screen and in file dialogs
    "Excel", "WPS", "CSV", "JSON", "YAML", "Schema", "BOM", "VS", "Code", "Word",
    # commands a clerk types at the prompt: git's own, and the data folder's files and folders
    "git", "config", "gitattributes", "pre", "commit", "lingbi", "notes", "schemas", "county",
    "townships", "yaml", "xlsx", "xls", "csv", "docx", "md", "json",
    # values of --format, --scale, --explain, file kinds (typed as they are)
    "text", "github", "sample", "township", "pairing_work", "pairing_list", "plan",
    "year_summary", "report", "LINGBI_DATA", "yangtuan",
    # a key on the keyboard, and the shells completion is installed in
    "Ctrl", "bash", "zsh", "fish", "PowerShell",
    # the first line of a record file, copied as it is
    "yaml-language-server",
}  # fmt: skip


def _values() -> set[str]:
    found = set(SPECS) | {model.kind_name for model in models.RECORD_KINDS}
    for name in dir(models):
        member = getattr(models, name)
        if isinstance(member, type) and issubclass(member, enum.Enum):
            for item in member:
                found |= {item.name, str(item.value)}
    return found


def _commands() -> list[list[str]]:
    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        found.append(path)
        if hasattr(command, "list_commands"):  # the root adds its commands when asked
            for name in command.list_commands(None):
                walk(command.get_command(None, name), [*path, name])  # type: ignore[attr-defined]

    walk(typer.main.get_command(app), [])
    return found


COMMANDS = _commands()
ALLOWED = NAMES | _values() | set(REGISTRY) | {word for path in COMMANDS for word in path}


def english(text: str) -> list[str]:
    """English words in ``text`` that are not allowed: options, ids (with digits), file names
    (with a dot) and paths are skipped whole."""
    words = []
    for token in re.findall(r"[-A-Za-z_][-A-Za-z0-9_./]*", text):
        if token.startswith("-") or re.search(r"[\d./]", token) or token in ALLOWED:
            continue
        words += [w for w in re.split(r"[-_]", token) if len(w) > 1 and w not in ALLOWED]
    return words


def test_the_check_finds_english() -> None:
    assert english("Usage: lingbi [OPTIONS]") == ["Usage", "OPTIONS"]
    assert english("--dry-run yangtuan-d001 lingbi.yaml 2019H1 Excel 表格") == []


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "lingbi")
def test_every_help_page_is_chinese(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法：")
    assert english(result.output) == [], result.output


BAD = [
    (["nosuch"], "没有命令 nosuch"),
    (["chek"], "是否想用 check"),
    (["--install-completon"], "没有选项 --install-completon"),
    (["--nosuch", "check"], "没有选项 --nosuch"),
    (["check", "--nosuch"], "没有选项 --nosuch"),
    (["check", "--stict"], "是否想用 --strict"),
    (["check", "--year", "x"], "--year 应当是整数，而不是“x”"),
    (["check", "--year", "1900"], "--year 应当在 2000—2100 之间"),
    (["check", "--format", "xml"], "--format 只能是 text、json、github 之一"),
    (["check", "--as-of", "2019.13.1"], "--as-of 应当是日期，而不是“2019.13.1”"),
    (["log", "visit", "--jobs", "三"], "--jobs 应当是整数"),
    (["log", "visit", "--date"], "选项 --date 后面要跟一个值"),
    (["unpair", "a", "b"], "缺少 --reason"),
    (["proposal", "add", "--title", "x"], "缺少必填选项 --lead"),
    (["explain"], "缺少 <规则名>"),
    (["proposal", "nosuch"], "没有命令 nosuch"),
    (["proposal", "reply"], "缺少 <议案建议编号>"),
    (["generate", "--scale", "huge", "x"], "--scale 只能是"),
    (["stats", "extra"], "多出了参数：extra"),
]


@pytest.mark.parametrize(
    ("args", "said"), BAD, ids=lambda a: " ".join(a) if isinstance(a, list) else ""
)
def test_bad_command_lines_are_told_in_chinese(args: list[str], said: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--data", str(tmp_path), *args])
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "--help 查看用法" in result.output
    typed = {word for arg in args for word in re.split(r"[-_]", arg)}
    assert [w for w in english(result.output) if w not in typed] == [], result.output


def test_dates_as_clerks_write_them_are_accepted() -> None:
    from lingbi_cli import dates

    assert dates.parse("2019.5.8") == dates.parse("2019年5月8日") == dates.parse("2019-05-08")
    assert dates.parse("２０１９．５．８") is not None
    assert dates.fix("2019/5/8") == "2019-05-08"
    assert dates.parse("2019.13.8") is None


def test_help_lines_wrap_by_display_width_and_keep_marks_with_their_words() -> None:
    from lingbi_cli.cli.help import width_of, wrap

    text = "活动类别：visit（串门）、talk（谈心）、lesson（讲课）、advice（献计）、donation（捐资）"
    lines = wrap(text, 30)
    assert "".join(lines) == text.replace(" ", "")
    assert all(width_of(line) <= 30 for line in lines)
    assert not any(line[0] in "、）：" for line in lines[1:])  # never begins with a closing mark
    assert not any(line.endswith("（") for line in lines)  # never ends with an opening one
    assert wrap("--dry-run yangtuan-d001 和 lingbi.yaml", 12) == [
        "--dry-run",
        "yangtuan-d001",
        "和",
        "lingbi.yaml",
    ]


def test_help_lists_every_command_though_commands_load_lazily() -> None:
    """``lingbi --help`` and a group's help list their commands, each with its first line —
    read through the group, not from the commands loaded so far (none, at the root)."""
    top = CliRunner().invoke(app, ["--help"])
    assert top.exit_code == 0, top.output
    listed = re.findall(r"^  ([a-z][a-z-]+) {2,}\S", top.output.split("命令：")[1], re.M)
    for name in ("check", "log", "edit", "undo", "report", "import", "site", "proposal"):
        assert name in listed, top.output
    assert "  report        生成报告：" in top.output
    group = CliRunner().invoke(app, ["proposal", "--help"])
    assert "命令：" in group.output and "  reply " in group.output, group.output
    leaf = CliRunner().invoke(app, ["check", "--help"])
    assert "命令：" not in leaf.output
