"""The columns of each record kind's sheet: headers as lingbi writes them, the headers offices
write (the 建档立卡 roster's, the deputies' roster's, the pairing list's — DOMAIN.md), notes
and examples for the template. Every kind can be exported; seven can be imported.

Natural keys (how a row is matched with a record already in the folder, never duplicated):
township by id or name; unit by name; deputy by name within the township; household by citizen
ID number; pairing by deputy, household and start date; activity by date, kind, deputies,
household and summary; a gift (爱心人士) by township, name, date and what was given. A row that
gives an id (``编号``, as an export does) is matched by it.
"""

from __future__ import annotations

import datetime as dt

from lingbi_cli import models as m
from lingbi_cli.sheets.columns import Column as C
from lingbi_cli.sheets.columns import KindSpec

SKIP = C("_skip", "序号", "int", aliases=("编号序号", "序"), export=False, width=6,
         note="序号，可不填；写“示例”的行不会导入")  # fmt: skip


def _id(note: str, example: str | None = None, template: bool = False) -> C:
    return C("id", "编号", "id", note=note, example=example, template=template, width=22)


# fmt: off
TOWNSHIP = KindSpec(
    m.Township,
    "乡镇",
    [
        SKIP,
        _id("乡镇编号，用拼音小写，如 yangtuan；一经使用不要再改", "yangtuan", template=True),
        C("name", "乡镇名称", "name", ("乡镇", "名称"), note="如 杨疃镇", example="杨疃镇",
          required=True),
        C("liaison", "联系领导", "refs", ("联系的常委会领导", "联系领导姓名"), ref="deputy",
          by="name", note="联系本乡镇的县人大常委会领导（代表姓名），多人用、分隔；可先空着"),
        C("liaison", "联系领导编号", "refs", ref="deputy", template=False),
        C("points", "帮扶点", "list", ("乡镇帮扶点",), note="乡镇帮扶点所在的村，多个用、分隔",
          example="杨疃社区、彭沟村"),
    ],
    "编号或乡镇名称相同",
    ids_given=False,
    sheet="乡镇",
)

UNIT = KindSpec(
    m.Unit,
    "单位",
    [
        SKIP,
        _id(
            "单位编号，可不填（由 lingbi 编为 u-001 等）；自己填写时用拼音，如 u-jiaoyuju",
            template=True,
        ),
        C("name", "单位名称", "name", ("单位", "名称"), note="如 县教育局", example="县教育局",
          required=True),
        C("kind", "单位性质", "choice", ("性质", "类别"), enum=m.UnitKind, note="机关 或 事业单位",
          example="机关", required=True),
        C("households", "帮扶户", "refs", ("联系帮扶户",), ref="household", by="name",
          note="本单位已落实的联系帮扶户（户主姓名），多户用、分隔；可先空着"),
        C("households", "帮扶户编号", "refs", ref="household", template=False),
    ],
    "单位名称相同",
    sheet="单位",
)

DEPUTY = KindSpec(
    m.Deputy,
    "代表",
    [
        SKIP,
        _id("代表编号，新代表不填，由 lingbi 编号"),
        C("name", "姓名", "name", ("代表姓名", "名字"), note="代表姓名", example="张伟",
          required=True, width=10),
        C("gender", "性别", "choice", enum=m.Gender, example="男", required=True, width=6),
        C("levels", "代表层级", "choices", ("层级", "代表级别", "级别"), enum=m.DeputyLevel,
          note="省 市 县 乡，兼任多级的用、分隔，如 县、乡", example="县", required=True),
        C("township", "所在乡镇", "ref", ("乡镇", "乡镇名称", "乡(镇)"), ref="township", by="name",
          note="代表所在的乡镇（名称）", example="杨疃镇", required=True),
        C("district", "选区", "name", ("所在选区",), note="如 第一选区", example="第一选区",
          required=True),
        C("village", "所在村", "name", ("村", "行政村", "村(社区)"),
          note="代表所在的村；自动结对时优先同村", example=None),
        C("sector", "界别", "choice", ("代表界别", "所属界别"), enum=m.Sector,
          note="干部 教科文卫 企业 专业技术 生产一线 基层农民（《实施意见》§2.3(1)）",
          example="干部", required=True),
        C("employer", "单位性质", "choice", enum=m.EmployerType,
          note="机关 事业单位 企业 农村 其他；机关、事业单位的代表从本单位帮扶户中结对",
          example="机关", required=True),
        C("unit", "所在单位", "ref", ("工作单位", "单位"), ref="unit", by="name",
          note="机关、事业单位的代表必填：单位名称，须已在单位表中", example="县教育局"),
        C("committee_member", "常委会组成人员", "bool", ("是否常委会组成人员",),
          note="是 或 否，不填为否", example="否"),
        C("phone", "联系电话", "phone", ("电话", "手机", "手机号码", "手机号", "联系方式"),
          note="11 位手机号或带区号的座机号；本列为文本格式，开头的 0 不会丢",
          example="13800001234", width=14),
        C("term_start", "任期开始", "date", ("任期开始日期", "当选日期", "当选时间"),
          note="如 2016-11-20", example=dt.date(2016, 11, 20), required=True),
        C("term_end", "任期结束", "date", ("任期结束日期", "终止日期", "离任日期"),
          note="仍在任的不填"),
    ],
    "同一乡镇中姓名相同",
    sheet="代表",
)

