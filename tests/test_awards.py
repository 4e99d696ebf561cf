"""Awards and 爱心人士: lingbi award and its refusals (under the lock), lingbi donor, the awards
in the year summary and the deputy record, the 爱心人士 ranking, 行动迅速 in 先进单位, and a
township's own standing — counted by hand on the tiny county, and on a copy of the sample."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from textwrap import dedent

import pytest
from conftest import TINY

from lingbi_cli import periods, reports
from lingbi_cli.actions import awards as award_actions
from lingbi_cli.reports import ReportKind
from lingbi_cli.reports.render import render_markdown
from lingbi_cli.store.folder import DataFolder

AWARDS = "county/awards.yaml"
DONORS = "townships/yangtuan/donors.yaml"
GIFTS = """
    - id: yangtuan-g001
      name: 蔡春广
      date: 2019-05-01
      gift: 捐资修路
      amount: 150000
      village: 后湖村
    - id: yangtuan-g002
      name: 灵璧县爱心协会
      kind: 单位
      date: 2019-08-01
      gift: 为王建国家捐赠化肥
      amount: 3000
      household: yangtuan-h0001
    - id: yangtuan-g003
      name: 灵璧县爱心协会
      kind: 单位
      date: 2019-11-01
      gift: 为孙德胜家捐赠衣物
      amount: 2000
      household: yangtuan-h0003
    - id: yangtuan-g004
      name: 蔡春广
      date: 2020-03-01
      gift: 下一年的捐赠，不计入2019年
      amount: 90000
