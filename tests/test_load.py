"""Loading: each bad input is named with file, line and rule, and the rest keeps loading."""

from __future__ import annotations

import json
import textwrap
import time
from pathlib import Path

from lingbi_cli import rules
from lingbi_cli.store.folder import DataFolder

ACTIVITIES = "townships/yangtuan/activities/2019-05.yaml"


def findings(data: Path, rule: str | None = None) -> list:
    result = rules.run(DataFolder(data).load())
    return [f for f in result.findings if rule is None or f.rule == rule]


def test_tiny_county_is_clean(tiny):
    records = DataFolder(tiny).load()
    assert len(records.deputies) == 2
    assert len(records.activities) == 3
    assert records.activities["yangtuan-a201905-001"].township == "yangtuan"
    assert findings(tiny) == []


def test_yaml_syntax_error_has_line_and_column_and_others_still_load(folder):
    data = folder({ACTIVITIES: "- id: yangtuan-a201905-001\n  date: [2019-05-08\n  kind: 串门\n"})
    (problem,) = findings(data, "yaml-syntax")
    assert problem.file == ACTIVITIES
    assert problem.line == 3 and problem.column >= 1
    assert "YAML" in problem.message
    assert len(DataFolder(data).load().deputies) == 2  # the other files were read


def test_gbk_file_is_named_not_utf8(folder, tmp_path):
    data = folder()
    path = data / "townships/yangtuan/deputies.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    (problem,) = findings(data, "yaml-syntax")
    assert problem.file == "townships/yangtuan/deputies.yaml"
    assert "UTF-8" in problem.message and "GBK" in problem.message
    assert problem.level.value == "error"


def test_utf8_with_bom_is_accepted(folder):
    data = folder()
    path = data / "townships/yangtuan/deputies.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(DataFolder(data).load().deputies) == 2
    assert findings(data) == []


def test_empty_file_is_a_warning_not_a_crash(folder):
    data = folder({ACTIVITIES: ""})
    (problem,) = findings(data)
    assert (problem.rule, problem.level.value, problem.file) == ("schema", "warning", ACTIVITIES)


def test_mapping_where_a_list_belongs(folder):
    data = folder({ACTIVITIES: "id: yangtuan-a201905-001\ndate: 2019-05-08\n"})
    (problem,) = findings(data, "schema")
    assert problem.line == 1 and "列表" in problem.message


def test_list_item_that_is_not_a_record(folder):
    data = folder({ACTIVITIES: "- just a string\n"})
    (problem,) = findings(data, "schema")
    assert problem.line == 1 and "记录" in problem.message


def test_alias_bomb_is_refused_quickly(folder):
    bomb = ['- &a0 {id: x, summary: "lol"}']
    for i in range(1, 25):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        bomb.append(f"- &a{i} [{refs}]")
    data = folder({ACTIVITIES: "\n".join(bomb) + "\n"})
    started = time.perf_counter()
    found = findings(data, "yaml-syntax")
    assert time.perf_counter() - started < 5  # a naive expansion would be 10**24 nodes
    assert found and all("别名" in f.message for f in found)


def test_unknown_key_is_a_schema_error_on_its_line(folder):
    text = (
        "- id: yangtuan-a201905-001\n  date: 2019-05-08\n  kind: 串门\n"
        "  dputies: [yangtuan-d001]\n  household: yangtuan-h0001\n  summary: 走访\n"
    )
    data = folder({ACTIVITIES: text})
    found = findings(data, "schema")
    lines = {f.line: f for f in found}
    assert "dputies" in lines[4].message and "不认识的字段" in lines[4].message
    assert any("deputies" in f.message and "缺少" in f.message for f in found)


def test_wrong_check_digit_is_an_id_number_error(folder):
    from conftest import TINY

    text = TINY["townships/yangtuan/households.yaml"].replace(
        "34132319650315013X", "341323196503150131"
    )
    data = folder({"townships/yangtuan/households.yaml": text})
    (problem,) = findings(data, "id-number")
    assert problem.record == "yangtuan-h0001"
    assert "校验码" in problem.message and problem.line == 1


