"""The synthetic county: a deterministic generator of complete data folders.

``generate(folder, scale, seed)`` writes ``lingbi.yaml`` (the shipped template), ``county/`` and
``townships/<id>/…`` exactly as ``store/layout.py`` lays them out, at one of four scales:

* ``sample`` — the county bundled in ``data/``: five townships, ~45 deputies, ~115 households,
  ~2,000 activities, and a handful of deliberate campaign-rule shortfalls, each listed in
  ``GenerateReport.deliberate``;
* ``township`` — one township at county density (~100 deputies, ~2,000 households);
* ``county`` — twenty townships, ~250,000 activities (``DOMAIN.md``'s scale of one county);
* ``county3`` — three times ``county`` (the twenty townships again as 灵城镇（二）, …).

Everything but the township names is invented. The same seed gives byte-identical files: one
``random.Random`` per township and phase, ordered iteration only, no clock. Records are written as
text, not through a YAML dumper, so that the county takes seconds; free text that YAML could read
as anything but a string is quoted. The output passes every integrity rule; the campaign rules
see only the deliberate shortfalls (``sample``) or a small random fraction of them (1–3 %).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from lingbi_cli import models as m
from lingbi_cli.config import CONFIG_NAME
from lingbi_cli.errors import UsageError
from lingbi_cli.store.init import GITIGNORE
from lingbi_cli.templates_dir import template_path

SCALES = ("sample", "township", "county", "county3")

TOWNSHIPS: tuple[tuple[str, str], ...] = (
    ("lingcheng", "灵城镇"),
    ("weiji", "韦集镇"),
    ("huangwan", "黄湾镇"),
    ("louzhuang", "娄庄镇"),
    ("yangtuan", "杨疃镇"),
    ("yinji", "尹集镇"),
    ("huigou", "浍沟镇"),
    ("youji", "尤集镇"),
    ("xialou", "夏楼镇"),
    ("chaoyang", "朝阳镇"),
    ("yugou", "渔沟镇"),
    ("gaolou", "高楼镇"),
    ("fengmiao", "冯庙镇"),
    ("xiangyang", "向阳乡"),
    ("zhuji", "朱集乡"),
    ("dalu", "大路乡"),
    ("damiao", "大庙乡"),
    ("chantang", "禅堂乡"),
    ("yuji", "虞姬乡"),
    ("kaifaqu", "灵璧经济开发区"),
)
SAMPLE_TOWNSHIPS = ("lingcheng", "yangtuan", "yinji", "chaoyang", "yuji")


@dataclass(frozen=True)
class _Scale:
    townships: tuple[tuple[str, str], ...]
    deputies: int  # per township
    households: int  # per township
    villages: int
    points: int
    pairs: tuple[float, float, float]  # chance of 1, 2, 3 households per deputy
    extra: float  # six-ones per pairing-year beyond the quarterly visit and one of each kind
    trips: tuple[int, int]  # per township-year
    trip_size: int  # fewest deputies on a trip
    contributions: float  # 模范带头 per deputy-year
    publicity: float  # 宣传报道 per deputy-year
    proposals: tuple[int, int]  # per township-year
    turnover: float  # share of deputies who leave mid-campaign, and of late starters
    shortfall: float  # share of campaign-rule shortfalls; 0: the scripted ones of the sample


def _copies(n: int) -> tuple[tuple[str, str], ...]:
    marks = ("", "二", "三")
    return tuple(
        (tid + (str(k + 1) if k else ""), name + (f"（{marks[k]}）" if k else ""))
        for k in range(n)
        for tid, name in TOWNSHIPS
    )


_COUNTY = _Scale(
    _copies(1),
    deputies=100,
    households=2000,
    villages=22,
    points=10,
    pairs=(0.05, 0.13, 0.82),
    extra=6.4,
    trips=(3, 5),
    trip_size=12,
    contributions=1.3,
    publicity=0.12,
    proposals=(3, 6),
    turnover=0.03,
    shortfall=0.02,
)
_BY_NAME = dict(TOWNSHIPS)
PROFILES: dict[str, _Scale] = {
    "sample": _Scale(
        tuple((t, _BY_NAME[t]) for t in SAMPLE_TOWNSHIPS),
        deputies=9,
        households=23,
        villages=7,
        points=4,
        pairs=(0.5, 0.38, 0.12),
        extra=0.0,
        trips=(3, 4),
        trip_size=3,
        contributions=0.45,
        publicity=0.15,
        proposals=(2, 3),
        turnover=0.0,
        shortfall=0.0,
    ),
    "township": replace(_COUNTY, townships=(("yangtuan", "杨疃镇"),)),
    "county": _COUNTY,
    "county3": replace(_COUNTY, townships=_copies(3)),
}


@dataclass
class GenerateReport:
    """What ``generate`` wrote: records by kind, files, bytes, and the shortfalls it put in."""

    folder: Path
    scale: str
    seed: int
    counts: dict[str, int]
    files: int
    bytes: int
    deliberate: list[str]


# --- the calendar, as day ordinals -------------------------------------------------------


def _o(y: int, mo: int, d: int) -> int:
    return dt.date(y, mo, d).toordinal()


START, END = _o(2018, 4, 1), _o(2020, 12, 31)
FIRST_MEETING_DAYS = 30  # a pairing made after April meets within this many days
YEARS = (2018, 2019, 2020)
QUARTERS = tuple(
    (y, q, _o(y, 3 * q - 2, 1), _o(y + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - 1)
    for y in YEARS
    for q in (1, 2, 3, 4)
)
_DATES: dict[int, str] = {}


def _ds(day: int) -> str:
    text = _DATES.get(day)
    if text is None:
        text = _DATES[day] = dt.date.fromordinal(day).isoformat()
    return text


def _year_of(day: int) -> int:
    return dt.date.fromordinal(day).year


def _half(year: int, half: int) -> tuple[int, int]:
    return (_o(year, 1, 1), _o(year, 6, 30)) if half == 1 else (_o(year, 7, 1), _o(year, 12, 31))


def _pick(rng: random.Random, lo: int, hi: int, blocked: Sequence[tuple[int, int]] = ()) -> int:
    """A day in [lo, hi] outside every blocked range; -1 when there is none."""
    if lo > hi:
        return -1
    if not blocked:
        return rng.randint(lo, hi)
    spans = [(lo, hi)]
    for a, b in blocked:
        kept = []
        for s, e in spans:
            if b < s or a > e:
                kept.append((s, e))
                continue
            if s < a:
                kept.append((s, a - 1))
            if b < e:
                kept.append((b + 1, e))
        spans = kept
    total = sum(e - s + 1 for s, e in spans)
    if total <= 0:
        return -1
    k = rng.randrange(total)
    for s, e in spans:
        if k <= e - s:
            return s + k
        k -= e - s + 1
    return -1  # pragma: no cover


def _count(rng: random.Random, mean: float) -> int:
    whole = int(mean)
    return whole + (rng.random() < mean - whole)


def _blocked(day: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(a <= day <= b for a, b in ranges)


# --- names, numbers and words -----------------------------------------------------------

SURNAMES = (
    "王王王李李李张张张刘刘陈陈杨杨赵黄周吴徐徐孙胡朱朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许"
    "沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭邹金陆郝孔白崔康毛秦江史顾侯邵孟"
    "段雷钱汤尹武乔贺龚葛季倪殷"
)
MALE = "伟强军勇杰涛明超刚平辉华建国志文斌波林峰磊鹏海东春庆德成宝良祥永胜兵飞力振兴广学清山"
FEMALE = "芳娜敏静丽艳娟霞秀英玲兰萍红梅琴燕慧莉桂凤云珍雪荣洁婷翠月香琳春华"
VILLAGE_HEADS = "王李张刘陈杨赵黄周吴徐孙胡朱高何郭马宋郑韩冯董程曹袁邓许彭苏蒋蔡丁魏夏汪大东西南北"
VILLAGE_TAILS = "庄圩集楼湖桥店沟岗营寨场园台口"
NUMERALS = "一二三四五六七八九十"
PHONE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "199",
)

K = m.ActivityKind
KINDS = tuple(K)
KIND_INDEX = {kind: i for i, kind in enumerate(KINDS)}
OTHER_SIX = (K.talk, K.lesson, K.advice, K.donation, K.labour)
EXTRA_SIX = (
    (45, K.visit),
    (25, K.talk),
    (10, K.donation),
    (10, K.labour),
    (5, K.advice),
    (5, K.lesson),
)
FOCI = tuple(m.FocusArea)

SKILLS = (
    "大棚蔬菜种植技术",
    "肉羊养殖技术",
    "果树修剪技术",
    "农村电商销售知识",
    "健康卫生常识",
    "家庭用电安全知识",
    "小麦病虫害防治",
    "扶贫小额信贷政策",
    "食用菌栽培技术",
    "生猪防疫知识",
)
INDUSTRIES = (
    "庭院养鸡",
    "稻虾共养",
    "中药材种植",
    "灵璧石加工",
    "钟馗画装裱",
    "食用菌种植",
    "光伏发电",
    "手工编织",
    "大棚西瓜",
    "山羊养殖",
    "酥梨种植",
    "芦笋种植",
)
ITEMS = (
    "慰问金",
    "化肥和种子",
    "棉被和衣物",
    "学习用品",
    "常用药品",
    "米面油",
    "电动车一辆",
    "小鸡苗和饲料",
)
WORKS = (
    "抢收小麦",
    "修缮房屋",
    "清理院落",
    "联系销售农产品",
    "办理医保报销手续",
    "申请危房改造",
    "联系就近务工岗位",
    "修建鸡舍",
    "疏通排水沟",
    "秋种播种",
)
VISITS = (
    "到{h}家串门，了解家庭收入和生产生活情况",
    "入户走访{h}家，询问老人身体状况和用药情况",
    "走访{h}家，查看住房安全和饮水情况",
    "到{h}家串门，了解孩子上学和资助落实情况",
    "入户走访，帮{h}家核对扶贫政策落实情况",
    "到{h}家了解务工收入和产业奖补领取情况",
    "走访{h}家，查看庭院种养长势",
    "到{h}家串门，填写帮扶手册",
)
FIRSTS = (
    "与帮扶户{h}见面对接，了解家庭基本情况，建立帮扶台账",
    "第一次到{h}家见面，发放帮扶联系卡，商量帮扶打算",
)
TALKS = (
    "与{h}谈心，鼓励其树立脱贫信心",
    "和{h}拉家常，宣讲健康扶贫和教育资助政策",
    "与{h}家人谈心，帮助理清发展思路",
    "与{h}谈心，劝导子女外出务工增加收入",
    "与{h}交流家庭种养计划，听取困难和诉求",
)
LESSONS = ("在{v}为{h}等农户讲授{x}", "在村部给{h}等贫困户讲一堂{x}课")
ADVICES = (
    "为{h}家出主意，建议发展{x}",
    "帮{h}家制定年度增收计划，建议{x}",
    "结合{h}家劳力情况，建议发展{x}",
)
DONATIONS = ("为{h}家捐助{x}", "看望{h}家，送去{x}")
LABOURS = ("帮助{h}家{x}", "协助{h}家{x}")
TOPICS = {
    m.FocusArea.villages: ("美丽乡村中心村建设", "农村人居环境整治"),
    m.FocusArea.industry: ("扶贫产业园和特色种养基地", "村级集体经济发展"),
    m.FocusArea.roads: ("村村通道路建设", "农村道路养护"),
    m.FocusArea.water: ("农村安全饮水工程", "自来水入户"),
    m.FocusArea.medical: ("家庭医生签约服务", "村卫生室建设"),
    m.FocusArea.ecology: ("秸秆禁烧和综合利用", "河道沟渠治理"),
}
FINDINGS = (
    "部分道路养护不到位，建议落实管护资金",
    "个别户饮水水压不足，建议加快管网改造",
    "产业项目带贫机制不够紧密，建议完善利益联结",
    "帮扶台账不够规范，要求限期整改",
    "村卫生室药品种类偏少，建议县卫健委统筹调配",
    "贫困户务工信息掌握不全，建议建立台账",
    "部分危房改造进度偏慢，建议加快验收",
)
DEPARTMENTS = {
    m.FocusArea.villages: "县住建局",
    m.FocusArea.industry: "县农业农村局",
    m.FocusArea.roads: "县交通运输局",
    m.FocusArea.water: "县水务局",
    m.FocusArea.medical: "县卫健委",
    m.FocusArea.ecology: "县生态环境分局",
}
SUBJECTS = {
    m.FocusArea.villages: ("加快{v}美丽乡村建设", "改善{v}人居环境"),
    m.FocusArea.industry: ("扶持{v}发展{x}产业", "壮大村级集体经济"),
    m.FocusArea.roads: ("加快{v}道路硬化", "修复{v}危桥"),
    m.FocusArea.water: ("解决{v}饮水安全问题", "延伸自来水管网至{v}"),
    m.FocusArea.medical: ("加强村卫生室建设", "提高慢性病签约服务水平"),
    m.FocusArea.ecology: ("加大河道沟渠清淤力度", "推进秸秆综合利用"),
}
OUTLETS = {
    m.Outlet.broadcast: "灵璧人民广播电台",
    m.Outlet.tv: "灵璧电视台",
    m.Outlet.web: "灵璧县人大网",
    m.Outlet.press: "宿州日报",
}
HEADLINES = (
    "带着乡亲奔小康",
    "扶贫路上的贴心人",
    "把贫困户当亲人",
    "用专长点亮致富路",
    "脱贫攻坚一线的人大代表",
)

COUNTY_UNITS = (
    ("u-renda", "县人大常委会办公室", m.UnitKind.organ),
    ("u-jiaoyuju", "县教育局", m.UnitKind.organ),
    ("u-weijianwei", "县卫健委", m.UnitKind.organ),
    ("u-nongyeju", "县农业农村局", m.UnitKind.organ),
    ("u-jiaotongju", "县交通运输局", m.UnitKind.organ),
    ("u-shuiwuju", "县水务局", m.UnitKind.organ),
    ("u-fupinju", "县扶贫开发局", m.UnitKind.organ),
    ("u-minzhengju", "县民政局", m.UnitKind.organ),
    ("u-renminyiyuan", "县人民医院", m.UnitKind.institution),
    ("u-zhongyiyuan", "县中医院", m.UnitKind.institution),
    ("u-lingbiyizhong", "灵璧县第一中学", m.UnitKind.institution),
    ("u-nongjizhongxin", "县农业技术推广中心", m.UnitKind.institution),
)
S, E = m.Sector, m.EmployerType
UnitKey = str | tuple[str, ...] | None  # a unit id, a choice of them, or the town's "zf" etc.
# (weight, sector, employer, unit): "zf"/"zxx"/"wsy" are the township's own units.
ROLES: tuple[tuple[int, m.Sector, m.EmployerType, UnitKey], ...] = (
    (10, S.cadre, E.organ, "zf"),
    (
        3,
        S.cadre,
        E.organ,
        ("u-nongyeju", "u-jiaotongju", "u-shuiwuju", "u-fupinju", "u-minzhengju"),
    ),
    (5, S.education, E.institution, "zxx"),
    (4, S.education, E.institution, "wsy"),
    (2, S.education, E.institution, ("u-renminyiyuan", "u-zhongyiyuan", "u-lingbiyizhong")),
    (1, S.education, E.organ, ("u-jiaoyuju", "u-weijianwei")),
    (12, S.enterprise, E.enterprise, None),
    (3, S.professional, E.institution, ("u-nongjizhongxin",)),
    (3, S.professional, E.other, None),
    (2, S.professional, E.enterprise, None),
    (10, S.frontline, E.rural, None),
    (4, S.frontline, E.enterprise, None),
    (2, S.frontline, E.other, None),
    (30, S.grassroots, E.rural, None),
)
L = m.DeputyLevel
LEVELS = (
    (60, (L.township,)),
    (16, (L.county, L.township)),
    (12, (L.county,)),
    (4, (L.city, L.county)),
    (3, (L.city,)),
    (1, (L.province,)),
    (1, (L.province, L.county)),
)
# levels, sector, employer, unit, male?
Role = tuple[tuple[m.DeputyLevel, ...], m.Sector, m.EmployerType, UnitKey, bool]
# The sample's guaranteed spread of levels, sectors and employers.
SAMPLE_ROLES: dict[str, Role] = {
    "lingcheng": ((L.province, L.county), S.enterprise, E.enterprise, None, True),
    "yangtuan": ((L.city,), S.frontline, E.rural, None, False),
    "yinji": ((L.province,), S.professional, E.other, None, False),
    "chaoyang": ((L.county,), S.education, E.organ, "u-jiaoyuju", True),
    "yuji": ((L.city, L.county), S.education, E.institution, "u-renminyiyuan", False),
}
CAUSES = (
    (30, m.Cause.illness),
    (15, m.Cause.disability),
    (10, m.Cause.schooling),
    (3, m.Cause.disaster),
    (3, m.Cause.no_land),
    (2, m.Cause.no_water),
    (12, m.Cause.no_skills),
    (10, m.Cause.no_labour),
    (10, m.Cause.no_funds),
    (2, m.Cause.poor_transport),
    (5, m.Cause.no_drive),
)
CAUSE_ORDER = {c: i for i, c in enumerate(m.Cause)}
LEAVE_REASONS = {
    E.organ: ("工作调动", "调离本县"),
    E.institution: ("工作调动", "调离本县"),
    E.enterprise: ("企业迁往外地", "因企业经营需要辞去代表职务"),
    E.rural: ("外出经商辞去代表职务", "因病辞去代表职务"),
    E.other: ("迁居外地", "因病辞去代表职务"),
}

_UNSAFE = re.compile(
    r"""^[\s\-?:,\[\]{}#&*!|>'"%@`\d.+~]|: |\s#|[\s:]$|^(?:y|n|yes|no|on|off|true|false|null)$""",
    re.IGNORECASE,
)


