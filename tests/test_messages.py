"""Messages about record files name the field in Chinese and give the exact fix for nearly
right input: a full-width colon, a list written with ``，``, a date written ``2019.5.8``."""

from __future__ import annotations

from pathlib import Path

from conftest import TINY

from lingbi_cli import rules
from lingbi_cli.store.folder import DataFolder

DEPUTIES = "townships/yangtuan/deputies.yaml"
ACTIVITIES = "townships/yangtuan/activities/2019-05.yaml"


def problems(data: Path) -> list:
    found = rules.run(DataFolder(data).load()).findings
    return [f for f in found if f.rule in ("yaml-syntax", "schema") and f.file == DEPUTIES]


def test_a_full_width_colon_is_found_on_its_own_line(folder):
    text = TINY[DEPUTIES].replace("  name: 李秀英", "  name：李秀英")
    (problem,) = problems(folder({DEPUTIES: text}))
    line = next(n for n, t in enumerate(text.strip("\n").splitlines(), 1) if "name：" in t)
    assert problem.rule == "yaml-syntax" and problem.line == line
    assert "全角冒号“：”" in problem.message and "name: " in problem.hint


def test_a_full_width_colon_on_the_first_key_is_named_too(folder):
    text = TINY[DEPUTIES].replace("- id: yangtuan-d002", "- id：yangtuan-d002")
    found = [p for p in problems(folder({DEPUTIES: text})) if "全角冒号" in p.message]
    assert found and "id: " in found[0].message + found[0].hint and found[0].line == 12


def test_a_list_with_a_full_width_comma_gets_the_fixed_list(folder):
    text = TINY[DEPUTIES].replace("levels: [乡]", "levels: [县，乡]")
    (problem,) = problems(folder({DEPUTIES: text}))
    assert "代表层级（levels）" in problem.message
    assert "写成 [县, 乡]" in problem.message
    assert "levels.0" not in problem.message


def test_a_dotted_date_gets_the_exact_fix(folder):
    text = TINY[DEPUTIES].replace("term_start: 2016-11-20", "term_start: 2016.11.2", 1)
    (problem,) = problems(folder({DEPUTIES: text}))
    assert "任期开始日期（term_start）" in problem.message
    assert "日期要写成 2016-11-02" in problem.message


def test_a_chinese_date_gets_the_exact_fix(folder):
    text = TINY[DEPUTIES].replace("term_start: 2016-11-20", "term_start: 2016年11月20日", 1)
    (problem,) = problems(folder({DEPUTIES: text}))
    assert "日期要写成 2016-11-20" in problem.message
