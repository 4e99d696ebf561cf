"""``lingbi award`` (a year-end award, §3.4) and ``lingbi donor`` (a gift of an 爱心人士)."""

from typing import Annotated

import typer

from lingbi_cli import models
from lingbi_cli.actions import awards as award_actions
from lingbi_cli.cli.activity import money_option
from lingbi_cli.cli.options import DateOption, DryRunOption, day_of
from lingbi_cli.cli.record import show_written
from lingbi_cli.errors import RefusedError

CATEGORIES = "、".join(c.value for c in models.AwardCategory)


def award(
    ctx: typer.Context,
    category: Annotated[str, typer.Argument(help=f"奖项：{CATEGORIES}")],
    recipient: Annotated[
        str,
        typer.Argument(help="获奖者：先进单位写乡镇，扶贫之星、爱心代表写代表，爱心人士写姓名"),
    ],
    year: Annotated[int, typer.Option("--year", "-y", help="年度，如 2019")],
    reason: Annotated[str, typer.Option("--reason", "-r", help="事迹（必填）")],
    dry_run: DryRunOption = False,
) -> None:
    """登记县人大常委会的年终表彰（先进单位、扶贫之星、爱心代表、爱心人士，§3.4）。

    年度不在活动期间、获奖者不存在（爱心人士须先用 lingbi donor 登记捐赠）、代表当年不在任、
    同一年度同一奖项已授予同一获奖者的，都不写入。

    例：lingbi award 扶贫之星 yangtuan-d002 --year 2019 --reason 结对帮扶2户，帮助发展大棚西瓜
    """
    try:
        kind = models.AwardCategory(category.strip())
    except ValueError:
        raise RefusedError(
            f"没有写入：“{category}”不是《实施意见》规定的奖项；可选：{CATEGORIES}"
        ) from None
    written = award_actions.record_award(ctx.obj.folder(), kind, year, recipient, reason, dry_run)
    show_written(written, f"{year}年度{kind.value}", dry_run)


def donor(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="爱心人士的姓名或单位名称")],
    township: Annotated[str, typer.Option("--township", "-t", help="受助的乡镇")],
    gift: Annotated[str, typer.Option("--gift", "-g", help="捐赠的内容，如 捐资修路")],
    date: DateOption = None,
    amount: Annotated[str | None, typer.Option("--amount", help="捐资或捐物折款（元）")] = None,
    village: Annotated[str | None, typer.Option("--village", help="受助的村")] = None,
    household: Annotated[
        str | None, typer.Option("--household", "-H", help="受助的贫困户（编号或户主姓名）")
    ] = None,
    organisation: Annotated[
        bool, typer.Option("--organisation", help="捐赠者是单位（企业、协会等），不是个人")
    ] = False,
    dry_run: DryRunOption = False,
) -> None:
    """登记一笔爱心人士（人大代表以外的个人或单位）的捐赠，记在受助乡镇的 donors.yaml 中。

    例：lingbi donor 蔡春广 -t 朝阳镇 --village 蒋湖村 --gift 捐资养护农村道路 --amount 150000
    """
    kind = models.DonorKind.organisation if organisation else models.DonorKind.person
    written = award_actions.record_donor(
        ctx.obj.folder(),
        name,
        township,
        day_of(date),
        gift,
        kind=kind,
        amount=money_option(amount, "--amount"),
        village=village,
        household=household,
        dry_run=dry_run,
    )
    show_written(written, "爱心人士捐赠", dry_run)


def register(app: typer.Typer) -> None:
    app.command()(award)
    app.command()(donor)