def _s(text: str) -> str:
    """A scalar as YAML text: plain when it can only be read as this string, else quoted."""
    return "'" + text.replace("'", "''") + "'" if _UNSAFE.search(text) else text


def _flow(key: str, items: Sequence[str], width: int = 100) -> str:
    """``  key: [a, b]``, wrapped onto indented lines when long."""
    lines, line = [], f"  {key}: ["
    for i, item in enumerate(items):
        piece = item + (", " if i < len(items) - 1 else "")
        if len(line) + len(piece) > width and not line.endswith("["):
            lines.append(line.rstrip())
            line = " " * (len(key) + 5)  # under the first item, as yamllint wants
        line += piece
    lines.append(line + "]")
    return "\n".join(lines)


T = TypeVar("T")


def _weighted(rng: random.Random, table: Sequence[tuple[int, T]]) -> T:
    return rng.choices([v for _, v in table], [w for w, _ in table])[0]


# --- the records being built -------------------------------------------------------------


@dataclass(eq=False, slots=True)
class _Unit:
    id: str
    name: str
    kind: m.UnitKind
    households: list[tuple[int, str]] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class _Dep:
    id: str
    town: str
    name: str
    male: bool
    levels: tuple[m.DeputyLevel, ...]
    district: str
    sector: m.Sector
    employer: m.EmployerType
    unit: str | None
    start: int
    village: int | None = None  # home village (index), for deputies the township pairs
    end: int | None = None
    committee: bool = False
    phone: str | None = None
    target: int = 1
    comment: str = ""
    leave_reason: str = ""
    silent: list[tuple[int, int]] = field(default_factory=list)
    pairs: list[_Pair] = field(default_factory=list)

    def active(self, day: int) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def free(self, day: int) -> bool:
        return self.active(day) and not _blocked(day, self.silent)


