"""The work of the campaign: pairings, activities, proposals, filings, donors and awards.

Each field says what it means in its ``description`` ("中文 / English"), which ``lingbi schema``
gives to editors and the README's field tables print. ``RECORD_KINDS`` lists every record kind.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import BeforeValidator, Field, model_validator

from lingbi_cli.models.enums import (
    ActivityKind,
    AwardCategory,
    ChosenBy,
    DonorKind,
    FilingKind,
    FocusArea,
    HelpKind,
    Outlet,
    TripForm,
)
from lingbi_cli.models.fields import IdList, Name, RecordId, Text, Year, Yuan
from lingbi_cli.models.people import FROM_FOLDER, Deputy, Household, Township, Unit
from lingbi_cli.models.proposal import Proposal
from lingbi_cli.models.record import Record

Count = Annotated[int, Field(ge=0)]


def _outlet_word(value: object) -> object:
    """An outlet as written, the four the seed names read as their Chinese words (``web`` is
    网络); any other outlet is kept as it is (the seed's list ends in 等)."""
    if isinstance(value, str):
        known = Outlet._missing_(value)
        return known.value if known is not None else value.strip()
    return value


OutletName = Annotated[str, BeforeValidator(_outlet_word), Field(min_length=1, max_length=40)]


class Pairing(Record):
    """A deputy ↔ household link (结对帮扶, §2.3(3)); ended pairings are kept, never deleted."""

    kind_name: ClassVar[str] = "pairing"
    kind_label: ClassVar[str] = "结对"

    id: RecordId = Field(description="结对编号，如 yangtuan-p0001 / pairing id")
    deputy: RecordId = Field(description="代表编号 / deputy id")
    household: RecordId = Field(description="贫困户编号 / household id")
    start: dt.date = Field(description="结对开始日期 / start date")
    end: dt.date | None = Field(
        None, description="结对结束日期（仍在结对则不写） / end date (empty while active)"
    )
    end_reason: Text | None = Field(None, description="结束原因（有结束日期时必填） / why it ended")
    chosen_by: ChosenBy = Field(
        description="确定方式：单位名单 / 乡镇推荐 / how the household was chosen"
    )

    @model_validator(mode="after")
    def _end(self) -> Pairing:
        if self.end is not None:
            if self.end < self.start:
                raise ValueError("end（结束日期）早于 start（开始日期）")
            if not self.end_reason:
                raise ValueError("结束结对必须填写 end_reason（原因）")
        elif self.end_reason:
            raise ValueError("填写了 end_reason 却没有 end（结束日期）")
        return self

    def active_on(self, day: dt.date) -> bool:
        """Whether the pairing holds on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)

    def active_during(self, start: dt.date, end: dt.date) -> bool:
        """Whether the pairing holds on at least one day from ``start`` to ``end``."""
        return self.start <= end and (self.end is None or start <= self.end)


# Which optional activity fields (by code name) each kind needs (required) or allows (optional).
ACTIVITY_FIELDS: dict[ActivityKind, tuple[frozenset[str], frozenset[str]]] = {
    ActivityKind.visit: (frozenset({"household"}), frozenset()),
    ActivityKind.talk: (frozenset({"household"}), frozenset({"aid"})),
    ActivityKind.lesson: (frozenset({"household"}), frozenset({"participants"})),
    ActivityKind.advice: (frozenset({"household"}), frozenset({"aid"})),
    ActivityKind.donation: (frozenset({"household", "amount"}), frozenset()),
    ActivityKind.labour: (frozenset({"household"}), frozenset({"aid"})),
    ActivityKind.trip: (
        frozenset({"villages"}),
        frozenset({"participants", "observations", "form", "follow_up"}),
    ),
    ActivityKind.contribution: (
        frozenset(),
        frozenset({"household", "amount", "funds", "jobs", "projects", "cooperatives", "trainees"}),
    ),
    ActivityKind.publicity: (frozenset({"outlet"}), frozenset({"title"})),
    ActivityKind.supervision: (frozenset(), frozenset({"observations", "villages", "follow_up"})),
}
_KIND_SPECIFIC = frozenset().union(*(r | o for r, o in ACTIVITY_FIELDS.values()))


class Activity(Record):
    """One piece of work by one or more deputies on one day (joint work lists several)."""

    kind_name: ClassVar[str] = "activity"
    kind_label: ClassVar[str] = "活动"

    id: RecordId = Field(description="活动编号，如 yangtuan-a201905-001 / activity id")
    date: dt.date = Field(description="日期 / date")
    kind: ActivityKind = Field(
        description="类别：串门 谈心 讲课 献计 捐资 出力 调研视察 模范带头 宣传报道 督查 / kind"
    )
    township: RecordId = Field(description=FROM_FOLDER)  # the loader fills it in when absent
    deputies: IdList(min_length=1) = Field(  # type: ignore[valid-type]
        description="参加的代表（联合开展时列多位） / deputies (several for joint work)"
    )
    household: RecordId | None = Field(
        None,
        description="帮扶的贫困户（六个一必填；模范带头可写受益的户） / household (required for "
        "the six ones; a contribution may name the household it helped)",
    )
    focus: FocusArea | None = Field(None, description="重点任务（§1） / focus area (§1)")
    form: TripForm | None = Field(
        None, description="调研视察的形式：专题调研 / 集中视察 / form of a trip (§2.3(2))"
    )
    aid: HelpKind | None = Field(
        None,
        description="帮助解决的实际困难（谈心、献计、出力可写）：就业 上学 就医 信息 政策 / "
        "practical help given (§2.3(3))",
    )
    summary: Text = Field(description="内容摘要 / summary")
    amount: Yuan | None = Field(None, description="捐资或捐物折款，元 / donation in yuan")
    funds: Yuan | None = Field(None, description="引进的资金，元 / funds brought in, yuan")
    jobs: Count | None = Field(None, description="提供的就业岗位数 / jobs provided")
    projects: Count | None = Field(None, description="引进的项目数 / projects brought in")
    cooperatives: Count | None = Field(None, description="领办的专业合作社数 / cooperatives led")
    trainees: Count | None = Field(None, description="培训人数 / people trained")
    participants: Count | None = Field(
        None, description="代表以外的参加人数 / participants other than deputies"
    )
    villages: list[Name] | None = Field(None, description="走访、视察的村 / villages visited")
    # What a trip or a supervision found. Files say `findings:`, but in code a finding is a
    # check's result (errors.Finding), so the field has another name.
    observations: Text | None = Field(
        None, alias="findings", description="发现的问题 / what was found"
    )
    follow_up: Text | None = Field(
        None,
        description="发现问题的后续处理（交办、整改结果） / what became of the findings",
    )
    outlet: OutletName | None = Field(
        None,
        description="宣传载体：广播 电视 网络 报刊 或其他（如 微信） / publicity outlet (§3.3)",
    )
    title: Text | None = Field(None, description="报道标题 / title of the story")

    @model_validator(mode="after")
    def _fields_for_kind(self) -> Activity:
        values = self.__dict__
        required, forbidden = KIND_RULES[self.kind]
        missing = [f for f in required if values[f] is None or values[f] == []]
        if missing:
            raise ValueError(f"{self.kind.value}（{self.kind.name}）活动必须填写 {_keys(missing)}")
        extra = [f for f in forbidden if values[f] is not None]
        if extra:
            raise ValueError(f"{self.kind.value}（{self.kind.name}）活动不应填写 {_keys(extra)}")
        if self.kind is ActivityKind.donation and self.amount is not None and self.amount <= 0:
            raise ValueError("捐资金额 amount 必须大于 0")
        if self.follow_up is not None and self.observations is None:
            raise ValueError("follow_up（后续处理）要跟在 findings（发现的问题）之后填写")
        if len(self.deputies) > 1 and len(set(self.deputies)) != len(self.deputies):
            raise ValueError("deputies 中有重复的代表")
        return self


def _keys(names: list[str]) -> str:
    return ", ".join(map(Activity.field_key, names))


# Per kind: the fields it must have and those it must not have, in the order of their keys
# (for the messages).
KIND_RULES: dict[ActivityKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    kind: (
        tuple(sorted(required, key=Activity.field_key)),
        tuple(sorted(_KIND_SPECIFIC - required - optional, key=Activity.field_key)),
    )
    for kind, (required, optional) in ACTIVITY_FIELDS.items()
}


PERIOD_PATTERN = r"^\d{4}(H[12])?$"


class Filing(Record):
    """A plan, pairing list or report filed with the county committee (§3.2)."""

    kind_name: ClassVar[str] = "filing"
    kind_label: ClassVar[str] = "报送"

    id: RecordId = Field(description="报送编号，如 yangtuan-f2019-01 / filing id")
    kind: FilingKind = Field(
        description="类别：活动方案 帮扶名单 上半年报告 下半年报告 年终总结 / kind"
    )
    township: RecordId = Field(description=FROM_FOLDER)  # the loader fills it in when absent
    period: Annotated[str, BeforeValidator(lambda v: str(v)), Field(pattern=PERIOD_PATTERN)] = (
        Field(description="所属期间：年份 2019 或半年 2019H1 / period: 2019 or 2019H1")
    )
    date: dt.date = Field(description="报送日期 / date filed")

    @model_validator(mode="after")
    def _period_matches(self) -> Filing:
        half = self.kind in (FilingKind.h1_report, FilingKind.h2_report)
        if half and len(self.period) != 6:
            raise ValueError("半年报告的 period 应写成 2019H1 / 2019H2 的形式")
        if not half and len(self.period) != 4:
            raise ValueError(f"{self.kind.value} 的 period 应写成年份，如 2019")
        if half and self.period[-1] != ("1" if self.kind is FilingKind.h1_report else "2"):
            raise ValueError("上半年报告对应 H1，下半年报告对应 H2")
        return self


class Donor(Record):
    """A gift from someone outside the congress (爱心人士, §3.4: 带动更多的社会力量…参与脱贫攻坚),
    kept in the folder of the township it helped."""

    kind_name: ClassVar[str] = "donor"
    kind_label: ClassVar[str] = "爱心人士"

    id: RecordId = Field(description="爱心人士捐赠编号，如 yangtuan-g001 / donation id")
    name: Name = Field(description="姓名或单位名称 / name of the person or organisation")
    kind: DonorKind = Field(DonorKind.person, description="个人 或 单位 / person or organisation")
    date: dt.date = Field(description="捐赠日期 / date")
    township: RecordId = Field(description=FROM_FOLDER)  # the loader fills it in when absent
    gift: Text = Field(description="捐赠的内容，如 捐资修路、捐赠化肥 / what was given")
    amount: Yuan | None = Field(None, description="捐资或捐物折款，元 / amount in yuan")
    village: Name | None = Field(None, description="受助的村 / village helped")
    household: RecordId | None = Field(None, description="受助的贫困户 / household helped")


class Award(Record):
    """A year-end award of the county committee (§3.4)."""

    kind_name: ClassVar[str] = "award"
    kind_label: ClassVar[str] = "表彰"

    id: RecordId = Field(description="表彰编号，如 award-2019-01 / award id")
    year: Year = Field(description="年度 / year")
    category: AwardCategory = Field(
        description="类别：先进单位 扶贫之星 爱心代表 爱心人士 / category (§3.4)"
    )
    township: RecordId | None = Field(
        None, description="获奖乡镇（先进单位） / township (先进单位)"
    )
    deputy: RecordId | None = Field(
        None, description="获奖代表（扶贫之星、爱心代表） / deputy (扶贫之星, 爱心代表)"
    )
    person: Name | None = Field(None, description="获奖人姓名（爱心人士） / person (爱心人士)")
    reason: Text = Field(description="事迹 / reason")

    @model_validator(mode="after")
    def _recipient(self) -> Award:
        wanted = {
            AwardCategory.unit: "township",
            AwardCategory.star: "deputy",
            AwardCategory.caring_deputy: "deputy",
            AwardCategory.caring_person: "person",
        }[self.category]
        given = [f for f in ("township", "deputy", "person") if getattr(self, f) is not None]
        if given != [wanted]:
            raise ValueError(f"{self.category.value} 的获奖者应且只应填写 {wanted}")
        return self


RECORD_KINDS: tuple[type[Record], ...] = (
    Township,
    Unit,
    Deputy,
    Household,
    Pairing,
    Activity,
    Proposal,
    Filing,
    Donor,
    Award,
)
