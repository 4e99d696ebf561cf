"""The generator's vocabulary: names, villages, phones, the phrases of summaries and titles, the
county's units, the deputies' roles and levels, and the causes of poverty.

Everything here is invented except the kinds of things a Lingbi record would name (county
bureaux, local industries such as 灵璧石 and 钟馗画). Tables of ``(weight, value)`` are drawn with
``days.weighted``.
"""

from __future__ import annotations

from lingbi_cli import models as m

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
PHONE_PREFIXES = tuple(
    "130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 177 180 181 182 183"
    " 185 186 187 188 189 199".split()
)

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
FOCI = tuple(m.FocusArea)
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
# a unit id, a choice of them, or "zf"/"zxx"/"wsy": the township's government, central school
# and health centre
UnitKey = str | tuple[str, ...] | None
# (weight, sector, employer, unit)
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
