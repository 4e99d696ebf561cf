"""lingbi init, check FILE… (pre-commit), yamllint and the schema modelines of written files."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from yamllint import linter
from yamllint.config import YamlLintConfig

from lingbi_cli.store.layout import scan

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
LINT = YamlLintConfig(file=str(ROOT / "templates" / "init" / "yamllint.yaml"))
TODAY = {"LINGBI_TODAY": "2020-08-01"}


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINGBI_TODAY", "2020-08-01")


def lint_problems(folder: Path) -> list[str]:
    problems = []
    for path in sorted(folder.rglob("*.y*ml")):
        if ".lingbi-cache" in path.parts:
            continue
        for problem in linter.run(path.read_text(encoding="utf-8"), LINT, str(path)):
            problems.append(f"{path.relative_to(folder)}:{problem.line}: {problem.message}")
    return problems


def test_init_makes_a_folder_that_works(tmp_path: Path, cli: Any, today: None) -> None:
    folder = tmp_path / "县"
    result = cli("init", str(folder))
    assert result.exit_code == 0, result.output
    for rel in (
        "lingbi.yaml",
        ".gitignore",
        ".gitattributes",
        ".yamllint.yaml",
        ".pre-commit-config.yaml",
        "schemas/activity.json",
        "county/townships.yaml",
        "county/units.yaml",
        "county/awards.yaml",
        "notes/README.md",
    ):
        assert (folder / rel).is_file(), rel
    assert "2020H2.md" in (folder / "notes/README.md").read_text(encoding="utf-8")
    ignored = (folder / ".gitignore").read_text(encoding="utf-8").split()
    assert {".lingbi-cache/", "*.docx", "*.xlsx", "*.pdf"} <= set(ignored)
    assert "merge=lingbi" in (folder / ".gitattributes").read_text(encoding="utf-8")
    steps = result.output.split("下一步：")[1].strip().splitlines()
    assert [s.split(".")[0].strip() for s in steps] == ["1", "2", "3"]
    assert "lingbi init --township" in steps[0]
    check = cli("check", str(folder))
    assert check.exit_code == 0
    assert "没有发现问题" not in check.output.replace("已有的记录没有发现问题", "")
    assert "还没有登记任何乡镇" in check.output


def test_init_adds_a_township_and_never_overwrites(tmp_path: Path, cli: Any, today: None) -> None:
    folder = tmp_path / "县"
    cli("init", str(folder))
    (folder / "lingbi.yaml").write_text("county: 灵璧县\n", encoding="utf-8")
    result = cli("init", str(folder), "--township", "虞姬乡")
    assert result.exit_code == 0, result.output
    assert (folder / "lingbi.yaml").read_text(encoding="utf-8") == "county: 灵璧县\n"
    assert "- id: yuji\n  name: 虞姬乡\n" in (folder / "county/townships.yaml").read_text("utf-8")
    files, strays = scan(folder)
    assert strays == []
    assert {f.rel for f in files if f.township == "yuji"} == {
        f"townships/yuji/{n}.yaml"
        for n in ("deputies", "households", "pairings", "proposals", "filings", "donors")
    }
    check = cli("check", str(folder), "--rule", "schema")
    assert "虞姬乡（yuji）还没有录入代表" in check.output and "还没有录入贫困户" in check.output
    again = cli("init", str(folder), "--township", "虞姬乡")
    assert again.exit_code == 1 and "已有乡镇 虞姬乡（yuji）" in again.output
    unknown = cli("init", str(folder), "--township", "新集镇")
    assert unknown.exit_code == 2 and "--id" in unknown.output
    assert cli("init", str(folder), "--township", "新集镇", "--id", "xinji").exit_code == 0
    assert cli("init", str(folder)).output.startswith(f"{folder} 已是完整的数据文件夹")


def test_init_in_a_git_repository_turns_the_merge_driver_on(tmp_path: Path, cli: Any) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path / "县")], check=True)
    result = cli("init", str(tmp_path / "县"))
    assert "已在 git 仓库中启用 lingbi 的合并程序" in result.output
    driver = subprocess.run(
        ["git", "config", "merge.lingbi.driver"],
        cwd=tmp_path / "县",
        capture_output=True,
        text=True,
    )
    assert driver.stdout.strip() == "lingbi merge-driver %O %A %B %P"


# --- check FILE… -------------------------------------------------------------------------


def test_check_files_finds_the_folder_and_shows_what_the_change_concerns(
    tiny: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tiny.parent)
    deputies = tiny / "townships/yangtuan/deputies.yaml"
    households = tiny / "townships/yangtuan/households.yaml"
    text = households.read_text(encoding="utf-8")
    households.write_text(text.replace("members: 3", "members: 0"), encoding="utf-8")
    # the deputies file is fine on its own: nothing to say about it
    result = cli("check", str(deputies.relative_to(tiny.parent)))
    assert result.exit_code == 0 and "没有发现问题" in result.output
    # the household's error is reported with a path from the working directory
    result = cli("check", "data/townships/yangtuan/households.yaml", "data/lingbi.yaml")
    assert result.exit_code == 1
    assert "data/townships/yangtuan/households.yaml:" in result.output
    # a file outside any data folder is left out
    (tiny.parent / "other.yaml").write_text("a: 1\n", encoding="utf-8")
    assert cli("check", "other.yaml", str(deputies)).exit_code == 0


def test_check_files_shows_what_a_removed_record_breaks_elsewhere(
    tiny: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    for key, value in {**env, "GIT_COMMITTER_EMAIL": "t@t"}.items():
        monkeypatch.setenv(key, value)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=tiny, check=True)
    monkeypatch.chdir(tiny)
    path = tiny / "townships/yangtuan/deputies.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("- id: yangtuan-d002")], encoding="utf-8")
    result = cli("check", "townships/yangtuan/deputies.yaml")
    assert result.exit_code == 1
    assert "unknown-ref" in result.output and "yangtuan-d002" in result.output
    assert "townships/yangtuan/pairings.yaml" in result.output


# --- yamllint and schema modelines of everything lingbi writes ---------------------------

NEW_HOUSEHOLD = """\
- id: yuji-h0024
  head: 葛长青
  id_number: '341323197804121230'
  village: 魏楼村
  members: 3
  attribute: 一般贫困户
  causes: [因学]
  registered: 2020
  source: 乡镇帮扶点
