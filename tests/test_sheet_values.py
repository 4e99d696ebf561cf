"""Reading cells and files: every spreadsheet hazard of issue 13, one test each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from lingbi_cli import models
from lingbi_cli.sheets import values as v
from lingbi_cli.sheets.columns import Column
from lingbi_cli.sheets.read import SheetError, detect_encoding, read_grid, read_text


def test_id_number_stored_as_a_number_is_refused_because_digits_are_lost() -> None:
    for cell in (3.41323199001011e17, 341323199001011234, "3.41323E+17", "3.41323e17"):
        with pytest.raises(v.CellError, match="存成了数字"):
            v.id_number(cell)


def test_id_number_whose_last_digits_excel_turned_to_zeros_is_refused() -> None:
    with pytest.raises(v.CellError, match="000"):
        v.id_number("341323196503150000")


def test_id_number_text_full_width_spaces_and_lower_x() -> None:
    assert v.id_number(" ３４１３２３１９７４０４２８９４３ｘ\u3000") == "34132319740428943X"
    assert v.id_number("'34132319650315013X") == "34132319650315013X"


def test_phone_keeps_leading_zero_as_text_and_gets_back_one_excel_dropped() -> None:
    assert v.phone("013905571234") == "013905571234"  # text: kept as written
    assert v.phone(5571234567.0) == "05571234567"  # a landline Excel stored as a number
    assert v.phone(13905571234.0) == "13905571234"  # a mobile number is whole as a number
    assert v.phone("１３９ ０５５７ １２３４") == "13905571234"


@pytest.mark.parametrize(
    "cell",
    [
        43593,
        43593.0,
        "43593",
        dt.datetime(2019, 5, 8, 0, 0),
        dt.date(2019, 5, 8),
        "2019-05-08",
        "2019/5/8",
        "2019.5.8",
        "2019年5月8日",
        "２０１９年５月８日",
        "20190508",
        "2019-05-08 00:00:00",
    ],
)
def test_dates_as_offices_write_them(cell: v.Cell) -> None:
    assert v.date(cell) == dt.date(2019, 5, 8)


def test_impossible_dates_and_non_dates_are_problems() -> None:
    with pytest.raises(v.CellError, match="不存在"):
        v.date("2019.2.30")
    with pytest.raises(v.CellError, match="不是日期"):
        v.date("五月八日")
    with pytest.raises(v.CellError, match="不是日期"):
        v.date(12.0)  # far from any serial date of the campaign


def test_numbers_years_money_and_yes_no() -> None:
    assert v.integer("４人") == 4
    assert v.integer(4.0) == 4
    with pytest.raises(v.CellError):
        v.integer(4.5)
    assert v.year("2019年度") == 2019
    assert v.year(2019.0) == 2019
    assert v.year("2019-12") == 2019
    assert v.money("¥1,200元") == Decimal("1200")
    assert v.money("1.2万") == Decimal("12000")
    assert v.money(500.5) == Decimal("500.5")
    assert v.boolean("是") is True and v.boolean("否") is False


def test_text_trims_every_kind_of_space_and_names_lose_alignment_spaces() -> None:
    assert v.text("  入户走访 \u3000") == "入户走访"
    assert v.name("张  伟 ") == "张伟"
    assert v.text("'=1+2") == "=1+2"  # the apostrophe an export put before a formula-like text


def test_choices_with_aliases_separators_and_suffixes() -> None:
    causes = Column("causes", "致贫原因", "choices", enum=models.Cause)
    assert causes.read("因病致贫，缺技术 / 因病") == [models.Cause.illness, models.Cause.no_skills]
    levels = Column("levels", "代表层级", "choices", enum=models.DeputyLevel)
    assert levels.read("县人大代表、乡镇人大代表") == [
        models.DeputyLevel.county,
        models.DeputyLevel.township,
    ]
    attribute = Column("attribute", "贫困户属性", "choice", enum=models.PovertyAttribute)
    assert attribute.read("五保户") is models.PovertyAttribute.destitute
    with pytest.raises(v.CellError, match="可选"):
        attribute.read("富裕户")


@pytest.mark.parametrize(
    ("codec", "words", "bom"),
    [
        ("utf-8", "UTF-8", b""),
        ("utf-8", "UTF-8（带 BOM）", b"\xef\xbb\xbf"),
        ("gbk", "GBK", b""),
        ("gb18030", "GB18030", b""),
        ("utf-16-le", "UTF-16", b"\xff\xfe"),
    ],
)
def test_csv_encodings_are_detected_and_named(codec: str, words: str, bom: bytes) -> None:
    text = "姓名,性别\n张伟,男\n"
    if codec == "gb18030":
        text += "㐀,女\n"  # a character GBK lacks
    grid = read_text("代表.csv", bom + text.encode(codec))
    assert grid.rows[1] == ["张伟", "男"]
    assert grid.encoding is not None and grid.encoding.startswith(words)
    assert grid.sheet == "代表"


def test_a_file_in_no_known_encoding_is_refused() -> None:
    with pytest.raises(SheetError, match="编码"):
        detect_encoding(b"\xff\xff\xfe\x00\x81")


def test_workbook_merged_cells_formulas_and_sheet_choice(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "名册.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("封面")
    sheet = book.add_worksheet("代表")
    sheet.merge_range(0, 0, 0, 2, "灵璧县人大代表名册")
    sheet.write_row(1, 0, ["乡镇", "姓名", "人数"])
    sheet.merge_range(2, 0, 3, 0, "杨疃镇")  # one township merged down over its rows
    sheet.write_row(2, 1, ["张伟"])
    sheet.write_formula(2, 2, "=1+2", None, 3)  # the cached value is what is read
    sheet.write_string(3, 1, "李娜")
    book.close()
    grid = read_grid(path, "代表")
    assert grid.rows[3][0] == "杨疃镇" and (3, 0) in grid.merged
    assert grid.rows[2][2] == 3
    assert grid.rows[0] == ["灵璧县人大代表名册"] * 3
    assert read_grid(path, "2").sheet == "代表"
    with pytest.raises(SheetError, match="封面、代表"):
        read_grid(path, "名单")


def test_unknown_file_types_and_missing_files_are_clear(tmp_path: Path) -> None:
    with pytest.raises(SheetError, match="找不到"):
        read_grid(tmp_path / "无.xlsx")
    (tmp_path / "a.docx").write_bytes(b"x")
    with pytest.raises(SheetError, match="不认识的文件类型"):
        read_grid(tmp_path / "a.docx")
    (tmp_path / "坏.xlsx").write_bytes(b"not a zip")
    with pytest.raises(SheetError, match="无法作为 Excel 文件打开"):
        read_grid(tmp_path / "坏.xlsx")


def test_column_letters() -> None:
    assert [v.column_letter(i) for i in (0, 25, 26, 51, 52)] == ["A", "Z", "AA", "AZ", "BA"]


@pytest.mark.parametrize(
    "text", ["王建国", "一般贫困户", "yangtuan-h0001", "u-renda", "a-1", "yes", "013905571234"]
)
def test_values_written_unquoted_read_back_as_the_same_text(text: str) -> None:
    import yaml

    from lingbi_cli.store.edit import scalar

    assert yaml.safe_load(f"k: {scalar(text)}")["k"] == text