def test_activity_for_a_deputy_that_does_not_exist(folder):
    text = (
        "- id: yangtuan-a201905-001\n  date: 2019-05-08\n  kind: 调研视察\n"
        "  deputies: [yangtuan-d999]\n  villages: [前庄村]\n  summary: 视察\n"
    )
    data = folder({ACTIVITIES: text})
    (problem,) = findings(data, "unknown-ref")
    assert problem.record == "yangtuan-a201905-001" and "yangtuan-d999" in problem.message


def test_impossible_date_is_a_schema_error_naming_the_field(folder):
    text = (
        "- id: yangtuan-a201905-001\n  date: 2021-02-30\n  kind: 调研视察\n"
        "  deputies: [yangtuan-d001]\n  villages: [前庄村]\n  summary: 视察\n"
    )
    data = folder({ACTIVITIES: text})
    (problem,) = findings(data, "schema")
    assert (problem.line, problem.column) == (2, 3)
    assert "date" in problem.message and "日期" in problem.message


def test_duplicate_id_across_files(folder):
    extra = "townships/yangtuan/activities/2019-06.yaml"
    text = (
        "- id: yangtuan-a201905-003\n  date: 2019-06-02\n  kind: 调研视察\n"
        "  deputies: [yangtuan-d001]\n  villages: [前庄村]\n  summary: 视察\n"
    )
    data = folder({extra: text})
    (problem,) = findings(data, "duplicate-id")
    assert problem.file == extra and ACTIVITIES in problem.message


def test_duplicate_key_in_one_record_is_not_silently_dropped(folder):
    text = (
        "- id: yangtuan-a201905-001\n  date: 2019-05-08\n  date: 2019-05-09\n  kind: 串门\n"
        "  deputies: [yangtuan-d001]\n  household: yangtuan-h0001\n  summary: 走访\n"
    )
    data = folder({ACTIVITIES: text})
    (problem,) = findings(data, "schema")
    assert problem.line == 3 and "重复" in problem.message


def test_activity_in_the_wrong_month_file(folder):
    text = (
        "- id: yangtuan-a201905-001\n  date: 2019-06-08\n  kind: 调研视察\n"
        "  deputies: [yangtuan-d001]\n  villages: [前庄村]\n  summary: 视察\n"
    )
    data = folder({ACTIVITIES: text})
    (problem,) = findings(data, "date-range")
    assert "月份" in problem.message


def test_unknown_yaml_file_is_reported(folder):
    data = folder({"townships/yangtuan/deputy.yaml": "- id: x\n"})
    (problem,) = findings(data)
    assert problem.file == "townships/yangtuan/deputy.yaml" and problem.level.value == "warning"


def test_check_json_shape_and_exit_codes(folder, cli):
    text = (
        "- id: yangtuan-a201905-001\n  date: 2021-02-30\n  kind: 调研视察\n"
        "  deputies: [yangtuan-d001]\n  villages: [前庄村]\n  summary: 视察\n"
    )
    data = folder({ACTIVITIES: text})
    result = cli("check", "--format", "json", str(data))
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["summary"] == {"schema": 1}
    (item,) = payload["findings"]
    assert set(item) == {"file", "line", "column", "level", "rule", "record", "message", "hint"}
    assert item["file"] == ACTIVITIES and item["level"] == "error"


def test_check_text_line_format(folder, cli):
    data = folder({ACTIVITIES: "- id: [unclosed\n"})
    result = cli("--data", str(data), "check")
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{ACTIVITIES}:2:1 error yaml-syntax ")
    assert "yaml-syntax" in result.stdout.split("按规则汇总")[1]


def test_clean_folder_exits_zero(tiny, cli):
    result = cli("check", str(tiny))
    assert result.exit_code == 0, result.stdout
    assert "没有发现问题" in result.stdout


