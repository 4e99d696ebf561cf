"""Pydantic schemas of every record kind, and the domain's enumerations.

This module imports nothing else from the package and knows nothing of files. Enumeration values
are the Chinese words a clerk types (``sector: 企业``); the English member names (``enterprise``)
are accepted too and used in code. Unknown keys are rejected, dates are dates, money is a
``Decimal`` of yuan, citizen ID numbers are checked (GB 11643: check digit and birth date).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, ClassVar, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)


class ChineseEnum(StrEnum):
    """An enumeration whose values are Chinese words; English member names are accepted too."""

    @classmethod
    def _missing_(cls, value: object) -> ChineseEnum | None:
        if isinstance(value, str):
            key = value.strip()
            for member in cls:
                if key == member.name or key == member.value:
                    return member
        return None

    def __str__(self) -> str:
        return self.value


class Gender(ChineseEnum):
    male = "男"
    female = "女"


class DeputyLevel(ChineseEnum):
    """The congress a deputy sits in; one person may hold several levels."""

    province = "省"
    city = "市"
    county = "县"
    township = "乡"


class Sector(ChineseEnum):
    """§2.3(1): the sectors whose expected contribution the seed names one by one."""

    cadre = "干部"  # 常委会组成人员和干部身份的代表
    education = "教科文卫"  # 教育、科学、文化、卫生系统
    enterprise = "企业"
    professional = "专业技术"
    frontline = "生产一线"
    grassroots = "基层农民"


class EmployerType(ChineseEnum):
    """§2.3(3): decides where a deputy's households come from."""

    organ = "机关"
    institution = "事业单位"
    enterprise = "企业"
    rural = "农村"
    other = "其他"

    @property
    def takes_unit_households(self) -> bool:
        return self in (EmployerType.organ, EmployerType.institution)


class UnitKind(ChineseEnum):
    organ = "机关"
    institution = "事业单位"


class PovertyAttribute(ChineseEnum):
    ordinary = "一般贫困户"
    subsistence = "低保贫困户"
    destitute = "特困供养贫困户"


class Cause(ChineseEnum):
    illness = "因病"
    disability = "因残"
    schooling = "因学"
    disaster = "因灾"
    no_land = "缺土地"
    no_water = "缺水"
    no_skills = "缺技术"
    no_labour = "缺劳力"
    no_funds = "缺资金"
    poor_transport = "交通条件落后"
    no_drive = "自身发展动力不足"

    @property
    def health_related(self) -> bool:
        """Health causes are personal data: reports show them only as totals."""
        return self in (Cause.illness, Cause.disability)


class HouseholdStatus(ChineseEnum):
    poor = "未脱贫"
    exited = "已脱贫"
    relapsed = "返贫"


class HouseholdSource(ChineseEnum):
    """Which list a household is on (§2.3(3))."""

    unit = "单位帮扶户"  # a unit's existing list of households it helps
    township = "乡镇帮扶点"  # the township's assistance points


class ChosenBy(ChineseEnum):
    """How the household of a pairing was chosen (§2.3(3))."""

    unit_list = "单位名单"
    township = "乡镇推荐"


class FocusArea(ChineseEnum):
    """§1: the key tasks activities, trips and proposals are tagged with."""

    villages = "美丽乡村建设"
    industry = "富民产业培育"
    roads = "乡村道路畅通"
    water = "饮水安全"
    medical = "基本医疗服务"
    ecology = "生态环境保护"


class ActivityKind(ChineseEnum):
    """§2.3: the six ones (六个一) and the other actions."""

    visit = "串门"
    talk = "谈心"
    lesson = "讲课"
    advice = "献计"
    donation = "捐资"
    labour = "出力"
    trip = "调研视察"
    contribution = "模范带头"
    publicity = "宣传报道"
    supervision = "督查"

    @property
    def is_six_ones(self) -> bool:
        return self in SIX_ONES


SIX_ONES: tuple[ActivityKind, ...] = (
    ActivityKind.visit,
    ActivityKind.talk,
    ActivityKind.lesson,
    ActivityKind.advice,
    ActivityKind.donation,
    ActivityKind.labour,
)


