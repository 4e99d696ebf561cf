"""``lingbi site -o DIR``: the offline dashboard. The site itself is ``site.build``'s; this
module only reads the options, loads the folder and says what was written."""

import datetime as dt
import time
from pathlib import Path
from typing import Annotated

import typer

from lingbi_cli.cli.options import NoCacheOption, State, TownshipOption, progress_bar


def site(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="写到这个文件夹（新的或空的）")],
    township: TownshipOption = None,
    date: Annotated[
        dt.datetime | None,
        typer.Option("--date", formats=["%Y-%m-%d"], help="数据截至这一天；默认为活动结束日或今天"),
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """生成离线浏览的活动情况网页（全县总览、逐月情况、乡镇、代表、议案建议），可拷到U盘打开。

    用浏览器打开文件夹中的 index.html 即可，不需要联网；--township 只生成一个乡镇的网页。

    例：lingbi site -o 站点
    例：lingbi site -o 杨疃镇站点 --township 杨疃镇 --date 2019-12-31
    """
    from lingbi_cli import models
    from lingbi_cli import site as dashboard

    state: State = ctx.obj
    started = time.perf_counter()
    folder = state.folder(cache=not no_cache)
    with progress_bar() as progress:
        records = folder.load(progress=progress)
    chosen = records.find(models.Township, township).id if township else None
    built = dashboard.build(records, output, township=chosen, date=date.date() if date else None)
    rel, size = built.largest()
    typer.echo(
        f"已生成 {built.pages} 个网页 → {output / 'index.html'}"
        f"（用时 {time.perf_counter() - started:.1f} 秒；最大的网页 {rel}，{size / 1e6:.1f} MB）"
    )


def register(app: typer.Typer) -> None:
    app.command()(site)