HOUSEHOLD = KindSpec(
    m.Household,
    "贫困户",
    [
        SKIP,
        _id("贫困户编号，新户不填，由 lingbi 编号"),
        C("township", "乡镇", "ref", ("所在乡镇", "乡镇名称"), ref="township", by="name",
          example="杨疃镇", required=True),
        C("village", "行政村", "name", ("村", "所在村", "村(社区)"), example="前庄村",
          required=True),
        C("group", "村民组", "name", ("自然村", "组"), note="村民组或自然村", example="三组"),
        C("head", "户主姓名", "name", ("户主", "姓名"), example="王建国", required=True, width=10),
        C("id_number", "证件号码", "id_number",
          ("身份证号", "身份证号码", "公民身份号码", "户主身份证号", "户主证件号码"),
          note="户主 18 位公民身份号码；本列为文本格式，不要粘贴成数字（会丢掉后几位）",
          example="34132319650315013X", required=True, width=21),
        C("members", "家庭人口数", "int", ("家庭人口", "人口数", "家庭人数"), example=4,
          required=True),
        C("attribute", "贫困户属性", "choice", ("贫困属性", "户属性"), enum=m.PovertyAttribute,
          example="一般贫困户", required=True),
        C("causes", "致贫原因", "choices", ("主要致贫原因", "其他致贫原因", "次要致贫原因"),
          enum=m.Cause, note="可多选，用、分隔，如 因病、缺技术", example="因病、缺技术",
          required=True),
        C("registered", "建档年份", "year",
          ("建档立卡年份", "识别年度", "识别年份", "纳入年度", "建档年度"), example=2016,
          required=True),
        C("status_history", "脱贫返贫记录", "history", ("脱贫返贫情况", "脱贫日期", "状态变化"),
          note="每次脱贫、返贫写日期和状态，多次用；分隔，如 2018年11月20日已脱贫；2020年3月5日"
          "返贫。不填为未脱贫", width=30),
        # the 建档立卡 roster's way: a status and a year of exit, read as a history (exit on
        # 31 December of that year); imported, never written
        C("status", "脱贫属性", "choice", ("脱贫状态", "贫困状态", "状态"), enum=m.HouseholdStatus,
          export=False, template=False),
        C("exit_year", "脱贫年度", "year", ("脱贫年份", "脱贫时间"), export=False, template=False),
        C("source", "来源", "choice", ("帮扶来源", "户来源"), enum=m.HouseholdSource,
          note="单位帮扶户（单位已落实的联系户）或 乡镇帮扶点", example="乡镇帮扶点",
          required=True),
        C("unit", "帮扶单位", "ref", ("所在单位", "帮扶单位名称"), ref="unit", by="name",
          note="单位帮扶户填写帮扶它的单位名称"),
        C("phone", "联系电话", "phone", ("电话", "手机", "手机号码"),
          note="本列为文本格式，开头的 0 不会丢", width=14),
        C("_relation", "与户主关系", export=False, template=False),
        C("_household_no", "户编号", export=False, template=False),
    ],
    "身份证号相同",
    sheet="贫困户",
)

