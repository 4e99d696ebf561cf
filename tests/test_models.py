"""The schemas on their own: terms and pairings over a span of days, field keys, imports."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from lingbi_cli import models

D = dt.date


def deputy(term_start: dt.date, term_end: dt.date | None) -> models.Deputy:
    return models.Deputy.model_validate(
        {
            "id": "yangtuan-d001",
            "name": "张伟",
            "gender": "男",
            "levels": "县",
            "township": "yangtuan",
            "district": "第一选区",
            "sector": "企业",
            "employer": "企业",
            "term_start": term_start,
            "term_end": term_end,
        }
    )


def pairing(start: dt.date, end: dt.date | None) -> models.Pairing:
    return models.Pairing.model_validate(
        {
            "id": "yangtuan-p0001",
            "deputy": "yangtuan-d001",
            "household": "yangtuan-h0001",
            "start": start,
            "end": end,
            "end_reason": "代表任期结束" if end else None,
            "chosen_by": "乡镇推荐",
        }
    )


H1 = (D(2019, 1, 1), D(2019, 6, 30))


@pytest.mark.parametrize(
    ("first", "last", "during_h1"),
    [
        (D(2017, 1, 1), None, True),  # still serving / still paired
        (D(2017, 1, 1), D(2019, 1, 1), True),  # ends on the first day
        (D(2017, 1, 1), D(2018, 12, 31), False),  # ended the day before
        (D(2019, 6, 30), None, True),  # begins on the last day
        (D(2019, 7, 1), None, False),  # begins the day after
        (D(2019, 3, 1), D(2019, 4, 1), True),  # inside
        (D(2018, 3, 1), D(2020, 4, 1), True),  # around
    ],
)
def test_deputies_and_pairings_are_active_during_a_span_they_share_a_day_with(
    first, last, during_h1
):
    assert deputy(first, last).active_during(*H1) is during_h1
    assert pairing(first, last).active_during(*H1) is during_h1
    # a span of one day is the same question as active_on
    for day in (first, last or D(2026, 1, 1), D(2019, 1, 1), D(2019, 6, 30)):
        assert deputy(first, last).active_during(day, day) is deputy(first, last).active_on(day)
        assert pairing(first, last).active_during(day, day) is pairing(first, last).active_on(day)


def test_field_key_is_the_alias_where_the_code_name_differs():
    assert models.Activity.field_key("observations") == "findings"
    assert models.Activity.field_key("summary") == "summary"
    keys = [models.Activity.field_key(name) for name in models.Activity.model_fields]
    assert "findings" in keys and "observations" not in keys


def test_models_import_nothing_else_from_the_package():
    """Imports flow cli → (actions, reports, rules) → store → models: never out of models."""
    for path in sorted(Path(models.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                inside = name == "lingbi_cli.models" or name.startswith("lingbi_cli.models.")
                assert inside or not name.startswith("lingbi_cli"), f"{path.name} imports {name}"
