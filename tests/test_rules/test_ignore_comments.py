"""``# lingbi: ignore[rule] reason`` comments: what they suppress, and what they do not.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import json

from conftest import TINY
from ruletest import PAIRINGS, day, record_ids, run_all, run_rule

from lingbi_cli import periods, rules
from lingbi_cli.store.folder import DataFolder

PAIRINGS_IGNORING = """
    - id: yangtuan-p0001
      deputy: yangtuan-d001
      household: yangtuan-h0001
      start: 2018-03-25
      chosen_by: 单位名单
    # lingbi: ignore[{rule}]{reason}
    - id: yangtuan-p0002
      deputy: yangtuan-d002
      household: yangtuan-h0002
      start: 2018-03-25
      chosen_by: 乡镇推荐
"""
REASON = "户主常年在外务工，只能电话联系"


def ignoring(rule: str, reason: str = REASON) -> str:
    return PAIRINGS_IGNORING.format(rule=rule, reason=f" {reason}" if reason else "")


def test_ignore_comment_suppresses_the_finding_on_the_next_record(folder):
    # Without the comment both pairings lack kinds in 2019 (see test_six_ones_...).
    data = folder({PAIRINGS: ignoring("six-ones")})
    result = rules.run(
        DataFolder(data).load(),
        only=["six-ones"],
        as_of=day("2020-01-01"),
        scope=rules.Scope(period=periods.year(2019)),
    )
    assert record_ids(result.findings) == ["yangtuan-p0001"]
    ((hidden, reason),) = result.ignored
    assert (hidden.rule, hidden.record, hidden.line) == ("six-ones", "yangtuan-p0002", 7)
    assert reason == REASON


def test_ignore_comment_on_the_records_own_line(folder):
    text = TINY[PAIRINGS].replace(
        "- id: yangtuan-p0002", f"- id: yangtuan-p0002  # lingbi: ignore[six-ones] {REASON}"
    )
    data = folder({PAIRINGS: text})
    assert record_ids(run_rule(data, "six-ones", "2020-01-01", year=2019)) == ["yangtuan-p0001"]


def test_ignore_comment_for_another_rule_does_not_suppress(folder):
    data = folder({PAIRINGS: ignoring("regular-visits")})
    found = run_rule(data, "six-ones", "2020-01-01", year=2019)
    assert record_ids(found) == ["yangtuan-p0001", "yangtuan-p0002"]


def test_show_ignored_lists_the_suppressed_finding_with_its_reason(folder, cli):
    data = folder({PAIRINGS: ignoring("six-ones")})
    args = (
        "--data",
        str(data),
        "check",
        "--rule",
        "six-ones",
        "--year",
        "2019",
        "--as-of",
        "2020-01-01",
    )
    plain = cli(*args).stdout
    assert "yangtuan-p0002" not in plain and "另有 1 条" in plain
    shown = cli(*args, "--show-ignored").stdout
    (line,) = [x for x in shown.splitlines() if " 已忽略 " in x]
    assert line.startswith(f"{PAIRINGS}:7:1 已忽略 six-ones ")
    assert "yangtuan-p0002" in line and REASON in line
    payload = json.loads(cli(*args, "--show-ignored", "--format", "json").stdout)
    assert [(i["record"], i["reason"]) for i in payload["ignored"]] == [("yangtuan-p0002", REASON)]
    assert payload["summary"] == {"six-ones": 1}


def test_ignore_comment_without_a_reason_does_not_suppress(folder):
    data = folder(
        {
            "lingbi.yaml": "rules:\n  select: [schema, six-ones]\n",
            PAIRINGS: ignoring("six-ones", reason=""),
        }
    )
    result = run_all(data, "2020-01-01", period=periods.year(2019))
    assert result.ignored == []
    assert sorted((f.rule, f.record, f.level.value) for f in result.findings) == [
        ("schema", "yangtuan-p0002", "warning"),
        ("six-ones", "yangtuan-p0001", "info"),
        ("six-ones", "yangtuan-p0002", "info"),
    ]
    (warning,) = [f for f in result.findings if f.rule == "schema"]
    assert warning.line == 7 and "原因" in warning.message


def test_ignore_comment_naming_no_rule_is_a_schema_warning(folder):
    data = folder(
        {
            "lingbi.yaml": "rules:\n  select: [schema, six-ones]\n",
            PAIRINGS: ignoring("six-one"),
        }
    )
    result = run_all(data, "2020-01-01", period=periods.year(2019))
    assert sorted((f.rule, f.record) for f in result.findings) == [
        ("schema", "yangtuan-p0002"),
        ("six-ones", "yangtuan-p0001"),
        ("six-ones", "yangtuan-p0002"),
    ]
    (warning,) = [f for f in result.findings if f.rule == "schema"]
    assert "ignore[six-one]" in warning.message and "不存在" in warning.message
    # With only one rule chosen (`--rule six-ones`), nothing of the schema rule is reported.
    assert {f.rule for f in run_rule(data, "six-ones", "2020-01-01", year=2019)} == {"six-ones"}
