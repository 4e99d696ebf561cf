"""``lingbi household exit|relapse``: recording the day a household left poverty or fell back."""

import datetime as dt
from typing import Annotated

import typer

from lingbi_cli.actions import household as household_actions
from lingbi_cli.cli.options import DateOption, DryRunOption, day_of
from lingbi_cli.cli.record import show_change
from lingbi_cli.models import HouseholdStatus

household_app = typer.Typer(
    help="贫困户的脱贫、返贫：登记日期，报告按日期计算脱贫户数。\n\n例：lingbi household exit "
    "yangtuan-h0001 --date 2019-11-20",
    no_args_is_help=True,
)

HouseholdArg = Annotated[str, typer.Argument(help="贫困户编号或户主姓名")]


def _record(
    ctx: typer.Context,
    household: str,
    status: HouseholdStatus,
    date: dt.datetime | None,
    dry_run: bool,
) -> None:
    day = day_of(date)
    written = household_actions.record_status(ctx.obj.folder(), household, status, day, dry_run)
    show_change(written.change, dry_run)
    if not dry_run:
        typer.echo(
            f"已登记 {written.record_id} {day.year}年{day.month}月{day.day}日{status.value} → "
            f"{written.change.rel}:{written.line}"
        )


@household_app.command("exit")
def household_exit(
    ctx: typer.Context,
    household: HouseholdArg,
    date: DateOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """登记一户脱贫的日期（脱贫之后又返贫的，可以再次登记脱贫）。

    例：lingbi household exit yangtuan-h0001 --date 2019-11-20
    """
    _record(ctx, household, HouseholdStatus.exited, date, dry_run)


@household_app.command("relapse")
def household_relapse(
    ctx: typer.Context,
    household: HouseholdArg,
    date: DateOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """登记一户已脱贫的贫困户返贫的日期。

    例：lingbi household relapse yangtuan-h0001 --date 2020-04-01
    """
    _record(ctx, household, HouseholdStatus.relapsed, date, dry_run)


def register(app: typer.Typer) -> None:
    app.add_typer(household_app, name="household")