class ProposalType(ChineseEnum):
    bill = "议案"
    suggestion = "建议"
    criticism = "批评意见"


class ProposalSession(ChineseEnum):
    session = "大会期间"
    between = "闭会期间"


class ProposalResult(ChineseEnum):
    solved = "A"  # 已解决
    solving = "B"  # 正在解决
    planned = "C"  # 列入计划
    reference = "D"  # 留作参考


class Satisfaction(ChineseEnum):
    satisfied = "满意"
    basically = "基本满意"
    unsatisfied = "不满意"


class FilingKind(ChineseEnum):
    """§3.2: what a township presidium files with the county committee."""

    plan = "活动方案"
    pairing_list = "帮扶名单"
    h1_report = "上半年报告"
    h2_report = "下半年报告"
    year_summary = "年终总结"


class AwardCategory(ChineseEnum):
    """§3.4: the year-end awards."""

    unit = "先进单位"
    star = "扶贫之星"
    caring_deputy = "爱心代表"
    caring_person = "爱心人士"


# --- field types -------------------------------------------------------------------------

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
RecordId = Annotated[str, Field(pattern=ID_PATTERN)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Name = Annotated[str, Field(min_length=1, max_length=40)]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_number_problem(value: str) -> str | None:
    """Why ``value`` is not a valid GB 11643-1999 citizen ID number, or None if it is."""
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return "应为 18 位：17 位数字加 1 位校验码（数字或 X）"
    try:
        dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "其中的出生日期不存在"
    if not "1900" <= value[6:10] <= "2020":
        return "其中的出生年份不合理"
    total = sum(map(operator.mul, map(int, value[:17]), _ID_WEIGHTS))
    expected = _ID_CHECK[total % 11]
    if value[17] != expected:
        return f"校验码错误（应为 {expected}）"
    return None


def check_digit(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits (used by the sample generator)."""
    total = sum(map(operator.mul, map(int, first17), _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def _upper_id(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


IdNumber = Annotated[str, BeforeValidator(_upper_id)]
"""A citizen ID number; its check digit is judged by the ``id-number`` rule, not the schema, so
that a typo is reported under its own rule name and the household is still loaded."""


def _check_phone(value: str) -> str:
    if not re.fullmatch(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}", value):
        raise ValueError("电话号码应为 11 位手机号或带区号的座机号")
    return value


Phone = Annotated[str, BeforeValidator(lambda v: str(v).strip()), AfterValidator(_check_phone)]
Yuan = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Year = Annotated[int, Field(ge=2000, le=2100)]


def _as_list(value: Any) -> Any:
    """Accept a single value where a list is expected: ``deputies: d1`` means ``[d1]``."""
    if value is None:
        return []
    if isinstance(value, str | int):
        return [value]
    return value


def IdList(min_length: int = 0) -> Any:  # noqa: N802 - reads like a type
    return Annotated[list[RecordId], BeforeValidator(_as_list), Field(min_length=min_length)]


_NOWHERE: dict[str, Any] = {"_file": "", "_line": 0, "_ignores": None}


class Record(BaseModel):
    """Common configuration: unknown keys are an error, strings are stripped."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        frozen=False,
        use_enum_values=False,
        validate_default=False,
    )
    kind_name: ClassVar[str] = "record"
    kind_label: ClassVar[str] = "记录"

    id: RecordId

    # Where a record was read from (file, line) and its `# lingbi: ignore[rule] reason`
    # comments (rule -> reason) are not part of the schema: the loader keeps them in pydantic's
    # per-instance private storage, set directly. Declaring them as PrivateAttr would make
    # pydantic initialise defaults on every validation — over a second for a county.
    def place(self, file: str, line: int, ignores: dict[str, str] | None = None) -> None:
        object.__setattr__(
            self, "__pydantic_private__", {"_file": file, "_line": line, "_ignores": ignores}
        )

    @classmethod
    def restore(
        cls, rows: Iterable[tuple[tuple[Any, ...], int, dict[str, str] | None]], file: str
    ) -> list[Any]:
        """Records from values this class validated before (a cache), without validating
        again: each row is (values in ``model_fields`` order, line, ignores). Several times
        faster than ``model_construct``; the cache-equivalence test guards it."""
        names = tuple(cls.model_fields)
        new, set_ = object.__new__, object.__setattr__
        out = []
        for values, line, ignores in rows:
            record = new(cls)
            set_(record, "__dict__", dict(zip(names, values, strict=True)))
            set_(record, "__pydantic_fields_set__", set())
            set_(record, "__pydantic_extra__", None)
            set_(
                record, "__pydantic_private__", {"_file": file, "_line": line, "_ignores": ignores}
            )
            out.append(record)
        return out

    def values(self) -> tuple[Any, ...]:
        """The field values in ``model_fields`` order (what ``restore`` takes back)."""
        return tuple(self.__dict__[name] for name in type(self).model_fields)

    @property
    def file(self) -> str:
        return (self.__pydantic_private__ or _NOWHERE)["_file"]  # type: ignore[no-any-return]

    @property
    def line(self) -> int:
        return (self.__pydantic_private__ or _NOWHERE)["_line"]  # type: ignore[no-any-return]

    @property
    def ignores(self) -> dict[str, str]:
        return (self.__pydantic_private__ or _NOWHERE)["_ignores"] or {}


class Township(Record):
    """A township (镇/乡) and the county committee leaders linked to it (§3.2)."""

    kind_name: ClassVar[str] = "township"
    kind_label: ClassVar[str] = "乡镇"

    name: Name
    liaison: IdList() = Field(default_factory=list)  # type: ignore[valid-type]
    points: list[Name] = Field(default_factory=list)  # assistance points (帮扶点), by village


class Unit(Record):
    """An organ or public institution and the households it already helps (§2.3(3))."""

    kind_name: ClassVar[str] = "unit"
    kind_label: ClassVar[str] = "单位"

    name: Name
    kind: UnitKind
    households: IdList() = Field(default_factory=list)  # type: ignore[valid-type]


class Deputy(Record):
    """A deputy of one or more congresses, registered in one township."""

    kind_name: ClassVar[str] = "deputy"
    kind_label: ClassVar[str] = "代表"

    name: Name
    gender: Gender
    levels: Annotated[list[DeputyLevel], BeforeValidator(_as_list), Field(min_length=1)]
    township: RecordId  # the file's folder; the loader fills it in when absent
    district: Name  # electoral district (选区)
    village: Name | None = None  # home village, for pairing by village (pair --auto)
    sector: Sector
    employer: EmployerType
    unit: RecordId | None = None
    committee_member: bool = False
    phone: Phone | None = None
    term_start: dt.date
    term_end: dt.date | None = None

    @model_validator(mode="after")
    def _term_and_unit(self) -> Deputy:
        if self.term_end is not None and self.term_end < self.term_start:
            raise ValueError("term_end 早于 term_start")
        if self.employer.takes_unit_households and self.unit is None:
            raise ValueError("机关、事业单位的代表必须填写 unit（所在单位）")
        if len(set(self.levels)) != len(self.levels):
            raise ValueError("levels 中有重复的层级")
        return self

    def active_on(self, day: dt.date) -> bool:
        return self.term_start <= day and (self.term_end is None or day <= self.term_end)


class Household(Record):
    """A registered poor household (建档立卡贫困户)."""

    kind_name: ClassVar[str] = "household"
    kind_label: ClassVar[str] = "贫困户"

    head: Name
    id_number: IdNumber
    township: RecordId  # the file's folder; the loader fills it in when absent
    village: Name
    group: Name | None = None  # 村民组
    members: Annotated[int, Field(ge=1, le=30)]
    attribute: PovertyAttribute
    causes: Annotated[list[Cause], BeforeValidator(_as_list), Field(min_length=1)]
    registered: Year
    status: HouseholdStatus = HouseholdStatus.poor
    exit_year: Year | None = None
    source: HouseholdSource
    phone: Phone | None = None

    @model_validator(mode="after")
    def _exit(self) -> Household:
        if self.status is HouseholdStatus.exited and self.exit_year is None:
            raise ValueError("status 为 已脱贫 时必须填写 exit_year")
        if self.exit_year is not None and self.exit_year < self.registered:
            raise ValueError("exit_year 早于 registered（建档年份）")
        return self


class Pairing(Record):
    """A deputy ↔ household link (结对帮扶, §2.3(3)); ended pairings are kept, never deleted."""

    kind_name: ClassVar[str] = "pairing"
    kind_label: ClassVar[str] = "结对"

    deputy: RecordId
    household: RecordId
    start: dt.date
    end: dt.date | None = None
    end_reason: Text | None = None
    chosen_by: ChosenBy

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
        return self.start <= day and (self.end is None or day <= self.end)


# Which optional activity fields each kind needs (required) or allows (optional).
ACTIVITY_FIELDS: dict[ActivityKind, tuple[frozenset[str], frozenset[str]]] = {
    ActivityKind.visit: (frozenset({"household"}), frozenset()),
    ActivityKind.talk: (frozenset({"household"}), frozenset()),
    ActivityKind.lesson: (frozenset({"household"}), frozenset({"participants"})),
    ActivityKind.advice: (frozenset({"household"}), frozenset()),
    ActivityKind.donation: (frozenset({"household", "amount"}), frozenset()),
    ActivityKind.labour: (frozenset({"household"}), frozenset()),
    ActivityKind.trip: (
        frozenset({"villages"}),
        frozenset({"participants", "findings"}),
    ),
    ActivityKind.contribution: (
        frozenset(),
        frozenset({"amount", "funds", "jobs", "projects", "cooperatives", "trainees"}),
    ),
    ActivityKind.publicity: (frozenset({"outlet"}), frozenset({"title"})),
    ActivityKind.supervision: (frozenset(), frozenset({"findings", "villages"})),
}
_KIND_SPECIFIC = frozenset().union(*(r | o for r, o in ACTIVITY_FIELDS.values()))


class Outlet(ChineseEnum):
    """§3.3: where a story about deputies' work appeared."""

    broadcast = "广播"
    tv = "电视"
    web = "网络"
    press = "报刊"


class Activity(Record):
    """One piece of work by one or more deputies on one day (joint work lists several)."""

    kind_name: ClassVar[str] = "activity"
    kind_label: ClassVar[str] = "活动"

    date: dt.date
    kind: ActivityKind
    township: RecordId  # the file's folder; the loader fills it in when absent
    deputies: IdList(min_length=1)  # type: ignore[valid-type]
    household: RecordId | None = None
    focus: FocusArea | None = None
    summary: Text
    amount: Yuan | None = None  # donation in cash or materials, yuan
    funds: Yuan | None = None  # funds brought in from outside (引进资金), yuan
    jobs: Annotated[int, Field(ge=0)] | None = None
    projects: Annotated[int, Field(ge=0)] | None = None
    cooperatives: Annotated[int, Field(ge=0)] | None = None
    trainees: Annotated[int, Field(ge=0)] | None = None
    participants: Annotated[int, Field(ge=0)] | None = None  # people other than the deputies
    villages: list[Name] | None = None
    findings: Text | None = None
    outlet: Outlet | None = None
    title: Text | None = None

    @classmethod
    def restore(
        cls, rows: Iterable[tuple[tuple[Any, ...], int, dict[str, str] | None]], file: str
    ) -> list[Any]:
        """Activities come back from the cache in their light form, ``ActivityRecord``."""
        new = tuple.__new__
        return [new(ActivityRecord, (*values, file, line, marks)) for values, line, marks in rows]

    @model_validator(mode="after")
    def _fields_for_kind(self) -> Activity:
        values = self.__dict__
        required, forbidden = _KIND_RULES[self.kind]
        missing = [f for f in required if values[f] is None or values[f] == []]
        if missing:
            raise ValueError(
                f"{self.kind.value}（{self.kind.name}）活动必须填写 {', '.join(missing)}"
            )
        extra = [f for f in forbidden if values[f] is not None]
        if extra:
            raise ValueError(
                f"{self.kind.value}（{self.kind.name}）活动不应填写 {', '.join(extra)}"
            )
        if self.kind is ActivityKind.donation and self.amount is not None and self.amount <= 0:
            raise ValueError("捐资金额 amount 必须大于 0")
        if len(self.deputies) > 1 and len(set(self.deputies)) != len(self.deputies):
            raise ValueError("deputies 中有重复的代表")
        return self


# Per kind: the fields it must have and those it must not have, sorted for the messages.
_KIND_RULES: dict[ActivityKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    kind: (tuple(sorted(required)), tuple(sorted(_KIND_SPECIFIC - required - optional)))
    for kind, (required, optional) in ACTIVITY_FIELDS.items()
}


class ActivityRecord(NamedTuple):
    """An activity as loaded: the values an ``Activity`` validated, read-only, as a tuple.

    A county holds a quarter of a million activities; as pydantic models they cost ~3 µs each
    to rebuild from the cache and a little more to read, as tuples a fraction of that. Every
    activity is validated as an ``Activity`` first; rules and reports read the same attribute
    names from either (``date``, ``kind``, ``deputies`` …, and ``file``, ``line``,
    ``ignores``, ``id``, ``kind_label``, ``values()``). The fields are Activity's, in order
    (checked below), then the record's place.
    """

    id: str
    date: dt.date
    kind: ActivityKind
    township: str
    deputies: list[str]
    household: str | None
    focus: FocusArea | None
    summary: str
    amount: Decimal | None
    funds: Decimal | None
    jobs: int | None
    projects: int | None
    cooperatives: int | None
    trainees: int | None
    participants: int | None
    villages: list[str] | None
    findings: str | None
    outlet: Outlet | None
    title: str | None
    file: str
    line: int
    marks: dict[str, str] | None

    @property
    def kind_name(self) -> str:
        return "activity"

    @property
    def kind_label(self) -> str:
        return "活动"

    @property
    def ignores(self) -> dict[str, str]:
        return self.marks or {}

    def values(self) -> tuple[Any, ...]:
        return tuple(self[: len(_ACTIVITY_FIELDS)])

    @classmethod
    def of(cls, activity: Activity) -> ActivityRecord:
        """The loaded form of a validated activity, with its place."""
        place = (activity.file, activity.line, activity.ignores or None)
        return cls._make((*activity.values(), *place))


Loaded = Record | ActivityRecord
"""A record as a loaded county holds it: a pydantic model, or an activity's light tuple."""

_ACTIVITY_FIELDS = tuple(Activity.model_fields)
if ActivityRecord._fields[: len(_ACTIVITY_FIELDS)] != _ACTIVITY_FIELDS:  # pragma: no cover
    raise AssertionError("ActivityRecord's fields must be Activity's, in the same order")


class Proposal(Record):
    """A bill, suggestion or criticism and its lifecycle (§2.3(4))."""

    kind_name: ClassVar[str] = "proposal"
    kind_label: ClassVar[str] = "议案建议"

    type: ProposalType
    title: Text
    township: RecordId  # the file's folder; the loader fills it in when absent
    lead: RecordId
    cosigners: IdList() = Field(default_factory=list)  # type: ignore[valid-type]
    date: dt.date
    session: ProposalSession
    focus: FocusArea | None = None
    department: Name | None = None
    assigned: dt.date | None = None
    reply: dt.date | None = None
    result: ProposalResult | None = None
    satisfaction: Satisfaction | None = None
    rehandled: dt.date | None = None  # re-handling after 不满意

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
                raise ValueError("答复后必须填写 result（A/B/C/D）")
        elif self.result is not None or self.satisfaction is not None:
            raise ValueError("result、satisfaction 只能在答复（reply）之后填写")
        if self.rehandled is not None:
            if self.satisfaction is not Satisfaction.unsatisfied:
                raise ValueError("rehandled（重新办理）只用于 不满意 的答复")
            if self.reply is not None and self.rehandled < self.reply:
                raise ValueError("rehandled 早于 reply")
        if self.lead in self.cosigners:
            raise ValueError("领衔代表 lead 不应同时列在 cosigners 中")
        return self

    @property
    def deputies(self) -> list[str]:
        return [self.lead, *self.cosigners]


PERIOD_PATTERN = r"^\d{4}(H[12])?$"


class Filing(Record):
    """A plan, pairing list or report filed with the county committee (§3.2)."""

    kind_name: ClassVar[str] = "filing"
    kind_label: ClassVar[str] = "报送"

    kind: FilingKind
    township: RecordId  # the file's folder; the loader fills it in when absent
    period: Annotated[str, BeforeValidator(lambda v: str(v)), Field(pattern=PERIOD_PATTERN)]
    date: dt.date

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


class Award(Record):
    """A year-end award of the county committee (§3.4)."""

    kind_name: ClassVar[str] = "award"
    kind_label: ClassVar[str] = "表彰"

    year: Year
    category: AwardCategory
    township: RecordId | None = None
    deputy: RecordId | None = None
    person: Name | None = None
    reason: Text

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
    Award,
)


