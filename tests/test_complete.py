"""Shell completion through the protocol the installed script speaks: ``_LINGBI_COMPLETE``,
``COMP_WORDS`` and ``COMP_CWORD``; values come from the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lingbi_cli.cli import app


def complete(line: str, folder: Path | None = None) -> list[str]:
    words = line.split(" ")
    env = {
        "_LINGBI_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
        "LINGBI_DATA": str(folder) if folder else "",
    }
    result = CliRunner().invoke(app, [], env=env, prog_name="lingbi")
    assert result.exit_code == 0, result.output
    return result.output.split()


@pytest.mark.parametrize(
    ("line", "offered", "not_offered"),
    [
        ("lingbi lo", ["log"], ["check"]),
        ("lingbi proposal r", ["reply", "rate", "rehandle"], ["add"]),
        ("lingbi log --dep", ["--deputy"], ["--date"]),
        ("lingbi --ins", ["--install-completion"], []),
        ("lingbi check --rule pair", ["pairing-window", "pairs-per-deputy"], ["schema"]),
        ("lingbi explain dup", ["duplicate-id"], []),
        ("lingbi log vi", ["visit"], ["talk"]),
        ("lingbi log 串", ["串门"], []),
        ("lingbi log -D 张", ["张伟"], ["李秀英"]),
        ("lingbi log -D yangtuan-d", ["yangtuan-d001", "yangtuan-d002"], []),
        ("lingbi pair 张伟 孙", ["孙德胜"], ["王建国"]),
        ("lingbi log -H yangtuan-h000", ["yangtuan-h0001", "yangtuan-h0003"], []),
        ("lingbi stats --year 2019 --half 2019H1 --format text", [], []),
        ("lingbi check -t 杨", ["杨疃镇"], []),
        ("lingbi report --township yang", ["yangtuan"], []),
    ],
)
def test_completion_offers(tiny: Path, line: str, offered: list[str], not_offered: list[str]):
    got = complete(line, tiny)
    assert set(offered) <= set(got), got
    assert not set(not_offered) & set(got), got


def test_the_data_folder_given_on_the_line_is_the_one_read(tiny: Path, tmp_path: Path):
    assert complete(f"lingbi --data {tiny} log -t yang", tmp_path / "none") == ["yangtuan"]


def test_no_data_folder_completes_nothing_and_says_nothing(tmp_path: Path):
    assert complete("lingbi log -D 张", tmp_path / "none") == []


def test_installing_in_a_shell_without_completion_is_told_in_chinese(monkeypatch):
    import typer._completion_shared as shared

    monkeypatch.setattr(shared, "_get_shell_name", lambda: "cmd")
    result = CliRunner().invoke(app, ["--install-completion"], prog_name="lingbi")
    assert result.exit_code == 2
    assert "命令补全只支持 bash、zsh、fish 和 PowerShell（现在是 cmd）" in result.output


def test_the_script_is_shown_for_the_shell_in_use(monkeypatch):
    import typer._completion_shared as shared

    monkeypatch.setattr(shared, "_get_shell_name", lambda: "bash")
    result = CliRunner().invoke(app, ["--show-completion"], prog_name="lingbi")
    assert result.exit_code == 0
    assert "_LINGBI_COMPLETE=complete_bash" in result.output
