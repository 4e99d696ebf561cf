"""``lingbi import``: office sheets in, all or nothing, rows located, never a duplicate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from lingbi_cli import models

TOWNSHIP_FILES = ("deputies.yaml", "households.yaml", "pairings.yaml")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINGBI_TODAY", "2020-12-31")


def id_number(n: int, year: int = 1970) -> str:
    first = f"341323{year}0101{n:03d}"
    return first + models.check_digit(first)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*.yaml")
        if ".lingbi-cache" not in p.parts
    }


def office_deputies(path: Path, count: int = 40, bad: bool = True) -> Path:
    """A deputies' roster as an office keeps it: a merged title row, Chinese headers as they
    write them, dates as Excel serial numbers in some rows, an unknown column (民族)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "代表名册"
    sheet.append(["杨疃镇人大代表名册（2019年）"])
    sheet.merge_cells("A1:J1")
    sheet.append(["序号", "姓  名", "性别", "民族", "代表层级", "所在乡镇", "选区", "界别",
                  "单位性质", "联系电话", "当选时间"])  # fmt: skip
    for n in range(1, count + 1):
        term: Any = 42694 if n % 2 else dt.date(2016, 11, 20)  # serial 42694 = 2016-11-20
        sheet.append([n, f"代表{n:02d}", "男" if n % 2 else "女", "汉", "乡", "杨疃镇",
                      f"第{n % 5 + 1}选区", "农民", "农村", 13900000000 + n, term])  # fmt: skip
    if bad:
        sheet["C7"] = "未知"  # row 7: 性别 out of its list
        sheet["K9"] = "2016.2.30"  # row 9: no such day
    book.save(path)
    return path


def office_households(path: Path, count: int = 100, bad: bool = True) -> Path:
    """A 建档立卡 roster saved by Excel as CSV on Chinese Windows: GBK, a title line, the
    system's headers, ID numbers as text — except one that Excel turned into a number."""
    lines = [
        "灵璧县杨疃镇建档立卡贫困户花名册,,,,,,,,,,",
        "序号,乡镇,行政村,自然村,户主姓名,证件号码,家庭人口数,贫困户属性,主要致贫原因,"
        "识别年度,联系电话",
    ]
    for n in range(1, count + 1):
        number = id_number(n)
        if bad and n == 5:
            number = "3.41323E+17"
        lines.append(
            f"{n},杨疃镇,前庄村,{n % 4 + 1}组,户主{n:03d},{number},{n % 5 + 1},一般贫困户,"
            f"因病、缺技术,2016,0139055{n:05d}"
        )
    if bad:
        lines.append(",,,,,,,,,,")  # an empty row
        lines.append(lines[3])  # a duplicate of the first household's row
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    return path