# --- field documentation ------------------------------------------------------------------
# (中文, English) for every field of every record kind. It feeds `lingbi schema` (editors show it
# on hover) and the README's field tables; a test fails if a field is left undocumented.

FIELD_DOCS: dict[type[Record], dict[str, tuple[str, str]]] = {
    Township: {
        "id": ("乡镇编号（拼音），如 yangtuan", "township id (pinyin slug)"),
        "name": ("乡镇名称，如 杨疃镇", "name, e.g. 杨疃镇"),
        "liaison": ("联系本乡镇的县人大常委会领导（代表编号）", "liaison leaders (deputy ids)"),
        "points": ("乡镇帮扶点（村名）", "assistance points (village names)"),
    },
    Unit: {
        "id": ("单位编号，如 u-jiaoyuju", "unit id"),
        "name": ("单位名称", "name"),
        "kind": ("机关 或 事业单位", "organ or public institution"),
        "households": (
            "本单位已落实的联系帮扶户（贫困户编号）",
            "households the unit already helps",
        ),
    },
    Deputy: {
        "id": ("代表编号，如 yangtuan-d001", "deputy id"),
        "name": ("姓名", "name"),
        "gender": ("性别：男 / 女", "gender"),
        "levels": ("代表层级，可多选：省 市 县 乡", "congress levels, one or more"),
        "township": ("所在乡镇（由文件夹决定，可不写）", "township (from the folder)"),
        "district": ("选区", "electoral district"),
        "village": ("所在村（自动结对时优先同村）", "home village (pair --auto prefers it)"),
        "sector": (
            "界别：干部 教科文卫 企业 专业技术 生产一线 基层农民",
            "sector (§2.3(1))",
        ),
        "employer": ("单位性质：机关 事业单位 企业 农村 其他", "employer type (§2.3(3))"),
        "unit": ("所在单位编号（机关、事业单位的代表必填）", "unit id (organ/institution)"),
        "committee_member": ("是否县人大常委会组成人员", "member of the county committee"),
        "phone": ("联系电话（报告中只显示部分）", "phone (masked in reports)"),
        "term_start": ("任期开始日期", "term start"),
        "term_end": ("任期结束日期（仍在任则不写）", "term end (empty while serving)"),
    },
    Household: {
        "id": ("贫困户编号，如 yangtuan-h0001", "household id"),
        "head": ("户主姓名", "head of household"),
        "id_number": ("户主公民身份号码（18位，报告中只显示部分）", "citizen ID number (masked)"),
        "township": ("所在乡镇（由文件夹决定，可不写）", "township (from the folder)"),
        "village": ("村", "village"),
        "group": ("村民组", "village group"),
        "members": ("家庭人口数", "household members"),
        "attribute": ("贫困户属性：一般贫困户 低保贫困户 特困供养贫困户", "poverty attribute"),
        "causes": ("致贫原因，可多选，如 [因病, 缺技术]", "causes of poverty"),
        "registered": ("建档立卡年份", "year registered"),
        "status": ("状态：未脱贫 已脱贫 返贫", "status"),
        "exit_year": ("脱贫年份（已脱贫必填）", "year of exit"),
        "source": ("来源：单位帮扶户 / 乡镇帮扶点", "which list the household is on"),
        "phone": ("联系电话（报告中只显示部分）", "phone (masked in reports)"),
    },
    Pairing: {
        "id": ("结对编号，如 yangtuan-p0001", "pairing id"),
        "deputy": ("代表编号", "deputy id"),
        "household": ("贫困户编号", "household id"),
        "start": ("结对开始日期", "start date"),
        "end": ("结对结束日期（仍在结对则不写）", "end date (empty while active)"),
        "end_reason": ("结束原因（有结束日期时必填）", "why it ended"),
        "chosen_by": ("确定方式：单位名单 / 乡镇推荐", "how the household was chosen"),
    },
    Activity: {
        "id": ("活动编号，如 yangtuan-a201905-001", "activity id"),
        "date": ("日期", "date"),
        "kind": (
            "类别：串门 谈心 讲课 献计 捐资 出力 调研视察 模范带头 宣传报道 督查",
            "kind",
        ),
        "township": ("所在乡镇（由文件夹决定，可不写）", "township (from the folder)"),
        "deputies": ("参加的代表（联合开展时列多位）", "deputies (several for joint work)"),
        "focus": ("重点任务（§1）", "focus area (§1)"),
        "summary": ("内容摘要", "summary"),
        "household": ("帮扶的贫困户（六个一必填）", "household (required for the six ones)"),
        "amount": ("捐资或捐物折款，元", "donation in yuan"),
        "funds": ("引进的资金，元", "funds brought in, yuan"),
        "jobs": ("提供的就业岗位数", "jobs provided"),
        "projects": ("引进的项目数", "projects brought in"),
        "cooperatives": ("领办的专业合作社数", "cooperatives led"),
        "trainees": ("培训人数", "people trained"),
        "participants": ("代表以外的参加人数", "participants other than deputies"),
        "villages": ("走访、视察的村", "villages visited"),
        "findings": ("发现的问题", "what was found"),
        "outlet": ("宣传载体：广播 电视 网络 报刊", "publicity outlet (§3.3)"),
        "title": ("报道标题", "title of the story"),
    },
    Proposal: {
        "id": ("议案建议编号，如 yangtuan-j2019-01", "proposal id"),
        "type": ("类别：议案 建议 批评意见", "type"),
        "title": ("标题", "title"),
        "township": ("所在乡镇（由文件夹决定，可不写）", "township (from the folder)"),
        "lead": ("领衔代表", "lead deputy"),
        "cosigners": ("附议代表", "co-signing deputies"),
        "date": ("提出日期", "date submitted"),
        "session": ("大会期间 / 闭会期间", "during or between sessions"),
        "focus": ("重点任务（§1）", "focus area (§1)"),
        "department": ("承办部门", "department assigned"),
        "assigned": ("交办日期", "date assigned"),
        "reply": ("答复日期", "date replied"),
        "result": ("办理结果：A 已解决 B 正在解决 C 列入计划 D 留作参考", "result A–D"),
        "satisfaction": ("代表意见：满意 基本满意 不满意", "deputy's satisfaction"),
        "rehandled": ("不满意后重新办理的日期", "date re-handled after 不满意"),
    },
    Filing: {
        "id": ("报送编号，如 yangtuan-f2019-01", "filing id"),
        "kind": ("类别：活动方案 帮扶名单 上半年报告 下半年报告 年终总结", "kind"),
        "township": ("所在乡镇（由文件夹决定，可不写）", "township (from the folder)"),
        "period": ("所属期间：年份 2019 或半年 2019H1", "period: 2019 or 2019H1"),
        "date": ("报送日期", "date filed"),
    },
    Award: {
        "id": ("表彰编号，如 award-2019-01", "award id"),
        "year": ("年度", "year"),
        "category": ("类别：先进单位 扶贫之星 爱心代表 爱心人士", "category (§3.4)"),
        "township": ("获奖乡镇（先进单位）", "township (先进单位)"),
        "deputy": ("获奖代表（扶贫之星、爱心代表）", "deputy (扶贫之星, 爱心代表)"),
        "person": ("获奖人姓名（爱心人士）", "person (爱心人士)"),
        "reason": ("事迹", "reason"),
    },
}


def _attach_docs() -> None:
    for model, docs in FIELD_DOCS.items():
        for name, (zh, en) in docs.items():
            if name in model.model_fields:
                model.model_fields[name].description = f"{zh} / {en}"
        model.model_rebuild(force=True)


_attach_docs()