@dataclass(eq=False, slots=True)
class _House:
    head: str
    id_number: str
    village: int
    group: int
    members: int
    attribute: m.PovertyAttribute
    causes: list[m.Cause]
    registered: int
    status: m.HouseholdStatus
    exit_year: int | None
    unit: str | None  # None: a township assistance point
    phone: str | None
    id: str = ""
    comment: str = ""


@dataclass(eq=False, slots=True)
class _Pair:
    dep: _Dep
    house: _House
    start: int
    end: int | None = None
    end_reason: str = ""
    id: str = ""
    comment: str = ""
    first: int = 0  # a fixed first-meeting day (deliberate), 0: scheduled
    late_first: bool = False
    blackout: list[tuple[int, int]] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class _Proposal:
    lead: _Dep
    type: m.ProposalType
    title: str
    cosigners: list[str]
    date: int
    session: m.ProposalSession
    focus: m.FocusArea
    department: str | None = None
    assigned: int = 0
    reply: int = 0
    result: m.ProposalResult | None = None
    satisfaction: m.Satisfaction | None = None
    rehandled: int = 0
    id: str = ""
    comment: str = ""


@dataclass(eq=False)
class _Town:
    id: str
    name: str
    villages: list[str]
    points: list[int]
    liaison: list[_Dep] = field(default_factory=list)
    deps: list[_Dep] = field(default_factory=list)
    houses: list[_House] = field(default_factory=list)
    pairs: list[_Pair] = field(default_factory=list)
    # (day, kind index, deputies, household, body) — ids are given per month when writing
    acts: list[tuple[int, int, str, str, str]] = field(default_factory=list)
    proposals: list[_Proposal] = field(default_factory=list)
    filings: list[tuple[str, m.FilingKind, str, int, str]] = field(default_factory=list)
    short_trips: set[int] = field(default_factory=set)
    late_filing: dict[tuple[int, m.FilingKind], int] = field(default_factory=dict)


class _County:
    """The whole county while it is being built."""

    def __init__(self, scale: _Scale, seed: int) -> None:
        self.scale, self.seed = scale, seed
        self.sample = scale.shortfall == 0
        self.units: dict[str, _Unit] = {u: _Unit(u, n, k) for u, n, k in COUNTY_UNITS}
        self.towns: list[_Town] = []
        self.names: set[str] = set()
        self.id_numbers: set[str] = set()
        self.deliberate: list[str] = []
        self.shortfalls: Counter[str] = Counter()
        self.done: Counter[tuple[str, int]] = Counter()  # activities by (deputy, year)
        self.activities = 0

    def rng(self, *parts: object) -> random.Random:
        return random.Random("/".join(str(p) for p in (self.seed, *parts)))

    def name(self, rng: random.Random, male: bool, unique: bool = True) -> str:
        for _ in range(50):
            given = "".join(rng.choices(MALE if male else FEMALE, k=rng.choice((1, 2, 2))))
            name = rng.choice(SURNAMES) + given
            if not unique or name not in self.names:
                break
        if unique:
            self.names.add(name)
        return name

    def id_number(self, rng: random.Random, born: int, male: bool) -> str:
        while True:
            first = f"341323{dt.date.fromordinal(born):%Y%m%d}{rng.randrange(500) * 2 + male:03d}"
            number = first + m.check_digit(first)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number
            born += 1

    def short(self, rng: random.Random, what: str, rate: float = 1.0) -> bool:
        """At county scales, decide a random shortfall of kind ``what`` and count it."""
        if self.sample or rng.random() >= self.scale.shortfall * rate:
            return False
        self.shortfalls[what] += 1
        return True


def _phone(rng: random.Random) -> str:
    return rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"


# --- phase 1: townships, deputies, households, pairings ----------------------------------


def _villages(rng: random.Random, name: str, count: int) -> list[str]:
    base = name[:-1] if name[-1] in "镇乡" else ""
    names = [f"{base}社区"] if base else []
    while len(names) < count:
        village = rng.choice(VILLAGE_HEADS) + rng.choice(VILLAGE_TAILS) + "村"
        if village not in names:
            names.append(village)
    return names


def _leaders(county: _County) -> dict[str, list[str]]:
    """Liaison leaders: one committee member for each two townships, at home in the first
    (home township → the townships they are linked to)."""
    ids = [t for t, _ in county.scale.townships]
    return {ids[i]: ids[i : i + 2] for i in range(0, len(ids), 2)}


def _town_units(town: _Town) -> list[_Unit]:
    gov = town.name + ("人民政府" if town.name[-1] in "镇乡" else "管委会")
    return [
        _Unit(f"u-{town.id}-zf", gov, m.UnitKind.organ),
        _Unit(f"u-{town.id}-zxx", f"{town.name}中心学校", m.UnitKind.institution),
        _Unit(f"u-{town.id}-wsy", f"{town.name}卫生院", m.UnitKind.institution),
    ]


def _new_deputy(
    county: _County,
    town: _Town,
    rng: random.Random,
    number: int,
    elected: int,
    role: Role | None = None,
) -> _Dep:
    if role is None:
        _, sector, employer, unit_key = rng.choices(ROLES, [r[0] for r in ROLES])[0]
        levels = _weighted(rng, LEVELS)
        male = rng.random() < 0.72
    else:
        levels, sector, employer, unit_key, male = role
    unit: str | None = None
    if isinstance(unit_key, tuple):
        unit = rng.choice(unit_key)
    elif unit_key in ("zf", "zxx", "wsy"):
        unit = f"u-{town.id}-{unit_key}"
    elif isinstance(unit_key, str):
        unit = unit_key
    home = rng.randrange(len(town.villages))
    if L.county in levels:
        district = f"{town.name}第{rng.randint(1, 6)}选区"
    elif L.township in levels:
        district = f"{town.villages[home]}选区"
    else:
        district = "灵璧县代表团"
    start = elected
    if L.province in levels and L.county not in levels:
        start = _o(2017, 12, 26)
    elif L.city in levels and L.county not in levels:
        start = _o(2016, 12, 28)
    return _Dep(
        id=f"{town.id}-d{number:03d}",
        town=town.id,
        name=county.name(rng, male),
        male=male,
        levels=levels,
        district=district,
        sector=sector,
        employer=employer,
        unit=unit,
        start=start,
        village=None if unit else home,
        phone=_phone(rng) if rng.random() < 0.9 else None,
    )


