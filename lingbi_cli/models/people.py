"""The people and places of the campaign: townships, units, deputies and poor households.

Each field says what it means in its ``description`` ("中文 / English"), which ``lingbi schema``
gives to editors and the README's field tables print.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from lingbi_cli.models.enums import (
    Cause,
    DeputyLevel,
    EmployerType,
    Gender,
    HouseholdSource,
    HouseholdStatus,
    PovertyAttribute,
    Sector,
    UnitKind,
)
from lingbi_cli.models.fields import IdList, IdNumber, Name, Phone, RecordId, Year, as_list
from lingbi_cli.models.record import Record

FROM_FOLDER = "所在乡镇（由文件夹决定，可不写） / township (from the folder)"


class Township(Record):
    """A township (镇/乡) and the county committee leaders linked to it (§3.2)."""

    kind_name: ClassVar[str] = "township"
    kind_label: ClassVar[str] = "乡镇"

    id: RecordId = Field(description="乡镇编号（拼音），如 yangtuan / township id (pinyin slug)")
    name: Name = Field(description="乡镇名称，如 杨疃镇 / name, e.g. 杨疃镇")
    liaison: IdList() = Field(  # type: ignore[valid-type]
        default_factory=list,
        description="联系本乡镇的县人大常委会领导（代表编号） / liaison leaders (deputy ids)",
    )
    points: list[Name] = Field(
        default_factory=list,
        description="乡镇帮扶点（村名） / assistance points (village names)",
    )


class Unit(Record):
    """An organ or public institution and the households it already helps (§2.3(3))."""

    kind_name: ClassVar[str] = "unit"
    kind_label: ClassVar[str] = "单位"

    id: RecordId = Field(description="单位编号，如 u-jiaoyuju / unit id")
    name: Name = Field(description="单位名称 / name")
    kind: UnitKind = Field(description="机关 或 事业单位 / organ or public institution")
    households: IdList() = Field(  # type: ignore[valid-type]
        default_factory=list,
        description="旧写法：本单位已落实的联系帮扶户；现在写在贫困户的 unit 中 / households the "
        "unit helps (old form: each household now names its unit)",
    )


class Deputy(Record):
    """A deputy of one or more congresses, registered in one township."""

    kind_name: ClassVar[str] = "deputy"
    kind_label: ClassVar[str] = "代表"

    id: RecordId = Field(description="代表编号，如 yangtuan-d001 / deputy id")
    name: Name = Field(description="姓名 / name")
    gender: Gender = Field(description="性别：男 / 女 / gender")
    levels: Annotated[list[DeputyLevel], BeforeValidator(as_list), Field(min_length=1)] = Field(
        description="代表层级，可多选：省 市 县 乡 / congress levels, one or more"
    )
    township: RecordId = Field(description=FROM_FOLDER)  # the loader fills it in when absent
    district: Name = Field(description="选区 / electoral district")
    village: Name | None = Field(
        None, description="所在村（自动结对时优先同村） / home village (pair --auto prefers it)"
    )
    sector: Sector = Field(
        description="界别：干部 教科文卫 企业 专业技术 生产一线 基层农民 / sector (§2.3(1))"
    )
    employer: EmployerType = Field(
        description="单位性质：机关 事业单位 企业 农村 其他 / employer type (§2.3(3))"
    )
    unit: RecordId | None = Field(
        None, description="所在单位编号（机关、事业单位的代表必填） / unit id (organ/institution)"
    )
    committee_member: bool = Field(
        False, description="是否县人大常委会组成人员 / member of the county committee"
    )
    phone: Phone | None = Field(
        None, description="联系电话（报告中只显示部分） / phone (masked in reports)"
    )
    term_start: dt.date = Field(description="任期开始日期 / term start")
    term_end: dt.date | None = Field(
        None, description="任期结束日期（仍在任则不写） / term end (empty while serving)"
    )

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
        """Whether the deputy is in office on ``day``."""
        return self.term_start <= day and (self.term_end is None or day <= self.term_end)

    def active_during(self, start: dt.date, end: dt.date) -> bool:
        """Whether the deputy is in office on at least one day from ``start`` to ``end``."""
        return self.term_start <= end and (self.term_end is None or start <= self.term_end)


class StatusChange(BaseModel):
    """One dated change of a household's status: it left poverty (已脱贫) or fell back (返贫)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    date: dt.date = Field(description="日期 / day of the change")
    status: HouseholdStatus = Field(description="已脱贫 或 返贫 / exited or relapsed")

    @model_validator(mode="after")
    def _a_change(self) -> StatusChange:
        if self.status is HouseholdStatus.poor:
            raise ValueError("status_history 中只写 已脱贫 或 返贫（没有记录即未脱贫）")
        return self


