"""``lingbi edit``, ``remove`` and ``undo``: corrections made safely, every other byte kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lingbi_cli.store import journal
from lingbi_cli.store.folder import DataFolder

MAY = "townships/yangtuan/activities/2019-05.yaml"
JUNE = "townships/yangtuan/activities/2019-06.yaml"
DEPUTIES = "townships/yangtuan/deputies.yaml"
PAIRINGS = "townships/yangtuan/pairings.yaml"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2020-01-15")


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*.yaml"))
        if ".lingbi-cache" not in p.parts
    }


def test_edit_changes_only_the_value(tiny, cli):
    before = (tiny / MAY).read_text("utf-8")
    result = cli("--data", str(tiny), "edit", "yangtuan-a201905-001", "内容摘要=入户走访，送去种子")
    assert result.exit_code == 0, result.output
    assert "内容摘要（summary）：入户走访，了解生产生活情况 → 入户走访，送去种子" in result.output
    after = (tiny / MAY).read_text("utf-8")
    assert after == before.replace("入户走访，了解生产生活情况", "入户走访，送去种子")


def test_edit_keeps_a_hand_written_file_byte_for_byte(folder, cli):
    hand = (
        "# 五月份的活动\r\n"
        "-   id: yangtuan-a201905-001      # 第一次\r\n"
        "    date: 2019-05-08\r\n"
        "    kind: 串门\r\n"
        "    deputies:\r\n"
        "      - yangtuan-d001\r\n"
        "    household: yangtuan-h0001\r\n"
        "    summary: '入户走访'   # 引号是手打的\r\n"
        "\r\n"
        "# 下面这条是后来补的\r\n"
        "-   id: yangtuan-a201905-002\r\n"
        "    date: 2019-05-20\r\n"
        "    kind: 串门\r\n"
        "    deputies: [yangtuan-d002]\r\n"
        "    household: yangtuan-h0002\r\n"
        "    summary: 谈心\r\n"
    )
    data = folder({MAY: ""})
    (data / MAY).write_bytes(hand.encode("utf-8"))
    result = cli("--data", str(data), "edit", "yangtuan-a201905-001", "date=2019-05-09")
    assert result.exit_code == 0, result.output
    assert (data / MAY).read_bytes() == hand.replace("2019-05-08", "2019-05-09").encode("utf-8")


def test_a_date_in_another_month_moves_the_record_and_keeps_its_id(folder, cli):
    data = folder(
        {
            MAY: textwrap.dedent(
                """\
                # yaml-language-server: $schema=../../../schemas/activity.json
                - id: yangtuan-a201905-001
                  date: 2019-05-08
                  kind: 串门
                  deputies: [yangtuan-d001]
                  household: yangtuan-h0001
                  summary: 入户走访
                # lingbi: ignore[regular-visits] 住院期间
                - id: yangtuan-a201905-002
                  date: 2019-05-28
                  kind: 串门
                  deputies: [yangtuan-d002]
                  household: yangtuan-h0002
                  summary: 谈心   # 手写的注释
                - id: yangtuan-a201905-003
                  date: 2019-05-29
                  kind: 串门
                  deputies: [yangtuan-d001]
                  household: yangtuan-h0001
                  summary: 再次走访
                """
            )
        }
    )
    before = files(data)
    result = cli("--data", str(data), "edit", "yangtuan-a201905-002", "日期=2019-06-02")
    assert result.exit_code == 0, result.output
    assert f"记录从 {MAY} 移到 {JUNE}，编号 yangtuan-a201905-002 不变" in result.output
    block = (
        "# lingbi: ignore[regular-visits] 住院期间\n"
        "- id: yangtuan-a201905-002\n"
        "  date: 2019-05-28\n"
        "  kind: 串门\n"
        "  deputies: [yangtuan-d002]\n"
        "  household: yangtuan-h0002\n"
        "  summary: 谈心   # 手写的注释\n"
    )
    assert (data / MAY).read_text("utf-8") == before[MAY].decode().replace(block, "")
    june = (data / JUNE).read_text("utf-8")
    assert june == (
        "# yaml-language-server: $schema=../../../schemas/activity.json\n"
        + block.replace("2019-05-28", "2019-06-02")
    )
    loaded = DataFolder(data).load()
    moved = loaded.activities["yangtuan-a201905-002"]
    assert (moved.file, str(moved.date)) == (JUNE, "2019-06-02")
    assert moved.marks == {"regular-visits": "住院期间"}
    # one undo puts both files back as they were (the June file did not exist)
    undone = cli("--data", str(data), "undo")
    assert undone.exit_code == 0, undone.output
    assert files(data) == before


def test_an_edit_the_schema_or_the_rules_refuse_writes_nothing(tiny, cli):
    before = files(tiny)
    bad_date = cli("--data", str(tiny), "edit", "yangtuan-a201905-001", "date=2019-02-30")
    assert bad_date.exit_code == 2
    assert "日期（date）：日期 2019-02-30 不存在" in bad_date.output
    nobody = cli("--data", str(tiny), "edit", "yangtuan-a201905-001", "household=yangtuan-h0009")
    assert nobody.exit_code == 1
    assert "[unknown-ref]" in nobody.output and "yangtuan-h0009" in nobody.output
    wrong_kind = cli("--data", str(tiny), "edit", "yangtuan-a201905-001", "amount=10")
    assert wrong_kind.exit_code == 1 and "amount" in wrong_kind.output
    no_field = cli("--data", str(tiny), "edit", "yangtuan-a201905-001", "颜色=红")
    assert no_field.exit_code == 2
    assert "活动没有字段“颜色”" in no_field.output and "日期（date）" in no_field.output
    the_id = cli("--data", str(tiny), "edit", "yangtuan-a201905-001", "id=x")
    assert the_id.exit_code == 2 and "编号不能修改" in the_id.output
    assert files(tiny) == before
    assert journal.entries(tiny) == []


def test_dry_run_shows_the_diff_and_writes_nothing(tiny, cli):
    before = files(tiny)
    result = cli("--data", str(tiny), "edit", "yangtuan-a201905-001", "date=2019-06-01", "-n")
    assert result.exit_code == 0, result.output
    assert f"--- a/{MAY}" in result.output and f"+++ b/{JUNE}" in result.output
    assert "-  date: 2019-05-08" in result.output and "+  date: 2019-06-01" in result.output
    assert "没有写入任何文件" in result.output
    removal = cli("--data", str(tiny), "remove", "yangtuan-a201905-002", "--reason", "重复", "-n")
    assert removal.exit_code == 0, removal.output
    assert "-- id: yangtuan-a201905-002" in removal.output
    assert files(tiny) == before
    assert journal.entries(tiny) == []


def test_a_date_is_taken_as_a_clerk_writes_it(tiny, cli):
    result = cli("--data", str(tiny), "edit", "yangtuan-a201905-001", "日期=2019年5月9日")
    assert result.exit_code == 0, result.output
    assert "  date: 2019-05-09\n" in (tiny / MAY).read_text("utf-8")
    dotted = cli("--data", str(tiny), "edit", "yangtuan-a201905-001", "日期=2019.5.10")
    assert dotted.exit_code == 0 and "2019-05-09 → 2019-05-10" in dotted.output


def test_a_list_is_written_from_a_clerks_separators(tiny, cli):
    result = cli(
        "--data", str(tiny), "edit", "yangtuan-a201905-003", "deputies=yangtuan-d002、yangtuan-d001"
    )
    assert result.exit_code == 0, result.output
    assert "  deputies: [yangtuan-d002, yangtuan-d001]\n" in (tiny / MAY).read_text("utf-8")


def test_an_empty_value_removes_an_optional_field(tiny, cli):
    result = cli("--data", str(tiny), "edit", "yangtuan-a201905-003", "focus=")
    assert result.exit_code == 0, result.output
    text = (tiny / MAY).read_text("utf-8")
    assert "focus" not in text and "  villages: [前庄村]\n  summary: 视察前庄村" in text


def test_remove_is_refused_while_others_refer_to_the_record(tiny, cli):
    before = files(tiny)
    result = cli("--data", str(tiny), "remove", "yangtuan-h0002", "--reason", "录错了")
    assert result.exit_code == 1
    assert "以下记录引用了贫困户 赵桂兰（yangtuan-h0002" in result.output
    assert "活动 2019-05-20 捐资（李秀英，yangtuan-a201905-002）" in result.output
    assert "结对 李秀英—赵桂兰（yangtuan-p0002，2018-03-25 起）" in result.output
    assert "--force" in result.output
    no_reason = cli("--data", str(tiny), "remove", "yangtuan-a201905-001")
    assert no_reason.exit_code == 2 and "--reason" in no_reason.output
    assert files(tiny) == before


def test_remove_force_cascades_and_says_what_goes(tiny, cli):
    before = files(tiny)
    result = cli("--data", str(tiny), "remove", "yangtuan-d002", "--reason", "调离", "--force")
    assert result.exit_code == 0, result.output
    assert "已删除代表 李秀英（yangtuan-d002）" in result.output
    assert "连同删除：结对 李秀英—赵桂兰" in result.output
    assert "连同删除：活动 2019-05-20 捐资" in result.output
    assert "从名单中去掉它：活动 2019-05-28 调研视察（张伟、李秀英" in result.output
    loaded = DataFolder(tiny).load()
    assert "yangtuan-d002" not in loaded.deputies
    assert "yangtuan-a201905-002" not in loaded.activities
    assert loaded.activities["yangtuan-a201905-003"].deputies == ["yangtuan-d001"]
    assert not [f for f in loaded.findings if f.level.value == "error"]
    # the deputies file lost exactly the record's lines
    assert (tiny / DEPUTIES).read_text("utf-8") == before[DEPUTIES].decode().split(
        "- id: yangtuan-d002"
    )[0]
    listing = cli("--data", str(tiny), "undo", "--list")
    assert "删除代表 李秀英（yangtuan-d002）：调离" in listing.output
    assert cli("--data", str(tiny), "undo").exit_code == 0
    assert files(tiny) == before


def test_undo_reverses_a_log_and_refuses_after_a_later_change(tiny, cli):
    before = files(tiny)
    logged = cli(
        "--data", str(tiny), "log", "visit", "-D", "yangtuan-d001", "-H", "yangtuan-h0001",
        "--date", "2019-05-30", "-s", "送去化肥",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.output
    listing = cli("--data", str(tiny), "undo", "--list")
    assert "lingbi log visit -D yangtuan-d001" in listing.output
    assert "登记活动 yangtuan-a201905-004" in listing.output and MAY in listing.output
    # a hand edit after the write: undo would lose it, so it is refused, naming the file
    edited = (tiny / MAY).read_text("utf-8").replace("送去化肥", "送去化肥两袋")
    (tiny / MAY).write_text(edited, "utf-8")
    refused = cli("--data", str(tiny), "undo")
    assert refused.exit_code == 1
    assert f"{MAY} 在这次写入之后又被修改过" in refused.output
    assert (tiny / MAY).read_text("utf-8") == edited
    # put back as lingbi left it: the undo goes through
    (tiny / MAY).write_text(edited.replace("送去化肥两袋", "送去化肥"), "utf-8")
    done = cli("--data", str(tiny), "undo")
    assert done.exit_code == 0, done.output
    assert files(tiny) == before
    assert "已撤销" in cli("--data", str(tiny), "undo", "--list").output
    nothing = cli("--data", str(tiny), "undo")
    assert nothing.exit_code == 1 and "没有可以撤销的写入" in nothing.output


def test_undo_goes_back_one_write_at_a_time(tiny, cli):
    first = files(tiny)
    assert cli("--data", str(tiny), "edit", "yangtuan-a201905-001", "summary=一").exit_code == 0
    second = files(tiny)
    assert cli("--data", str(tiny), "edit", "yangtuan-a201905-001", "summary=二").exit_code == 0
    dry = cli("--data", str(tiny), "undo", "--dry-run")
    assert "-  summary: 二" in dry.output and "+  summary: 一" in dry.output
    assert cli("--data", str(tiny), "undo").exit_code == 0
    assert files(tiny) == second
    assert cli("--data", str(tiny), "undo").exit_code == 0
    assert files(tiny) == first


def test_the_journal_keeps_bytes_and_digests(tiny, cli):
    assert cli("--data", str(tiny), "edit", "yangtuan-a201905-001", "summary=一").exit_code == 0
    [path] = (tiny / journal.JOURNAL_DIR).glob("*.json")
    entry = json.loads(path.read_text("utf-8"))
    assert entry["command"] == "lingbi edit yangtuan-a201905-001 summary=一"
    [state] = journal.Entry.load(path).files
    assert state.after == (tiny / MAY).read_bytes()
    assert state.before is not None and b"summary: \xe5\x85\xa5" in state.before
    assert entry["files"][0]["before_digest"] != entry["files"][0]["after_digest"]


def test_pair_file_and_proposal_writes_are_journalled(tiny, cli):
    assert (
        cli("--data", str(tiny), "pair", "yangtuan-d002", "yangtuan-h0003", "--date", "2019-06-01")
    ).exit_code == 0
    assert (
        cli("--data", str(tiny), "file", "plan", "--period", "2019", "-t", "杨疃镇",
            "--date", "2019-03-01")
    ).exit_code == 0  # fmt: skip
    whats = [e.what for e in journal.entries(tiny)]
    assert whats == ["登记报送 yangtuan-f2019-01", "登记结对 yangtuan-p0003"]
    # the filings file was created by the write: undo removes it again
    assert cli("--data", str(tiny), "undo").exit_code == 0
    assert not (tiny / "townships/yangtuan/filings.yaml").exists()


def _edit_process(data: Path, *words: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LINGBI_TODAY": "2020-01-15"}
    return subprocess.Popen(
        [sys.executable, "-m", "lingbi_cli", "--data", str(data), "edit", *words],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_two_edits_of_one_record_at_once_both_land(tiny):
    before = (tiny / MAY).read_text("utf-8")
    one = _edit_process(tiny, "yangtuan-a201905-001", "summary=改了摘要")
    two = _edit_process(tiny, "yangtuan-a201905-001", "date=2019-05-09")
    outs = [p.communicate(timeout=120) for p in (one, two)]
    assert [one.returncode, two.returncode] == [0, 0], outs
    after = (tiny / MAY).read_text("utf-8")
    expected = before.replace("入户走访，了解生产生活情况", "改了摘要").replace(
        "2019-05-08", "2019-05-09"
    )
    assert after == expected
    assert len(journal.entries(tiny)) == 2


def test_two_moves_of_one_record_at_once_leave_it_once(tiny):
    one = _edit_process(tiny, "yangtuan-a201905-001", "date=2019-06-03")
    two = _edit_process(tiny, "yangtuan-a201905-001", "date=2019-07-04")
    outs = [p.communicate(timeout=120) for p in (one, two)]
    codes = sorted([one.returncode, two.returncode])
    # the second either moves it on from where the first put it, or (if it read the folder
    # before the first wrote) finds it gone from May and is refused; never is it copied
    assert codes in ([0, 0], [0, 1]), outs
    loaded = DataFolder(tiny).load()
    assert not [f for f in loaded.findings if f.level.value == "error"]
    assert loaded.activities["yangtuan-a201905-001"].date.month in (6, 7)
    texts = b"".join(files(tiny).values())
    assert texts.count(b"id: yangtuan-a201905-001\n") == 1


def test_personal_data_is_not_repeated_back(tiny, cli):
    result = cli("--data", str(tiny), "edit", "yangtuan-h0001", "phone=13900001111")
    assert result.exit_code == 0, result.output
    assert "13900001111" not in result.output and "（不显示）" in result.output
    assert "phone: '13900001111'" in (tiny / "townships/yangtuan/households.yaml").read_text()


def test_an_import_is_journalled_and_undone_whole(tiny, tmp_path, cli):
    before = files(tiny)
    sheet = tmp_path / "活动.csv"
    sheet.write_text(
        "日期,类别,代表,户主姓名,内容摘要\n"
        "2019-06-03,串门,张伟,王建国,入户走访\n"
        "2019-07-09,串门,李秀英,赵桂兰,谈心\n",
        encoding="utf-8",
    )
    assert cli("--data", str(tiny), "import", "activities", str(sheet)).exit_code == 0
    [entry] = journal.entries(tiny)
    assert entry.what == "导入活动：新增 2 条，更新 0 条"
    assert sorted(f.rel for f in entry.files) == [
        JUNE,
        "townships/yangtuan/activities/2019-07.yaml",
    ]
    assert cli("--data", str(tiny), "undo").exit_code == 0
    assert files(tiny) == before


def test_a_pairing_edit_is_judged_by_the_pairing_rules(tiny, cli):
    before = files(tiny)
    result = cli("--data", str(tiny), "edit", "yangtuan-p0001", "确定方式=乡镇推荐")
    assert result.exit_code == 1
    assert "[household-source]" in result.output and "应从单位名单确定" in result.output
    assert files(tiny) == before


def test_a_proposals_steps_are_added_by_the_proposal_commands_not_edit(folder, cli):
    data = folder(
        {
            "townships/yangtuan/proposals.yaml": """
                - id: yangtuan-j2019-01
                  type: 建议
                  title: 关于修建后湖村生产路的建议
                  lead: yangtuan-d002
                  date: 2019-03-10
                  session: 闭会期间
            """
        }
    )
    steps = cli("--data", str(data), "edit", "yangtuan-j2019-01", "办理经过=x")
    assert steps.exit_code == 2 and "lingbi proposal reply" in steps.output
    title = cli("--data", str(data), "edit", "yangtuan-j2019-01", "标题=关于修建后湖村道路的建议")
    assert title.exit_code == 0, title.output


def test_a_reference_written_while_removing_refuses_the_removal(tiny, cli, monkeypatch):
    original = DataFolder.change_files
    visit = (
        "- id: yangtuan-a201905-009\n  date: 2019-05-30\n  kind: 串门\n"
        "  deputies: [yangtuan-d001]\n  household: yangtuan-h0003\n  summary: 走访\n"
    )

    def meanwhile(self, edits, dry_run=False):  # another clerk logs a visit to the household
        with open(tiny / MAY, "a", encoding="utf-8") as month:
            month.write(visit)
        return original(self, edits, dry_run)

    monkeypatch.setattr(DataFolder, "change_files", meanwhile)
    households = (tiny / "townships/yangtuan/households.yaml").read_bytes()
    result = cli("--data", str(tiny), "remove", "yangtuan-h0003", "--reason", "录重了")
    assert result.exit_code == 1
    assert "yangtuan-a201905-009 引用了要删除的 yangtuan-h0003" in result.output
    assert (tiny / "townships/yangtuan/households.yaml").read_bytes() == households
    assert journal.entries(tiny) == []
