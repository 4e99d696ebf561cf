"""A proposal and its history: submitted, assigned, replied, rated, re-handled — and again.

The first round lives in flat fields (``reply`` and ``result``, ``satisfaction`` and its date
``rated``, ``rehandled``), as files have always written it. Every later step — a second reply,
a rating of it, another re-handling — is one dated item of ``steps``, in order:

    steps:
      - {date: 2019-09-02, step: 答复, result: A}
      - {date: 2019-09-20, step: 评价, satisfaction: 满意}

``events()`` gives the whole history in order and ``state_on(day)`` the latest state as of a
day, which the rules and reports read. A file in the old shape (no ``rated``, no ``steps``)
loads and reads as before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from lingbi_cli.models.enums import (
    FocusArea,
    ProposalResult,
    ProposalSession,
    ProposalStep,
    ProposalType,
    Satisfaction,
)
from lingbi_cli.models.fields import IdList, Name, RecordId, Text
from lingbi_cli.models.people import FROM_FOLDER
from lingbi_cli.models.record import Record


class Step(BaseModel):
    """One later step of a proposal's handling."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    date: dt.date = Field(description="日期 / date")
    step: ProposalStep = Field(description="答复 / 评价 / 重新办理 / what happened")
    result: ProposalResult | None = Field(
        None, description="答复的办理结果：A（已解决）B（正在解决）C（列入计划）D（留作参考）"
    )
    satisfaction: Satisfaction | None = Field(
        None, description="代表的评价：满意 基本满意 不满意 / the deputy's rating"
    )

    @model_validator(mode="after")
    def _fields_for_step(self) -> Step:
        wants = {
            ProposalStep.reply: ("result", "答复要写办理结果 result"),
            ProposalStep.rating: ("satisfaction", "评价要写 satisfaction（满意 基本满意 不满意）"),
            ProposalStep.rehandle: (None, ""),
        }
        field, message = wants[self.step]
        for name in ("result", "satisfaction"):
            if name == field and getattr(self, name) is None:
                raise ValueError(message)
            if name != field and getattr(self, name) is not None:
                raise ValueError(f"“{self.step.value}”这一步不应填写 {name}")
        return self


@dataclass(frozen=True)
class Event:
    """One dated step of the whole history (the first round's included)."""

    date: dt.date
    step: ProposalStep
    result: ProposalResult | None = None
    satisfaction: Satisfaction | None = None


@dataclass(frozen=True)
class ProposalState:
    """Where a proposal stood on a day: its first and latest reply, the latest result, the
    rating of the latest reply (None: not rated yet) and a re-handling since that rating."""

    first_reply: dt.date | None = None
    reply: dt.date | None = None
    result: ProposalResult | None = None
    satisfaction: Satisfaction | None = None
    rated: dt.date | None = None
    rehandled: dt.date | None = None


