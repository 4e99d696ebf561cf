"""Shared helpers: small data folders written inline, as the records would be typed."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lingbi_cli.cli import app

# A tiny county: one township, one unit, two deputies (one organ, one rural), three households,
# two pairings and a few activities in May 2019. It passes every integrity rule.
TINY: dict[str, str] = {
    # Only the integrity tier runs by default here; campaign-rule tests name their rule.
    "lingbi.yaml": """
        county: 灵璧县
        rules:
          select: [yaml-syntax, schema, duplicate-id, unknown-ref, id-number, date-range,
                   pairing-window, inactive-deputy]
    """,
    "county/townships.yaml": """
        - id: yangtuan
          name: 杨疃镇
          liaison: [yangtuan-d001]
          points: [前庄村, 后湖村]
    """,
    "county/units.yaml": """
        - id: u-jiaoyuju
          name: 县教育局
          kind: 机关
    """,
    "townships/yangtuan/deputies.yaml": """
        - id: yangtuan-d001
          name: 张伟
          gender: 男
          levels: [县]
          district: 第一选区
          sector: 干部
          employer: 机关
          unit: u-jiaoyuju
          committee_member: true
          phone: '13800001234'
          term_start: 2016-11-20
        - id: yangtuan-d002
          name: 李秀英
          gender: 女
          levels: [乡]
          district: 第三选区
          sector: 基层农民
          employer: 农村
          term_start: 2016-11-20
    """,
    "townships/yangtuan/households.yaml": """
        - id: yangtuan-h0001
          head: 王建国
          id_number: '34132319650315013X'
          village: 前庄村
          group: 三组
          members: 4
          attribute: 一般贫困户
          causes: [因病, 缺技术]
          registered: 2016
          source: 单位帮扶户
          unit: u-jiaoyuju
        - id: yangtuan-h0002
          head: 赵桂兰
          id_number: '341323195803200026'
          village: 后湖村
          members: 2
          attribute: 低保贫困户
          causes: [因残]
          registered: 2015
          status: 已脱贫
          exit_year: 2019
          source: 乡镇帮扶点
        - id: yangtuan-h0003
          head: 孙德胜
          id_number: '341323197207080039'
          village: 后湖村
          members: 3
          attribute: 一般贫困户
          causes: [缺资金]
          registered: 2017
          source: 乡镇帮扶点
    """,
    "townships/yangtuan/pairings.yaml": """
        - id: yangtuan-p0001
          deputy: yangtuan-d001
          household: yangtuan-h0001
          start: 2018-03-25
          chosen_by: 单位名单
        - id: yangtuan-p0002
          deputy: yangtuan-d002
          household: yangtuan-h0002
          start: 2018-03-25
          chosen_by: 乡镇推荐
    """,
    "townships/yangtuan/activities/2019-05.yaml": """
        # 五月份的活动
        - id: yangtuan-a201905-001
          date: 2019-05-08
          kind: 串门
          deputies: [yangtuan-d001]
          household: yangtuan-h0001
          summary: 入户走访，了解生产生活情况
        - id: yangtuan-a201905-002
          date: 2019-05-20
          kind: 捐资
          deputies: [yangtuan-d002]
          household: yangtuan-h0002
          amount: 500.00
          summary: 捐助化肥款
        - id: yangtuan-a201905-003
          date: 2019-05-28
          kind: 调研视察
          deputies: [yangtuan-d001, yangtuan-d002]
          villages: [前庄村]
          focus: 饮水安全
          summary: 视察前庄村安全饮水工程
    """,
}


def write_folder(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path → YAML text, dedented) under ``root``; return ``root``."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """The tiny county in a fresh folder."""
    return write_folder(tmp_path / "data", TINY)


@pytest.fixture
def folder(tmp_path: Path) -> Callable[..., Path]:
    """``folder(**changes)``: the tiny county with some files replaced (None removes a file)."""

    def make(changes: dict[str, str | None] | None = None) -> Path:
        files = dict(TINY)
        for rel, text in (changes or {}).items():
            if text is None:
                files.pop(rel, None)
            else:
                files[rel] = text
        return write_folder(tmp_path / "data", files)

    return make


@pytest.fixture
def cli() -> Callable[..., object]:
    """Run lingbi in-process: ``cli("check", "--data", str(path))`` → click Result."""
    runner = CliRunner()

    def invoke(*args: str) -> object:
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke
