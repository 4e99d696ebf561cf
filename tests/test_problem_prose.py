"""Every kind of problem a report lists is worded from the rule's facts, as a clerk writes it.

Each rule of ``problems.HEADINGS`` is run on its own example folder (``tests/rules/<rule>/``,
which triggers it); every finding must become a sentence (none dropped for want of facts), with
no id, code, ISO date or checker text in it — whatever the checker's message says.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest
from test_sample import TOOL_TEXT

from lingbi_cli import rules
from lingbi_cli.periods import Period
from lingbi_cli.reports.problems import HEADINGS, PROSE, Voice, problems
from lingbi_cli.rules.examples import EXAMPLE_FILE, NEAR_MISS, example
from lingbi_cli.store.folder import DataFolder

EVERYTHING = Period("campaign", dt.date(2018, 1, 1), dt.date(2020, 12, 31))


@pytest.mark.parametrize("rule", list(HEADINGS))
def test_every_problem_kind_is_prose_from_facts(rule, tmp_path):
    shown = example(rule)
    assert shown is not None
    data = tmp_path / "data"
    shutil.copytree(shown.folder, data, ignore=shutil.ignore_patterns(NEAR_MISS, EXAMPLE_FILE))
    records = DataFolder(data, cache=False).load()
    found = rules.run(records, only=[rule], as_of=shown.as_of, today=shown.today).findings
    assert found, f"the example of {rule} triggers nothing"
    # the checker's message is not what the report words
    found = [dataclasses.replace(f, message="（检查的文字）") for f in found]
    township = next(iter(sorted(records.townships)))
    for voice in (Voice(records, township), Voice(records)):
        assert all(PROSE[rule](f, voice) is not None for f in found), rule
        written = problems(found, voice, EVERYTHING, {rule: rules.REGISTRY[rule].clause})
        assert [p.rule for p in written] == [rule]
        text = "".join(written[0].sentences) + written[0].clause
        assert text and not TOOL_TEXT.findall(text), (rule, text)
        assert "检查的文字" not in text
