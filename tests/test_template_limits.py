"""A clerk's template cannot hang lingbi, fill the memory or crash it (issue 10, item 6): each
runaway ends in a Chinese message naming the template and its line, exit 2, within the time
limit (set to 1 second here) and under the memory limit of the child process."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TINY, write_folder
from typer.testing import CliRunner

from lingbi_cli.cli import app
from lingbi_cli.reports import sandbox

HEAD = "# 标题\n\n正文\n"  # the probe starts on line 4
PROBES = {
    "nested ranges": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}",
        "range 超过",
    ),
    "ten thousand squared": (
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
        "运行超过 1 秒",
    ),
    "a huge string": ("{{ 'x' * 3000000000 }}", "超过 5000000 个字符"),
    "a huge list": ("{{ [1] * 3000000000 }}", "超过 5000000 个字符"),
    "a string doubled": (
        "{% set s = namespace(t='x' * 4000000) %}{% set s.t = s.t ~ s.t %}{{ s.t * 1 }}",
        "超过 5000000 个字符",
    ),
    "memory": (
        "{% set x = [] %}{% for i in range(10000) %}{% set _ = x.append('y' * 4000000) %}"
        "{% endfor %}{{ x|length }}",
        "内存",
    ),
    "format_map": ("{{ '{0.__class__.__mro__}'.format_map(campaign) }}", "不允许"),
    "format": ("{{ '{0.__class__}'.format(campaign) }}", "不允许"),
    "internals": ("{{ campaign.__class__.__mro__ }}", "不允许"),
    "a Python error": ("{{ 1 / 0 }}", "运行出错（ZeroDivisionError）"),
    "a missing value": ("{{ nothing_here }}", "不存在的值 nothing_here"),
    "a syntax error": ("{% for %}", "缺少表达式"),
    "an unclosed block": ("{% for i in range(3) %}", "缺少 {% endfor %}"),
    "a stray token": ("{{ a b }}", "此处不应出现 b"),
}


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LINGBI_TODAY", "2019-07-20")
    monkeypatch.setattr(sandbox, "SECONDS", 1.0)
    monkeypatch.setattr(sandbox, "GRACE_SECONDS", 3.0)
    return write_folder(tmp_path / "data", TINY)


def report(folder: Path, *more: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["--data", str(folder), "report", "--half", "2019H1", "-t", "yangtuan", *more]
    )
    return result.exit_code, result.output


@pytest.mark.parametrize("probe", PROBES)
def test_a_runaway_template_is_a_chinese_message_with_its_line(tiny: Path, probe: str) -> None:
    text, said = PROBES[probe]
    template = tiny.parent / "evil.md.j2"
    template.write_text(HEAD + text + "\n", encoding="utf-8")
    code, output = report(tiny, "--template", str(template))
    assert code == 2, output
    assert f"模板 {template} 第 4 行" in output and said in output, output
    assert "Traceback" not in output and "内部错误" not in output


def test_a_template_that_includes_itself_stops_at_its_line(tiny: Path) -> None:
    (tiny / "templates").mkdir()
    (tiny / "templates" / "half.md.j2").write_text(
        HEAD + '{% include "half.md.j2" %}\n', encoding="utf-8"
    )
    code, output = report(tiny)
    assert code == 2, output
    assert "half.md.j2 第 4 行" in output and "层数过多" in output, output


def test_a_clerks_template_within_the_limits_renders(tiny: Path) -> None:
    template = tiny.parent / "ok.md.j2"
    template.write_text(
        HEAD + "{% for i in range(3) %}{{ i }}、{% endfor %}{{ '好' * 3 }}\n", encoding="utf-8"
    )
    code, output = report(tiny, "--template", str(template))
    assert code == 0, output
    assert output.endswith("# 标题\n\n正文\n0、1、2、好好好\n"), repr(output[-200:])
