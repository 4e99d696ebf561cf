"""The records' substance: a contribution naming its household, liaison supervision apart from
deputies' 督查, practical help, trip forms and follow-up, open publicity outlets, and the
report paragraphs made of them (by sector, focus area, trips, outlets, typical deeds,
experience), all counted by hand on the tiny county plus one half-year of work."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from pydantic import ValidationError

from lingbi_cli import models, periods, reports
from lingbi_cli.errors import UsageError
from lingbi_cli.reports import ReportKind
from lingbi_cli.reports.render import render_markdown
from lingbi_cli.store.folder import DataFolder

SEPTEMBER = "townships/yangtuan/activities/2019-09.yaml"
# 张伟 (d001, cadre, the township's liaison leader) and 李秀英 (d002, grassroots farmer).
WORK = """
    - id: yangtuan-a201909-001
      date: 2019-09-02
      kind: 督查
      deputies: [yangtuan-d001]
      summary: 督查结对帮扶台账
    - id: yangtuan-a201909-002
      date: 2019-09-03
      kind: 督查
      deputies: [yangtuan-d002]
      summary: 随主席团督查六个一落实情况
    - id: yangtuan-a201909-003
      date: 2019-09-04
      kind: 谈心
      deputies: [yangtuan-d002]
      household: yangtuan-h0002
      aid: 就业
      summary: 帮赵桂兰家联系务工岗位
    - id: yangtuan-a201909-004
      date: 2019-09-05
      kind: 出力
      deputies: [yangtuan-d002]
      household: yangtuan-h0002
      focus: 基本医疗服务
      aid: 就医
      summary: 陪同赵桂兰到县医院就诊
    - id: yangtuan-a201909-005
      date: 2019-09-06
      kind: 调研视察
      form: 专题调研
      deputies: [yangtuan-d001, yangtuan-d002]
      villages: [前庄村, 后湖村]
      participants: 6
      focus: 饮水安全
      summary: 专题调研安全饮水工程
      findings: 后湖村水压不足
      follow_up: 已交县水利局，管网改造列入计划
    - id: yangtuan-a201909-006
      date: 2019-09-07
      kind: 调研视察
      deputies: [yangtuan-d001]
      villages: [前庄村]
      summary: 视察前庄村道路
    - id: yangtuan-a201909-007
      date: 2019-09-08
      kind: 宣传报道
      deputies: [yangtuan-d002]
      outlet: 微信
      summary: 公众号报道李秀英代表
    - id: yangtuan-a201909-008
      date: 2019-09-09
      kind: 宣传报道
      deputies: [yangtuan-d001]
      outlet: web
      summary: 县人大网报道张伟代表
    - id: yangtuan-a201909-009
      date: 2019-09-10
      kind: 宣传报道
      deputies: [yangtuan-d001]
      outlet: 微信
      summary: 公众号报道张伟代表
    - id: yangtuan-a201909-010
      date: 2019-09-11
      kind: 模范带头
      deputies: [yangtuan-d001]
      household: yangtuan-h0001
      funds: 500000
      projects: 2
      jobs: 3
      summary: 协调争取饮水项目资金
    - id: yangtuan-a201909-011
      date: 2019-09-12
      kind: 模范带头
      deputies: [yangtuan-d002]
      amount: 20000
      summary: 捐建村文化广场
"""
PROPOSALS = """
    - id: yangtuan-j2019-01
      type: 建议
      title: 关于改造后湖村供水管网的建议
      lead: yangtuan-d002
      date: 2019-10-10
      session: 闭会期间
      focus: 饮水安全
