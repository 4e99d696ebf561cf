"""``lingbi stats``: counts and totals at a glance, one row per township.

The figures become a plain ``sheets.table.Table``, shown as a box-drawn table on a terminal,
as plain aligned text when piped, or saved as JSON, CSV or a workbook (``--format``).
"""

import json
import sys
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lingbi_cli import periods
from lingbi_cli.cli.options import (
    HalfOption,
    NoCacheOption,
    State,
    YearOption,
    progress_bar,
    scope_period,
)
from lingbi_cli.errors import UsageError
from lingbi_cli.sheets.table import CellKind, Table
from lingbi_cli.store.folder import DataFolder

COLUMNS = (  # short headers: the table must fit an 80-column terminal
    ("deputies", "代表"),
    ("pairings", "结对"),
    ("households", "户数"),
    ("pairing_work", "入户人次"),
    ("trips", "视察"),
    ("donations", "捐资(元)"),
    ("funds", "引资(元)"),
    ("projects", "项目"),
    ("proposals", "建议"),
    ("exited", "脱贫"),
)


class StatsFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def stats_table(
    folder: DataFolder,
    period: periods.Period,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Table, list[str | None]]:
    """The totals of every township and of the county as a table (and each row's township):
    each township's kept and the county's their sum (``reports.rollup``), or computed on the
    whole county when the folder is not partitioned or runs without its cache."""
    from lingbi_cli.reports.figures import compute
    from lingbi_cli.reports.rollup import totals_of, township_totals

    keys = tuple(key for key, _ in COLUMNS)
    totals = township_totals(folder, period, keys)
    if totals is None:
        records = folder.load(progress=progress)
        ids = [*records.townships, None]
        figures = compute(records, period, ids)
        totals = {tid: totals_of(figures[tid], keys) for tid in ids}
        townships = records.townships
    else:
        townships = folder.townships().townships
    ids = [*townships, None]
    settings = folder.settings
    c = settings.campaign
    label = period.label_zh() if period.label != "活动期间" else f"{c.start} 至 {c.end}"
    money = ("donations", "funds")
    kinds = [CellKind.money if key in money else CellKind.integer for key, _ in COLUMNS]
    table = Table(
        f"{settings.county} {label}",
        ["乡镇", *(title for _, title in COLUMNS)],
        [CellKind.text, *kinds],
        sheet="一览",
    )
    for tid in ids:
        name = townships[tid].name if tid else "全县"
        row = totals.get(tid) or dict.fromkeys(keys, 0)
        table.rows.append([name, *(row[key] for key in keys)])
    return table, ids


def stats(
    ctx: typer.Context,
    year: YearOption = None,
    half: HalfOption = None,
    output_format: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="输出格式：text、json、csv 或 xlsx")
    ] = StatsFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写到文件（xlsx 必须指定）")
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """一览：各乡镇的代表、结对、活动和金额（默认整个活动期间）。

    例：lingbi stats --year 2019
    例：lingbi stats --year 2019 --format xlsx -o 2019年一览.xlsx
    """
    state: State = ctx.obj
    if output_format is StatsFormat.xlsx and output is None:
        raise UsageError("--format xlsx 需要用 -o 指定文件，例如 -o 一览.xlsx")
    folder = state.folder(cache=not no_cache)
    c = folder.settings.campaign
    period = scope_period(year, half) or periods.Period("活动期间", c.start, c.end)
    with progress_bar() as progress:
        table, ids = stats_table(folder, period, progress)
    if output_format in (StatsFormat.xlsx, StatsFormat.csv) and output is not None:
        from lingbi_cli.sheets.write import write_csv, write_xlsx

        if output_format is StatsFormat.xlsx:
            write_xlsx([table], output)
        else:
            write_csv(table, output)
        typer.echo(f"已写出 → {output}")
        return
    if output_format is StatsFormat.csv:
        from lingbi_cli.sheets.write import write_csv

        write_csv(table, sys.stdout, bom=False)
    elif output_format is StatsFormat.json:
        text = json.dumps(_as_json(table, ids, period), ensure_ascii=False, indent=2)
        _emit(text, output)
    elif sys.stdout.isatty() and output is None:
        _rich(table)
    else:
        _emit(plain_text(table), output)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"已写出 → {output}")


def _as_json(table: Table, ids: list[str | None], period: periods.Period) -> dict[str, object]:
    def plain(value: object) -> object:
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value

    keys = [key for key, _ in COLUMNS]
    return {
        "title": table.title,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "columns": dict(zip(keys, table.headers[1:], strict=True)),
        "rows": [
            {
                "township": tid,
                "name": row[0],
                **{k: plain(v) for k, v in zip(keys, row[1:], strict=True)},
            }
            for tid, row in zip(ids, table.rows, strict=True)
        ],
    }


def num(value: int | Decimal | float | None) -> str:
    """A figure in a terminal table: yuan with thousands separators, "—" for no rate."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):  # whole yuan without ".00": the table fits 80 columns
        return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    if isinstance(value, float):
        return f"{value:.1f}%"
    return str(value)


def _shown(value: object) -> str:
    return value if isinstance(value, str) else num(value)  # type: ignore[arg-type]


def plain_text(table: Table) -> str:
    """The table as aligned plain text (for a pipe or a file): no box-drawing characters."""
    from lingbi_cli.sheets.write import display_width

    cells = [table.headers, *([_shown(v) for v in row] for row in table.rows)]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(table.headers))]

    def line(row: list[str]) -> str:
        first = row[0] + " " * (widths[0] - display_width(row[0]))
        rest = (" " * (w - display_width(v)) + v for v, w in zip(row[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    return "\n".join([table.title, *(line(row) for row in cells)])


def _rich(table: Table) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    shown = RichTable(title=table.title)
    shown.add_column(table.headers[0])
    for header in table.headers[1:]:
        shown.add_column(header, justify="right", no_wrap=True)
    last = len(table.rows) - 1
    for index, row in enumerate(table.rows):
        shown.add_row(*(_shown(v) for v in row), end_section=index == last - 1)
    Console(highlight=False).print(shown)


def register(app: typer.Typer) -> None:
    app.command()(stats)
