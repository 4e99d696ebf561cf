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

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


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
            "participation": 0.3,
            "pairing_work": 0.3,
            "trips": 0.2,
            "exited": 0.2,
        }
    )
    star: dict[str, float] = Field(
        default_factory=lambda: {"pairing_work": 0.4, "exited": 0.3, "trips": 0.2, "proposals": 0.1}
    )
    caring_deputy: dict[str, float] = Field(
        default_factory=lambda: {"donations": 0.7, "funds": 0.3}
    )
    top: Annotated[int, Field(ge=1, le=50)] = 5


class DocumentMarks(_Strict):
    """The optional 版头 and 版记 (GB/T 9704 7.2, 7.4) of one issuer's reports. A 版头 is printed
    when ``mark`` is set, a 版记 when ``cc`` or ``printer`` is."""

    mark: str | None = None  # 发文机关标志, e.g. 杨疃镇人大主席团文件
    code: str | None = None  # 发文机关代字: 发文字号 = 代字〔年份〕顺序号号 (report --number)
    cc: str | None = None  # 抄送机关
    printer: str | None = None  # 印发机关 (default: the signer)


class ReportSettings(_Strict):
    awards: AwardWeights = Field(default_factory=AwardWeights)
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
        """What, in the settings, affects loading and validating files (for cache keys)."""
        return hashlib.sha256(self.campaign.model_dump_json().encode()).hexdigest()[:16]
