"""store.edit.scalar: its shortcut for plain strings writes exactly what PyYAML's emitter writes."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
import yaml

from lingbi_cli import models
from lingbi_cli.store import edit

BASES = ("", "中文", "到王伟家串门", "abc", "lingcheng-d001", "yes", "No", "null", "on", "2019")
BASES += ("2019-01-01", "1e3", "0x1A", ".5", "~", "y", "灵城镇（二）", "《张伟：带着乡亲奔小康》")
BASES += ("0", "7", "012", "089", "1_000", "12:30", "1.5", "2019H1", "13812345678")
BASES += ("341323199001011234", "34132319771028301X")
MARKS = tuple(" \t\n\r#:,[]{}-?'\"!&*|>%@`~=<.0+\\/") + ("\x00", "\x7f", "\x85", "\xa0", "\u3000")
MARKS += ("\u2028", "\u2029", "\ufeff", "\ufffe", "\U0001f600", ": ", " #", "---", "...")


def corpus() -> list[str]:
    texts = set(BASES) | set(MARKS)
    for base, mark in itertools.product(BASES, MARKS):
        texts |= {mark + base, base + mark, base + mark + base, mark + base + mark}
    return sorted(texts)


def test_scalar_writes_every_string_as_the_emitter_does() -> None:
    texts = corpus()
    assert len(texts) > 4000
    assert [(t, edit.scalar(t)) for t in texts if edit.scalar(t) != edit._emitted(t)] == []


def test_plain_text_ids_numbers_and_enum_values_do_not_reach_the_emitter(monkeypatch) -> None:
    def refuse(value: str) -> str:
        raise AssertionError(f"emitter called for {value!r}")

    monkeypatch.setattr(edit, "_emitted", refuse)
    for text in ("到王伟家串门，了解家庭收入", "lingcheng-a201805-012", "灵城镇第1选区"):
        assert edit.scalar(text) == text
    assert edit.scalar("13812345678") == "'13812345678'"
    assert edit.scalar(models.ActivityKind.visit) == models.ActivityKind.visit.value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("2019", "'2019'"),
        ("yes", "'yes'"),
        ("a: b", "'a: b'"),
        ("13812345678", "'13812345678'"),
        ("一行\n两行", '"一行\\n两行"'),
        (None, ""),
        (True, "true"),
        (dt.date(2019, 7, 1), "2019-07-01"),
        (Decimal("12.50"), "12.50"),
        (2019, "2019"),
        (["a", "2019"], "[a, '2019']"),
    ],
)
def test_scalar_quotes_only_what_yaml_would_misread(value: object, text: str) -> None:
    assert edit.scalar(value) == text
    if isinstance(value, str):
        assert yaml.safe_load(f"k: {text}")["k"] == value


def test_format_records_leaves_out_empty_fields_and_follows_the_indentation() -> None:
    records = [
        {
            "id": "yangtuan-a201907-001",
            "date": dt.date(2019, 7, 1),
            "kind": models.ActivityKind.visit,
            "deputies": ["yangtuan-d001", "yangtuan-d002"],
            "household": None,
            "villages": [],
            "summary": "到王伟家串门",
            "findings": "yes",
        },
        {"id": "yangtuan-a201907-002", "amount": Decimal("12.5"), "committee_member": True},
    ]
    assert edit.format_records(records) == (
        "- id: yangtuan-a201907-001\n"
        "  date: 2019-07-01\n"
        "  kind: 串门\n"
        "  deputies: [yangtuan-d001, yangtuan-d002]\n"
        "  summary: 到王伟家串门\n"
        "  findings: 'yes'\n"
        "- id: yangtuan-a201907-002\n"
        "  amount: 12.5\n"
        "  committee_member: true\n"
    )
    assert edit.format_record(records[1], dash=2, keys=6) == (
        "  -   id: yangtuan-a201907-002\n      amount: 12.5\n      committee_member: true\n"
    )
    assert edit.format_records([]) == ""


def test_take_record_cuts_its_lines_and_its_ignore_comment_only():
    text = (
        "# yaml-language-server: $schema=../x.json\r\n"
        "- id: a1\r\n"
        "  date: 2019-05-01   # 手写\r\n"
        "\r\n"
        "# 说明：下一条是补录的\r\n"
        "# lingbi: ignore[regular-visits] 住院\r\n"
        "- id: a2\r\n"
        "  villages:\r\n"
        "    - 前庄村\r\n"
        "# 后面的注释属于 a3\r\n"
        "- id: a3\r\n"
        "  date: 2019-05-03"
    )
    rest, block = edit.take_record(text, "a2")
    assert (
        block
        == "# lingbi: ignore[regular-visits] 住院\r\n- id: a2\r\n  villages:\r\n    - 前庄村\r\n"
    )
    assert rest == text.replace(block, "")
    last_rest, last = edit.take_record(text, "a3")
    assert (last, last_rest) == ("- id: a3\r\n  date: 2019-05-03\r\n", text.removesuffix(last[:-2]))
    assert edit.append_block("- id: b1\r\n  x: 1", block) == "- id: b1\r\n  x: 1\r\n" + block
    assert edit.append_block("", block, "# header\n") == "# header\n" + block


def test_append_item_adds_one_line_to_a_block_list_and_keeps_the_rest():
    text = "- id: p1\n  reply: 2019-05-10   # 答复\n  result: B\n- id: p2\n  x: 1\n"
    once = edit.append_item(text, "p1", "steps", {"date": dt.date(2019, 7, 1), "step": "答复"})
    assert once == text.replace(
        "  result: B\n", "  result: B\n  steps:\n    - {date: 2019-07-01, step: 答复}\n"
    )
    twice = edit.append_item(once, "p1", "steps", {"date": dt.date(2019, 7, 5), "result": None})
    assert twice == once.replace("答复}\n", "答复}\n    - {date: 2019-07-05}\n")
    with pytest.raises(edit.EditError):
        edit.append_item("- id: p1\n  steps: []\n", "p1", "steps", {"date": dt.date(2019, 7, 5)})


def test_an_empty_value_removes_the_key_line_and_nothing_else():
    text = (
        "- id: a1   # 第一条\n  focus: 饮水安全  # 注释\n  villages:\n    - 前庄村\n  summary: x\n"
    )
    assert edit.set_fields(text, "a1", {"focus": None}) == text.replace(
        "  focus: 饮水安全  # 注释\n", ""
    )
    assert edit.set_fields(text, "a1", {"villages": None}) == text.replace(
        "  villages:\n    - 前庄村\n", ""
    )
    with pytest.raises(edit.EditError):
        edit.set_fields(text, "a1", {"id": None})


def test_next_number_skips_ids_quoted_in_comments():
    from lingbi_cli.store.edit import next_number

    header = "# 名册；每名代表一条，以“- id: weiji-d001”这样的编号开头\n"
    assert next_number(header, "weiji-d") == 1
    assert next_number(header + "- id: weiji-d001\n  name: 甲\n", "weiji-d") == 2
    assert next_number("- {id: weiji-d007, name: 乙}  # id: weiji-d009\n", "weiji-d") == 8


def test_set_fields_removes_a_key_and_rewrites_a_block_list_in_place():
    import datetime as dt

    from lingbi_cli.store.edit import set_fields

    text = (
        "- id: a\n  status: 返贫   # 旧写法\n  exit_year: 2018\n  source: x\n"
        "- id: b\n  status_history:\n    - date: 2018-01-01\n      status: 已脱贫\n"
        "  # 下一行的说明\n  source: y\n"
    )
    change = [{"date": dt.date(2018, 1, 1), "status": "已脱贫"}]
    assert set_fields(text, "a", {"status": None, "exit_year": None}) == (
        "- id: a\n  source: x\n" + text.split("  source: x\n", 1)[1]
    )
    assert set_fields(text, "b", {"status_history": change}).endswith(
        "- id: b\n  status_history: [{date: 2018-01-01, status: 已脱贫}]\n"
        "  # 下一行的说明\n  source: y\n"
    )
