"""``lingbi export``, ``lingbi template``, ``stats --format``, and the round trip of the sample."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from lingbi_cli.sheets.kinds import IMPORTABLE, SPECS
from lingbi_cli.sheets.table import CellKind, Table
from lingbi_cli.sheets.write import write_csv, write_xlsx
from lingbi_cli.store.batch import FileEdit, change_files
from lingbi_cli.store.write import WriteError

ID_NUMBER = re.compile(r"\d{17}[\dX]")
PHONE = re.compile(r"1[3-9]\d{9}")
SAMPLE = Path(__file__).parent.parent / "data"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINGBI_TODAY", "2020-12-31")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("sample") / "data"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".lingbi-cache"))
    return target


def cells(path: Path) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("kind", IMPORTABLE)
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_export_full_then_import_changes_nothing(
    sample: Path, tmp_path: Path, cli: Callable[..., Any], kind: str, suffix: str
) -> None:
    path = tmp_path / f"{kind}{suffix}"
    result = cli("--data", str(sample), "export", kind, "--full", "-o", str(path))
    assert result.exit_code == 0 and "个人信息" in result.stderr
    result = cli("--data", str(sample), "import", kind, str(path), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "没有需要写入的改动" in result.output
    assert "与已有记录相同、无需改动" in result.output and "---" not in result.output


def test_export_masks_personal_data_and_types_its_cells(
    sample: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    path = tmp_path / "贫困户.xlsx"
    result = cli("--data", str(sample), "export", "households", "-t", "虞姬乡", "-o", str(path))
    assert result.exit_code == 0 and result.stderr == ""
    rows = cells(path)
    assert rows[0][0] == "灵璧县虞姬乡贫困户花名册"
    assert rows[1][:6] == ["编号", "乡镇", "行政村", "村民组", "户主姓名", "证件号码"]
    text = json.dumps(rows, ensure_ascii=False, default=str)
    assert not ID_NUMBER.search(text) and not PHONE.search(text)
    assert "因病" not in text and "因残" not in text and "（已隐去）" in text
    assert all(r[1] == "虞姬乡" for r in rows[2:])
    assert isinstance(rows[2][6], int) and isinstance(rows[2][9], int)  # members, year
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet["F3"].number_format == "@"  # an ID column is text
    assert sheet.column_dimensions["F"].width >= 20


def test_export_activities_of_a_half_year_with_real_dates_and_amounts(
    sample: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    path = tmp_path / "活动.xlsx"
    args = ["--data", str(sample), "export", "activities", "--half", "2019H1", "-o", str(path)]
    assert cli(*args).exit_code == 0
    rows = cells(path)[2:]
    assert rows and all(dt.datetime(2019, 1, 1) <= r[1] <= dt.datetime(2019, 6, 30) for r in rows)
    amounts = [r[10] for r in rows if r[2] == "捐资"]
    assert amounts and all(isinstance(a, int | float) and a > 0 for a in amounts)


def test_formula_injection_is_neutralised(tmp_path: Path) -> None:
    table = Table("表", ["内容", "金额"], [CellKind.text, CellKind.money])
    table.rows = [["=SUM(9)", -5], ["+1", None], ["@SUM(A1)", 1], ["-2", 2]]
    write_xlsx([table], tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]
    for row in range(3, 7):
        assert sheet.cell(row, 1).data_type == "s" and sheet.cell(row, 1).quotePrefix
    assert sheet["B3"].value == -5  # a negative amount stays a number
    write_csv(table, tmp_path / "t.csv")
    data = (tmp_path / "t.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1] == "'=SUM(9),-5" and lines[2] == "'+1,"
    assert lines[4] == "'-2,2"


def test_csv_keeps_id_and_phone_numbers_as_text_for_excel(tmp_path: Path) -> None:
    table = Table("表", ["证件号码", "联系电话"], [CellKind.id_number, CellKind.phone])
    table.rows = [["341323196503150130", "013905571234"]]
    write_csv(table, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text("utf-8-sig").splitlines()[1] == (
        "\t341323196503150130,\t013905571234"
    )


def test_template_has_comments_drop_downs_text_columns_and_no_english(
    tiny: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    path = tmp_path / "贫困户.xlsx"
    assert cli("--data", str(tiny), "template", "households", "-o", str(path)).exit_code == 0
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["序号", "乡镇", "行政村"] and "证件号码" in headers
    assert all(c.comment is not None and "填" in c.comment.text for c in sheet[1])
    id_letter = openpyxl.utils.get_column_letter(headers.index("证件号码") + 1)
    assert sheet.column_dimensions[id_letter].number_format == "@"  # the whole column is text
    lists = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    options = book["选项"]
    assert options.sheet_state == "hidden"
    attribute = headers.index("贫困户属性")
    letter = openpyxl.utils.get_column_letter(attribute + 1)
    formula = next(f for ref, f in lists.items() if ref.startswith(letter))
    assert [options[f"{letter}{n}"].value for n in (1, 2, 3)] == [
        "一般贫困户", "低保贫困户", "特困供养贫困户"
    ]  # fmt: skip
    assert formula == f"选项!${letter}$1:${letter}$3"
    township = next(f for ref, f in lists.items() if ref.startswith("B"))
    assert options["B1"].value == "杨疃镇" and township == "选项!$B$1:$B$1"
    words = " ".join(
        str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value
    )
    words += " ".join(c.comment.text for c in sheet[1] if c.comment)
    assert not re.search(r"\b(?!lingbi|import|dry|run|yangtuan|u)[A-Za-z]{3,}\b", words)


def test_every_kind_exports_and_unknown_kinds_are_refused(
    sample: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    for kind in SPECS:
        path = tmp_path / f"{kind}.csv"
        assert cli("--data", str(sample), "export", kind, "-o", str(path)).exit_code == 0
        assert len(path.read_text("utf-8-sig").splitlines()) > 1
    result = cli("--data", str(sample), "export", "people", "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 2 and "不认识的记录种类" in result.stderr
    result = cli("--data", str(sample), "import", "awards", str(tmp_path / "awards.csv"))
    assert result.exit_code == 2


def test_stats_formats(sample: Path, tmp_path: Path, cli: Callable[..., Any]) -> None:
    text = cli("--data", str(sample), "stats", "--year", "2019").stdout
    assert "│" not in text and "━" not in text  # plain text when not a terminal
    assert re.search(r"^全县\s+\d+", text, re.M)
    data = json.loads(cli("--data", str(sample), "stats", "--year", "2019", "-f", "json").stdout)
    records = data["rows"][-1]
    assert records["township"] is None and records["name"] == "全县"
    assert records["pairings"] == sum(r["pairings"] for r in data["rows"][:-1])
    csv_text = cli("--data", str(sample), "stats", "--year", "2019", "-f", "csv").stdout
    assert csv_text.splitlines()[0].startswith("乡镇,代表,结对")
    path = tmp_path / "一览.xlsx"
    assert cli("--data", str(sample), "stats", "-f", "xlsx", "-o", str(path)).exit_code == 0
    rows = cells(path)
    assert rows[1][0] == "乡镇" and rows[-1][0] == "全县" and isinstance(rows[-1][1], int)
    result = cli("--data", str(sample), "stats", "-f", "xlsx")
    assert result.exit_code == 2 and "-o" in result.stderr


def test_a_batch_writes_every_file_or_none(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("- id: a1\n  name: 甲\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("[{id: b1}]\n", encoding="utf-8")  # flow style: no append

    def add(record_id: str) -> Callable[[str], str]:
        from lingbi_cli.store.edit import append_records

        return lambda text: append_records(text, [{"id": record_id, "name": "乙"}])

    edits = [FileEdit("a.yaml", add("a2"), appended=1), FileEdit("b.yaml", add("b2"), appended=1)]
    with pytest.raises(WriteError, match="没有写入任何文件"):
        change_files(tmp_path, edits)
    assert (tmp_path / "a.yaml").read_text("utf-8") == "- id: a1\n  name: 甲\n"
    (tmp_path / "b.yaml").write_text("- id: b1\n", encoding="utf-8")
    changes = change_files(tmp_path, edits)
    assert [c.rel for c in changes] == ["a.yaml", "b.yaml"]
    assert (tmp_path / "b.yaml").read_text("utf-8") == "- id: b1\n- id: b2\n  name: 乙\n"
    liar = FileEdit("a.yaml", lambda text: text.replace("甲", "丙"), appended=0)
    with pytest.raises(WriteError, match="原有记录会被改动"):
        change_files(tmp_path, [liar])