"""
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")


@pytest.fixture
def data(folder):
    return folder({DONORS: GIFTS})


def run(cli, data, *args):
    return cli("--data", str(data), *args)


def test_an_award_is_written_and_read_back(cli, data):
    result = run(cli, data, "award", "扶贫之星", "李秀英", "--year", "2019", "-r", "帮扶得力")
    assert result.exit_code == 0, result.output
    assert "已登记2019年度扶贫之星 award-2019-01 → county/awards.yaml" in result.output
    result = run(cli, data, "award", "先进单位", "杨疃镇", "--year", "2019", "-r", "组织有力")
    assert result.exit_code == 0, result.output
    awards = DataFolder(data).load().awards
    assert awards["award-2019-01"].deputy == "yangtuan-d002"
    assert awards["award-2019-02"].township == "yangtuan"  # the recipient is kept


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["扶贫之王", "李秀英", "--year", "2019"], "不是《实施意见》规定的奖项"),
        (["扶贫之星", "王五", "--year", "2019"], "找不到代表“王五”"),
        (["先进单位", "朝阳镇", "--year", "2019"], "找不到乡镇“朝阳镇”"),
        (["扶贫之星", "李秀英", "--year", "2021"], "2021年不在活动期间"),
        (["爱心代表", "李秀英", "--year", "2017"], "2017年不在活动期间"),
        (["爱心人士", "无名氏", "--year", "2019"], "没有“无名氏”的爱心捐赠记录"),
    ],
)
def test_award_refusals_write_nothing(cli, data, args, message):
    before = (data / AWARDS).read_bytes() if (data / AWARDS).exists() else b""
    result = run(cli, data, "award", *args, "-r", "事迹")
    assert result.exit_code == 1, result.output
    assert message in result.output
    after = (data / AWARDS).read_bytes() if (data / AWARDS).exists() else b""
    assert after == before


def test_a_deputy_out_of_office_that_year_is_refused(cli, folder):
    leaver = """
        - id: yangtuan-d003
          name: 周明
          gender: 男
          levels: [乡]
          district: 第二选区
          sector: 企业
          employer: 企业
          term_start: 2016-11-20
          term_end: 2018-12-31
    """
    deputies = "townships/yangtuan/deputies.yaml"
    data = folder({deputies: dedent(TINY[deputies]) + dedent(leaver)})
    result = run(cli, data, "award", "爱心代表", "周明", "--year", "2019", "-r", "捐资")
    assert result.exit_code == 1 and "周明2019年不在任" in result.output
    assert (
        run(cli, data, "award", "爱心代表", "周明", "--year", "2018", "-r", "捐资").exit_code == 0
    )


def test_duplicate_award_is_refused(cli, data):
    args = ("award", "爱心人士", "蔡春广", "--year", "2019", "-r", "捐资修路")
    assert run(cli, data, *args).exit_code == 0
    result = run(cli, data, *args)
    assert result.exit_code == 1
    assert "2019年度爱心人士已经授予蔡春广（award-2019-01，county/awards.yaml:" in result.output
    # the same person in another year is another award
    assert run(cli, data, "award", "爱心人士", "蔡春广", "--year", "2020", "-r", "x").exit_code == 0


def test_duplicate_written_by_another_clerk_meanwhile_is_refused_under_the_lock(data, monkeypatch):
    # Another process writes the same award after this one read the folder and before it
    # takes the lock: the judge sees the file as it is under the lock.
    real = award_actions.append

    def meanwhile(*args, **kwargs):
        path = data / AWARDS
        path.write_text(
            "- id: award-2019-01\n  year: 2019\n  category: 扶贫之星\n"
            "  deputy: yangtuan-d002\n  reason: 别的文书先登记了\n",
            encoding="utf-8",
        )
        return real(*args, **kwargs)

    monkeypatch.setattr(award_actions, "append", meanwhile)
    from lingbi_cli.errors import RefusedError
    from lingbi_cli.models import AwardCategory

    with pytest.raises(RefusedError, match="已经授予李秀英"):
        award_actions.record_award(DataFolder(data), AwardCategory.star, 2019, "李秀英", "x")
    assert (data / AWARDS).read_text(encoding="utf-8").count("award-2019-01") == 1


def test_a_gift_is_recorded_and_an_unknown_household_refused(cli, folder):
    data = folder()
    args = ["donor", "灵璧县爱心协会", "-t", "杨疃镇", "--gift", "捐赠化肥", "--organisation"]
    result = run(cli, data, *args, "--amount", "3000", "-H", "王建国", "--date", "2019-08-01")
    assert result.exit_code == 0, result.output
    assert "已登记爱心人士捐赠 yangtuan-g001 → townships/yangtuan/donors.yaml:" in result.output
    gift = DataFolder(data).load().donors["yangtuan-g001"]
    assert (gift.kind.value, gift.amount, gift.household) == (
        "单位",
        Decimal(3000),
        "yangtuan-h0001",
    )
    refused = run(cli, data, *args, "-H", "无此户", "--date", "2019-08-02")
    assert refused.exit_code == 1 and "找不到贫困户“无此户”" in refused.output
    early = run(cli, data, *args, "--date", "2017-08-02")
    assert early.exit_code == 1 and "不在活动期间" in early.output


def year_summary(data, township=None):
    made = reports.make(
        DataFolder(data),
        ReportKind.year,
        periods.parse("2019"),
        township=township,
        date=dt.date(2020, 1, 15),
    )
    return made, render_markdown(made)


def test_caring_people_ranked_by_hand(data):
    made, text = year_summary(data)
    people = next(r for r in made.values["awards"] if r.award == "爱心人士").table
    # 2019: 蔡春广 ¥150,000 in one gift; 灵璧县爱心协会 ¥3,000 + ¥2,000 in two (the 2020 gift
    # is not counted). score = .8·amount/150000 + .2·gifts/2
    assert people.column("name") == ["蔡春广", "灵璧县爱心协会"]
    assert people.column("amount") == [Decimal(150000), Decimal(5000)]
    assert people.column("gifts") == [1, 2]
    assert people.column("score") == [round(0.8 + 0.1, 3), round(0.8 * 5000 / 150000 + 0.2, 3)]
    assert "请各乡镇另行推荐" not in text and "另行推荐" not in text


def test_awards_given_appear_in_the_year_summary_and_the_deputy_record(cli, data):
    for args in (
        ("先进单位", "杨疃镇"),
        ("扶贫之星", "李秀英"),
        ("爱心人士", "蔡春广"),
    ):
        assert run(cli, data, "award", *args, "--year", "2019", "-r", "事迹").exit_code == 0
    _, county = year_summary(data)
    assert (
        "本年度县人大常委会已表彰：先进单位杨疃镇；扶贫之星李秀英（杨疃镇）；爱心人士蔡春广。"
        in county
    )
    _, own = year_summary(data, "yangtuan")
    assert "本年度县人大常委会已表彰：先进单位杨疃镇；扶贫之星李秀英；爱心人士蔡春广。" in own
    record = run(cli, data, "report", "--deputy", "李秀英", "--year", "2019").stdout
    assert "获得县人大常委会表彰：2019年度扶贫之星。" in record
    other = run(cli, data, "report", "--deputy", "张伟", "--year", "2019").stdout
    assert "本年度没有获得县人大常委会的表彰。" in other


FILINGS = """
    - id: yangtuan-f2019-01
      kind: 活动方案
      period: '2019'
      date: 2019-03-20
    - id: yangtuan-f2019-02
      kind: 帮扶名单
      period: '2019'
      date: 2019-03-29
    - id: yangtuan-f2019-03
      kind: 上半年报告
      period: 2019H1
      date: 2019-06-25