def test_missing_data_folder_exits_two(tmp_path, cli, monkeypatch):
    monkeypatch.delenv("LINGBI_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    result = cli("check")
    assert result.exit_code == 2
    assert "lingbi.yaml" in result.stderr and "Traceback" not in result.output


def test_broken_settings_exit_two_with_place(folder, cli):
    data = folder({"lingbi.yaml": "campaign:\n  h1_report: 06-31\n"})
    result = cli("check", str(data))
    assert result.exit_code == 2
    assert "lingbi.yaml:2" in result.stderr and "campaign.h1_report" in result.stderr


def test_findings_made_while_reading_honour_ignore_comments(folder):
    from conftest import TINY

    households = "townships/yangtuan/households.yaml"
    text = (
        TINY[households]
        .replace(
            "        - id: yangtuan-h0001\n",
            "        # lingbi: ignore[id-number] 户口本上就是这个号，已报公安核实\n"
            "        - id: yangtuan-h0001\n",
        )
        .replace("34132319650315013X", "341323196503150131")
    )
    data = folder({households: text})
    result = rules.run(DataFolder(data).load())
    assert [f for f in result.findings if f.rule == "id-number"] == []
    ((found, reason),) = result.ignored
    assert (found.rule, found.record) == ("id-number", "yangtuan-h0001")
    assert reason.startswith("户口本上就是这个号")


def test_township_scope_keeps_only_its_own_record_of_the_county_files(folder):
    from conftest import TINY

    townships = textwrap.dedent(TINY["county/townships.yaml"]).strip("\n") + (
        "\n- id: yinji\n  name: 尹集镇\n  liaison: [yinji-d404]\n"
    )
    data = folder({"county/townships.yaml": townships})
    records = DataFolder(data).load()
    everywhere = rules.run(records, only=["unknown-ref"]).findings
    assert [(f.file, f.record) for f in everywhere] == [("county/townships.yaml", "yinji")]
    scoped = rules.run(records, only=["unknown-ref"], scope=rules.Scope(township="yangtuan"))
    assert scoped.findings == []
    other = rules.run(records, only=["unknown-ref"], scope=rules.Scope(township="yinji"))
    assert [f.record for f in other.findings] == ["yinji"]


# --- what a trip found: `findings:` in files, `observations` in code ------------------------------

TRIP = (
    "- id: yangtuan-a201905-009\n  date: 2019-05-28\n  kind: 调研视察\n"
    "  deputies: [yangtuan-d001]\n  villages: [前庄村]\n  summary: 视察饮水工程\n"
)
BLOCK_TRIP = TRIP.replace("  deputies: [yangtuan-d001]\n", "  deputies:\n    - yangtuan-d001\n")


def test_a_trip_s_findings_key_is_read_as_observations_by_both_readers_and_the_cache(
    folder, monkeypatch
):
    import importlib

    load_module = importlib.import_module("lingbi_cli.store.load")
    for trip in (TRIP, BLOCK_TRIP):  # the fast reader's shape, then one only the full reader reads
        data = folder({ACTIVITIES: trip + "  findings: 管网老化，需要更换\n"})
        assert findings(data, "schema") == []
        assert (
            DataFolder(data).load().activities["yangtuan-a201905-009"].observations
            == "管网老化，需要更换"
        )
        with monkeypatch.context() as patched:

            def parse_file(data, source):
                raise AssertionError(f"{source.rel} was parsed, not served from the cache")

            patched.setattr(load_module, "parse_file", parse_file)
            cached = DataFolder(data).load().activities["yangtuan-a201905-009"]
        assert cached.observations == "管网老化，需要更换"


def test_the_code_name_observations_is_an_unknown_key(folder):
    data = folder({ACTIVITIES: TRIP + "  observations: 管网老化\n"})
    (problem,) = findings(data, "schema")
    assert problem.line == 7
    assert "observations" in problem.message and "不认识的字段" in problem.message
    assert "findings" in problem.hint and "observations" not in problem.hint
    assert "yangtuan-a201905-009" not in DataFolder(data).load().activities


def test_messages_about_the_field_name_it_findings(folder):
    visit = TRIP.replace("kind: 调研视察", "kind: 串门").replace(
        "  villages: [前庄村]\n", "  household: yangtuan-h0001\n"
    )
    data = folder({ACTIVITIES: visit + "  findings: 管网老化\n"})
    (problem,) = findings(data, "schema")
    assert "串门（visit）活动不应填写 findings" in problem.message
    data = folder({ACTIVITIES: TRIP + "  findings: ''\n"})
    (problem,) = findings(data, "schema")
    assert "字段 发现的问题（findings） 不能为空" in problem.message and problem.line == 7
