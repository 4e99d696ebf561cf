"""``lingbi report``: the half-year report, the county roll-up, the year-end summary and a
deputy's performance record, as Markdown or Word."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lingbi_cli import periods
from lingbi_cli.cli.options import (
    HalfOption,
    NoCacheOption,
    State,
    TownshipOption,
    YearOption,
    progress_bar,
)
from lingbi_cli.errors import UsageError
from lingbi_cli.reports import build
from lingbi_cli.reports.figures import LABELS
from lingbi_cli.store.load import County, load
from lingbi_cli.store.lookup import resolve

PRIVATE_FIGURES = frozenset({"health"})  # totals of personal health data: never itemised


class ReportFormat(StrEnum):
    md = "md"
    docx = "docx"


def report(
    ctx: typer.Context,
    half: HalfOption = None,
    year: YearOption = None,
    township: TownshipOption = None,
    deputy: Annotated[
        str | None, typer.Option("--deputy", help="代表履职档案（与 --year 一起用）")
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="md（默认）或 docx")
    ] = ReportFormat.md,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件")] = None,
    template: Annotated[Path | None, typer.Option("--template", help="改用这个模板文件")] = None,
    explain: Annotated[
        str | None, typer.Option("--explain", help="列出构成某个数字的记录，如 pairing_work")
    ] = None,
    date: Annotated[
        dt.datetime | None, typer.Option("--date", formats=["%Y-%m-%d"], help="落款日期，默认今天")
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """生成报告：乡镇半年报告、全县汇总、年终总结（含评先评优候选）、代表履职档案。

    --half 2019H1 --township 杨疃镇 为乡镇半年报告；不加 --township 为全县汇总；
    --year 2019 为年终总结；--deputy 张伟 --year 2019 为代表履职档案。

    例：lingbi report --half 2019H1 --township 杨疃镇 --format docx -o 杨疃镇2019上半年.docx
    """
    state: State = ctx.obj
    if (half is None) == (year is None):
        raise UsageError("请用 --half 2019H1 或 --year 2019 指定报告期间（二者选一）")
    period = periods.parse(half) if half else periods.year(int(year or 0))
    if half and "H" not in period.label:
        raise UsageError("--half 应写成 2019H1 或 2019H2")
    with progress_bar() as progress:
        county = load(state.folder(), cache=not no_cache, progress=progress)
    today = date.date() if date else periods.today()
    township = resolve(county.townships, township, "乡镇").id if township else None
    if deputy is not None:
        if year is None:
            raise UsageError("代表履职档案按年度生成：请用 --year")
        made = build.deputy_record(county, resolve(county.deputies, deputy, "代表"), period, today)
    elif year is not None:
        made = build.year_summary(county, period, township, today)
    elif township is not None:
        made = build.half_report(county, period, township, today)
    else:
        made = build.county_report(county, period, today)
    if explain is not None:
        _explain(county, made, explain, township)
        return
    from lingbi_cli.reports.render import render_markdown, write_docx  # jinja2: only here

    markdown = render_markdown(made, state.folder(), template)
    if output_format is ReportFormat.docx:
        target = output or Path(f"{made.title}.docx")
        write_docx(markdown, target)
        typer.echo(f"已生成 {target}")
    elif output is not None:
        output.write_text(markdown, encoding="utf-8")
        typer.echo(f"已生成 {output}")
    else:
        typer.echo(markdown, nl=False)


def _explain(county: County, made: build.Report, key: str, township: str | None) -> None:
    if key not in LABELS:
        known = "、".join(f"{k}（{label}）" for k, (label, _) in LABELS.items())
        raise UsageError(f"没有名为 {key} 的数字；可用：{known}")
    figures = made.figures.get(township)
    if figures is None:
        raise UsageError("这份报告没有可以解释的数字（代表履职档案请直接看档案中的明细）")
    if key in PRIVATE_FIGURES:
        raise UsageError(f"{LABELS[key][0]}只报总数，不列出是哪些户（个人健康信息）")
    figure = figures[key]
    label, unit = LABELS[key]
    where = county.townships[township].name if township else county.settings.county
    typer.echo(
        f"{where} {figures.period.label_zh()} {label}：{build.num(figure.value)} {unit}，"
        f"由以下 {len(figure.sources)} 条记录构成："
    )
    for record in figure.sources:
        when = getattr(record, "date", None) or getattr(record, "start", "")
        what = getattr(record, "kind", None)
        people = getattr(record, "deputies", None)
        parts = [
            record.id,
            str(when or ""),
            getattr(what, "value", "") or "",
            "、".join(people) if isinstance(people, list) else "",
            f"{record.file}:{record.line}",
        ]
        typer.echo("  " + "  ".join(p for p in parts if p))


def register(app: typer.Typer) -> None:
    app.command()(report)
