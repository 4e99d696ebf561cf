"""A proposal's history: several replies, ratings and re-handlings, each dated, in order."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from pydantic import ValidationError

from lingbi_cli import models, periods, reports, rules
from lingbi_cli.reports import ReportKind
from lingbi_cli.store.folder import DataFolder

PROPOSALS = "townships/yangtuan/proposals.yaml"
PID = "yangtuan-j2019-01"
ASSIGNED = """\
# 议案建议
- id: yangtuan-j2019-01
  type: 建议
  title: 关于修建后湖村生产路的建议
  lead: yangtuan-d002
  cosigners: [yangtuan-d001]
  date: 2019-03-10
  session: 闭会期间
  department: 县交通运输局
  assigned: 2019-03-20
"""
# the shape every file had before steps existed: flat fields, an undated rating
OLD_SHAPE = ASSIGNED + (
    "  reply: 2019-05-10\n  result: B\n  satisfaction: 不满意\n  rehandled: 2019-05-30\n"
)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2020-01-15")


def proposal(**fields: object) -> models.Proposal:
    base = {
        "id": PID,
        "type": "建议",
        "title": "t",
        "township": "yangtuan",
        "lead": "yangtuan-d002",
        "date": "2019-03-10",
        "session": "闭会期间",
        "department": "县交通运输局",
        "assigned": "2019-03-20",
    }
    return models.Proposal.model_validate({**base, **fields})


def test_reply_rate_rehandle_and_reply_again_keep_the_whole_history(folder, cli):
    data = folder({PROPOSALS: ASSIGNED})
    base = ["--data", str(data), "proposal"]
    for step in (
        ["reply", PID, "--result", "正在解决", "--date", "2019-05-10"],
        ["rate", PID, "--satisfaction", "不满意", "--date", "2019-05-15"],
        ["rehandle", PID, "--date", "2019-05-30"],
        ["reply", PID, "--result", "已解决", "--date", "2019-07-01"],
        ["rate", PID, "--satisfaction", "满意", "--date", "2019-07-05"],
        ["reply", PID, "--result", "a", "--date", "2019-08-01"],
    ):
        result = cli(*base, *step)
        assert result.exit_code == 0, (step, result.output)
    assert (data / PROPOSALS).read_text("utf-8") == ASSIGNED + (
        "  reply: 2019-05-10\n"
        "  result: B\n"
        "  satisfaction: 不满意\n"
        "  rated: 2019-05-15\n"
        "  rehandled: 2019-05-30\n"
        "  steps:\n"
        "    - {date: 2019-07-01, step: 答复, result: A}\n"
        "    - {date: 2019-07-05, step: 评价, satisfaction: 满意}\n"
        "    - {date: 2019-08-01, step: 答复, result: A}\n"
    )
    loaded = DataFolder(data).load().proposals[PID]
    assert [(str(e.date), e.step.value) for e in loaded.events()] == [
        ("2019-05-10", "答复"),
        ("2019-05-15", "评价"),
        ("2019-05-30", "重新办理"),
        ("2019-07-01", "答复"),
        ("2019-07-05", "评价"),
        ("2019-08-01", "答复"),
    ]


def test_the_state_as_of_a_day_is_the_latest_step_by_then():
    p = proposal(
        reply="2019-05-10",
        result="B",
        satisfaction="不满意",
        rated="2019-05-15",
        rehandled="2019-05-30",
        steps=[
            {"date": "2019-07-01", "step": "答复", "result": "已解决"},
            {"date": "2019-07-05", "step": "评价", "satisfaction": "满意"},
        ],
    )
    on = p.state_on
    assert on(dt.date(2019, 5, 9)) == models.ProposalState()
    may = on(dt.date(2019, 5, 20))
    assert (may.result, may.satisfaction, may.rehandled) == ("B", "不满意", None)
    assert on(dt.date(2019, 6, 1)).rehandled == dt.date(2019, 5, 30)
    july = on(dt.date(2019, 7, 2))  # replied again, not rated yet
    assert (july.first_reply, july.reply, july.result, july.satisfaction) == (
        dt.date(2019, 5, 10),
        dt.date(2019, 7, 1),
        models.ProposalResult.solved,
        None,
    )
    assert on(dt.date(2019, 12, 31)).satisfaction is models.Satisfaction.satisfied


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        (
            {"steps": [{"date": "2019-05-01", "step": "答复", "result": "A"}]},
            "只能在答复（reply）之后",
        ),
        (
            {
                "reply": "2019-05-10",
                "result": "B",
                "steps": [{"date": "2019-05-01", "step": "答复", "result": "A"}],
            },
            "早于前一步",
        ),
        (
            {
                "reply": "2019-05-10",
                "result": "B",
                "satisfaction": "满意",
                "steps": [{"date": "2019-06-01", "step": "重新办理"}],
            },
            "重新办理只能在代表评价“不满意”之后",
        ),
        (
            {
                "reply": "2019-05-10",
                "result": "B",
                "steps": [{"date": "2019-06-01", "step": "答复"}],
            },
            "答复要写办理结果",
        ),
        (
            {"reply": "2019-05-10", "result": "B", "satisfaction": "满意", "rated": "2019-05-01"},
            "rated（评价日期）早于 reply",
        ),
    ],
)
def test_a_history_out_of_order_is_refused(fields, words):
    with pytest.raises(ValidationError) as caught:
        proposal(**fields)
    assert words in str(caught.value)


def test_results_in_words_or_letters_are_one_result():
    for text, member in [("已解决", "A"), ("正在解决", "B"), ("列入计划", "C"), ("留作参考", "D")]:
        assert models.ProposalResult(text) == member == models.ProposalResult(member.lower())
        assert models.ProposalResult(member).word == text
    assert proposal(reply="2019-05-10", result="列入计划").result is models.ProposalResult.planned


def test_a_word_result_is_written_as_its_letter_and_a_wrong_one_is_named(folder, cli):
    data = folder({PROPOSALS: ASSIGNED})
    bad = cli("--data", str(data), "proposal", "reply", PID, "--result", "解决了")
    assert bad.exit_code == 2 and "已解决" in bad.output
    ok = cli(
        "--data", str(data), "proposal", "reply", PID, "--result", "留作参考", "--date",
        "2019-05-10",
    )  # fmt: skip
    assert ok.exit_code == 0, ok.output
    assert "  result: D\n" in (data / PROPOSALS).read_text("utf-8")


def test_a_file_in_the_old_shape_loads_and_reads_as_before(folder):
    data = folder({PROPOSALS: OLD_SHAPE})
    loaded = DataFolder(data).load()
    assert [f for f in loaded.findings if f.level.value == "error"] == []
    p = loaded.proposals[PID]
    assert (p.rated, p.steps) == (None, [])
    state = p.state_on(dt.date(2019, 12, 31))
    assert (state.reply, state.satisfaction, state.rehandled) == (
        dt.date(2019, 5, 10),
        models.Satisfaction.unsatisfied,
        dt.date(2019, 5, 30),
    )
    result = rules.run(loaded, only=["proposal-reply"], as_of=dt.date(2019, 12, 31))
    assert result.findings == []  # replied in time, re-handled in time


def test_the_reply_rule_reads_the_state_as_of_the_day_judged(folder):
    unhappy_again = ASSIGNED + textwrap.indent(
        textwrap.dedent(
            """\
            reply: 2019-05-10
            result: B
            satisfaction: 不满意
            rated: 2019-05-12
            rehandled: 2019-05-30
            steps:
              - {date: 2019-07-01, step: 答复, result: C}
              - {date: 2019-07-03, step: 评价, satisfaction: 不满意}
            """
        ),
        "  ",
    )
    data = folder({PROPOSALS: unhappy_again})
    loaded = DataFolder(data).load()

    def findings(day: dt.date) -> list[str]:
        found = rules.run(loaded, only=["proposal-reply"], as_of=day).findings
        return [f.message for f in found]

    assert findings(dt.date(2019, 7, 20)) == []  # the second 不满意 is not yet a month old
    [late] = findings(dt.date(2019, 8, 10))  # a month after the second reply, no re-handling
    assert "2019-08-01 前应重新办理" in late and "至今没有重新办理" in late
    assert findings(dt.date(2019, 6, 15)) == []  # then: re-handled after the first 不满意


def test_reports_read_the_latest_rating_as_of_their_day(folder):
    history = ASSIGNED + (
        "  reply: 2019-05-10\n  result: B\n  satisfaction: 不满意\n  rated: 2019-05-12\n"
        "  rehandled: 2019-05-30\n  steps:\n"
        "    - {date: 2019-07-01, step: 答复, result: 已解决}\n"
        "    - {date: 2019-07-03, step: 评价, satisfaction: 满意}\n"
    )
    data = folder({PROPOSALS: history})
    folder_ = DataFolder(data)

    def row(day: dt.date) -> tuple[object, object]:
        made = reports.make(
            folder_, ReportKind.deputy, periods.parse("2019"), date=day, deputy="yangtuan-d002"
        )
        table = made.tables["proposals"]
        return table.column("result")[0], table.column("satisfaction")[0]

    assert row(dt.date(2019, 5, 1)) == ("尚未答复", "")
    assert row(dt.date(2019, 6, 1)) == ("正在解决", "不满意")
    assert row(dt.date(2019, 7, 2)) == ("已解决", "")  # the new reply is not rated yet
    assert row(dt.date(2019, 12, 31)) == ("已解决", "满意")
