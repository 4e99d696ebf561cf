"""Merging record files by id: the merge driver's logic, then real git with two clones."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lingbi_cli.store.merge import OURS_MARK, CannotMerge, merge_texts, renumberable

HEAD = "# yaml-language-server: $schema=../../../schemas/activity.json\n# 七月的活动\n"
R1 = """\
- id: yuji-a202007-001
  date: 2020-07-02
  kind: 串门
  deputies: [yuji-d001]
  household: yuji-h0001
  summary: 走访
"""
R2 = """\
# 一条带注释的记录
- id: yuji-a202007-002
  date: 2020-07-03
  kind: 谈心   # 手写的注释
  deputies: [yuji-d002]
  household: yuji-h0002
  summary: '谈心：了解情况'
"""
BASE = HEAD + R1 + "\n" + R2


def new(number: str, day: str, who: str = "yuji-d001", extra: str = "") -> str:
    return (
        f"- id: yuji-a202007-{number}\n  date: 2020-07-{day}\n  kind: 串门\n"
        f"  deputies: [{who}]\n  household: yuji-h0001\n  summary: 走访{extra}\n"
    )


def test_both_sides_new_records_are_kept_and_the_local_one_renumbered() -> None:
    ours = BASE + new("003", "08", extra="（本地）")
    theirs = BASE + new("003", "09", who="yuji-d002")
    merged = merge_texts(BASE, ours, theirs, renumber=True)
    assert merged.conflicts == []
    assert merged.renumbered == [("yuji-a202007-003", "yuji-a202007-004")]
    assert merged.text == BASE + new("003", "09", who="yuji-d002") + new(
        "004", "08", extra="（本地）"
    )


def test_a_rebase_renumbers_the_replayed_local_side() -> None:
    local = BASE + new("003", "08", extra="（本地）")
    upstream = BASE + new("003", "09", who="yuji-d002")
    # in a rebase git calls the upstream "ours" and the replayed local commit "theirs"
    merged = merge_texts(BASE, upstream, local, renumber=True, renumber_ours=False)
    assert merged.renumbered == [("yuji-a202007-003", "yuji-a202007-004")]
    assert new("003", "09", who="yuji-d002") in merged.text and "yuji-a202007-004" in merged.text


def test_untouched_records_keep_their_bytes_and_different_fields_merge() -> None:
    ours = BASE.replace("summary: 走访\n", "summary: 走访，送去米面\n")
    theirs = BASE.replace("kind: 谈心   # 手写的注释", "kind: 谈心   # 手写的注释").replace(
        "  deputies: [yuji-d001]\n", "  deputies: [yuji-d001, yuji-d002]\n"
    )
    merged = merge_texts(BASE, ours, theirs, renumber=True)
    assert merged.conflicts == []
    assert merged.text == BASE.replace("summary: 走访\n", "summary: 走访，送去米面\n").replace(
        "  deputies: [yuji-d001]\n", "  deputies: [yuji-d001, yuji-d002]\n"
    )
    assert R2 in merged.text  # comments, quoting and spacing of the other record untouched


def test_a_field_added_on_one_side_and_changed_on_the_other() -> None:
    ours = BASE.replace("  summary: 走访\n", "  summary: 走访\n  focus: 饮水安全\n")
    theirs = BASE.replace("household: yuji-h0001", "household: yuji-h0003")
    merged = merge_texts(BASE, ours, theirs, renumber=True)
    assert merged.conflicts == []
    assert "household: yuji-h0003\n  summary: 走访\n  focus: 饮水安全\n" in merged.text
    merged = merge_texts(BASE, theirs, ours, renumber=True)
    assert "household: yuji-h0003\n  summary: 走访\n  focus: 饮水安全\n" in merged.text


def test_the_same_field_changed_both_ways_is_a_conflict() -> None:
    ours = BASE.replace("date: 2020-07-02", "date: 2020-07-05")
    theirs = BASE.replace("date: 2020-07-02", "date: 2020-07-06")
    merged = merge_texts(BASE, ours, theirs, renumber=True)
    assert merged.conflicts == ["记录 yuji-a202007-001 的 date 两边都改了"]
    assert f"{OURS_MARK}\n- id: yuji-a202007-001\n  date: 2020-07-05" in merged.text
    assert "=======\n- id: yuji-a202007-001\n  date: 2020-07-06" in merged.text
    assert R2 in merged.text


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    ours = theirs = BASE.replace("date: 2020-07-02", "date: 2020-07-05")
    assert merge_texts(BASE, ours, theirs, renumber=True).text == ours


def test_new_households_with_one_id_are_a_conflict_not_a_renumbering() -> None:
    assert not renumberable("data/townships/yuji/households.yaml")
    assert renumberable("townships/yuji/activities/2020-07.yaml")
    assert renumberable("townships/yuji/pairings.yaml") and renumberable("county/awards.yaml")
    ours = BASE + new("003", "08")
    theirs = BASE + new("003", "09")
    merged = merge_texts(BASE, ours, theirs, renumber=False)
    assert merged.conflicts == ["两边新建的记录都用了编号 yuji-a202007-003"]


def test_deleted_on_one_side_changed_on_the_other() -> None:
    ours = HEAD + R1.replace("走访", "走访了") + "\n"
    theirs = HEAD + R1 + "\n" + R2.replace("谈心：", "谈心二：")
    merged = merge_texts(HEAD + R1 + "\n" + R2, ours, theirs, renumber=True)
    assert merged.conflicts == ["记录 yuji-a202007-002 本地删了，对方改了"]
    deleted = HEAD + R1 + "\n"
    assert merge_texts(BASE, deleted, BASE, renumber=True).text == deleted


def test_an_empty_file_filled_on_both_sides() -> None:
    merged = merge_texts(HEAD, HEAD + new("001", "08"), HEAD + new("001", "09"), renumber=True)
    assert merged.text == HEAD + new("001", "09") + new("002", "08")


def test_a_file_that_is_no_list_of_records_cannot_be_merged_by_record() -> None:
    with pytest.raises(CannotMerge):
        merge_texts(BASE, "a: b\n", BASE, renumber=True)
    with pytest.raises(CannotMerge):
        merge_texts(BASE, BASE + R1, BASE, renumber=True)  # an id twice


# --- real git ------------------------------------------------------------------------------

PEOPLE = {
    "townships/yuji/deputies.yaml": """\