class Proposal(Record):
    """A bill, suggestion or criticism and its lifecycle (§2.3(4))."""

    kind_name: ClassVar[str] = "proposal"
    kind_label: ClassVar[str] = "议案建议"

    id: RecordId = Field(description="议案建议编号，如 yangtuan-j2019-01 / proposal id")
    type: ProposalType = Field(description="类别：议案 建议 批评意见 / type")
    title: Text = Field(description="标题 / title")
    township: RecordId = Field(description=FROM_FOLDER)  # the loader fills it in when absent
    lead: RecordId = Field(description="领衔代表 / lead deputy")
    cosigners: IdList() = Field(  # type: ignore[valid-type]
        default_factory=list, description="附议代表 / co-signing deputies"
    )
    date: dt.date = Field(description="提出日期 / date submitted")
    session: ProposalSession = Field(description="大会期间 / 闭会期间 / during or between sessions")
    focus: FocusArea | None = Field(None, description="重点任务（§1） / focus area (§1)")
    department: Name | None = Field(None, description="承办部门 / department assigned")
    assigned: dt.date | None = Field(None, description="交办日期 / date assigned")
    reply: dt.date | None = Field(None, description="答复日期 / date replied")
    result: ProposalResult | None = Field(
        None,
        description="办理结果：A 已解决 B 正在解决 C 列入计划 D 留作参考（写字母或文字均可）"
        " / result A–D",
    )
    satisfaction: Satisfaction | None = Field(
        None, description="代表意见：满意 基本满意 不满意 / deputy's satisfaction"
    )
    rated: dt.date | None = Field(None, description="代表评价的日期 / date the deputy rated")
    rehandled: dt.date | None = Field(
        None, description="不满意后重新办理的日期 / date re-handled after 不满意"
    )
    steps: list[Step] = Field(
        default_factory=list,
        description="此后的办理经过（再次答复、评价、重新办理），按先后 / later steps, in order",
    )

    @model_validator(mode="after")
    def _lifecycle(self) -> Proposal:
        if self.assigned is not None:
            if self.department is None:
                raise ValueError("交办（assigned）必须写明承办部门 department")
            if self.assigned < self.date:
                raise ValueError("assigned（交办日期）早于 date（提出日期）")
        if self.reply is not None:
            if self.assigned is None:
                raise ValueError("有 reply（答复日期）却没有 assigned（交办日期）")
            if self.reply < self.assigned:
                raise ValueError("reply（答复日期）早于 assigned（交办日期）")
            if self.result is None:
                raise ValueError(
                    "答复后必须填写 result（A/B/C/D 或 已解决/正在解决/列入计划/留作参考）"
                )
        elif self.result is not None or self.satisfaction is not None or self.steps:
            raise ValueError("result、satisfaction、steps 只能在答复（reply）之后填写")
        if self.rated is not None:
            if self.satisfaction is None:
                raise ValueError("有 rated（评价日期）却没有 satisfaction（代表意见）")
            if self.reply is not None and self.rated < self.reply:
                raise ValueError("rated（评价日期）早于 reply（答复日期）")
        if self.rehandled is not None:
            if self.satisfaction is not Satisfaction.unsatisfied:
                raise ValueError("rehandled（重新办理）只用于 不满意 的答复")
            if self.reply is not None and self.rehandled < self.reply:
                raise ValueError("rehandled（重新办理日期）早于 reply（答复日期）")
            if self.rated is not None and self.rehandled < self.rated:
                raise ValueError("rehandled（重新办理日期）早于 rated（评价日期）")
        if self.lead in self.cosigners:
            raise ValueError("领衔代表 lead 不应同时列在 cosigners 中")
        self._steps_in_order()
        return self

    def _steps_in_order(self) -> None:
        events = self.events()
        first = len(events) - len(self.steps)
        state = self.state_on(dt.date.max, events[:first])
        last = max((e.date for e in events[:first]), default=None)
        for number, event in enumerate(events[first:], start=1):
            where = f"办理经过（steps）第 {number} 步（{event.date} {event.step.value}）"
            if last is not None and event.date < last:
                raise ValueError(f"{where}早于前一步（{last}）；请按先后顺序写")
            if event.step is ProposalStep.rating and state.reply is None:
                raise ValueError(f"{where}：评价之前没有答复")
            if event.step is ProposalStep.rehandle and (
                state.satisfaction is not Satisfaction.unsatisfied or state.rehandled is not None
            ):
                raise ValueError(f"{where}：重新办理只能在代表评价“不满意”之后（每次一回）")
            state = _after(state, event)
            last = event.date

    def events(self) -> list[Event]:
        """The whole history in order: the first round's reply, rating and re-handling, then
        the later steps."""
        found = []
        if self.reply is not None:
            found.append(Event(self.reply, ProposalStep.reply, result=self.result))
            if self.satisfaction is not None:  # an old file's rating: dated as its reply
                day = self.rated or self.reply
                found.append(Event(day, ProposalStep.rating, satisfaction=self.satisfaction))
            if self.rehandled is not None:
                found.append(Event(self.rehandled, ProposalStep.rehandle))
        found.extend(Event(s.date, s.step, s.result, s.satisfaction) for s in self.steps)
        return found

    def state_on(self, day: dt.date, events: list[Event] | None = None) -> ProposalState:
        """The latest state as of ``day`` (steps dated later are not seen)."""
        state = ProposalState()
        for event in self.events() if events is None else events:
            if event.date <= day:
                state = _after(state, event)
        return state

    @property
    def deputies(self) -> list[str]:
        return [self.lead, *self.cosigners]


def _after(state: ProposalState, event: Event) -> ProposalState:
    if event.step is ProposalStep.reply:
        return ProposalState(state.first_reply or event.date, event.date, event.result)
    if event.step is ProposalStep.rating:
        return ProposalState(
            state.first_reply, state.reply, state.result, event.satisfaction, event.date
        )
    return ProposalState(
        state.first_reply,
        state.reply,
        state.result,
        state.satisfaction,
        state.rated,
        event.date,
    )
