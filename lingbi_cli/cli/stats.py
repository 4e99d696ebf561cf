"""``lingbi stats``: counts and totals at a glance, one row per township."""

from __future__ import annotations

from decimal import Decimal

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
from lingbi_cli.reports.figures import compute
from lingbi_cli.store.load import load

COLUMNS = (  # short headers: the table must fit an 80-column terminal
    ("deputies", "代表"),
    ("pairings", "结对"),
    ("households", "结对户"),
    ("pairing_work", "入户人次"),
    ("trips", "视察"),
    ("donations", "捐资(元)"),
    ("proposals", "建议"),
    ("exited", "脱贫"),
)


def num(value: int | Decimal | float | None) -> str:
    """A figure in a terminal table: yuan with thousands separators, "—" for no rate."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, float):
        return f"{value:.1f}%"
    return str(value)


def stats(
    ctx: typer.Context,
    year: YearOption = None,
    half: HalfOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """一览：各乡镇的代表、结对、活动和金额（默认整个活动期间）。

    例：lingbi stats --year 2019
    """
    from rich.console import Console
    from rich.table import Table

    state: State = ctx.obj
    with progress_bar() as progress:
        county = load(state.folder(), cache=not no_cache, progress=progress)
    c = county.settings.campaign
    period = scope_period(year, half) or periods.Period("活动期间", c.start, c.end)
    ids = list(county.townships)
    figures = compute(county, period, [*ids, None])
    label = period.label_zh() if period.label != "活动期间" else f"{c.start} 至 {c.end}"
    table = Table(title=f"{county.settings.county} {label}")
    table.add_column("乡镇")
    for _, title in COLUMNS:
        table.add_column(title, justify="right", no_wrap=True)
    for tid in [*ids, None]:
        name = county.townships[tid].name if tid else "全县"
        table.add_row(
            name,
            *(num(figures[tid].value(key)) for key, _ in COLUMNS),
            end_section=tid == ids[-1] if ids else False,
        )
    Console(highlight=False).print(table)


def register(app: typer.Typer) -> None:
    app.command()(stats)