- id: yuji-d001
  name: 陆鹏
  gender: 男
  levels: [乡]
  district: 第一选区
  sector: 基层农民
  employer: 农村
  term_start: 2016-11-16
- id: yuji-d002
  name: 李凤红
  gender: 女
  levels: [乡]
  district: 第二选区
  sector: 基层农民
  employer: 农村
  term_start: 2016-11-16
""",
    "townships/yuji/households.yaml": """\
- id: yuji-h0001
  head: 王建国
  id_number: '34132319650315013X'
  village: 张口村
  members: 4
  attribute: 一般贫困户
  causes: [因病]
  registered: 2016
  source: 乡镇帮扶点
- id: yuji-h0002
  head: 赵桂兰
  id_number: '341323195803200026'
  village: 张口村
  members: 2
  attribute: 低保贫困户
  causes: [因残]
  registered: 2015
  source: 乡镇帮扶点
""",
    "townships/yuji/pairings.yaml": """\
- id: yuji-p0001
  deputy: yuji-d001
  household: yuji-h0001
  start: 2018-03-25
  chosen_by: 乡镇推荐
- id: yuji-p0002
  deputy: yuji-d002
  household: yuji-h0002
  start: 2018-03-25
  chosen_by: 乡镇推荐
""",
}

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


class Shell:
    """Runs git and lingbi (this interpreter's) in folders under one temporary home."""

    def __init__(self, home: Path) -> None:
        bin_dir = str(Path(sys.executable).parent)
        self.env = {
            **os.environ,
            "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
            "HOME": str(home),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "文书",
            "GIT_AUTHOR_EMAIL": "clerk@example.org",
            "GIT_COMMITTER_NAME": "文书",
            "GIT_COMMITTER_EMAIL": "clerk@example.org",
            "LINGBI_TODAY": "2020-08-01",
        }
        self.env.pop("LINGBI_DATA", None)

    def __call__(
        self, where: Path, *args: str, ok: bool = True
    ) -> subprocess.CompletedProcess[str]:
        run = subprocess.run(args, cwd=where, env=self.env, capture_output=True, text=True)
        if ok:
            assert run.returncode == 0, f"{args}: {run.stdout}{run.stderr}"
        return run


def two_clones(tmp_path: Path) -> tuple[Shell, Path, Path]:
    sh = Shell(tmp_path)
    work = tmp_path / "县"
    sh(tmp_path, "lingbi", "init", str(work), "--township", "虞姬乡")
    for rel, text in PEOPLE.items():
        with open(work / rel, "a", encoding="utf-8") as handle:
            handle.write(text)
    sh(work, "git", "init", "-q", "-b", "main")
    sh(work, "git", "add", "-A")
    sh(work, "git", "commit", "-qm", "开始")
    sh(tmp_path, "git", "clone", "-q", "--bare", str(work), str(tmp_path / "hub.git"))
    clones = []
    for name in ("甲", "乙"):
        sh(tmp_path, "git", "clone", "-q", str(tmp_path / "hub.git"), name)
        sh(tmp_path / name, "lingbi", "init", ".")  # turns the merge driver on in this clone
        sh(tmp_path / name, "git", "config", "pull.rebase", "false")
        clones.append(tmp_path / name)
    return sh, clones[0], clones[1]


def log_visit(sh: Shell, where: Path, deputy: str, day: str, summary: str) -> str:
    run = sh(
        where,
        "lingbi",
        "log",
        "visit",
        "-D",
        deputy,
        "-H",
        "yuji-h000" + deputy[-1],
        "--date",
        day,
        "-s",
        summary,
    )
    return run.stdout.split()[1]


@needs_git
@pytest.mark.parametrize("rebase", [False, True], ids=["merge", "rebase"])
def test_two_clones_log_in_one_month_and_pull_without_conflict(
    tmp_path: Path, rebase: bool
) -> None:
    sh, a, b = two_clones(tmp_path)
    month = "townships/yuji/activities/2020-07.yaml"
    assert log_visit(sh, a, "yuji-d001", "2020-07-08", "甲的走访") == "yuji-a202007-001"
    assert log_visit(sh, a, "yuji-d001", "2020-07-09", "甲的第二次走访") == "yuji-a202007-002"
    sh(a, "git", "add", "-A")
    sh(a, "git", "commit", "-qm", "甲登记走访")
    sh(a, "git", "push", "-q")
    assert log_visit(sh, b, "yuji-d002", "2020-07-10", "乙的走访") == "yuji-a202007-001"
    sh(b, "git", "add", "-A")
    sh(b, "git", "commit", "-qm", "乙登记走访")
    pulled = sh(b, "git", "pull", "--rebase" if rebase else "--no-rebase", "-q")
    assert "yuji-a202007-001" in pulled.stderr and "yuji-a202007-003" in pulled.stderr
    text = (b / month).read_text(encoding="utf-8")
    assert "<<<<<<<" not in text
    assert [line.split()[-1] for line in text.splitlines() if line.startswith("- id:")] == [
        "yuji-a202007-001",
        "yuji-a202007-002",
        "yuji-a202007-003",
    ]
    assert "甲的走访" in text and "乙的走访" in text
    check = sh(
        b,
        "lingbi",
        "check",
        "--rule",
        "duplicate-id",
        "--rule",
        "schema",
        "--rule",
        "pairing-window",
        "--rule",
        "unknown-ref",
    )
    assert "检查完毕：没有发现问题。" in check.stdout
    sh(b, "git", "push", "-q")
    sh(a, "git", "pull", "-q")
    assert (a / month).read_text(encoding="utf-8") == text


@needs_git
def test_both_clones_change_the_same_field_and_git_leaves_a_conflict(tmp_path: Path) -> None:
    sh, a, b = two_clones(tmp_path)
    rel = "townships/yuji/households.yaml"
    for clone, members, phone in ((a, "5", ""), (b, "6", "  phone: '13800001234'\n")):
        path = clone / rel
        text = path.read_text(encoding="utf-8")
        text = text.replace("  members: 4\n", f"  members: {members}\n{phone}", 1)
        path.write_text(text, encoding="utf-8")
        sh(clone, "git", "commit", "-qam", "改人口")
    sh(a, "git", "push", "-q")
    pulled = sh(b, "git", "pull", "-q", ok=False)
    assert pulled.returncode != 0
    text = (b / rel).read_text(encoding="utf-8")
    assert f"{OURS_MARK}\n" in text and "  members: 6\n" in text and "  members: 5\n" in text
    assert "记录 yuji-h0001 的 members 两边都改了" in pulled.stderr
    status = sh(b, "git", "status", "--porcelain").stdout
    assert f"UU {rel}" in status


@needs_git
def test_different_fields_of_one_record_merge(tmp_path: Path) -> None:
    sh, a, b = two_clones(tmp_path)
    rel = "townships/yuji/households.yaml"
    changes = (
        (a, "  members: 4\n", "  members: 5\n"),
        (
            b,
            "  village: 张口村\n  members: 4\n",
            "  village: 张口村\n  members: 4\n  phone: '13800001234'\n",
        ),
    )
    for clone, old, new_text in changes:
        path = clone / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new_text, 1), "utf-8")
        sh(clone, "git", "commit", "-qam", "改贫困户")
    sh(a, "git", "push", "-q")
    sh(b, "git", "pull", "-q")
    text = (b / rel).read_text(encoding="utf-8")
    assert "  members: 5\n  phone: '13800001234'\n" in text and "<<<<<<<" not in text
