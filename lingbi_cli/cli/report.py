"""``lingbi report``: the half-year report, the county roll-up, the year-end summary and a
deputy's performance record, as Markdown or Word. The reports themselves are
``reports.make``'s; this module only reads the options and writes the result."""

import datetime as dt
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lingbi_cli import dates, models, reports
from lingbi_cli.cli import complete
from lingbi_cli.cli.options import (
    HalfOption,
    NoCacheOption,
    State,
    TownshipOption,
    YearOption,
    progress_bar,
)
from lingbi_cli.errors import RefusedError, UsageError


class ReportFormat(StrEnum):
    md = "md"
    docx = "docx"
    xlsx = "xlsx"


def report(
    ctx: typer.Context,
    half: HalfOption = None,
    year: YearOption = None,
    township: TownshipOption = None,
    deputy: Annotated[
        str | None,
        typer.Option(
            "--deputy",
            help="代表履职档案（加 --year 为一年，不加为整个任期）",
            autocompletion=complete.deputies,
        ),
    ] = None,
    assessment: Annotated[
        bool, typer.Option("--assess", help="代表履职考核情况（与 --year 一起用）")
    ] = False,
    roster_list: Annotated[
        bool,
        typer.Option("--list", help="所在选区人大代表联系帮扶名单（与 --year、--township 一起用）"),
    ] = False,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="md（默认）、docx，或 xlsx（报告中的各张表）"),
    ] = ReportFormat.md,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件")] = None,
    template: Annotated[Path | None, typer.Option("--template", help="改用这个模板文件")] = None,
    explain: Annotated[
        str | None, typer.Option("--explain", help="列出构成某个数字的记录，如 pairing_work")
    ] = None,
    date: Annotated[
        dt.datetime | None,
        typer.Option(
            "--date", formats=dates.FORMATS, help="成文日期，数字算到这一天；默认为报送期限"
        ),
    ] = None,
    number: Annotated[
        int | None, typer.Option("--number", min=1, help="发文顺序号（设置了版头时用）")
    ] = None,
    final: Annotated[
        bool, typer.Option("--final", help="正式稿：还有待填写的内容时不生成")
    ] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """生成报告：乡镇半年报告、全县汇总、年终总结、代表履职档案、履职考核、联系帮扶名单。

    --half 2019H1 --township 杨疃镇 为乡镇半年报告；不加 --township 为全县汇总；
    --year 2019 为年终总结；--deputy 张伟 --year 2019 为代表履职档案（不加 --year 为整个任期）；
    --assess --year 2019 为代表履职考核（可加 --township）；
    --list --year 2019 --township 杨疃镇 为所在选区人大代表联系帮扶名单。

    例：lingbi report --half 2019H1 --township 杨疃镇 --format docx -o 杨疃镇2019上半年.docx

    --format xlsx 把报告中的各张表（代表参加活动情况统计表、各乡镇统计表、候选排名……）各写成一张
    工作表，数字算到 --date 那一天，与报告正文一致。
    """
    state: State = ctx.obj
    kind, period = reports.choose(
        half,
        year,
        township is not None,
        deputy is not None,
        assessment=assessment,
        roster_list=roster_list,
    )
    folder = state.folder(cache=not no_cache)
    summed = kind in reports.SUMMED and township is None and explain is None and folder.cache
    records = None  # the county's: from each township's work kept (``make`` loads what it needs)
    if not summed:
        with progress_bar() as progress:
            records = reports.records_for(folder, kind, township, deputy, progress, period)
    made = reports.make(
        folder,
        kind,
        period,
        township=records.find(models.Township, township).id if township and records else None,
        deputy=records.find(models.Deputy, deputy).id if deputy and records else None,
        date=date.date() if date else None,
        number=number,
        records=records,
    )
    if explain is not None and records is not None:
        for line in reports.explain(records, made, explain, made.township):
            typer.echo(line)
        return
    if output_format is ReportFormat.xlsx:
        from lingbi_cli.sheets.report import report_tables
        from lingbi_cli.sheets.write import save

        target = output or Path(f"{made.title}.xlsx")
        if target.suffix.lower() != ".xlsx":
            raise UsageError(f"--format xlsx 写入 .xlsx 文件，不能写入 {target.name}")
        tables = report_tables(made)
        if not tables:
            raise RefusedError("这份报告没有表格，不能保存为 xlsx")
        save(tables, target)
        typer.echo(f"已生成 {target}")
        return
    from lingbi_cli.reports.render import render_markdown, write_docx  # jinja2: only here

    markdown = render_markdown(made, folder, template)
    for blank in made.blanks:
        typer.echo(f"待填写：{blank.what}——{blank.how}。", err=True)
    if final and reports.BLANK_MARK in markdown:
        raise RefusedError("报告中还有【待填写】的内容，正式稿（--final）没有生成")
    if output_format is ReportFormat.docx:
        target = output or Path(file_name(made.title, ".docx"))
        write_docx(markdown, target)
        typer.echo(f"已生成 {target}")
    elif output is not None:
        output.write_text(markdown, encoding="utf-8")
        typer.echo(f"已生成 {output}")
    else:
        typer.echo(markdown, nl=False)


_NOT_IN_NAMES = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|\u2028\u2029]+')
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?")  # Windows device names


def file_name(title: str, suffix: str) -> str:
    """A default file name made from ``title`` (a township's or the county's name is in it):
    one path component in the working folder on every system — separators, characters Windows
    forbids and control characters become ``_``, leading dots and spaces go, at most 80
    characters — so that no name can place the file elsewhere."""
    name = _NOT_IN_NAMES.sub("_", title).strip(" .")[:80].rstrip(" .")
    if not name or _RESERVED.fullmatch(name):
        name = f"报告_{name}"
    return name + suffix


def register(app: typer.Typer) -> None:
    app.command()(report)
