"""Nothing is written outside the places it belongs (issue 10, item 5): a default report file
name built from a township's name is one file name in the working folder, and a record file
that a symbolic link places outside the data folder is not written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import TINY, write_folder
from typer.testing import CliRunner

from lingbi_cli.cli import app
from lingbi_cli.cli.report import file_name

MONTH = "townships/yangtuan/activities/2019-05.yaml"
LOG = ("log", "visit", "-D", "yangtuan-d001", "-H", "yangtuan-h0001", "--date", "2019-05-20")


def run(folder: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--data", str(folder), *args])
    assert not isinstance(result.exception, AssertionError | TypeError | AttributeError)
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "name",
    ["../../pwn/x", "/tmp/pwn", "..", "C:\\Windows\\x", "a\nb", "CON", "  .隐藏", "甲|乙?*<>"],
)
def test_a_default_file_name_is_one_name_in_the_working_folder(name: str) -> None:
    made = file_name(name, ".docx")
    assert Path(made).name == made and made.endswith(".docx") and len(made) > len(".docx")
    assert not made.startswith(".") and "/" not in made and "\\" not in made and ":" not in made
    assert "\n" not in made and made.split(".")[0].upper() != "CON"


def test_a_report_for_a_township_named_like_a_path_stays_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    townships = TINY["county/townships.yaml"].replace("name: 杨疃镇", "name: ../../pwn/x")
    folder = write_folder(tmp_path / "w" / "data", {**TINY, "county/townships.yaml": townships})
    work = tmp_path / "w" / "out"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("LINGBI_TODAY", "2019-07-20")
    code, output = run(folder, "report", "--half", "2019H1", "-t", "yangtuan", "-f", "docx")
    assert code == 0, output
    made = list(work.iterdir())
    assert [p.suffix for p in made] == [".docx"] and made[0].name.startswith("_.._pwn_x人大主席团")
    assert not (tmp_path / "pwn").exists() and not (tmp_path / "w" / "pwn").exists()


def test_a_record_file_linked_outside_the_data_folder_is_not_written(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "data", TINY)
    outside = tmp_path / "elsewhere"
    (folder / "townships/yangtuan/activities").rename(outside)
    os.symlink(outside, folder / "townships/yangtuan/activities")
    before = (outside / "2019-05.yaml").read_bytes()
    code, output = run(folder, *LOG, "-s", "入户走访")
    assert code == 1
    assert "数据文件夹之外" in output and MONTH in output
    assert (outside / "2019-05.yaml").read_bytes() == before
    assert sorted(p.name for p in outside.iterdir()) == ["2019-05.yaml"]


def test_a_record_file_that_is_a_link_to_outside_is_not_written(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "data", TINY)
    target = tmp_path / "pairings.yaml"
    (folder / "townships/yangtuan/pairings.yaml").rename(target)
    os.symlink(target, folder / "townships/yangtuan/pairings.yaml")
    before = target.read_bytes()
    code, output = run(folder, "pair", "yangtuan-d002", "yangtuan-h0003", "--date", "2019-05-20")
    assert code == 1 and "数据文件夹之外" in output, output
    assert target.read_bytes() == before


def test_a_link_inside_the_data_folder_is_written_through(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "data", TINY)
    real = folder / "townships/yangtuan/activities-real"
    (folder / "townships/yangtuan/activities").rename(real)
    os.symlink(real, folder / "townships/yangtuan/activities")
    code, output = run(folder, *LOG, "-s", "入户走访")
    assert code == 0, output
    assert "入户走访" in (real / "2019-05.yaml").read_text(encoding="utf-8")