def test_done_when_office_sheets_import_all_or_nothing(
    tiny: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    before = snapshot(tiny)
    deputies = office_deputies(tmp_path / "代表.xlsx")
    result = cli("--data", str(tiny), "import", "deputies", str(deputies))
    assert result.exit_code == 1, result.output
    assert "代表.xlsx 代表名册!7:C 性别 “未知”不在可选范围内" in result.stderr
    assert "代表.xlsx 代表名册!9:K 当选时间 日期 2016.2.30 不存在" in result.stderr
    assert "没有写入任何文件" in result.stderr
    households = office_households(tmp_path / "花名册.csv")
    result = cli(
        "--data", str(tiny), "import", "households", str(households), "--set", "来源=乡镇帮扶点"
    )
    assert result.exit_code == 1
    assert "花名册.csv 花名册!7:F 证件号码 身份证号被 Excel 存成了数字" in result.stderr
    assert snapshot(tiny) == before  # nothing half-written

    office_deputies(deputies, bad=False)
    result = cli("--data", str(tiny), "import", "deputies", str(deputies))
    assert result.exit_code == 0, result.stderr
    assert "新增代表 40 条（yangtuan-d003 … yangtuan-d042）" in result.output
    assert "没有导入的列：民族" in result.output
    office_households(households, bad=False)
    result = cli(
        "--data", str(tiny), "import", "households", str(households), "--set", "来源=乡镇帮扶点"
    )
    assert result.exit_code == 0, result.stderr
    assert "编码 GBK" in result.output and "表头在第 2 行" in result.output
    assert "新增贫困户 100 条（yangtuan-h0004 … yangtuan-h0103）" in result.output
    check = cli("--data", str(tiny), "check")
    assert check.exit_code == 0, check.output
    text = (tiny / "townships/yangtuan/households.yaml").read_text("utf-8")
    assert "phone: '013905500001'" in text  # the leading zero kept
    deputies_text = (tiny / "townships/yangtuan/deputies.yaml").read_text("utf-8")
    assert deputies_text.count("term_start: 2016-11-20") == 42  # serial dates and date cells


def test_existing_bytes_are_kept_and_comments_survive(
    tiny: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    target = tiny / "townships/yangtuan/households.yaml"
    target.write_text("# 手工写的说明\n" + target.read_text("utf-8"), encoding="utf-8")
    old = target.read_bytes()
    sheet = tmp_path / "h.csv"
    sheet.write_text(
        "户主姓名,证件号码,乡镇,行政村,家庭人口数,贫困户属性,致贫原因,建档年份,来源\n"
        f"钱七,{id_number(7)},杨疃镇,后湖村,2,低保户,因残,2016,乡镇帮扶点\n",
        encoding="utf-8",
    )
    assert cli("--data", str(tiny), "import", "households", str(sheet)).exit_code == 0
    new = target.read_bytes()
    assert new.startswith(old) and b"id: yangtuan-h0004" in new[len(old) :]


def test_a_row_matching_an_existing_record_is_skipped_or_updated_never_duplicated(
    tiny: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    sheet = tmp_path / "h.csv"
    sheet.write_text(
        "户主姓名,证件号码,乡镇,行政村,家庭人口数,贫困户属性,致贫原因,建档年份,来源\n"
        "王建国,34132319650315013X,杨疃镇,前庄村,4,一般贫困户,因病、缺技术,2016,单位帮扶户\n"
        "赵桂兰,341323195803200026,杨疃镇,后湖村,3,低保贫困户,因残,2015,乡镇帮扶点\n",
        encoding="utf-8",
    )
    before = snapshot(tiny)
    result = cli("--data", str(tiny), "import", "households", str(sheet))
    assert result.exit_code == 0
    assert "与已有记录相同、无需改动 1 行" in result.output
    assert (
        "h.csv h!3 与已有的贫困户 yangtuan-h0002（身份证号相同）内容不同，没有更新" in result.output
    )
    assert "家庭人口数：2 → 3" in result.output
    assert snapshot(tiny) == before
    result = cli("--data", str(tiny), "import", "households", str(sheet), "--update", "-n")
    assert "-  members: 2\n+  members: 3" in result.output
    assert snapshot(tiny) == before
    result = cli("--data", str(tiny), "import", "households", str(sheet), "--update")
    assert "第 3 行 → yangtuan-h0002：家庭人口数" in result.output
    text = (tiny / "townships/yangtuan/households.yaml").read_text("utf-8")
    assert text.count("id_number: '341323195803200026'") == 1 and "members: 3" in text


def test_duplicate_rows_in_a_sheet(tiny: Path, tmp_path: Path, cli: Callable[..., Any]) -> None:
    row = f"钱七,{id_number(7)},杨疃镇,后湖村,2,一般贫困户,因残,2016,乡镇帮扶点"
    sheet = tmp_path / "h.csv"
    head = "户主姓名,证件号码,乡镇,行政村,家庭人口数,贫困户属性,致贫原因,建档年份,来源\n"
    sheet.write_text(head + row + "\n" + row + "\n", encoding="utf-8")
    result = cli("--data", str(tiny), "import", "households", str(sheet), "-n")
    assert "跳过重复行 1 行" in result.output and "将新增贫困户 1 条" in result.output
    sheet.write_text(head + row + "\n" + row.replace(",2,", ",3,") + "\n", encoding="utf-8")
    result = cli("--data", str(tiny), "import", "households", str(sheet))
    assert result.exit_code == 1
    assert "h.csv h!3 与第 2 行是同一贫困户（身份证号相同），但内容不同" in result.stderr


def test_rules_of_the_write_commands_judge_every_row(
    tiny: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    sheet = tmp_path / "结对.csv"
    sheet.write_text(
        "代表姓名,户主姓名,所在村,结对日期\n"
        "李秀英,孙德胜,后湖村,2019-03-01\n"  # fine: a rural deputy, a township household
        "张伟,孙德胜,后湖村,2019-03-01\n"  # an organ deputy, a household not on the unit's list
        "李秀英,王建国,前庄村,2017-01-01\n",  # before the campaign
        encoding="utf-8",
    )
    before = snapshot(tiny)
    result = cli("--data", str(tiny), "import", "pairings", str(sheet))
    assert result.exit_code == 1
    assert "结对.csv 结对!3 [household-source]" in result.stderr
    assert "结对.csv 结对!4 [date-range]" in result.stderr
    assert "结对.csv 结对!2" not in result.stderr
    assert snapshot(tiny) == before


def test_activities_by_deputy_name_into_their_month_files(
    tiny: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    sheet = tmp_path / "活动.csv"
    sheet.write_text(
        "日期,类别,代表,户主姓名,内容摘要,金额（元）\n"
        "2019年6月3日,串门,张伟,王建国,入户走访,\n"
        '2019.6.9,捐资,李秀英,赵桂兰,捐助化肥款,"1,200"\n'
        "2019-06-12,谈心,李秀英,王建国,谈心,\n",  # not paired with 王建国
        encoding="utf-8",
    )
    result = cli("--data", str(tiny), "import", "activities", str(sheet))
    assert result.exit_code == 1
    assert "活动.csv 活动!4 [pairing-window]" in result.stderr
    lines = sheet.read_text("utf-8").splitlines()
    sheet.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    result = cli("--data", str(tiny), "import", "activities", str(sheet))
    assert result.exit_code == 0, result.stderr
    text = (tiny / "townships/yangtuan/activities/2019-06.yaml").read_text("utf-8")
    assert "id: yangtuan-a201906-001" in text and "amount: 1200" in text


def test_map_set_township_and_sheet_options(
    tiny: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "说明"
    sheet = book.create_sheet("名单")
    sheet.append(["联系人", "对象", "地点", "日子"])
    sheet.append(["李秀英", "孙德胜", "后湖村", dt.date(2019, 3, 1)])
    path = tmp_path / "名单.xlsx"
    book.save(path)
    args = ["--data", str(tiny), "import", "pairings", str(path), "--sheet", "名单"]
    result = cli(*args)
    assert result.exit_code == 2 and "找不到结对表的表头" in result.stderr
    mapped = [*args, "--map", "联系人=代表姓名", "--map", "对象=household", "--map", "日子=start"]
    result = cli(*mapped, "-n")
    assert result.exit_code == 0, result.stderr
    assert "+  deputy: yangtuan-d002\n+  household: yangtuan-h0003" in result.output
    assert "chosen_by: 乡镇推荐" in result.output  # from the deputy's employer type
    result = cli(*mapped, "--set", "确定方式=单位名单", "-n")
    assert result.exit_code == 1 and "[household-source]" in result.stderr


def test_a_per_person_roster_keeps_heads_and_counts_members(
    tiny: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    sheet = tmp_path / "花名册.csv"
    sheet.write_text(
        "户编号,姓名,与户主关系,证件号码,行政村,贫困户属性,致贫原因,识别年度\n"
        f"A01,钱七,户主,{id_number(7)},后湖村,一般贫困户,缺资金,2016\n"
        f"A01,钱小七,之子,{id_number(8, 2000)},后湖村,一般贫困户,缺资金,2016\n"
        f"A01,孙小红,配偶,{id_number(9)},后湖村,一般贫困户,缺资金,2016\n"
        f"A02,周八,户主,{id_number(10)},后湖村,一般贫困户,缺资金,2016\n",
        encoding="utf-8",
    )
    result = cli(
        "--data", str(tiny), "import", "households", str(sheet),
        "-t", "杨疃", "--set", "来源=乡镇帮扶点", "-n",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "跳过家庭成员行（与户主关系不是户主） 2 行" in result.output
    assert "+  head: 钱七" in result.output and "+  members: 3" in result.output
    assert "+  head: 周八" in result.output and "+  members: 1" in result.output


def test_template_filled_in_imports_without_an_error(
    tiny: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    rows = {
        "deputies": ["1", "王芳", "女", "县、乡", "杨疃镇", "第二选区", None, "教科文卫",
                     "事业单位", "县教育局", "否", "013905571234", dt.date(2016, 11, 20), None],
        "households": ["1", "杨疃镇", "后湖村", "二组", "钱七", id_number(7), 3, "低保贫困户",
                       "缺资金", 2016, "2019年11月20日已脱贫", "乡镇帮扶点", None, None],
        "units": ["1", None, "县民政局", "机关", None],
        "townships": ["1", "weiji", "韦集镇", None, "韦集社区"],
        "pairings": ["1", "李秀英", "孙德胜", None, "后湖村", dt.date(2019, 3, 1),
                     None, None, None],
        "activities": ["1", dt.date(2019, 6, 3), "串门", None, "张伟", "王建国", None, "入户走访",
                       *[None] * 14],
    }  # fmt: skip
    for kind, values in rows.items():
        path = tmp_path / f"{kind}.xlsx"
        assert cli("--data", str(tiny), "template", kind, "-o", str(path)).exit_code == 0
        book = openpyxl.load_workbook(path)
        sheet = book.worksheets[0]
        headers = [c.value for c in sheet[1]]
        assert len(headers) == len(values), (kind, headers)
        for column, value in enumerate(values, start=1):
            sheet.cell(3, column, value)
        book.save(path)
        result = cli("--data", str(tiny), "import", kind, str(path))
        assert result.exit_code == 0, (kind, result.stderr)
        assert "跳过示例行 1 行" in result.output and "已新增" in result.output
    assert "phone: '013905571234'" in (tiny / "townships/yangtuan/deputies.yaml").read_text()
    households = (tiny / "townships/yangtuan/households.yaml").read_text()
    assert "status_history: [{date: 2019-11-20, status: 已脱贫}]" in households


def test_an_old_xls_workbook_imports(tiny: Path, cli: Callable[..., Any]) -> None:
    """``tests/fixtures/代表名册.xls``: a merged title row, 界别 written 农民, a date cell and an
    Excel serial date (saved in the Excel 97–2003 format by LibreOffice)."""
    path = Path(__file__).parent / "fixtures" / "代表名册.xls"
    result = cli("--data", str(tiny), "import", "deputies", str(path), "-n")
    assert result.exit_code == 0, result.stderr
    assert "表头在第 2 行" in result.output and "将新增代表 2 条" in result.output
    assert "+  name: 吴刚" in result.output and "+  levels: [县, 乡]" in result.output
    assert result.output.count("+  term_start: 2016-11-20") == 2


def test_a_missing_column_is_said_once_and_an_empty_required_cell_where_it_is(
    tiny: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    sheet = tmp_path / "h.csv"
    sheet.write_text(
        "户主姓名,证件号码,行政村,家庭人口数,贫困户属性,致贫原因,来源\n"
        f"钱七,{id_number(7)},后湖村,,一般贫困户,缺资金,乡镇帮扶点\n"
        f"周八,{id_number(10)},后湖村,2,一般贫困户,缺资金,乡镇帮扶点\n",
        encoding="utf-8",
    )
    result = cli("--data", str(tiny), "import", "households", str(sheet), "-t", "杨疃镇")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()[1:]
    assert lines == [
        "  h.csv h!1 建档年份 表中没有“建档年份”这一列；可用 --set 建档年份=值 或 "
        "--map 列名=建档年份（2 行）",
        "  h.csv h!2:D 家庭人口数 必填，不能空着",
    ]
