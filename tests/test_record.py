"""Recording: every write validated, atomic, under a lock, and kind to hand edits."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lingbi_cli import rules
from lingbi_cli.actions import activity as activity_actions
from lingbi_cli.errors import RefusedError
from lingbi_cli.store import atomic, write
from lingbi_cli.store.folder import DataFolder

ACTIVITIES = "townships/yangtuan/activities/2019-05.yaml"
PAIRINGS = "townships/yangtuan/pairings.yaml"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2020-01-15")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*.yaml"))
        if ".lingbi-cache" not in p.parts
    }


def integrity_errors(folder: Path) -> list:
    result = rules.run(DataFolder(folder).load(), only=list(rules.INTEGRITY))
    return [f for f in result.findings if f.level.value == "error"]


# one visit on a day both the deputy and the pairing were active, used by several tests
LOG_VISIT = (
    "log",
    "visit",
    "-D",
    "yangtuan-d001",
    "-H",
    "yangtuan-h0001",
    "--date",
    "2019-05-30",
    "-s",
    "x",
)

HAND_EDITED = (
    "# yaml-language-server: $schema=../../../schemas/activity.json\n"
    "# 五月份的活动 —— 由 张 手工录入\n"
    "\n"
    "-   id: yangtuan-a201905-001      # 第一次\n"
    "    date: 2019-05-08\n"
    "    kind: 串门\n"
    "    deputies: [ yangtuan-d001 ]\n"
    '    household: "yangtuan-h0001"\n'
    "    summary: '入户走访，了解生产生活情况'\n"
    "\n"
    "\n"
    "# 下面一条是补录的\n"
    "-   id: yangtuan-a201905-002\n"
    "    date: 2019-05-20\n"
    "    kind: 捐资\n"
    "    deputies:\n"
    "      - yangtuan-d002\n"
    "    household: yangtuan-h0002\n"
    "    amount: 500.00\n"
    "    summary: >-\n"
    "      捐助化肥款\n"
    "# 文件末尾的注释\n"
)


def test_log_appends_exactly_one_record_and_keeps_every_byte(folder, cli):
    data = folder({ACTIVITIES: HAND_EDITED})
    path = data / ACTIVITIES
    before = path.read_bytes()
    result = cli(
        "--data",
        str(data),
        "log",
        "visit",
        "-D",
        "yangtuan-d001",
        "-H",
        "yangtuan-h0001",
        "--date",
        "2019-05-30",
        "-s",
        "回访：核实就医报销",
    )
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(before)
    added = after[len(before) :].decode("utf-8")
    assert added == textwrap.dedent("""\
        -   id: yangtuan-a201905-003
            date: 2019-05-30
            kind: 串门
            deputies: [yangtuan-d001]
            household: yangtuan-h0001
            summary: 回访：核实就医报销
        """)
    assert "yangtuan-a201905-003" in result.stdout and ACTIVITIES in result.stdout
    assert integrity_errors(data) == []


def test_log_into_a_new_month_creates_the_file_with_a_schema_line(tiny, cli):
    result = cli(
        "--data",
        str(tiny),
        "log",
        "trip",
        "-D",
        "yangtuan-d001",
        "-D",
        "李秀英",
        "--village",
        "后湖村",
        "--date",
        "2019-07-02",
        "-s",
        "视察后湖村道路",
        "--focus",
        "乡村道路畅通",
    )
    assert result.exit_code == 0, result.output
    text = (tiny / "townships/yangtuan/activities/2019-07.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/activity.json\n")
    records = DataFolder(tiny).load()
    trip = records.activities["yangtuan-a201907-001"]
    assert trip.deputies == ["yangtuan-d001", "yangtuan-d002"] and trip.villages == ["后湖村"]


def test_log_writes_what_a_trip_found_under_the_findings_key(tiny, cli):
    result = cli(
        *("--data", str(tiny), "log", "trip", "-D", "yangtuan-d001", "--village", "后湖村"),
        *("--date", "2019-07-02", "-s", "视察后湖村道路", "--findings", "路面破损"),
    )
    assert result.exit_code == 0, result.output
    text = (tiny / "townships/yangtuan/activities/2019-07.yaml").read_text(encoding="utf-8")
    assert "  villages: [后湖村]\n  findings: 路面破损\n" in text
    assert "observations" not in text
    trip = DataFolder(tiny).load().activities["yangtuan-a201907-001"]
    assert trip.observations == "路面破损"


def test_dry_run_shows_a_diff_and_writes_nothing(tiny, cli):
    before = snapshot(tiny)
    result = cli(
        "--data",
        str(tiny),
        "log",
        "talk",
        "-D",
        "yangtuan-d001",
        "-H",
        "yangtuan-h0001",
        "--date",
        "2019-05-30",
        "-s",
        "谈心",
        "--dry-run",
    )
    assert result.exit_code == 0, result.output
    assert f"+++ b/{ACTIVITIES}" in result.stdout and "+  kind: 谈心" in result.stdout
    assert snapshot(tiny) == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            [
                "log",
                "visit",
                "-D",
                "yangtuan-d001",
                "-H",
                "yangtuan-h0003",
                "--date",
                "2019-05-30",
                "-s",
                "x",
            ],
            "并未与贫困户 yangtuan-h0003 结对",
        ),
        (
            [
                "log",
                "visit",
                "-D",
                "yangtuan-d001",
                "-H",
                "yangtuan-h0001",
                "--date",
                "2020-02-01",
                "-s",
                "x",
            ],
            "未来",
        ),
        (
            [
                "log",
                "visit",
                "-D",
                "yangtuan-d001",
                "-H",
                "yangtuan-h0001",
                "--date",
                "2018-03-30",
                "-s",
                "x",
            ],
            "不在活动期间",
        ),
        (
            [
                "log",
                "donation",
                "-D",
                "yangtuan-d001",
                "-H",
                "yangtuan-h0001",
                "--date",
                "2019-05-30",
                "-s",
                "x",
                "--amount",
                "-50",
            ],
            "负数",
        ),
        (
            [
                "log",
                "visit",
                "-D",
                "yangtuan-d404",
                "-H",
                "yangtuan-h0001",
                "--date",
                "2019-05-30",
                "-s",
                "x",
            ],
            "找不到代表",
        ),
        (["pair", "yangtuan-d002", "yangtuan-h0002", "--date", "2019-06-01"], "已经与"),
        (["pair", "yangtuan-d001", "yangtuan-h0003", "--date", "2019-06-01"], "单位"),
        (["pair", "yangtuan-d002", "yangtuan-h9999", "--date", "2019-06-01"], "找不到贫困户"),
        (
            ["unpair", "yangtuan-d002", "yangtuan-h0003", "--date", "2019-06-01", "--reason", "x"],
            "没有未结束的结对",
        ),
    ],
)
def test_refusals_exit_1_name_the_problem_and_write_nothing(tiny, cli, args, words):
    before = snapshot(tiny)
    result = cli("--data", str(tiny), *args)
    assert result.exit_code == 1, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(tiny) == before


def test_pair_refuses_a_fourth_household(folder, cli):
    households = "townships/yangtuan/households.yaml"
    from conftest import TINY

    extra = "".join(
        f"""
        - id: yangtuan-h01{n}
          head: 户主{n}
          id_number: '{number}'
          village: 后湖村
          members: 2
          attribute: 一般贫困户
          causes: [缺资金]
          registered: 2016
          source: 乡镇帮扶点
        """
        for n, number in (
            ("1", "341323198001010015"),
            ("2", "341323198001010023"),
            ("3", "341323198001010031"),
        )
    )
    data = folder({households: TINY[households] + extra})
    for n in ("1", "2"):
        ok = cli(
            "--data", str(data), "pair", "yangtuan-d002", f"yangtuan-h01{n}", "--date", "2019-06-01"
        )
        assert ok.exit_code == 0, ok.output
    before = snapshot(data)
    result = cli("--data", str(data), "pair", "李秀英", "yangtuan-h013", "--date", "2019-06-01")
    assert result.exit_code == 1
    assert "同时结对 4 户，多于 3 户" in result.stderr and "§2.3(3)" in result.stderr
    assert snapshot(data) == before


def test_pair_refuses_an_inactive_deputy_and_ambiguous_names_list_candidates(folder, cli):
    from conftest import TINY

    deputies = "townships/yangtuan/deputies.yaml"
    extra = """
        - id: yangtuan-d003
          name: 张伟
          gender: 男
          levels: [乡]
          district: 第二选区
          sector: 企业
          employer: 企业
          term_start: 2016-11-20
          term_end: 2019-03-31
    """
    data = folder({deputies: TINY[deputies] + extra})
    before = snapshot(data)
    gone = cli(
        "--data", str(data), "pair", "yangtuan-d003", "yangtuan-h0003", "--date", "2019-06-01"
    )
    assert gone.exit_code == 1 and "inactive-deputy" in gone.stderr and "的任期" in gone.stderr
    both = cli("--data", str(data), "pair", "张伟", "yangtuan-h0003", "--date", "2019-06-01")
    assert both.exit_code == 1
    assert "yangtuan-d001" in both.stderr and "yangtuan-d003" in both.stderr
    assert snapshot(data) == before


def test_unpair_sets_end_and_reason_and_keeps_the_record(tiny, cli):
    path = tiny / PAIRINGS
    before = path.read_text(encoding="utf-8")
    result = cli(
        "--data",
        str(tiny),
        "unpair",
        "yangtuan-d002",
        "赵桂兰",
        "--date",
        "2019-12-31",
        "--reason",
        "已稳定脱贫",
    )
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert after.replace("  end: 2019-12-31\n  end_reason: 已稳定脱贫\n", "") == before
    pairing = DataFolder(tiny).load().pairings["yangtuan-p0002"]
    assert (str(pairing.end), pairing.end_reason) == ("2019-12-31", "已稳定脱贫")


def test_proposal_lifecycle_and_filing(tiny, cli):
    base = ["--data", str(tiny)]
    added = cli(
        *base,
        "proposal",
        "add",
        "--title",
        "关于修建后湖村生产路的建议",
        "--lead",
        "yangtuan-d002",
        "--cosigner",
        "yangtuan-d001",
        "--date",
        "2019-03-10",
    )
    assert added.exit_code == 0, added.output
    pid = "yangtuan-j2019-01"
    steps = [
        ["proposal", "assign", pid, "--department", "县交通运输局", "--date", "2019-03-20"],
        ["proposal", "reply", pid, "--result", "b", "--date", "2019-06-10"],
        ["proposal", "rate", pid, "--satisfaction", "不满意", "--date", "2019-06-20"],
        ["proposal", "rehandle", pid, "--date", "2019-07-01"],
    ]
    for step in steps:
        result = cli(*base, *step)
        assert result.exit_code == 0, (step, result.output)
    proposal = DataFolder(tiny).load().proposals[pid]
    assert (
        proposal.department,
        str(proposal.reply),
        proposal.result.value,
        proposal.satisfaction.value,
        str(proposal.rehandled),
    ) == ("县交通运输局", "2019-06-10", "B", "不满意", "2019-07-01")
    early = cli(*base, "proposal", "reply", pid, "--result", "A", "--date", "2019-03-01")
    assert early.exit_code == 1 and "早于" in early.stderr
    filed = cli(
        *base,
        "file",
        "h1_report",
        "--period",
        "2019h1",
        "--township",
        "杨疃镇",
        "--date",
        "2019-06-18",
    )
    assert filed.exit_code == 0, filed.output
    again = cli(
        *base,
        "file",
        "上半年报告",
        "--period",
        "2019H1",
        "--township",
        "yangtuan",
        "--date",
        "2019-06-19",
    )
    assert again.exit_code == 1 and "登记过" in again.stderr
    assert integrity_errors(tiny) == []


def test_missing_field_without_a_terminal_is_an_error(tiny, cli):
    result = cli(
        "--data",
        str(tiny),
        "log",
        "visit",
        "-D",
        "yangtuan-d001",
        "--date",
        "2019-05-30",
        "-s",
        "x",
    )
    assert result.exit_code == 2 and "--household" in result.stderr


WORKER = """
import sys
from lingbi_cli.cli import app
data, worker = sys.argv[1], int(sys.argv[2])
for n in range(25):
    try:
        app(["--data", data, "log", "talk", "-D", "yangtuan-d001", "-H", "yangtuan-h0001",
             "--date", "2019-05-30", "-s", f"谈心 {worker}-{n}"], standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            raise
"""


def test_eight_processes_logging_at_once_lose_nothing(tiny):
    env = {**os.environ, "LINGBI_TODAY": "2020-01-15"}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(tiny), str(w)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for w in range(8)
    ]
    for process in workers:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    records = DataFolder(tiny).load()
    talks = [a for a in records.activities.values() if a.summary.startswith("谈心 ")]
    assert len(talks) == 200
    assert {a.summary for a in talks} == {f"谈心 {w}-{n}" for w in range(8) for n in range(25)}
    assert records.findings == [] and integrity_errors(tiny) == []


def test_a_failure_between_temp_file_and_rename_leaves_the_original(tiny, cli, monkeypatch):
    before = snapshot(tiny)

    def crash(tmp: Path, path: Path) -> None:
        if path.suffix != ".yaml":
            return  # a cache entry (the same writer)
        assert tmp.read_bytes().startswith(before[ACTIVITIES])  # the temp file was complete
        raise OSError("disk pulled out")

    monkeypatch.setattr(atomic, "_before_rename", crash)
    result = cli(
        "--data",
        str(tiny),
        *LOG_VISIT,
    )
    assert result.exit_code == 1 and "原文件没有改动" in result.stderr
    assert snapshot(tiny) == before
    assert not list((tiny / "townships/yangtuan/activities").glob(".*tmp"))
    assert not list((tiny / ".lingbi-cache/tmp").iterdir())


KILLER = """
import os, signal, sys
from lingbi_cli.store import atomic
from lingbi_cli.cli import app
def crash(tmp, path):
    if path.suffix == ".yaml":  # the record file, not a cache entry
        os.kill(os.getpid(), signal.SIGKILL)
atomic._before_rename = crash
app(["--data", sys.argv[1], "log", "visit", "-D", "yangtuan-d001", "-H", "yangtuan-h0001",
     "--date", "2019-05-30", "-s", "x"])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on Windows")
def test_a_process_killed_before_rename_leaves_the_original(tiny, cli):
    before = snapshot(tiny)
    env = {**os.environ, "LINGBI_TODAY": "2020-01-15"}
    process = subprocess.run([sys.executable, "-c", KILLER, str(tiny)], env=env, timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert snapshot(tiny) == before
    # the dead process's temporary file is out of sight of git and the loader, and a later
    # write removes it once it is old
    (left,) = (tiny / ".lingbi-cache/tmp").iterdir()
    assert not [p for p in tiny.rglob("*.tmp") if ".lingbi-cache" not in p.parts]
    os.utime(left, (0, 0))
    # the dead process's lock is gone with it: the next write goes through
    result = cli(
        "--data",
        str(tiny),
        *LOG_VISIT,
    )
    assert result.exit_code == 0, result.output
    assert integrity_errors(tiny) == []
    assert not left.exists()


def test_a_file_changed_by_hand_since_it_was_read_is_not_overwritten(tiny, monkeypatch):
    from lingbi_cli.actions import pairing
    from lingbi_cli.store import folder

    original = write.change_file

    def edited_meanwhile(folder, rel, edit, **kwargs):
        (folder / rel).write_text(
            (folder / rel).read_text(encoding="utf-8") + "# 手工修改\n", encoding="utf-8"
        )
        return original(folder, rel, edit, **kwargs)

    monkeypatch.setattr(folder, "change_file", edited_meanwhile)
    with pytest.raises(write.WriteError, match="被修改过"):
        pairing.unpair(
            DataFolder(tiny),
            "yangtuan-d002",
            "yangtuan-h0002",
            __import__("datetime").date(2019, 12, 31),
            "已稳定脱贫",
        )
    assert (tiny / PAIRINGS).read_text(encoding="utf-8").endswith("# 手工修改\n")
    assert "end:" not in (tiny / PAIRINGS).read_text(encoding="utf-8")


def test_a_new_field_goes_inside_its_record_not_under_the_next_records_comment(tiny, cli):
    proposals = tiny / "townships/yangtuan/proposals.yaml"
    proposals.write_text(
        "- id: yangtuan-j2019-01\n  type: 建议\n  title: 关于修建后湖村生产路的建议\n"
        "  lead: yangtuan-d002\n  cosigners:\n    - yangtuan-d001\n  date: 2019-03-10\n"
        "  session: 闭会期间\n"
        "# lingbi: ignore[proposal-reply] 等待省里的项目批复\n"
        "- id: yangtuan-j2019-02\n  type: 建议\n  title: 关于打井的建议\n"
        "  lead: yangtuan-d001\n  date: 2019-04-01\n  session: 闭会期间\n"
        "  department: 县水利局\n  assigned: 2019-04-10\n",
        encoding="utf-8",
    )
    # put the list last in the first record, so that its end mark runs into the comment
    text = proposals.read_text(encoding="utf-8").replace(
        "  cosigners:\n    - yangtuan-d001\n  date: 2019-03-10\n  session: 闭会期间\n",
        "  date: 2019-03-10\n  session: 闭会期间\n  cosigners:\n    - yangtuan-d001\n",
    )
    proposals.write_text(text, encoding="utf-8")
    result = cli(
        "--data",
        str(tiny),
        "proposal",
        "assign",
        "yangtuan-j2019-01",
        "--department",
        "县交通运输局",
        "--date",
        "2019-03-20",
    )
    assert result.exit_code == 0, result.output
    after = proposals.read_text(encoding="utf-8")
    assert after == text.replace(
        "    - yangtuan-d001\n# lingbi",
        "    - yangtuan-d001\n  department: 县交通运输局\n  assigned: 2019-03-20\n# lingbi",
    )
    records = DataFolder(tiny).load()
    assert records.proposals["yangtuan-j2019-02"].ignores == {
        "proposal-reply": "等待省里的项目批复"
    }
    assert records.proposals["yangtuan-j2019-01"].ignores == {}


def test_pair_auto_plan_is_rechecked_under_the_lock(tiny, cli):
    import datetime as dt

    from lingbi_cli.actions import pairing

    plan = pairing.plan_auto(DataFolder(tiny), "yangtuan", dt.date(2019, 6, 1))
    assert [(p.deputy, p.household) for p in plan.pairings] == [("yangtuan-d002", "yangtuan-h0003")]
    # meanwhile, a clerk pairs the same household by hand
    meanwhile = cli(
        "--data", str(tiny), "pair", "yangtuan-d002", "yangtuan-h0003", "--date", "2019-06-01"
    )
    assert meanwhile.exit_code == 0, meanwhile.output
    before = (tiny / PAIRINGS).read_bytes()
    with pytest.raises(write.WriteError, match="重新运行"):
        pairing.write_plan(plan)
    assert (tiny / PAIRINGS).read_bytes() == before


SAMPLE = Path(__file__).resolve().parents[1] / "data"


def test_a_log_by_deputy_ids_reads_the_people_of_their_townships_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deputy's id in lingbi's form names the township that keeps it: a log reads that
    township's deputies, households and pairings and the county's lists, not every township's
    deputies. A name, or an id its township does not hold, reads every deputy (the same
    deputy found, or the same refusal)."""
    data = shutil.copytree(
        SAMPLE, tmp_path / "data", ignore=shutil.ignore_patterns(".lingbi-cache")
    )
    read: list[str] = []
    real = DataFolder._load

    def spy(self: DataFolder, records, files, progress=None):  # type: ignore[no-untyped-def]
        read.extend(f.rel for f in files)
        return real(self, records, files, progress)

    monkeypatch.setattr(DataFolder, "_load", spy)
    every = {f"townships/{p.name}/deputies.yaml" for p in (data / "townships").iterdir()}
    assert len(every) == 5

    records = activity_actions.prepare(DataFolder(data), ["yangtuan-d001", "yangtuan-d002"])
    assert sorted(read) == [
        "county/townships.yaml",
        "county/units.yaml",
        "townships/yangtuan/deputies.yaml",
        "townships/yangtuan/households.yaml",
        "townships/yangtuan/pairings.yaml",
    ]
    deputy = records.deputies["yangtuan-d001"]

    read.clear()
    by_name = activity_actions.prepare(DataFolder(data), [deputy.name])
    assert {rel for rel in read if rel.endswith("deputies.yaml")} == every
    assert by_name.find(type(deputy), deputy.name).id == deputy.id

    read.clear()
    with pytest.raises(RefusedError, match="找不到代表“yangtuan-d999”"):
        activity_actions.prepare(DataFolder(data), ["yangtuan-d999"])
    assert {rel for rel in read if rel.endswith("deputies.yaml")} == every
