"""Running the rules: selection and levels from lingbi.yaml and the command line, and
``--format github``.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

import json
import re

import pytest
from ruletest import PAIRINGS, TOWNSHIPS, activities, run_all, visit


def test_select_in_lingbi_yaml_runs_only_the_rules_listed(folder):
    data = folder({"lingbi.yaml": "rules:\n  select: [trips-per-year]\n"})
    # By 1 January 2020: 2018 had no trip (杨疃镇, 张伟 and 李秀英 each flagged); 2019 had one
    # (杨疃镇 flagged; each deputy took part in it).
    assert run_all(data, "2020-01-01").summary() == {"trips-per-year": 4}


def test_ignore_in_lingbi_yaml_leaves_rules_out(folder):
    left_out = ["six-ones", "household-exit", "liaison-supervision"]
    data = folder({"lingbi.yaml": f"rules:\n  ignore: [{', '.join(left_out)}]\n"})
    summary = run_all(data, "2020-01-01").summary()
    assert "trips-per-year" in summary and "silent-deputy" in summary
    assert not set(left_out) & set(summary)
    data = folder({"lingbi.yaml": "rules:\n  six-ones:\n    enabled: false\n"})
    summary = run_all(data, "2020-01-01").summary()
    assert "six-ones" not in summary and "household-exit" in summary


def test_rule_option_overrides_the_selection_of_lingbi_yaml(tiny, cli):
    # TINY's lingbi.yaml selects only the integrity rules, which find nothing.
    args = (
        "--data",
        str(tiny),
        "check",
        "--as-of",
        "2020-01-01",
        "--year",
        "2019",
        "--format",
        "json",
    )
    assert json.loads(cli(*args).stdout)["summary"] == {}
    result = cli(*args, "--rule", "six-ones", "--rule", "liaison-supervision")
    assert json.loads(result.stdout)["summary"] == {"liaison-supervision": 1, "six-ones": 2}


def test_strict_turns_warnings_into_exit_one(tiny, cli):
    # 2019 had one trip: one warning for 杨疃镇.
    args = (
        "--data",
        str(tiny),
        "check",
        "--rule",
        "trips-per-year",
        "--year",
        "2019",
        "--as-of",
        "2020-01-01",
    )
    result = cli(*args)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{TOWNSHIPS}:1:1 warning trips-per-year ")
    assert cli(*args, "--strict").exit_code == 1


def test_info_findings_never_fail_even_with_strict(tiny, cli):
    result = cli(
        "--data",
        str(tiny),
        "check",
        "--rule",
        "six-ones",
        "--year",
        "2019",
        "--as-of",
        "2020-01-01",
        "--strict",
    )
    assert result.exit_code == 0 and " info six-ones " in result.stdout


def test_level_set_in_lingbi_yaml(folder, cli):
    data = folder({"lingbi.yaml": "rules:\n  select: [six-ones]\n  six-ones:\n    level: error\n"})
    result = cli(
        "--data", str(data), "check", "--year", "2019", "--as-of", "2020-01-01", "--format", "json"
    )
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["level"]) for f in found] == [("six-ones", "error")] * 2


def test_level_of_a_loader_rule_can_be_lowered(folder, cli):
    data = folder(
        {
            "lingbi.yaml": "rules:\n  select: [schema]\n  schema:\n    level: warning\n",
            activities("2019-06"): """
            - id: yangtuan-a201906-001
              date: 2019-06-31
              kind: 调研视察
              deputies: [yangtuan-d001]
              villages: [前庄村]
              summary: 视察
        """,
        }
    )
    result = cli("--data", str(data), "check", "--format", "json", "--as-of", "2019-07-01")
    (item,) = json.loads(result.stdout)["findings"]
    assert (item["rule"], item["level"], item["line"]) == ("schema", "warning", 2)
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ("rules:\n  six-one:\n    level: info\n", "six-one"),
        ("rules:\n  select: [six-one]\n", "six-one"),
        ("rules:\n  regular-visits:\n    period: week\n", "rules.regular-visits.period"),
        ("rules:\n  six-ones:\n    level: fatal\n", "rules.six-ones.level"),
    ],
)
def test_broken_rule_settings_exit_two(folder, cli, settings, named):
    result = cli("--data", str(folder({"lingbi.yaml": settings})), "check", "--as-of", "2020-01-01")
    assert result.exit_code == 2
    assert named in result.stderr and "Traceback" not in result.output


def test_unknown_rule_option_exits_two(tiny, cli):
    result = cli("--data", str(tiny), "check", "--rule", "six-one", "--as-of", "2020-01-01")
    assert result.exit_code == 2 and "six-one" in result.stderr


GITHUB_LINE = re.compile(
    r"^::(?P<kind>error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),"
    r"col=(?P<col>\d+),title=(?P<rule>[a-z-]+)::(?P<message>.+)$"
)


def test_github_format_one_annotation_per_finding(folder, cli):
    # One error (a visit to a household that does not exist), one warning (2019 had one trip)
    # and two notices (six-ones for both pairings).
    data = folder(visit("2019-06-05", household="h0009"))
    result = cli(
        "--data",
        str(data),
        "check",
        "--format",
        "github",
        "--year",
        "2019",
        "--as-of",
        "2020-01-01",
        "--rule",
        "unknown-ref",
        "--rule",
        "trips-per-year",
        "--rule",
        "six-ones",
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    matches = [GITHUB_LINE.match(x) for x in lines]
    assert all(matches), lines  # nothing else is printed: no summary
    got = [(m["kind"], m["file"], m["line"], m["rule"]) for m in matches if m]
    assert got == [
        ("warning", TOWNSHIPS, "1", "trips-per-year"),
        ("error", activities("2019-06"), "1", "unknown-ref"),
        ("notice", PAIRINGS, "1", "six-ones"),
        ("notice", PAIRINGS, "6", "six-ones"),
    ]
    error = lines[1].split("::")[2]
    assert "yangtuan-h0009" in error and "。" in error  # the hint follows the message
