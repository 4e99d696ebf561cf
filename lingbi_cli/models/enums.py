"""The domain's enumerations: the Chinese words a clerk types, with English names for code.

Values are the Chinese words of the record files (``sector: 企业``); the English member names
(``enterprise``) are accepted too and used in code. ``SIX_ONES`` are the six kinds of pairing
work of §2.3 (六个一).
"""

from __future__ import annotations

from enum import StrEnum


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


class Outlet(ChineseEnum):
    """§3.3: the outlets the seed names (广播、电视、网络、报刊等). The list is open: a record may
    name any other (微信, 短视频 …); these are the suggestions, and their English names are
    read as the Chinese words."""

    broadcast = "广播"
    tv = "电视"
    web = "网络"
    press = "报刊"


class HelpKind(ChineseEnum):
    """§2.3(3): the practical help a pairing's talk, advice or labour gave (帮助他们反映解决就业、
    上学、就医等实际困难，协助他们了解致富信息、咨询惠民政策)."""

    jobs = "就业"
    school = "上学"
    medical = "就医"
    information = "信息"  # 致富信息
    policy = "政策"  # 惠民政策


class TripForm(ChineseEnum):
    """§2.3(2): 专题调研 (a study of one topic) or 集中视察 (an organised inspection)."""

    research = "专题调研"
    inspection = "集中视察"


class ProposalType(ChineseEnum):
    bill = "议案"
    suggestion = "建议"
    criticism = "批评意见"


class ProposalSession(ChineseEnum):
    session = "大会期间"
    between = "闭会期间"


class ProposalResult(ChineseEnum):
    """办理结果 A–D，也可写 已解决 正在解决 列入计划 留作参考 (``RESULT_WORDS``)."""

    solved = "A"  # 已解决
    solving = "B"  # 正在解决
    planned = "C"  # 列入计划
    reference = "D"  # 留作参考

    @classmethod
    def _missing_(cls, value: object) -> ProposalResult | None:
        if isinstance(value, str):
            key = value.strip()
            for member in cls:
                if key.upper() == member.value or key in (member.name, RESULT_WORDS[member]):
                    return member
        return None

    @property
    def word(self) -> str:
        """The result in words: 已解决 正在解决 列入计划 留作参考."""
        return RESULT_WORDS[self]


RESULT_WORDS = {
    ProposalResult.solved: "已解决",
    ProposalResult.solving: "正在解决",
    ProposalResult.planned: "列入计划",
    ProposalResult.reference: "留作参考",
}


class ProposalStep(ChineseEnum):
    """A later step of a proposal's handling (its ``steps``)."""

    reply = "答复"
    rating = "评价"
    rehandle = "重新办理"


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


class DonorKind(ChineseEnum):
    """§3.4 爱心人士: a person or an organisation outside the congress."""

    person = "个人"
    organisation = "单位"


class AwardCategory(ChineseEnum):
    """§3.4: the year-end awards."""

    unit = "先进单位"
    star = "扶贫之星"
    caring_deputy = "爱心代表"
    caring_person = "爱心人士"