PAIRING = KindSpec(
    m.Pairing,
    "结对",
    [
        SKIP,
        _id("结对编号，新结对不填，由 lingbi 编号"),
        C("deputy", "代表编号", "ref", ref="deputy", template=False),
        C("deputy", "代表姓名", "ref", ("代表", "帮扶代表", "帮扶人"), ref="deputy", by="name",
          example="张伟", required=True),
        C("household", "贫困户编号", "ref", ref="household", template=False),
        C("household", "户主姓名", "ref", ("帮扶对象", "帮扶对象(户主姓名)", "户主", "贫困户"),
          ref="household", by="name", example="王建国", required=True),
        C("household", "户主身份证号", "ref", ("证件号码", "身份证号", "公民身份号码"),
          ref="household", by="id_number", export=False, note="可不填；有同名户主时用来区分",
          width=21),
        C("_village", "所在村", "name", ("村", "行政村"), note="贫困户所在村；有同名户主时用来区分",
          example="前庄村"),
        C("start", "结对日期", "date", ("结对时间", "开始日期", "帮扶开始日期"),
          example=dt.date(2018, 3, 25), required=True),
        C("end", "结束日期", "date", note="仍在结对的不填"),
        C("end_reason", "结束原因", "text", note="有结束日期时必填"),
        C("chosen_by", "确定方式", "choice", ("帮扶来源",), enum=m.ChosenBy,
          note="单位名单 或 乡镇推荐；不填时按代表的单位性质确定（§2.3(3)）"),
    ],
    "代表、贫困户、结对日期都相同",
    sheet="结对",
)

ACTIVITY = KindSpec(
    m.Activity,
    "活动",
    [
        SKIP,
        _id("活动编号，新活动不填，由 lingbi 编号"),
        C("date", "日期", "date", ("活动日期", "时间"), example=dt.date(2019, 5, 8), required=True),
        C("kind", "类别", "choice", ("活动类别", "活动类型", "形式"), enum=m.ActivityKind,
          example="串门", required=True),
        C("township", "乡镇", "ref", ("所在乡镇",), ref="township", by="name",
          note="可不填：默认为第一位代表所在的乡镇"),
        C("deputies", "代表编号", "refs", ref="deputy", template=False),
        C("deputies", "代表", "refs", ("代表姓名", "参加代表"), ref="deputy", by="name",
          note="参加的代表姓名，联合开展的用、分隔", example="张伟", required=True),
        C("household", "贫困户编号", "ref", ref="household", template=False),
        C("household", "户主姓名", "ref", ("帮扶对象", "贫困户"), ref="household", by="name",
          note="六个一（串门 谈心 讲课 献计 捐资 出力）必填", example="王建国"),
        C("focus", "重点任务", "choice", ("重点领域",), enum=m.FocusArea),
        C("summary", "内容摘要", "text", ("内容", "活动内容", "摘要", "事由"),
          example="入户走访，了解生产生活情况", required=True, width=40),
        C("amount", "金额（元）", "money", ("金额", "捐资金额", "捐资"), note="捐资必填"),
        C("funds", "引进资金（元）", "money", ("引进资金",)),
        C("jobs", "就业岗位", "int", ("提供岗位", "岗位数")),
        C("projects", "引进项目", "int", ("项目数",)),
        C("cooperatives", "领办合作社", "int", ("合作社",)),
        C("trainees", "培训人数", "int"),
        C("participants", "参加人数", "int", ("其他参加人数",), note="代表以外的参加人数"),
        C("villages", "村", "list", ("走访村", "视察村"), note="调研视察必填，多个用、分隔"),
        C("form", "调研视察形式", "choice", ("视察形式",), enum=m.TripForm,
          note="专题调研 或 集中视察"),
        C("aid", "帮助解决的困难", "choice", ("实际困难",), enum=m.HelpKind,
          note="谈心、献计、出力可填：就业 上学 就医 信息 政策"),
        C("findings", "发现问题", "text", ("问题",)),
        C("follow_up", "处理情况", "text", ("后续处理", "整改情况")),
        C("outlet", "宣传载体", "name", ("媒体", "载体"),
          note="宣传报道必填：广播 电视 网络 报刊，或其他如 微信"),
        C("title", "报道标题", "text", ("标题",)),
    ],
    "日期、类别、代表、贫困户和内容摘要都相同",
    sheet="活动",
)