def _new_house(
    county: _County, rng: random.Random, town: _Town, unit: str | None, near: int | None = None
) -> _House:
    male = rng.random() < 0.75
    attribute = _weighted(
        rng,
        (
            (60, m.PovertyAttribute.ordinary),
            (30, m.PovertyAttribute.subsistence),
            (10, m.PovertyAttribute.destitute),
        ),
    )
    members = {
        m.PovertyAttribute.destitute: rng.randint(1, 2),
        m.PovertyAttribute.subsistence: rng.randint(1, 4),
    }.get(attribute, rng.randint(2, 6))
    causes = {_weighted(rng, CAUSES) for _ in range(rng.choice((1, 1, 2, 2, 3)))}
    registered = _weighted(rng, ((50, 2014), (20, 2015), (15, 2016), (10, 2017), (5, 2018)))
    roll = rng.random()
    status, exit_year = m.HouseholdStatus.poor, None
    if roll < 0.85:
        status = m.HouseholdStatus.exited
        exit_year = max(
            registered,
            _weighted(rng, ((8, 2015), (12, 2016), (18, 2017), (27, 2018), (25, 2019), (10, 2020))),
        )
    elif roll < 0.86 and not county.sample and registered <= 2017:
        status = m.HouseholdStatus.relapsed
    born = rng.randint(_o(1933, 1, 1), _o(1992, 12, 31))
    if attribute is m.PovertyAttribute.destitute:
        born = rng.randint(_o(1930, 1, 1), _o(1958, 12, 31))
    village = rng.choice(town.points) if unit is None else rng.randrange(len(town.villages))
    if unit is None and near in town.points and rng.random() < 0.6:
        village = near  # the deputy's own village is an assistance point
    return _House(
        head=county.name(rng, male, unique=False),
        id_number=county.id_number(rng, born, male),
        village=village,
        group=rng.randint(1, 10),
        members=members,
        attribute=attribute,
        causes=sorted(causes, key=CAUSE_ORDER.__getitem__),
        registered=registered,
        status=status,
        exit_year=exit_year,
        unit=unit,
        phone=_phone(rng) if rng.random() < 0.6 else None,
    )


def _build_town(
    county: _County, tid: str, name: str, index: int, homes: dict[str, list[str]]
) -> _Town:
    scale, rng = county.scale, county.rng(tid, "people")
    villages = _villages(rng, name, scale.villages)
    points = sorted(rng.sample(range(len(villages)), scale.points))
    town = _Town(tid, name, villages, points)
    for own_unit in _town_units(town):
        county.units[own_unit.id] = own_unit
    elected = _o(2016, 11, rng.randint(14, 18))
    count = scale.deputies + (rng.randint(-1, 1) if county.sample else rng.randint(-8, 8))
    if tid in homes:  # a liaison leader lives here
        leader = _new_deputy(
            county,
            town,
            rng,
            1,
            elected,
            ((L.county,), S.cadre, E.organ, "u-renda", rng.random() < 0.8),
        )
        leader.committee = True
        leader.district = f"{name}第1选区"
        town.deps.append(leader)
    if county.sample:
        town.deps.append(
            _new_deputy(county, town, rng, len(town.deps) + 1, elected, SAMPLE_ROLES[tid])
        )
    while len(town.deps) < count:
        town.deps.append(_new_deputy(county, town, rng, len(town.deps) + 1, elected))
    _turnover(county, town, rng)
    # Households: each deputy's own, from the right list; then the rest of the register.
    shares = tuple(zip((int(p * 100) for p in scale.pairs), (1, 2, 3), strict=True))
    for dep in town.deps:
        dep.target = int(_weighted(rng, shares))
    if county.sample and tid == "yinji":  # the silent deputy-to-be has a single household
        calm = [d for d in town.deps if not d.committee and d.end is None and d.start < START]
        if not any(d.target == 1 for d in calm):
            calm[-1].target = 1
    own = [
        (
            dep,
            _new_house(
                county,
                rng,
                town,
                dep.unit if dep.employer.takes_unit_households else None,
                dep.village,
            ),
        )
        for dep in town.deps
        for _ in range(dep.target)
    ]
    houses = [h for _, h in own]
    unit_choices = [u.id for u in _town_units(town)] + [u for u, _, _ in COUNTY_UNITS[1:]]
    while len(houses) < scale.households:
        unit = rng.choice(unit_choices) if rng.random() < 0.3 else None
        houses.append(_new_house(county, rng, town, unit))
    order = {id(h): (h.village, h.group, rng.random()) for h in houses}
    houses.sort(key=lambda h: order[id(h)])
    for number, house in enumerate(houses, start=1):
        house.id = f"{tid}-h{number:04d}"
        if house.unit is not None:
            county.units[house.unit].households.append((index, house.id))
    town.houses = houses
    # Pairings: the list made after the campaign's notice of 22 March 2018; late starters
    # from their first day in office.
    listed = _o(2018, 3, rng.randint(23, 26))
    for dep, house in own:
        pair = _Pair(dep, house, max(listed, dep.start))
        dep.pairs.append(pair)
        town.pairs.append(pair)
    _handovers(county, town, rng)
    town.pairs.sort(key=lambda p: (p.start, p.dep.id, p.house.id))
    for number, pair in enumerate(town.pairs, start=1):
        pair.id = f"{tid}-p{number:04d}"
    return town


def _turnover(county: _County, town: _Town, rng: random.Random) -> None:
    """Deputies who leave mid-campaign and deputies elected late (补选)."""
    plain = [d for d in town.deps if not d.committee]
    if county.sample:
        plan = {
            "yangtuan": ("leave", _o(2019, 6, 30)),
            "yuji": ("leave", _o(2018, 9, 30)),
            "lingcheng": ("late", _o(2018, 8, 15)),
            "chaoyang": ("late", _o(2018, 8, 15)),
            "yinji": ("late", _o(2019, 3, 20)),
        }
        what, day = plan[town.id]
        pool = [d for d in plain[1:] if not d.employer.takes_unit_households]
        chosen = [(rng.choice(pool), what, day)]
        if town.id == "lingcheng":
            chosen.append(
                (rng.choice([d for d in pool if d is not chosen[0][0]]), "leave", _o(2020, 3, 31))
            )
    else:
        chosen = []
        for dep in plain:
            roll = rng.random()
            if roll < county.scale.turnover:
                chosen.append((dep, "leave", rng.choice(QUARTERS[1:-1])[3]))
            elif roll < 2 * county.scale.turnover:
                chosen.append((dep, "late", rng.randint(_o(2018, 5, 1), _o(2020, 6, 30))))
    for dep, what, day in chosen:
        when = dt.date.fromordinal(day)
        if what == "leave":
            dep.end = day
            dep.leave_reason = rng.choice(LEAVE_REASONS[dep.employer])
            dep.comment = f"{when.year}年{when.month}月{dep.leave_reason}，代表资格终止"
        else:
            dep.start = day
            dep.comment = f"{when.year}年{when.month}月补选"


def _handovers(county: _County, town: _Town, rng: random.Random) -> None:
    """End the pairings of deputies who leave and hand each household to a deputy with room."""
    for dep in sorted((d for d in town.deps if d.end is not None), key=lambda d: (d.end, d.id)):
        assert dep.end is not None
        day = dep.end + 1
        for pair in list(dep.pairs):
            if pair.end is not None:
                continue
            pair.end = dep.end
            takers = [
                d
                for d in town.deps
                if d.end is None
                and d.active(day)
                and d is not dep
                and sum(1 for p in d.pairs if p.start <= day and p.end is None) < 3
                and (
                    d.unit == pair.house.unit
                    if pair.house.unit
                    else not d.employer.takes_unit_households
                )
            ]
            if not takers or day > END:
                pair.end_reason = f"代表{dep.leave_reason}，帮扶户另行安排"
                continue
            fewest = min(len(d.pairs) for d in takers)
            taker = rng.choice([d for d in takers if len(d.pairs) == fewest])
            pair.end_reason = f"代表{dep.leave_reason}，帮扶户移交{taker.name}代表"
            new = _Pair(taker, pair.house, day, comment=f"接替 {dep.id} 帮扶")
            taker.pairs.append(new)
            town.pairs.append(new)


# --- phase 2: activities -------------------------------------------------------------------


def _act(
    town: _Town,
    day: int,
    kind: m.ActivityKind,
    deps: Sequence[str],
    summary: str,
    household: str = "",
    fields: Iterable[tuple[str, object]] = (),
    focus: m.FocusArea | None = None,
    findings: str = "",
) -> None:
    joined = ", ".join(deps)
    lines = [f"  date: {_ds(day)}", f"  kind: {kind.value}", f"  deputies: [{joined}]"]
    if household:
        lines.append(f"  household: {household}")
    lines.extend(f"  {key}: {value}" for key, value in fields)
    if focus is not None:
        lines.append(f"  focus: {focus.value}")
    lines.append(f"  summary: {_s(summary)}")
    if findings:
        lines.append(f"  findings: {_s(findings)}")
    town.acts.append((day, KIND_INDEX[kind], joined, household, "\n".join(lines) + "\n"))