"""
LATE_PAIRING = """
    - id: yangtuan-p0003
      deputy: yangtuan-d002
      household: yangtuan-h0003
      start: 2019-05-10
      chosen_by: 乡镇推荐
"""


def prompt_of(data):
    made, _ = year_summary(data, "yangtuan")
    unit = made.values["awards"][0].table
    return unit.column("prompt")[0], unit.column("rank")[0]


def test_promptness_counted_by_hand(folder):
    # Due in 2019 by 15 January 2020: the plan and the list (31 March), the H1 report (20 June),
    # the H2 report or year summary (20 December) → 4; the 2018 pairings' first meetings were
    # due in 2018. None filed → 0 of 4 in time.
    assert prompt_of(folder()) == (0.0, 1)
    # plan and list in time, H1 five days late, H2 missing → 2 of 4 = 50 %
    data = folder({"townships/yangtuan/filings.yaml": FILINGS})
    assert prompt_of(data) == (50.0, 1)
    # a pairing made on 10 May 2019 with no meeting by its deadline (9 June) → 2 of 5 = 40 %
    pairings = "townships/yangtuan/pairings.yaml"
    data = folder({pairings: dedent(TINY[pairings]) + dedent(LATE_PAIRING)})
    assert prompt_of(data) == (40.0, 1)


@pytest.fixture
def sample(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns(".lingbi-cache"))
    return target


def units(data, township=None):
    made, _ = year_summary(data, township)
    return made.values["awards"][0].table


def test_a_township_with_three_missing_filings_cannot_rank_first(sample):
    first = units(sample)
    leader = first.column("name")[0]
    assert first.column("prompt")[0] == 100.0
    ids = {t.name: t.id for t in DataFolder(sample).load().townships.values()}
    # take away the leader's 2019 plan, pairing list and H1 report
    path = sample / f"townships/{ids[str(leader)]}/filings.yaml"
    text = path.read_text(encoding="utf-8")
    for n in ("01", "02", "03"):
        record = f"- id: {ids[str(leader)]}-f2019-{n}\n"
        start = text.index(record)
        end = text.index("- id:", start + len(record))
        text = text[:start] + text[end:]
    path.write_text(text, encoding="utf-8")
    after = units(sample)
    assert after.column("name")[0] != leader
    assert after.column("prompt")[after.column("name").index(leader)] < 100.0


def test_a_township_summary_shows_its_own_standing_only(sample):
    county = units(sample)
    for township in DataFolder(sample).load().townships.values():
        own = units(sample, township.id)
        assert len(own.rows) == 1 and own.rows[0][1] == township.name
        assert own.rows[0] == county.rows[county.column("name").index(township.name)]


def test_gifts_imported_from_a_sheet_once(cli, folder, tmp_path):
    import openpyxl

    data = folder()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["捐赠人", "捐赠日期", "乡镇", "捐赠内容", "金额", "户主姓名"])
    sheet.append(["张三", "2019-06-01", "杨疃镇", "捐赠米面油", 800, "孙德胜"])
    sheet.append(["灵璧县爱心协会", "2019-07-01", "杨疃镇", "捐资修路", 30000, None])
    book.save(tmp_path / "捐赠.xlsx")
    result = run(cli, data, "import", "donors", str(tmp_path / "捐赠.xlsx"))
    assert result.exit_code == 0, result.output
    assert "已新增爱心人士 2 条" in result.output
    gifts = DataFolder(data).load().donors
    assert gifts["yangtuan-g001"].household == "yangtuan-h0003"
    assert gifts["yangtuan-g002"].amount == Decimal(30000)
    again = run(cli, data, "import", "donors", str(tmp_path / "捐赠.xlsx"))
    assert "与已有记录相同、无需改动 2 行" in again.output


def test_year_summary_workbook_has_the_rankings(cli, data, tmp_path):
    import openpyxl

    target = tmp_path / "总结.xlsx"
    args = ("report", "--year", "2019", "-t", "杨疃镇", "-f", "xlsx", "-o", str(target))
    assert run(cli, data, *args).exit_code == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [
        "代表参加活动情况统计表",
        "先进单位候选排名",
        "扶贫之星候选排名",
        "爱心代表候选排名",
        "爱心人士候选排名",
    ]
    people = book["爱心人士候选排名"]
    assert [c.value for c in people[3]][:4] == [1, "蔡春广", 150000, 1]