"""
WRITES = [
    ["init", "--township", "虞姬乡"],
    ["pair", "李凤红", "yuji-h0024", "--date", "2020-07-06"],
    ["log", "visit", "-D", "李凤红", "-H", "yuji-h0024", "--date", "2020-07-08", "-s", "走访：谈"],
    ["log", "trip", "-D", "李凤红", "--date", "2018-04-03", "--village", "张口村", "-s", "视察"],
    ["unpair", "李凤红", "yuji-h0024", "--date", "2020-07-30", "--reason", "户主外出: 务工"],
    ["file", "h2_report", "--period", "2020H2", "-t", "虞姬乡", "--date", "2020-07-31"],
    [
        "proposal",
        "add",
        "--lead",
        "李凤红",
        "--type",
        "建议",
        "--title",
        "修路: 张口村",
        "--date",
        "2020-07-20",
        "--session",
        "闭会期间",
    ],
]


def test_everything_lingbi_writes_passes_yamllint_and_names_its_schema(
    tmp_path: Path, cli: Any, today: None
) -> None:
    folder = tmp_path / "示例"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".lingbi-cache"))
    shutil.rmtree(folder / "townships" / "yuji" / "activities")
    for name in ("filings", "proposals"):  # made again, with their headers, by init
        (folder / "townships" / "yuji" / f"{name}.yaml").unlink()
    (folder / "county/townships.yaml").write_text(
        (folder / "county/townships.yaml").read_text("utf-8").split("- id: yuji")[0], "utf-8"
    )  # yuji is added again by init, below; its people stay
    with open(folder / "townships/yuji/households.yaml", "a", encoding="utf-8") as handle:
        handle.write(NEW_HOUSEHOLD)
    for args in WRITES:
        result = (
            cli("--data", str(folder), *args)
            if args[0] != "init"
            else cli(args[0], str(folder), *args[1:])
        )
        assert result.exit_code == 0, (args, result.output)
    assert (folder / "townships/yuji/activities/2018-04.yaml").is_file()
    assert lint_problems(folder) == []
    assert_modelines(folder)


def assert_modelines(folder: Path) -> None:
    files, _ = scan(folder)
    assert files
    for source in files:
        first = (folder / source.rel).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), source.rel
        target = (folder / source.rel).parent / first.split("$schema=", 1)[1]
        assert target.resolve().is_file(), f"{source.rel}: {target} does not exist"
        assert target.name == f"{source.model.kind_name}.json", source.rel


def test_the_sample_and_a_generated_township_pass_yamllint(tmp_path: Path, cli: Any) -> None:
    assert (ROOT / ".yamllint.yaml").read_text("utf-8") == (
        ROOT / "templates/init/yamllint.yaml"
    ).read_text("utf-8")
    assert lint_problems(SAMPLE) == []
    assert_modelines(SAMPLE)
    generated = tmp_path / "x"
    cli("generate", str(generated), "--scale", "township")
    for month in (generated / "townships").glob("*/activities/20[12]9-*.yaml"):
        month.unlink()  # a third of the months is plenty (they are written alike)
    assert lint_problems(generated) == []
    assert_modelines(generated)


# --- pre-commit ----------------------------------------------------------------------------


def tool(name: str) -> str | None:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


@pytest.mark.skipif(tool("pre-commit") is None, reason="pre-commit is not installed")
def test_pre_commit_runs_lingbi_check_on_the_staged_files(tmp_path: Path, cli: Any) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pre_commit = tool("pre-commit")
    assert pre_commit is not None
    folder = tmp_path / "县"
    cli("init", str(folder), "--township", "虞姬乡")
    env = {
        **os.environ,
        **TODAY,
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
    }
    for manifest in (ROOT / ".pre-commit-hooks.yaml", folder / ".pre-commit-config.yaml"):
        kind = "manifest" if manifest.name.endswith("hooks.yaml") else "config"
        subprocess.run([pre_commit, f"validate-{kind}", str(manifest)], check=True, env=env)
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True, env=env)
    deputies = folder / "townships/yuji/deputies.yaml"
    deputies.write_text(
        deputies.read_text("utf-8") + "- id: yuji-d001\n  name: 陆鹏\n  gender: 男性\n", "utf-8"
    )
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True, env=env)
    run = subprocess.run(
        [pre_commit, "run", "lingbi-check"], cwd=folder, env=env, capture_output=True, text=True
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "townships/yuji/deputies.yaml:5:3 error schema" in run.stdout


def test_a_file_holds_records_when_a_line_of_its_first_64_kb_starts_a_list_item(tmp_path):
    """``has_records`` looks at the first 4 KB before the rest: what it says is what one look
    at the first 64 KB says, wherever the first item's line falls (across 4 KB too)."""
    from lingbi_cli.store.missing import _ITEM, GLANCE, HEAD, has_records

    chance = random.Random(7)
    path = tmp_path / "households.yaml"
    for _trial in range(600):
        where = chance.choice([0, 10, HEAD - 3, HEAD - 2, HEAD - 1, HEAD, HEAD + 5, GLANCE - 2])
        where += chance.randrange(0, 3)
        filler = chance.choice([b"# x\n", b"x" * 50 + b"\n", b"  a: -1\n", b"y"])
        body = (filler * (where // len(filler) + 1))[:where]
        item = chance.choice([b"- id: a\n", b"  -\n", b"-x\n", b"\n-x\n", b"\n- a\n", b"-", b""])
        body += item + filler * chance.randrange(0, 3)
        path.write_bytes(body)
        assert has_records(path) == (_ITEM.search(body[:GLANCE]) is not None), (where, item)