def _six(
    town: _Town,
    rng: random.Random,
    pair: _Pair,
    kind: m.ActivityKind,
    day: int,
    first: bool = False,
) -> None:
    house = pair.house
    h, v = house.head, town.villages[house.village]
    deps = [pair.dep.id]
    if rng.random() < 0.04:
        other = rng.choice(town.deps)
        if other is not pair.dep and other.free(day):
            deps.append(other.id)
    fields: list[tuple[str, object]] = []
    focus = None
    if kind is K.visit:
        summary = rng.choice(FIRSTS if first else VISITS).format(h=h)
    elif kind is K.talk:
        summary = rng.choice(TALKS).format(h=h)
    elif kind is K.lesson:
        summary = rng.choice(LESSONS).format(h=h, v=v, x=rng.choice(SKILLS))
        if rng.random() < 0.6:
            fields.append(("participants", rng.randint(5, 40)))
        focus = m.FocusArea.industry
    elif kind is K.advice:
        summary = rng.choice(ADVICES).format(h=h, x=rng.choice(INDUSTRIES))
        focus = m.FocusArea.industry
    elif kind is K.donation:
        summary = rng.choice(DONATIONS).format(h=h, x=rng.choice(ITEMS))
        fields.append(("amount", rng.choice((200, 300, 500, 500, 800, 1000, 1500, 2000, 3000))))
    else:
        summary = rng.choice(LABOURS).format(h=h, x=rng.choice(WORKS))
    _act(town, day, kind, deps, summary, house.id, fields, focus)


def _pairing_work(county: _County, town: _Town, rng: random.Random, pair: _Pair) -> None:
    """The six ones of one pairing: a first meeting, a visit every quarter, each kind a year."""
    lo, hi = max(pair.start, START), min(pair.end or END, END)
    if lo > hi:
        return
    blocked = pair.blackout + pair.dep.silent
    if pair.first:
        first = pair.first
    else:
        if pair.start < START:
            deadline, first = _o(2018, 4, 30), _pick(rng, START, _o(2018, 4, 27), blocked)
        else:  # by 30 April of the start's year, or within 30 days of a later start
            april = _o(_year_of(lo), 4, 30)
            deadline = april if lo <= april else lo + FIRST_MEETING_DAYS
            quarter_end = next(q[3] for q in QUARTERS if q[2] <= lo <= q[3])
            first = _pick(rng, lo, min(lo + 20, deadline, quarter_end, hi), blocked)
        if pair.late_first or first < 0:
            first = min(deadline + rng.randint(3, 20), hi)
    _six(town, rng, pair, K.visit, first, first=True)
    for _, _, qs, qe in QUARTERS:
        a, b = max(qs, lo, first + 1), min(qe, hi)
        if a <= b and not (qs <= first <= qe):
            day = _pick(rng, a, b, blocked)
            if day > 0:
                _six(town, rng, pair, K.visit, day)
    for year in YEARS:
        a, b = max(_o(year, 1, 1), lo, first), min(_o(year, 12, 31), hi)
        if a > b:
            continue
        kinds = list(OTHER_SIX)
        if county.short(rng, "six-ones", 1.5):
            kinds.remove(rng.choice(kinds))
        extra = _count(rng, county.scale.extra * (b - a + 1) / 365)
        kinds += [_weighted(rng, EXTRA_SIX) for _ in range(extra)]
        for kind in kinds:
            day = _pick(rng, a, b, blocked)
            if day > 0:
                _six(town, rng, pair, kind, day)