"""
DAY = dt.date(2019, 12, 20)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2020-01-15")


@pytest.fixture
def data(folder):
    return folder({SEPTEMBER: WORK, "townships/yangtuan/proposals.yaml": PROPOSALS})


def half(data, township="yangtuan"):
    period = periods.parse("2019H2")
    return reports.make(DataFolder(data), ReportKind.half, period, township=township, date=DAY)


def test_the_new_fields_load_and_old_outlet_names_read_as_the_seeds_words(data):
    records = DataFolder(data).load()
    assert [f for f in records.findings if f.level != "info"] == []
    acts = records.activities
    assert acts["yangtuan-a201909-010"].household == "yangtuan-h0001"
    assert acts["yangtuan-a201909-008"].outlet == "网络"  # web, the seed's word
    assert acts["yangtuan-a201909-007"].outlet == "微信"  # not in the seed's list: kept
    assert acts["yangtuan-a201909-005"].form is models.TripForm.research
    assert acts["yangtuan-a201909-004"].aid is models.HelpKind.medical


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"kind": "串门", "household": "h", "aid": "就业"}, "不应填写 aid"),
        ({"kind": "调研视察", "villages": ["村"], "follow_up": "已整改"}, "findings"),
        ({"kind": "宣传报道", "outlet": "微信", "form": "专题调研"}, "不应填写 form"),
    ],
)
def test_the_new_fields_only_where_they_belong(fields, words):
    base = {"id": "x-a1", "date": "2019-09-01", "township": "x", "deputies": ["x-d1"]}
    with pytest.raises(ValidationError, match=words):
        models.Activity.model_validate({**base, "summary": "s", **fields})


def test_figures_counted_by_hand(data):
    f = half(data).figures["yangtuan"]
    assert f.count("supervision") == 1  # 张伟 is the liaison leader
    assert f.count("deputy_supervision") == 1  # 李秀英's 督查 is a deputy's
    assert (f.count("aid"), f.count("aid_jobs"), f.count("aid_medical")) == (2, 1, 1)
    assert (f.count("trips"), f.count("trips_research"), f.count("trips_inspection")) == (2, 1, 0)
    assert (f.count("publicity"), f.count("outlet_web"), f.count("outlet_other")) == (3, 1, 2)
    assert (f.count("focus"), f.count("focus_water"), f.count("focus_medical")) == (2, 1, 1)
    assert (f.money("funds"), f.count("projects"), f.count("jobs")) == (Decimal(500000), 2, 3)


def test_paragraphs_as_data(data):
    made = half(data)
    v = made.values
    cadre, farmer = v["sectors"]
    assert (cadre.sector, cadre.deputies) == (models.Sector.cadre, 1)
    assert dict((what, n) for what, n, _ in cadre.parts) == {
        "引进资金": Decimal(500000),
        "引进项目": 2,
        "提供就业岗位": 3,
        "参加调研视察": 2,
    }
    assert dict((what, n) for what, n, _ in farmer.parts) == {
        "入户开展“六个一”帮扶": 2,
        "帮助解决实际困难": 2,
        "捐资捐物": Decimal(20000),
        "参加调研视察": 1,
        "领衔提出议案建议": 1,
    }
    assert v["outlets"] == [("网络", 1), ("微信", 2)]
    (first, second) = v["trip_notes"]
    assert (first.form, first.villages, first.deputies, first.others) == (
        "专题调研",
        ["前庄村", "后湖村"],
        2,
        6,
    )
    assert first.follow_up.startswith("已交县水利局") and second.form == ""
    # the deeds rule: contributions by money (500000, then 20000); nobody has 4 visits
    assert [d.source for d in v["deeds"]] == ["yangtuan-a201909-010", "yangtuan-a201909-011"]


def test_paragraphs_as_printed(data):
    text = render_markdown(half(data))
    assert "县人大常委会联系领导到我镇督查1次；代表督查1次。" in text
    assert "宣传代表事迹3篇，其中网络1篇、微信2篇。" in text
    assert "帮助结对户解决实际困难2次，其中就业1次、就医1次。" in text
    assert "专题调研和集中视察2次，其中专题调研1次，代表参加3人次" in text
    assert "发现的问题：后湖村水压不足。处理情况：已交县水利局，管网改造列入计划。" in text
    assert "（一）干部身份的代表（含县人大常委会组成人员）。共1名，引进资金50万元" in text
    assert "围绕美丽乡村建设、富民产业培育等重点任务开展活动2次，其中饮水安全1次、" in text
    assert "张伟代表2019年9月11日协调争取饮水项目资金，引进资金50万元，项目2个，" in text
    assert "帮扶王建国户。" in text
    assert "代表提出议案、建议1件，其中饮水安全方面1件，尚未得到答复。" in text


def test_the_clerk_pins_and_drops_deeds_and_writes_the_experience(data):
    notes = data / "notes" / "yangtuan"
    notes.mkdir(parents=True)
    (notes / "2019H2-典型事迹.yaml").write_text(
        "pin: [yangtuan-d002]\ndrop: [yangtuan-a201909-010]\n", encoding="utf-8"
    )
    (notes / "2019H2-经验做法.md").write_text("一是建立**代表联系户**台账。\n", encoding="utf-8")
    made = half(data)
    deeds = made.values["deeds"]
    assert [(d.source, d.pinned) for d in deeds] == [
        ("yangtuan-d002", True),
        ("yangtuan-a201909-011", False),
    ]
    text = render_markdown(made)
    assert "（一）李秀英代表结对帮扶1户，入户开展“六个一”帮扶2次，其中帮助解决" in text
    assert "一是建立**代表联系户**台账。" in text  # the clerk's Markdown, as written
    county = reports.make(DataFolder(data), ReportKind.county, periods.parse("2019H2"), date=DAY)
    assert "杨疃镇：一是建立**代表联系户**台账。" in render_markdown(county)
    # the county's deeds follow the rule (the township's pins are its own): 张伟's 50万 first
    assert county.values["deeds"][0].sentence.startswith("杨疃镇张伟代表2019年9月11日")


def test_a_pin_of_nothing_is_a_usage_error_naming_the_file(data):
    notes = data / "notes" / "yangtuan"
    notes.mkdir(parents=True)
    (notes / "2019H2-典型事迹.yaml").write_text("pin: [yangtuan-a209901-001]\n", "utf-8")
    with pytest.raises(UsageError, match="notes/yangtuan/2019H2-典型事迹.yaml"):
        half(data)


def test_log_a_contribution_for_a_household_and_an_open_outlet(tiny, cli):
    result = cli(
        *("--data", str(tiny), "log", "contribution", "-D", "yangtuan-d001"),
        *("-H", "yangtuan-h0001", "--jobs", "3", "--date", "2019-07-02", "-s", "安排就业"),
    )
    assert result.exit_code == 0, result.output
    result = cli(
        *("--data", str(tiny), "log", "publicity", "-D", "yangtuan-d001", "--outlet", "微信"),
        *("--date", "2019-07-03", "-s", "公众号报道"),
    )
    assert result.exit_code == 0, result.output
    result = cli(
        *("--data", str(tiny), "log", "trip", "-D", "yangtuan-d001", "--village", "后湖村"),
        *("--form", "集中视察", "--findings", "路面破损", "--follow-up", "已修复"),
        *("--date", "2019-07-04", "-s", "视察道路"),
    )
    assert result.exit_code == 0, result.output
    acts = DataFolder(tiny).load().activities
    assert acts["yangtuan-a201907-001"].household == "yangtuan-h0001"
    assert acts["yangtuan-a201907-002"].outlet == "微信"
    trip = acts["yangtuan-a201907-003"]
    assert (trip.form, trip.follow_up) == (models.TripForm.inspection, "已修复")


def test_resources_in_the_deputy_record_and_stats(data, cli):
    period = periods.year(2019)
    made = reports.make(
        DataFolder(data), ReportKind.deputy, period, deputy="yangtuan-d001", date=DAY
    )
    # 张伟's own: the 2019-05 tiny county has no money of his; September brings these
    assert made.values["resources"] == {
        "donations": Decimal(0),
        "funds": Decimal(500000),
        "projects": 2,
        "jobs": 3,
        "cooperatives": 0,
    }
    assert "本年度引进资金50万元，引进项目2个，提供就业岗位3个。" in render_markdown(made)
    result = cli("--data", str(data), "stats", "--half", "2019H2", "--format", "json")
    rows = {r["township"]: r for r in json.loads(result.output)["rows"]}
    assert (rows["yangtuan"]["funds"], rows["yangtuan"]["projects"]) == (500000, 2)
    assert (rows[None]["funds"], rows[None]["donations"]) == (500000, 20000)


def test_follow_up_is_recorded_on_a_trip_with_findings(data, cli):
    rel = data / SEPTEMBER
    before = rel.read_text(encoding="utf-8")
    refused = cli("--data", str(data), "follow-up", "yangtuan-a201909-006", "已修复")
    assert refused.exit_code == 1 and "findings" in refused.output  # the trip found nothing
    result = cli("--data", str(data), "follow-up", "yangtuan-a201909-005", "管网改造已完工")
    assert result.exit_code == 0, result.output
    after = rel.read_text(encoding="utf-8")
    old = "  follow_up: 已交县水利局，管网改造列入计划\n"
    assert after == before.replace(old, "  follow_up: 管网改造已完工\n")
    trip = DataFolder(data).load().activities["yangtuan-a201909-005"]
    assert trip.follow_up == "管网改造已完工"
