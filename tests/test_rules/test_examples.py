"""Every rule's example folder (``tests/rules/<rule>/``, what ``lingbi explain`` prints) triggers
its rule, and its near-miss variant does not.

A copy of the folder is judged on the example's day by every integrity rule and the example's
own rule: it must give findings of that rule only, all in the files ``explain`` shows — so the
example is clean data with exactly the problem it shows. (The other campaign rules judge
completeness — every deputy, township and year — which no minimal folder has.) The near-miss
(``near-miss/``: some files changed or added) must give no finding at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lingbi_cli import rules
from lingbi_cli.errors import Finding
from lingbi_cli.rules.examples import EXAMPLE_FILE, NEAR_MISS, Example, example, folder_of
from lingbi_cli.store.folder import DataFolder


def copy(shown: Example, target: Path, near_miss: bool = False) -> Path:
    shutil.copytree(shown.folder, target, ignore=shutil.ignore_patterns(NEAR_MISS, EXAMPLE_FILE))
    if near_miss:
        shutil.copytree(shown.folder / NEAR_MISS, target, dirs_exist_ok=True)
    return target


def judge(data: Path, shown: Example) -> list[Finding]:
    only = list(dict.fromkeys([*rules.INTEGRITY, shown.rule]))
    records = DataFolder(data, cache=False).load()
    return rules.run(records, only=only, as_of=shown.as_of, today=shown.today).findings


def shown(name: str) -> Example:
    found = example(name)
    assert found is not None, f"tests/rules/{name}/{EXAMPLE_FILE} is missing"
    return found


@pytest.mark.parametrize("name", list(rules.REGISTRY))
def test_the_example_triggers_exactly_its_rule(name, tmp_path):
    example_ = shown(name)
    found = judge(copy(example_, tmp_path / "data"), example_)
    assert found, f"the example of {name} triggers nothing"
    assert {f.rule for f in found} == {name}, [(f.rule, f.message) for f in found]
    assert {f.file for f in found} <= set(example_.files), "explain does not show the file"


@pytest.mark.parametrize("name", [n for n in rules.REGISTRY if (folder_of(n) / NEAR_MISS).is_dir()])
def test_the_near_miss_triggers_nothing(name, tmp_path):
    example_ = shown(name)
    assert example_.near_miss, f"{name}: say in {EXAMPLE_FILE} what the near-miss changes"
    found = judge(copy(example_, tmp_path / "data", near_miss=True), example_)
    assert found == []


def test_every_example_shows_only_files_it_has_and_needs_no_more():
    for name in rules.REGISTRY:
        example_ = shown(name)
        assert example_.files, name
        for rel in example_.files:
            assert (example_.folder / rel).is_file(), f"{name}: {rel}"
        records = {
            p.relative_to(example_.folder).as_posix()
            for p in example_.folder.rglob("*.yaml")
            if NEAR_MISS not in p.relative_to(example_.folder).parts
        }
        assert "lingbi.yaml" in records, name
        assert len(records) <= 7, f"{name}: an example is a small folder"


def test_explain_prints_the_example_in_chinese(cli):
    result = cli("explain", "id-number")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "做什么：" in out and "为什么：" in out and "按 2019-06-01 检查" in out
    assert "townships/yangtuan/households.yaml：身份证号最后一位校验码应为 6" in out
    assert "id_number: '341323195803200027'" in out
    assert "What:" not in out and "store." not in out and "parse_file" not in out


def test_explain_names_each_file_that_matters(cli):
    result = cli("explain", "inactive-deputy")
    assert result.exit_code == 0, result.output
    files = [line for line in result.stdout.splitlines() if line.startswith("  townships/")]
    assert [line.split("：")[0].strip() for line in files] == [
        "townships/yangtuan/deputies.yaml",
        "townships/yangtuan/activities/2019-08.yaml",
    ]