PROPOSAL = KindSpec(
    m.Proposal,
    "议案建议",
    [
        _id("编号"),
        C("type", "类别", "choice", enum=m.ProposalType),
        C("title", "标题", "text", width=30),
        C("township", "乡镇", "ref", ref="township", by="name"),
        C("lead", "领衔代表编号", "ref", ref="deputy"),
        C("lead", "领衔代表", "ref", ref="deputy", by="name"),
        C("cosigners", "附议代表编号", "refs", ref="deputy"),
        C("cosigners", "附议代表", "refs", ref="deputy", by="name"),
        C("date", "提出日期", "date"),
        C("session", "提出时间", "choice", enum=m.ProposalSession),
        C("focus", "重点任务", "choice", enum=m.FocusArea),
        C("department", "承办部门", "name"),
        C("assigned", "交办日期", "date"),
        C("reply", "答复日期", "date"),
        C("result", "办理结果", "choice", enum=m.ProposalResult),
        C("satisfaction", "代表意见", "choice", enum=m.Satisfaction),
        C("rehandled", "重新办理日期", "date"),
    ],
    "领衔代表、提出日期和标题都相同",
    sheet="议案建议",
)

FILING = KindSpec(
    m.Filing,
    "报送",
    [
        _id("编号"),
        C("township", "乡镇", "ref", ref="township", by="name"),
        C("kind", "类别", "choice", enum=m.FilingKind),
        C("period", "所属期间", "text"),
        C("date", "报送日期", "date"),
    ],
    "乡镇、类别和所属期间都相同",
    sheet="报送",
)

DONOR = KindSpec(
    m.Donor,
    "爱心人士",
    [
        SKIP,
        _id("捐赠编号，新记录不填，由 lingbi 编号"),
        C("name", "姓名或单位", "name", ("姓名", "单位名称", "捐赠人", "捐赠单位", "爱心人士"),
          example="蔡春广", required=True, width=16),
        C("kind", "个人或单位", "choice", ("类型",), enum=m.DonorKind,
          note="个人 或 单位，不填为个人", example="个人"),
        C("date", "捐赠日期", "date", ("日期", "时间"), example=dt.date(2019, 5, 1), required=True),
        C("township", "受助乡镇", "ref", ("乡镇", "所在乡镇"), ref="township", by="name",
          example="杨疃镇", required=True),
        C("gift", "捐赠内容", "text", ("内容", "捐赠物品", "事由"), example="捐资修路",
          required=True, width=30),
        C("amount", "金额（元）", "money", ("金额", "折款", "捐赠金额"), example=150000),
        C("village", "受助村", "name", ("村",)),
        C("household", "受助户编号", "ref", ref="household", template=False),
        C("household", "受助户户主", "ref", ("户主姓名", "贫困户"), ref="household", by="name"),
    ],
    "受助乡镇、姓名、日期和捐赠内容都相同",
    sheet="爱心人士",
)

AWARD = KindSpec(
    m.Award,
    "表彰",
    [
        _id("编号"),
        C("year", "年度", "year"),
        C("category", "类别", "choice", enum=m.AwardCategory),
        C("township", "获奖乡镇", "ref", ref="township", by="name"),
        C("deputy", "获奖代表编号", "ref", ref="deputy"),
        C("deputy", "获奖代表", "ref", ref="deputy", by="name"),
        C("person", "获奖人", "name"),
        C("reason", "事迹", "text", width=40),
    ],
    "年度、类别和获奖者都相同",
    sheet="表彰",
)

# fmt: on
SPECS: dict[str, KindSpec] = {
    "townships": TOWNSHIP,
    "units": UNIT,
    "deputies": DEPUTY,
    "households": HOUSEHOLD,
    "pairings": PAIRING,
    "activities": ACTIVITY,
    "proposals": PROPOSAL,
    "filings": FILING,
    "donors": DONOR,
    "awards": AWARD,
}
IMPORTABLE = ("townships", "units", "deputies", "households", "pairings", "activities", "donors")


def spec_for(word: str) -> tuple[str, KindSpec] | None:
    """A kind by its plural (deputies), singular (deputy) or Chinese label (代表)."""
    for plural, spec in SPECS.items():
        if word in (plural, spec.model.kind_name, spec.label):
            return plural, spec
    return None
