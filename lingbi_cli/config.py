"""The settings of ``lingbi.yaml``, as models with the seed document's values as defaults.

Every default cites the clause it comes from. Rule settings (``rules:``) are kept here as plain
mappings and validated by the rule registry, which owns each rule's settings model. Finding and
reading the file is the store's (``store.settings``); this module imports nothing of the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator


def _month_day(value: Any) -> tuple[int, int]:
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", text)
    if not match:
        raise ValueError('应写成 月-日，例如 "06-20"')
    month, day = int(match[1]), int(match[2])
    dt.date(2020, month, day)  # raises ValueError for an impossible day (leap year allows 02-29)
    return month, day


MonthDay = Annotated[tuple[int, int], BeforeValidator(_month_day)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Campaign(_Strict):
    """The campaign calendar (§2.1, §3.2)."""

    start: dt.date = dt.date(2018, 4, 1)  # §2.1 活动于今年4月正式启动
    end: dt.date = dt.date(2020, 12, 31)  # §2.1 至2020年底结束
    plan_deadline: MonthDay = (3, 31)  # §3.2 3月底前将活动方案和…联系帮扶名单上报
    first_meeting: MonthDay = (4, 30)  # §3.2 各级人大代表要在4（月底前与）联系对象见面对接
    first_meeting_days: Annotated[int, Field(ge=1, le=366)] = 30  # later pairings; seed silent
    h1_report: MonthDay = (6, 20)  # §3.2 每年分别于6月20日…前向县人大书面汇报
    h2_report: MonthDay = (12, 20)  # §3.2 …和12月20日前向县人大书面汇报

    @property
    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)


class AwardWeights(_Strict):
    """Weights of the award-candidate scores (§3.4 names the awards, not how to judge them).

    Each metric is divided by the largest value among the candidates, so it lies in 0…1; the
    score is the weighted sum. The defaults are lingbi's choice and are printed with every
    ranking, so that the committee can see, and change, why a candidate ranks where it does.
    """

    unit: dict[str, float] = Field(
        default_factory=lambda: {
            "participation": 0.25,
            "prompt": 0.2,  # §3.4 行动迅速: filings and first meetings in time
            "pairing_work": 0.25,
            "trips": 0.15,
            "exited": 0.15,
        }
    )
    star: dict[str, float] = Field(
        default_factory=lambda: {"pairing_work": 0.4, "exited": 0.3, "trips": 0.2, "proposals": 0.1}
    )
    caring_deputy: dict[str, float] = Field(
        default_factory=lambda: {"donations": 0.7, "funds": 0.3}
    )
    caring_person: dict[str, float] = Field(default_factory=lambda: {"amount": 0.8, "gifts": 0.2})
    top: Annotated[int, Field(ge=1, le=50)] = 5


class AssessItem(_Strict):
    """One component of a deputy's assessment: its weight (points at full marks) and the value
    that earns full marks (a component scores ``weight × min(value / target, 1)``)."""

    weight: Annotated[float, Field(ge=0, le=100)]
    target: Annotated[float, Field(gt=0)]


class GradeBand(_Strict):
    """A grade and the lowest score that earns it."""

    grade: Annotated[str, Field(min_length=1, max_length=10)]
    min: Annotated[float, Field(ge=0, le=100)]


def _assess_items() -> dict[str, AssessItem]:
    # lingbi's defaults (the seed names the components, §2.3 and §3.2, not their weights);
    # they add up to 100 points.
    items = {
        "households": (15, 1),  # §2.3(3) 结对联系1—3户: at least one household
        "visit_quarters": (20, 1),  # §2.3(3) 定期走访: share of paired quarters with a visit
        "six_ones": (20, 4),  # §2.3(3) 六个一: four pieces of pairing work a year
        "trips": (15, 1),  # §2.3(2) 调研视察: the trips-per-year rule's deputy_min
        "proposals_led": (10, 1),  # §2.3(4) 提出议案、建议
        "proposals_signed": (5, 1),  # §2.3(4) co-signed
        "funds": (5, 100000),  # §2.3(4) 资金、项目…介绍到贫困地区: yuan brought in
        "projects": (5, 1),
        "publicity": (5, 1),  # §3.3 宣传: stories about the deputy's work
    }
    return {k: AssessItem(weight=w, target=t) for k, (w, t) in items.items()}


def _bands() -> list[GradeBand]:
    return [
        GradeBand(grade=g, min=m)
        for g, m in (("优秀", 90), ("良好", 75), ("合格", 60), ("不合格", 0))
    ]


class AssessSettings(_Strict):
    """The deputy assessment (§3.2 纳入代表履职考核): each component's weight and target, points
    off per rule shortfall, points per award won, and the grade bands. The seed says the
    campaign counts in the assessment, not how; these defaults are lingbi's and are printed
    with every assessment table."""

    items: dict[str, AssessItem] = Field(default_factory=_assess_items)
    shortfall: Annotated[float, Field(ge=0, le=100)] = 2  # points off per warning
    award: Annotated[float, Field(ge=0, le=100)] = 5  # points per award won that year
    bands: list[GradeBand] = Field(default_factory=_bands, min_length=1)

    @model_validator(mode="after")
    def _every_score_graded(self) -> AssessSettings:
        if min(b.min for b in self.bands) != 0:
            raise ValueError("bands 中最低一档的 min 应为 0，使每个得分都有等次")
        return self

    def grade(self, score: float) -> str:
        """The grade of ``score``: the band with the highest ``min`` not above it."""
        return max((b for b in self.bands if b.min <= score), key=lambda b: b.min).grade


class DocumentMarks(_Strict):
    """The optional 版头 and 版记 (GB/T 9704 7.2, 7.4) of one issuer's reports. A 版头 is printed
    when ``mark`` is set, a 版记 when ``cc`` or ``printer`` is."""

    mark: str | None = None  # 发文机关标志, e.g. 杨疃镇人大主席团文件
    code: str | None = None  # 发文机关代字: 发文字号 = 代字〔年份〕顺序号号 (report --number)
    cc: str | None = None  # 抄送机关
    printer: str | None = None  # 印发机关 (default: the signer)


class ReportSettings(_Strict):
    awards: AwardWeights = Field(default_factory=AwardWeights)
    assess: AssessSettings = Field(default_factory=AssessSettings)
    # keyed by township id, or "county" for the county committee's own documents
    documents: dict[str, DocumentMarks] = Field(default_factory=dict)


class Settings(_Strict):
    """The whole of ``lingbi.yaml``."""

    county: str = "灵璧县"
    committee: str = "灵璧县人大常委会"
    campaign: Campaign = Field(default_factory=Campaign)
    rules: dict[str, Any] = Field(default_factory=dict)
    report: ReportSettings = Field(default_factory=ReportSettings)

    def fingerprint(self) -> str:
        """What, in the settings, affects loading and validating files (the file cache's key).

        Nothing does today: the schemas, the readers and the rules' per-file parts read no
        setting. The campaign and the rules' settings are the rules' business — a change to
        them judges the records again without reading them again. A setting that comes to
        change how files are read or validated must be added here."""
        loading: dict[str, Any] = {}
        return hashlib.sha256(repr(sorted(loading.items())).encode()).hexdigest()[:16]
