"""Unit-assisted households name their unit (``unit:`` on the household), so townships linking
households to one unit write only their own files: the old list on the unit still loads, with
an informational finding suggesting the move; two clones of different townships linking a
household each to the same unit merge in git without a conflict."""

from __future__ import annotations

from textwrap import dedent

from conftest import TINY
from test_merge import Shell, needs_git

from lingbi_cli.errors import Level
from lingbi_cli.store.folder import DataFolder

UNITS = "county/units.yaml"
HOUSEHOLDS = "townships/yangtuan/households.yaml"


def test_the_old_list_on_the_unit_still_loads_and_suggests_the_move(folder):
    old = dedent(TINY[UNITS]) + "  households: [yangtuan-h0003]\n"
    records = DataFolder(folder({UNITS: old})).load()
    (found,) = records.findings
    assert (found.rule, found.level, found.file, found.line) == ("schema", Level.info, UNITS, 4)
    assert "unit: u-jiaoyuju" in found.hint
    # both ways of writing it count: h0001 names its unit, h0003 is on the unit's old list
    assert records.unit_households("u-jiaoyuju") == {"yangtuan-h0001", "yangtuan-h0003"}


def test_a_household_naming_a_unit_must_be_a_unit_household(folder):
    text = TINY[HOUSEHOLDS].replace(
        "source: 乡镇帮扶点\n", "source: 乡镇帮扶点\n          unit: u-jiaoyuju\n", 1
    )
    (found,) = DataFolder(folder({HOUSEHOLDS: text})).load().findings
    assert found.rule == "schema" and "单位帮扶户" in found.message


UNIT_TEXT = "- id: u-renda\n  name: 县人大常委会办公室\n  kind: 机关\n"
HOUSEHOLD = """\
- id: {tid}-h0001
  head: {head}
  id_number: '{number}'
  village: 张口村
  members: 3
  attribute: 一般贫困户
  causes: [缺资金]
  registered: 2016
  source: 乡镇帮扶点
"""


@needs_git
def test_two_townships_link_households_to_one_unit_and_merge_without_conflict(tmp_path):
    sh = Shell(tmp_path)
    work = tmp_path / "县"
    sh(tmp_path, "lingbi", "init", str(work), "--township", "虞姬乡")
    sh(tmp_path, "lingbi", "init", str(work), "--township", "杨疃镇")
    with open(work / UNITS, "a", encoding="utf-8") as handle:
        handle.write(UNIT_TEXT)
    people = {
        "yuji": ("王建国", "34132319650315013X"),
        "yangtuan": ("赵桂兰", "341323195803200026"),
    }
    for tid, (head, number) in people.items():
        with open(work / f"townships/{tid}/households.yaml", "a", encoding="utf-8") as handle:
            handle.write(HOUSEHOLD.format(tid=tid, head=head, number=number))
    sh(work, "git", "init", "-q", "-b", "main")
    sh(work, "git", "add", "-A")
    sh(work, "git", "commit", "-qm", "开始")
    sh(tmp_path, "git", "clone", "-q", "--bare", str(work), str(tmp_path / "hub.git"))
    clones = {}
    for tid in people:
        sh(tmp_path, "git", "clone", "-q", str(tmp_path / "hub.git"), tid)
        sh(tmp_path / tid, "lingbi", "init", ".")
        sh(tmp_path / tid, "git", "config", "pull.rebase", "false")
        clones[tid] = tmp_path / tid
    # each township's clerk links its own household to 县人大常委会办公室, in its own file
    for tid, clone in clones.items():
        path = clone / f"townships/{tid}/households.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("source: 乡镇帮扶点\n", "source: 单位帮扶户\n  unit: u-renda\n"),
            encoding="utf-8",
        )
        sh(clone, "git", "commit", "-qam", f"{tid} 的单位帮扶户")
    sh(clones["yuji"], "git", "push", "-q")
    pulled = sh(clones["yangtuan"], "git", "pull", "-q", "--no-rebase", ok=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert "CONFLICT" not in pulled.stdout + pulled.stderr
    # every rule about the records themselves (the campaign's calendar is empty here)
    integrity = ("yaml-syntax", "schema", "duplicate-id", "unknown-ref", "id-number")
    check = sh(clones["yangtuan"], "lingbi", "check", *(f"--rule={r}" for r in integrity))
    assert "已有的记录没有发现问题。" in check.stdout
    records = DataFolder(clones["yangtuan"]).load()
    assert records.unit_households("u-renda") == {"yuji-h0001", "yangtuan-h0001"}
    assert "households" not in (clones["yangtuan"] / UNITS).read_text(encoding="utf-8")