class Household(Record):
    """A registered poor household (建档立卡贫困户)."""

    kind_name: ClassVar[str] = "household"
    kind_label: ClassVar[str] = "贫困户"

    id: RecordId = Field(description="贫困户编号，如 yangtuan-h0001 / household id")
    head: Name = Field(description="户主姓名 / head of household")
    id_number: IdNumber = Field(
        description="户主公民身份号码（18位，报告中只显示部分） / citizen ID number (masked)"
    )
    township: RecordId = Field(description=FROM_FOLDER)  # the loader fills it in when absent
    village: Name = Field(description="村 / village")
    group: Name | None = Field(None, description="村民组 / village group")
    members: Annotated[int, Field(ge=1, le=30)] = Field(
        description="家庭人口数 / household members"
    )
    attribute: PovertyAttribute = Field(
        description="贫困户属性：一般贫困户 低保贫困户 特困供养贫困户 / poverty attribute"
    )
    causes: Annotated[list[Cause], BeforeValidator(as_list), Field(min_length=1)] = Field(
        description="致贫原因，可多选，如 [因病, 缺技术] / causes of poverty"
    )
    registered: Year = Field(description="建档立卡年份 / year registered")
    status_history: list[StatusChange] = Field(
        default_factory=list,
        description="脱贫、返贫记录，按日期先后，如 [{date: 2019-11-20, status: 已脱贫}]；"
        "没有记录即未脱贫 / dated status changes (exit, relapse), oldest first",
    )
    old_status: HouseholdStatus | None = Field(
        None,
        alias="status",
        description="旧写法：状态（未脱贫 已脱贫 返贫），读作 status_history；新记录请用 "
        "status_history / old single status, read as a history",
    )
    old_exit_year: Year | None = Field(
        None,
        alias="exit_year",
        description="旧写法：脱贫年份，读作当年12月31日脱贫 / old year of exit, read as an exit "
        "on 31 December",
    )
    source: HouseholdSource = Field(
        description="来源：单位帮扶户 / 乡镇帮扶点 / which list the household is on"
    )
    unit: RecordId | None = Field(
        None,
        description="帮扶该户的单位编号（单位帮扶户填写） / the unit that helps it",
    )
    phone: Phone | None = Field(
        None, description="联系电话（报告中只显示部分） / phone (masked in reports)"
    )

    @model_validator(mode="after")
    def _old_status(self) -> Household:
        """The old single status (and year of exit) becomes the history it stands for, and is
        then forgotten, so that whatever writes the record writes the history."""
        if self.old_status is None and self.old_exit_year is None:
            return self
        if self.status_history:
            raise ValueError("status 和 exit_year 是旧写法，写了 status_history 就不要再写它们")
        status, year = self.old_status or HouseholdStatus.poor, self.old_exit_year
        if status is HouseholdStatus.exited and year is None:
            raise ValueError("status 为 已脱贫 时必须填写 exit_year")
        self.status_history = legacy_history(status, year, self.registered)
        self.old_status = self.old_exit_year = None
        return self

    @model_validator(mode="after")
    def _unit(self) -> Household:
        if self.unit is not None and self.source is not HouseholdSource.unit:
            raise ValueError("只有单位帮扶户（source: 单位帮扶户）才填写 unit")
        return self

    def status_on(self, day: dt.date) -> HouseholdStatus:
        """The household's status at the end of ``day``: its last change by then."""
        status = HouseholdStatus.poor
        for change in self.status_history:
            if change.date <= day:
                status = change.status
        return status

    @property
    def status(self) -> HouseholdStatus:
        """The status after its last recorded change."""
        return self.status_history[-1].status if self.status_history else HouseholdStatus.poor

    def exits(self) -> list[dt.date]:
        """The days it left poverty (more than one if it fell back in between)."""
        return [c.date for c in self.status_history if c.status is HouseholdStatus.exited]

    def says_as_old(self, status: HouseholdStatus | None, exit_year: int | None) -> bool:
        """Whether an old ``status``/``exit_year`` pair (a roster's 脱贫属性 and 脱贫年度) says
        what the history says: the same status now, and the same year of the last exit."""
        exits = self.exits()
        same_year = exit_year is None or bool(exits) and exits[-1].year == exit_year
        return (status or HouseholdStatus.poor) is self.status and same_year

    def exited_between(self, start: dt.date, end: dt.date) -> bool:
        """Whether it left poverty on a day from ``start`` to ``end`` (counted once)."""
        return any(start <= day <= end for day in self.exits())


def legacy_history(
    status: HouseholdStatus, exit_year: int | None, registered: int
) -> list[StatusChange]:
    """What an old ``status``/``exit_year`` pair says as dated changes. A year of exit is read
    as an exit on its last day (no report claims it before the year is out); a 返贫 carries no
    date, so the relapse is put on the day after the exit, or without an exit on the first day
    of the year of registration (返贫 throughout, as the old field said; the rule
    household-history then asks for the missing exit)."""
    out: list[StatusChange] = []
    if exit_year is not None and status is not HouseholdStatus.poor:
        out.append(StatusChange(date=dt.date(exit_year, 12, 31), status=HouseholdStatus.exited))
    if status is HouseholdStatus.relapsed:
        day = dt.date(exit_year + 1, 1, 1) if exit_year is not None else dt.date(registered, 1, 1)
        out.append(StatusChange(date=day, status=HouseholdStatus.relapsed))
    return out
