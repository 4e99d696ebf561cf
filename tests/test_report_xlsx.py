"""``lingbi report … --format xlsx``: every table of a report as a sheet, with Chinese names,
real numbers and the figures the Markdown document states (same ``--date``)."""

from __future__ import annotations

import re

import openpyxl
import pytest
from test_sample import ID_OR_PHONE, sample  # noqa: F401  (the fixture)


def workbook(cli, data, tmp_path, *args):
    path = tmp_path / "report.xlsx"
    done = cli("--data", str(data), "report", *args, "-f", "xlsx", "-o", str(path))
    assert done.exit_code == 0, done.output
    markdown = cli("--data", str(data), "report", *args).stdout
    return openpyxl.load_workbook(path), markdown


def rows(sheet):
    """Header row (row 2) → each body row as a dict; the title is row 1."""
    values = list(sheet.iter_rows(values_only=True))
    headers = values[1]
    return [dict(zip(headers, row, strict=True)) for row in values[2:]]


def test_a_township_half_year_report_as_a_sheet(sample, cli, tmp_path):  # noqa: F811
    args = ["--half", "2019H1", "--township", "yangtuan", "--date", "2019-07-05"]
    book, markdown = workbook(cli, sample, tmp_path, *args)
    assert book.sheetnames == ["代表参加活动情况统计表"]
    sheet = book["代表参加活动情况统计表"]
    assert "截至2019年7月5日" in sheet["A1"].value
    table = rows(sheet)
    total = table[-1]
    assert total["序号"] == "合计"
    body = table[:-1]
    # real numbers, adding up to the total row, which is what the document says
    assert all(isinstance(r["入户帮扶（人次）"], int) for r in body)
    assert sum(r["入户帮扶（人次）"] for r in body) == total["入户帮扶（人次）"]
    assert f"{total['入户帮扶（人次）']}人次" in markdown
    assert sum(r["捐资捐物（元）"] for r in body) == total["捐资捐物（元）"]
    assert [r["姓名"] for r in body] == re.findall(r"^\| \d+ \| (\S+) \|", markdown, re.M)


def test_the_county_year_summary_has_its_table_and_every_ranking(sample, cli, tmp_path):  # noqa: F811
    book, markdown = workbook(cli, sample, tmp_path, "--year", "2019", "--date", "2020-01-15")
    assert book.sheetnames == [
        "各乡镇活动情况统计表",
        "先进单位候选排名",
        "扶贫之星候选排名",
        "爱心代表候选排名",
        "爱心人士候选排名",
    ]
    townships = rows(book["各乡镇活动情况统计表"])
    county = townships[-1]
    assert county["乡镇"] == "全县"
    assert sum(r["结对户脱贫（户）"] for r in townships[:-1]) == county["结对户脱贫（户）"]
    assert f"结对户中本年度脱贫{county['结对户脱贫（户）']}户" in markdown
    units = rows(book["先进单位候选排名"])
    assert [r["名次"] for r in units] == list(range(1, len(units) + 1))
    scores = [r["得分"] for r in units]
    assert scores == sorted(scores, reverse=True) and isinstance(scores[0], float)
    first = units[0]
    assert f"| 1 | {first['名称']} |" in markdown


def test_a_deputy_record_as_sheets_with_dates_and_no_personal_numbers(sample, cli, tmp_path):  # noqa: F811
    args = ["--year", "2019", "--deputy", "yinji-d010", "--date", "2020-01-15"]
    book, _ = workbook(cli, sample, tmp_path, *args)
    assert book.sheetnames == ["结对帮扶情况", "参加活动情况", "议案建议情况"]
    activities = rows(book["参加活动情况"])
    assert activities and all(r["日期"].year == 2019 for r in activities)  # real dates
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert not (isinstance(value, str) and ID_OR_PHONE.search(value)), value


@pytest.mark.parametrize("name", ["report.docx", "report.csv"])
def test_xlsx_format_writes_only_xlsx_files(sample, cli, tmp_path, name):  # noqa: F811
    done = cli(
        "--data",
        str(sample),
        "report",
        "--half",
        "2019H1",
        "-f",
        "xlsx",
        "-o",
        str(tmp_path / name),
    )
    assert done.exit_code == 2 and "xlsx" in done.stderr
    assert not (tmp_path / name).exists()


def test_a_number_that_looks_personal_is_masked_in_a_sheet():
    import datetime as dt

    from lingbi_cli import periods
    from lingbi_cli.reports.data import Column, Report, ReportKind, Table
    from lingbi_cli.sheets.report import report_tables

    made = Report(ReportKind.half, "", "某报告", periods.parse("2019H1"), dt.date(2019, 7, 5), "")
    made.tables["x"] = Table(
        "表", (Column("note", "备注"),), [("电话13905571234 证341323199001010012",)]
    )
    [sheet] = report_tables(made)
    assert sheet.rows == [["电话139****1234 证341323********0012"]]