def _trips(county: _County, town: _Town, rng: random.Random) -> None:
    scale = county.scale
    for year in YEARS:
        lo, hi = max(START + 9, _o(year, 1, 10)), _o(year, 12, 15)
        n = 2 if year in town.short_trips else rng.randint(*scale.trips)
        width = (hi - lo + 1) // n
        days = [lo + i * width + rng.randint(width // 5, width - width // 5) for i in range(n)]
        members: list[list[_Dep]] = [[] for _ in days]
        for dep in town.deps:
            fits = [i for i, day in enumerate(days) if dep.free(day)]
            if fits:
                members[rng.choice(fits)].append(dep)
        for i, day in enumerate(days):
            free = [d for d in town.deps if d.free(day) and d not in members[i]]
            want = min(
                len(free),
                max(0, scale.trip_size + rng.randint(0, scale.trip_size) - len(members[i])),
            )
            members[i] += rng.sample(free, want)
            if not members[i]:
                continue
            focus = rng.choice(FOCI)
            villages = rng.sample(town.villages, rng.randint(1, 3))
            topic = rng.choice(TOPICS[focus])
            how = rng.choice(("专题调研", "集中视察", "实地视察"))
            _act(
                town,
                day,
                K.trip,
                sorted(d.id for d in members[i]),
                f"组织代表对{topic}开展{how}，入户走访并召开民情恳谈会",
                fields=(
                    ("villages", f"[{', '.join(villages)}]"),
                    ("participants", rng.randint(4, 25)),
                ),
                focus=focus,
                findings=rng.choice(FINDINGS),
            )


def _contributions(county: _County, town: _Town, rng: random.Random) -> None:
    scale = county.scale
    for dep in town.deps:
        for year in YEARS:
            lo = max(dep.start, START, _o(year, 1, 1))
            hi = min(dep.end or END, _o(year, 12, 31))
            if lo > hi:
                continue
            for _ in range(_count(rng, scale.contributions * (hi - lo + 1) / 365)):
                day = _pick(rng, lo, hi, dep.silent)
                if day > 0:
                    _contribution(town, rng, dep, day)
            for _ in range(_count(rng, scale.publicity * (hi - lo + 1) / 365)):
                day = _pick(rng, lo, hi, dep.silent)
                if day > 0:
                    outlet = rng.choice(tuple(OUTLETS))
                    headline = rng.choice(HEADLINES)
                    _act(
                        town,
                        day,
                        K.publicity,
                        [dep.id],
                        f"{OUTLETS[outlet]}报道{dep.name}代表参与脱贫攻坚的事迹",
                        fields=(
                            ("outlet", outlet.value),
                            ("title", _s(f"《{dep.name}：{headline}》")),
                        ),
                    )


def _contribution(town: _Town, rng: random.Random, dep: _Dep, day: int) -> None:
    v, x = rng.choice(town.villages), rng.choice(INDUSTRIES)
    fields: list[tuple[str, object]]
    if dep.sector is S.enterprise:
        summary, focus = f"在{v}设立扶贫车间，吸纳贫困劳动力就近就业", m.FocusArea.industry
        fields = [("amount", rng.randrange(5, 100) * 1000), ("jobs", rng.randint(3, 40))]
    elif dep.sector is S.cadre:
        focus = rng.choice(FOCI)
        summary = f"协调争取{rng.choice(TOPICS[focus])}项目资金，落实到{v}"
        fields = [("funds", rng.randrange(10, 400) * 10000), ("projects", rng.randint(1, 3))]
    elif dep.sector is S.education:
        summary, focus = rng.choice(
            (
                ("组织送医下乡义诊，为贫困户免费体检", m.FocusArea.medical),
                ("开展送教下乡，为留守儿童辅导功课", m.FocusArea.villages),
            )
        )
        fields = [("trainees", rng.randint(20, 200))]
    elif dep.sector is S.professional:
        summary, focus = f"举办{rng.choice(SKILLS)}培训班", m.FocusArea.industry
        fields = [("trainees", rng.randint(20, 150))]
    elif dep.sector is S.frontline:
        summary, focus = f"领办{x}专业合作社，带动贫困户入社增收", m.FocusArea.industry
        fields = [("cooperatives", 1), ("jobs", rng.randint(2, 20))]
    else:
        summary, focus = f"带头发展{x}，带动周边农户学技术", m.FocusArea.industry
        fields = [("jobs", rng.randint(1, 6))] if rng.random() < 0.5 else []
    _act(town, day, K.contribution, [dep.id], summary, fields=fields, focus=focus)


def _supervision(county: _County, town: _Town, rng: random.Random) -> None:
    for leader in town.liaison:
        for year in YEARS:
            if county.short(rng, "liaison-supervision"):
                continue
            for _ in range(1 if county.sample else rng.randint(1, 2)):
                day = _pick(rng, max(START + 20, _o(year, 2, 1)), _o(year, 12, 10))
                if not leader.free(day):
                    continue
                villages = rng.sample(town.villages, rng.randint(1, 2))
                _act(
                    town,
                    day,
                    K.supervision,
                    [leader.id],
                    f"督查{town.name}“人大代表在行动”活动开展情况，查阅帮扶台账",
                    fields=(("villages", f"[{', '.join(villages)}]"),),
                    findings=rng.choice(FINDINGS),
                )


# --- phase 3: proposals, filings, awards ---------------------------------------------------

SESSIONS = {2019: _o(2019, 1, 13), 2020: _o(2020, 1, 7)}


def _proposals(county: _County, town: _Town, rng: random.Random, everyone: list[_Dep]) -> None:
    for year in YEARS:
        days = []
        for _ in range(rng.randint(*county.scale.proposals)):
            if year in SESSIONS and rng.random() < 0.65:
                days.append((m.ProposalSession.session, SESSIONS[year] + rng.randint(0, 3)))
            else:
                days.append(
                    (
                        m.ProposalSession.between,
                        rng.randint(max(START + 14, _o(year, 2, 15)), _o(year, 12, 10)),
                    )
                )
        if county.sample and year == 2020 and town is county.towns[0]:
            days.append((m.ProposalSession.between, _o(2020, 12, 8)))  # just submitted
        for session, day in days:
            free = [d for d in town.deps if d.free(day)]
            if not free:
                continue
            upper = [d for d in free if L.township not in d.levels or len(d.levels) > 1]
            lead = rng.choice(upper if upper and rng.random() < 0.8 else free)
            kind = _weighted(
                rng,
                (
                    (88, m.ProposalType.suggestion),
                    (8, m.ProposalType.bill),
                    (4, m.ProposalType.criticism),
                ),
            )
            cosigners: list[str] = []
            if kind is m.ProposalType.bill:  # a bill needs ten county deputies (lead + 9)
                pool = [
                    d.id for d in everyone if L.county in d.levels and d.free(day) and d is not lead
                ]
                if L.county in lead.levels and len(pool) >= 9:
                    cosigners = sorted(rng.sample(pool, 9))
                else:
                    kind = m.ProposalType.suggestion
            if kind is not m.ProposalType.bill and rng.random() < 0.6:
                pool = [d.id for d in free if d is not lead]
                cosigners = sorted(rng.sample(pool, min(len(pool), rng.randint(1, 3))))
            focus = rng.choice(FOCI)
            subject = rng.choice(SUBJECTS[focus]).format(
                v=rng.choice(town.villages), x=rng.choice(INDUSTRIES)
            )
            ending = {
                m.ProposalType.bill: "的议案",
                m.ProposalType.suggestion: "的建议",
                m.ProposalType.criticism: "的意见",
            }[kind]
            county_level = any(level is not L.township for level in lead.levels)
            prop = _Proposal(lead, kind, f"关于{subject}{ending}", cosigners, day, session, focus)
            _lifecycle(
                county,
                rng,
                prop,
                DEPARTMENTS[focus]
                if county_level
                else town.name + ("人民政府" if town.name[-1] in "镇乡" else "管委会"),
            )
            town.proposals.append(prop)
    town.proposals.sort(key=lambda p: (p.date, p.lead.id))
    for year in YEARS:
        mine = [p for p in town.proposals if _year_of(p.date) == year]
        for number, prop in enumerate(mine, start=1):
            prop.id = f"{town.id}-j{year}-{number:02d}"


def _lifecycle(county: _County, rng: random.Random, prop: _Proposal, department: str) -> None:
    assigned = prop.date + rng.randint(10, 40)
    if prop.date >= _o(2020, 11, 1) or assigned > END - 10:
        return  # just submitted
    prop.department, prop.assigned = department, assigned
    if county.short(rng, "proposal-reply"):
        return  # never replied
    prop.reply = min(assigned + rng.randint(20, 85), END - 3)
    prop.result = _weighted(
        rng,
        (
            (40, m.ProposalResult.solved),
            (30, m.ProposalResult.solving),
            (20, m.ProposalResult.planned),
            (10, m.ProposalResult.reference),
        ),
    )
    if prop.reply > END - 30 and rng.random() < 0.5:
        return  # the deputy has not said yet
    prop.satisfaction = _weighted(
        rng,
        (
            (62, m.Satisfaction.satisfied),
            (33, m.Satisfaction.basically),
            (5, m.Satisfaction.unsatisfied),
        ),
    )
    if prop.satisfaction is m.Satisfaction.unsatisfied:
        if prop.reply + 25 > END:
            prop.satisfaction = m.Satisfaction.basically
        elif not county.short(rng, "proposal-reply", 10):
            prop.rehandled = prop.reply + rng.randint(7, 25)


FILING_DAYS = {
    m.FilingKind.plan: ((3, 5), (3, 28)),
    m.FilingKind.pairing_list: ((3, 5), (3, 31)),
    m.FilingKind.h1_report: ((6, 5), (6, 19)),
    m.FilingKind.h2_report: ((12, 5), (12, 19)),
    m.FilingKind.year_summary: ((12, 5), (12, 20)),
}


def _filings(county: _County, town: _Town, rng: random.Random) -> None:
    """Plan and list by 31 March (2018: in the last days of March), reports by 20 June and
    20 December, the year-end summary with the December report."""
    first = min((p.start for p in town.pairs), default=START)
    for year in YEARS:
        previous = 0
        for number, kind in enumerate(m.FilingKind, start=1):
            (m1, d1), (m2, d2) = FILING_DAYS[kind]
            if year == 2018 and kind in (m.FilingKind.plan, m.FilingKind.pairing_list):
                d1 = 27  # the campaign's notice is dated 22 March 2018
            day = rng.randint(_o(year, m1, d1), _o(year, m2, d2))
            if kind is m.FilingKind.pairing_list:
                day = max(day, previous, first if year == 2018 else 0)
            if kind is m.FilingKind.year_summary:
                day = min(_o(year, 12, 20), previous + rng.randint(0, 1))
            previous = day
            comment = ""
            if (year, kind) in town.late_filing:
                day = town.late_filing[(year, kind)]
                comment = "因防汛抗旱工作推迟报送，已向县人大常委会说明"
            elif county.short(rng, "filings"):
                day = _o(year, m2, d2) + rng.randint(1, 10)
            if day > END:
                continue
            half = kind in (m.FilingKind.h1_report, m.FilingKind.h2_report)
            period = f"{year}H{1 if kind is m.FilingKind.h1_report else 2}" if half else str(year)
            town.filings.append((f"{town.id}-f{year}-{number:02d}", kind, period, day, comment))


def _awards(county: _County, rng: random.Random) -> list[str]:
    lines: list[str] = []
    n, done = len(county.towns), county.done
    names = {t.id: t.name for t in county.towns}
    everyone = [d for t in county.towns for d in t.deps]
    for year in (2018, 2019):
        given: list[tuple[m.AwardCategory, str, str, str]] = []
        whole = [
            d
            for d in everyone
            if d.active(_o(year, 1, 1) if year > 2018 else START)
            and d.active(_o(year, 12, 31))
            and not d.silent
        ]
        for town in rng.sample(county.towns, max(1, round(n / 5))):
            given.append(
                (
                    m.AwardCategory.unit,
                    "township",
                    town.id,
                    f"{town.name}人大主席团组织有力，代表结对帮扶全覆盖，活动台账规范",
                )
            )
        stars = sorted(rng.sample(whole, max(2, n // 2)), key=lambda d: d.id)
        for dep in stars:
            given.append(
                (
                    m.AwardCategory.star,
                    "deputy",
                    dep.id,
                    f"结对帮扶{len(dep.pairs)}户，全年开展帮扶活动{done[(dep.id, year)]}次，"
                    f"帮助发展{rng.choice(INDUSTRIES)}",
                )
            )
        want = max(2, n // 2)
        givers = [d for d in whole if d.sector is S.enterprise and d not in stars]
        givers = rng.sample(givers, min(want, len(givers)))
        others = [d for d in whole if d not in stars and d not in givers]
        givers += rng.sample(others, min(want - len(givers), len(others)))
        for dep in sorted(givers, key=lambda d: d.id):
            given.append(
                (
                    m.AwardCategory.caring_deputy,
                    "deputy",
                    dep.id,
                    f"多次为帮扶户捐资捐物，在{names[dep.town]}设立扶贫车间"
                    if dep.sector is S.enterprise
                    else "多次为帮扶户捐资捐物，资助贫困家庭学生上学",
                )
            )
        for _ in range(max(1, n // 4)):
            town = rng.choice(county.towns)
            given.append(
                (
                    m.AwardCategory.caring_person,
                    "person",
                    county.name(rng, rng.random() < 0.6),
                    f"爱心人士，向{town.name}{rng.choice(town.villages)}捐资"
                    f"{rng.randint(2, 30)}万元用于{rng.choice(TOPICS[rng.choice(FOCI)])}",
                )
            )
        for number, (category, key, value, reason) in enumerate(given, start=1):
            lines += [
                f"- id: award-{year}-{number:02d}",
                f"  year: {year}",
                f"  category: {category.value}",
                f"  {key}: {value}",
                f"  reason: {_s(reason)}",
            ]
    return lines


# --- the sample's deliberate shortfalls ---------------------------------------------------


def _plan_deliberate(county: _County) -> None:
    """Pick the sample's handful of shortfalls; each is listed in ``deliberate``."""
    towns = {t.id: t for t in county.towns}
    say = county.deliberate.append

    def steady(tid: str) -> list[_Pair]:
        return [
            p
            for p in towns[tid].pairs
            if p.start < START and p.end is None and p.dep.end is None and not p.dep.committee
        ]

    late = steady("lingcheng")[0]
    late.first = _o(2018, 5, 8)
    late.comment = "lingbi: ignore[first-meeting] 户主在外务工，五一后返乡才见面对接"
    say(
        f"{late.id}（灵城镇）首次见面对接 2018-05-08，晚于 4 月 30 日，记录上注明"
        f" ignore[first-meeting] / {late.id} first meeting on 2018-05-08, after 30 April; "
        "ignored by a `# lingbi: ignore[first-meeting]` comment on the pairing"
    )

    gap = ([p for p in steady("chaoyang") if len(p.dep.pairs) >= 2] or steady("chaoyang"))[0]
    y, q, qs, qe = QUARTERS[6]  # 2019Q3
    gap.blackout.append((qs, qe))
    gap.comment = "2019年7至9月户主外出就医，未能入户"
    say(
        f"{gap.id}（朝阳镇，代表 {gap.dep.id}）{y} 年第 {q} 季度没有走访 / {gap.id} has no "
        f"visit (no six-ones work at all) in {y}Q{q}"
    )

    yinji = [p.dep for p in steady("yinji") if p.dep.start < START]
    quiet = ([d for d in yinji if len(d.pairs) == 1] or yinji)[-1]
    quiet.silent.append(_half(2019, 2))
    pairs = "、".join(sorted(p.id for p in quiet.pairs))
    say(
        f"{quiet.id}（尹集镇 {quiet.name}）2019 年下半年没有任何活动，其结对 {pairs} 因此"
        f" 2019 年第三、四季度也没有走访 / {quiet.id} silent in 2019H2, so its pairing {pairs} "
        "also has no visit in 2019Q3 and 2019Q4"
    )

    towns["yangtuan"].late_filing[(2019, m.FilingKind.h1_report)] = _o(2019, 6, 25)
    say(
        "杨疃镇 2019 年上半年报告 6 月 25 日才报送 / yangtuan filed its 2019H1 report late "
        "(2019-06-25)"
    )

    towns["yuji"].short_trips.add(2020)
    say("虞姬乡 2020 年只组织了 2 次调研视察 / yuji held only 2 investigation trips in 2020")


def _sample_proposals(county: _County) -> None:
    """Every lifecycle stage, each result and each satisfaction, whatever the seed drew."""
    props = [p for t in county.towns for p in t.proposals]
    chaoyang = next(t for t in county.towns if t.id == "chaoyang").proposals
    stuck = next(
        (p for p in chaoyang if p.reply and _o(2020, 1, 1) <= p.date <= _o(2020, 8, 31)), None
    ) or next(p for p in reversed(props) if p.reply)
    stuck.reply, stuck.result, stuck.satisfaction, stuck.rehandled = 0, None, None, 0
    stuck.comment = "已交办，承办单位至今未答复"
    county.deliberate.append(
        f"议案建议 {stuck.id} {_ds(stuck.assigned)} 交办{stuck.department}，至今未答复 / "
        f"proposal {stuck.id} assigned to {stuck.department} on {_ds(stuck.assigned)}, "
        "never replied"
    )
    replied = [p for p in props if p.reply]
    results = tuple(m.ProposalResult)
    for i, prop in enumerate(replied):
        prop.result = results[i % 4]
        prop.rehandled = 0
        prop.satisfaction = (m.Satisfaction.satisfied, m.Satisfaction.basically)[i // 4 % 2]
    pending = max(replied, key=lambda p: (p.reply, p.id))
    pending.satisfaction = None  # replied lately; the deputy has not said yet
    settled = [p for p in replied if p is not pending and p.reply + 30 < END]
    unhappy = settled[len(settled) // 2]
    unhappy.satisfaction, unhappy.rehandled = m.Satisfaction.unsatisfied, unhappy.reply + 14
    unhappy.comment = "代表对答复不满意，承办单位重新办理"


def _sample_relapses(county: _County) -> None:
    """One or two households that left poverty and fell back (返贫)."""
    for tid, cause in (("yangtuan", "因病"), ("yuji", "因灾")):
        town = next(t for t in county.towns if t.id == tid)
        paired = [p.house for p in town.pairs] + town.houses
        house = next(
            h for h in paired if h.registered <= 2016 and h.exit_year and h.exit_year <= 2019
        )
        left = house.exit_year or 2018
        house.status, house.exit_year = m.HouseholdStatus.relapsed, None
        house.comment = f"{left}年脱贫，{left + 1}年{cause}返贫，重新纳入帮扶"


# --- writing ----------------------------------------------------------------------------


def _header(kind: str, depth: int, *comments: str) -> list[str]:
    lines = [f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.json"]
    return lines + [f"# {c}" for c in comments]


def _comment(text: str) -> list[str]:
    return [f"# {text}"] if text else []


def _deputy_lines(town: _Town, dep: _Dep) -> list[str]:
    lines = _comment(dep.comment) + [
        f"- id: {dep.id}",
        f"  name: {dep.name}",
        f"  gender: {'男' if dep.male else '女'}",
        f"  levels: [{', '.join(level.value for level in dep.levels)}]",
        f"  district: {_s(dep.district)}",
    ]
    if dep.village is not None:
        lines.append(f"  village: {town.villages[dep.village]}")
    lines += [f"  sector: {dep.sector.value}", f"  employer: {dep.employer.value}"]
    if dep.unit:
        lines.append(f"  unit: {dep.unit}")
    if dep.committee:
        lines.append("  committee_member: true")
    if dep.phone:
        lines.append(f"  phone: '{dep.phone}'")
    lines.append(f"  term_start: {_ds(dep.start)}")
    if dep.end is not None:
        lines.append(f"  term_end: {_ds(dep.end)}")
    return lines


def _house_lines(town: _Town, h: _House) -> list[str]:
    lines = _comment(h.comment) + [
        f"- id: {h.id}",
        f"  head: {h.head}",
        f"  id_number: '{h.id_number}'",
        f"  village: {town.villages[h.village]}",
        f"  group: {NUMERALS[h.group - 1]}组",
        f"  members: {h.members}",
        f"  attribute: {h.attribute.value}",
        f"  causes: [{', '.join(c.value for c in h.causes)}]",
        f"  registered: {h.registered}",
        f"  status: {h.status.value}",
    ]
    if h.exit_year is not None:
        lines.append(f"  exit_year: {h.exit_year}")
    source = m.HouseholdSource.unit if h.unit else m.HouseholdSource.township
    lines.append(f"  source: {source.value}")
    if h.phone:
        lines.append(f"  phone: '{h.phone}'")
    return lines


def _pair_lines(p: _Pair) -> list[str]:
    lines = _comment(p.comment) + [
        f"- id: {p.id}",
        f"  deputy: {p.dep.id}",
        f"  household: {p.house.id}",
        f"  start: {_ds(p.start)}",
    ]
    if p.end is not None:
        lines += [f"  end: {_ds(p.end)}", f"  end_reason: {_s(p.end_reason)}"]
    chosen = m.ChosenBy.unit_list if p.house.unit else m.ChosenBy.township
    lines.append(f"  chosen_by: {chosen.value}")
    return lines


def _proposal_lines(p: _Proposal) -> list[str]:
    lines = _comment(p.comment) + [
        f"- id: {p.id}",
        f"  type: {p.type.value}",
        f"  title: {_s(p.title)}",
        f"  lead: {p.lead.id}",
    ]
    if p.cosigners:
        lines.append(_flow("cosigners", p.cosigners))
    lines += [
        f"  date: {_ds(p.date)}",
        f"  session: {p.session.value}",
        f"  focus: {p.focus.value}",
    ]
    if p.assigned:
        lines += [f"  department: {p.department}", f"  assigned: {_ds(p.assigned)}"]
    if p.reply:
        assert p.result is not None
        lines += [f"  reply: {_ds(p.reply)}", f"  result: {p.result.value}"]
    if p.satisfaction is not None:
        lines.append(f"  satisfaction: {p.satisfaction.value}")
    if p.rehandled:
        lines.append(f"  rehandled: {_ds(p.rehandled)}")
    return lines


class _Writer:
    """Writes files under the data folder and keeps count of them."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.files, self.bytes = folder, 0, 0

    def write(self, rel: str, lines: Iterable[str] | bytes) -> None:
        data = lines if isinstance(lines, bytes) else ("\n".join(lines) + "\n").encode("utf-8")
        path = self.folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)


def _write_activities(w: _Writer, county: _County, town: _Town) -> None:
    """The town's month files; then its activities are dropped, keeping only counts."""
    months: dict[tuple[int, int], list[tuple[int, int, str, str, str]]] = {}
    for act in town.acts:
        day = dt.date.fromordinal(act[0])
        months.setdefault((day.year, day.month), []).append(act)
        for dep in act[2].split(", "):
            county.done[(dep, day.year)] += 1
    header = _header("activity", 3)
    for (year, month), acts in sorted(months.items()):
        acts.sort()
        width = 3 if len(acts) < 1000 else 4
        prefix = f"- id: {town.id}-a{year}{month:02d}-"
        w.write(
            f"townships/{town.id}/activities/{year}-{month:02d}.yaml",
            header
            + [f"{prefix}{n:0{width}d}\n{act[4]}".rstrip("\n") for n, act in enumerate(acts, 1)],
        )
    county.activities += len(town.acts)
    town.acts = []


def _write_town(w: _Writer, town: _Town) -> None:
    base = f"townships/{town.id}"
    w.write(
        f"{base}/deputies.yaml",
        _header("deputy", 2, f"{town.name}人大代表名册")
        + [line for dep in town.deps for line in _deputy_lines(town, dep)],
    )
    w.write(
        f"{base}/households.yaml",
        _header("household", 2, f"{town.name}建档立卡贫困户（按村、村民组排列）")
        + [line for h in town.houses for line in _house_lines(town, h)],
    )
    w.write(
        f"{base}/pairings.yaml",
        _header("pairing", 2, "代表结对帮扶名单；结束的结对保留")
        + [line for p in town.pairs for line in _pair_lines(p)],
    )
    w.write(
        f"{base}/proposals.yaml",
        _header("proposal", 2) + [line for p in town.proposals for line in _proposal_lines(p)],
    )
    filings = _header("filing", 2, "报送县人大常委会的活动方案、帮扶名单和半年报告")
    for fid, kind, period, day, comment in town.filings:
        filings += _comment(comment) + [
            f"- id: {fid}",
            f"  kind: {kind.value}",
            f"  period: {period}",
            f"  date: {_ds(day)}",
        ]
    w.write(f"{base}/filings.yaml", filings)


def _write_county(w: _Writer, county: _County) -> dict[str, int]:
    """county/*.yaml; returns the number of records of each kind."""
    townships = _header(
        "township", 1, "各乡镇；liaison 为联系该乡镇的县人大常委会领导，points 为乡镇帮扶点所在的村"
    )
    for town in county.towns:
        townships += [
            f"- id: {town.id}",
            f"  name: {_s(town.name)}",
            f"  liaison: [{', '.join(d.id for d in town.liaison)}]",
            _flow("points", [town.villages[i] for i in town.points]),
        ]
    w.write("county/townships.yaml", townships)
    units = _header("unit", 1, "机关、事业单位及其已落实的联系帮扶户（households）")
    used = [u for u in county.units.values() if u.households]
    for unit in used:
        units += [
            f"- id: {unit.id}",
            f"  name: {_s(unit.name)}",
            f"  kind: {unit.kind.value}",
            _flow("households", [h for _, h in sorted(unit.households)]),
        ]
    w.write("county/units.yaml", units)
    awards = _awards(county, county.rng("awards"))
    w.write("county/awards.yaml", _header("award", 1, "县人大常委会年终评先评优（§3.4）") + awards)
    return {
        "township": len(county.towns),
        "unit": len(used),
        "deputy": sum(len(t.deps) for t in county.towns),
        "household": sum(len(t.houses) for t in county.towns),
        "pairing": sum(len(t.pairs) for t in county.towns),
        "activity": county.activities,
        "proposal": sum(len(t.proposals) for t in county.towns),
        "filing": sum(len(t.filings) for t in county.towns),
        "award": sum(1 for line in awards if line.startswith("- id:")),
    }


def generate(folder: Path, scale: str, seed: int = 2018, *, force: bool = False) -> GenerateReport:
    """Write a complete synthetic data folder at ``scale`` (see ``SCALES``) into ``folder``.

    A non-empty ``folder`` is refused unless ``force``; then its ``county/`` and ``townships/``
    are replaced and ``lingbi.yaml`` is overwritten (anything else in it, such as notes/,
    schemas/ or the cache, is left alone).
    """
    if scale not in PROFILES:
        raise UsageError(f"没有 {scale} 这种规模；可选：{'、'.join(SCALES)}")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} 不是文件夹")
    if folder.is_dir() and any(folder.iterdir()):
        if not force:
            raise UsageError(f"{folder} 不是空文件夹；确认要覆盖其中的数据请加 --force")
        for sub in ("county", "townships"):
            if (folder / sub).is_dir() and not (folder / sub).is_symlink():
                shutil.rmtree(folder / sub)
    county = _County(PROFILES[scale], seed)
    homes = _leaders(county)
    for index, (tid, name) in enumerate(county.scale.townships):
        county.towns.append(_build_town(county, tid, name, index, homes))
    towns = {t.id: t for t in county.towns}
    for home, linked in homes.items():
        for tid in linked:
            towns[tid].liaison.append(towns[home].deps[0])
    if county.sample:
        _plan_deliberate(county)
        _sample_relapses(county)
    else:
        _random_shortfalls(county)
    w = _Writer(folder)
    w.write(CONFIG_NAME, template_path(CONFIG_NAME).read_bytes())
    w.write(".gitignore", GITIGNORE.encode("utf-8"))
    everyone = [d for t in county.towns for d in t.deps]
    for town in county.towns:
        rng = county.rng(town.id, "work")
        for pair in town.pairs:
            _pairing_work(county, town, rng, pair)
        _trips(county, town, rng)
        _contributions(county, town, rng)
        _supervision(county, town, rng)
        _write_activities(w, county, town)
        rng = county.rng(town.id, "paper")
        _proposals(county, town, rng, everyone)
        _filings(county, town, rng)
    if county.sample:
        _sample_proposals(county)
    else:
        county.deliberate += [
            SHORTFALL_TEXT[what].format(n=n) for what, n in sorted(county.shortfalls.items())
        ]
    for town in county.towns:
        _write_town(w, town)
    counts = _write_county(w, county)
    return GenerateReport(folder, scale, seed, counts, w.files, w.bytes, county.deliberate)


SHORTFALL_TEXT = {
    "first-meeting": "{n} 个结对首次见面晚于期限 / {n} pairings met their household late",
    "regular-visits": "{n} 个结对有一个季度没有走访 / {n} pairings miss a quarter's visits",
    "six-ones": "{n} 个结对年度缺一种“六个一” / {n} pairing-years lack one of the six ones",
    "silent-deputy": "{n} 名代表有半年没有活动（其结对该半年也无走访） / {n} deputies silent "
    "for a half-year (their pairings unvisited then too)",
    "trips-per-year": "{n} 个乡镇年度只组织 2 次调研视察 / {n} township-years with only 2 trips",
    "filings": "{n} 份报送晚于期限 / {n} filings late",
    "proposal-reply": "{n} 件议案建议未答复或不满意后未重新办理 / {n} proposals never replied "
    "or not re-handled after 不满意",
    "liaison-supervision": "{n} 次联系领导年度督查缺失 / {n} liaison leader-years without a "
    "supervision visit",
}


def _random_shortfalls(county: _County) -> None:
    """County scales: a small random share of pairings, deputies and townships fall short."""
    for town in county.towns:
        rng = county.rng(town.id, "short")
        for pair in town.pairs:
            if county.short(rng, "first-meeting", 0.5):
                pair.late_first = True
            if county.short(rng, "regular-visits"):
                _, _, qs, qe = rng.choice(QUARTERS[2:])
                pair.blackout.append((qs, qe))
        for dep in town.deps:
            year, half = rng.choice(YEARS[1:]), rng.choice((1, 2))
            a, b = _half(year, half)
            if dep.active(a) and dep.active(b) and county.short(rng, "silent-deputy", 0.5):
                dep.silent.append((a, b))
        for year in YEARS:
            if county.short(rng, "trips-per-year"):
                town.short_trips.add(year)
