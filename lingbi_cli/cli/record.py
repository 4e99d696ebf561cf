"""``lingbi pair`` and ``unpair``: recording pairings safely; how a write is shown (``log`` is
in ``cli/activity.py``)."""

import datetime as dt
from typing import Annotated

import typer

from lingbi_cli import models, periods
from lingbi_cli.actions import activity as activity_actions
from lingbi_cli.actions import pairing as pairing_actions
from lingbi_cli.actions.common import Written, find
from lingbi_cli.cli import complete, prompts, usage
from lingbi_cli.cli.options import DateOption, DryRunOption, day_of
from lingbi_cli.errors import UsageError
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.write import Change


def show_written(written: Written, what: str, dry_run: bool) -> None:
    """The record written and where (or, dry, the diff)."""
    show_change(written.change, dry_run)
    if not dry_run:
        typer.echo(f"已登记{what} {written.record_id} → {written.change.rel}:{written.line}")


def show_change(change: Change, dry_run: bool) -> None:
    """Dry: the diff of what would be written."""
    if dry_run:
        typer.echo(change.diff(), nl=False)
        typer.echo("（--dry-run：没有写入任何文件）")


def pair(
    ctx: typer.Context,
    deputy: Annotated[
        str | None, typer.Argument(help="代表编号或姓名", autocompletion=complete.deputies)
    ] = None,
    household: Annotated[
        str | None, typer.Argument(help="贫困户编号或户主姓名", autocompletion=complete.households)
    ] = None,
    date: DateOption = None,
    auto: Annotated[bool, typer.Option("--auto", help="为乡镇未结对的贫困户自动安排")] = False,
    township: Annotated[
        str | None,
        typer.Option(
            "--township", "-t", help="乡镇（--auto 用）", autocompletion=complete.townships
        ),
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """登记结对：代表与贫困户结对帮扶（每名代表 1—3 户，§2.3(3)）。

    在终端上运行时，缺少的代表和贫困户会询问（贫困户从本乡镇未结对的户中选）。

    --auto 为乡镇中未结对的贫困户自动安排代表：不超过 3 户、符合来源规定、优先同村、再看负担。

    例：lingbi pair yangtuan-d002 yangtuan-h0003 --date 2019-05-06
    例：lingbi pair --auto --township 杨疃镇 --dry-run
    """
    folder = ctx.obj.folder()
    if auto:
        if township is None:
            raise UsageError("--auto 需要 --township 指定乡镇")
        _auto(folder, township, day_of(date), dry_run)
        return
    asking = prompts.interactive() and (deputy is None or household is None)
    if (deputy is None or household is None) and not asking:
        raise UsageError("请给出代表和贫困户，例如 lingbi pair yangtuan-d002 yangtuan-h0003")
    term = prompts.Terminal()
    day, deputy = _day_and_deputy(term, folder, date, asking, deputy)
    if household is None:
        household = _pick_unpaired(term, folder, deputy, day)
    written = pairing_actions.pair(folder, deputy, household, day, dry_run)
    show_written(written, "结对", dry_run)


def _campaign(folder: DataFolder) -> tuple[dt.date, dt.date]:
    """The first and last day a record may bear: from January of the campaign's first year
    (plans and pairing lists come before the start), to its end."""
    campaign = folder.settings.campaign
    return dt.date(campaign.start.year, 1, 1), campaign.end


def _pick_unpaired(term: prompts.Terminal, folder: DataFolder, deputy: str, day: dt.date) -> str:
    """A household of the deputy's township that nobody is paired with on ``day``."""
    records = activity_actions.prepare(folder, [deputy], None)
    home = find(records, models.Deputy, deputy).township
    taken = {p.household for p in records.pairings.values() if p.active_on(day)}
    free = [h for h in records.households.values() if h.township == home and h.id not in taken]
    if not free:
        raise UsageError(f"{day} 这位代表所在乡镇的贫困户都已结对")
    options = [(h.id, f"{h.head}户，{h.village}（{h.id}）") for h in free]
    return prompts.choose(term, "结对的贫困户", options)


def _auto(folder: DataFolder, township: str, day: dt.date, dry_run: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    plan = pairing_actions.plan_auto(folder, township, day)
    records = plan.records
    assert records is not None
    console = Console(highlight=False)
    table = Table(title=f"{plan.township} 自动结对方案（{day}）")
    for column in ("代表", "姓名", "单位性质", "贫困户", "户主", "村", "确定方式"):
        table.add_column(column)
    for p in plan.pairings:
        d, h = records.deputies[p.deputy], records.households[p.household]
        table.add_row(d.id, d.name, d.employer.value, h.id, h.head, h.village, p.chosen_by.value)
    console.print(table)
    for household, why in plan.unplaced:
        console.print(f"未能安排：{household.id}（{household.head}，{household.village}）：{why}")
    if not plan.pairings:
        console.print("没有可以安排的结对。")
        return
    change, ids = pairing_actions.write_plan(plan, dry_run)
    show_change(change, dry_run)
    if not dry_run:
        console.print(f"已登记 {len(ids)} 个结对（{ids[0]} … {ids[-1]}）→ {change.rel}")


def unpair(
    ctx: typer.Context,
    deputy: Annotated[
        str | None, typer.Argument(help="代表编号或姓名", autocompletion=complete.deputies)
    ] = None,
    household: Annotated[
        str | None,
        typer.Argument(help="贫困户编号或户主姓名", autocompletion=complete.households),
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", "-r", help="结束原因（必填；在终端上可省略，会询问）")
    ] = None,
    date: DateOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """结束结对：写上结束日期和原因，结对记录保留，不会删除。

    在终端上运行时，缺少的代表、贫困户（从该代表正在结对的户中选）、日期和原因会询问。

    例：lingbi unpair yangtuan-d002 yangtuan-h0003 --date 2020-06-30 --reason 已稳定脱贫
    """
    missing = deputy is None or household is None or reason is None
    asking = missing and prompts.interactive()
    if missing and not asking:
        what = "<代表>" if deputy is None else "<贫困户>" if household is None else "--reason"
        raise usage.ChineseUsageError(f"缺少 {what}（不在终端上运行时，必须在命令行给出）", ctx)
    folder = ctx.obj.folder()
    term = prompts.Terminal()
    day, deputy = _day_and_deputy(term, folder, date, asking, deputy)
    if household is None:
        records = activity_actions.prepare(folder, [deputy], None)
        deputy_id = find(records, models.Deputy, deputy).id
        paired = activity_actions.paired_households(records, deputy_id, day)
        if not paired:
            raise UsageError(f"这位代表在 {day} 没有正在结对的贫困户")
        options = [(h.id, f"{h.head}户，{h.village}（{h.id}）") for h in paired]
        household = prompts.choose(term, "结束哪一户的结对", options)
    if reason is None:
        reason = prompts.ask(term, "结束原因", str)
    written = pairing_actions.unpair(folder, deputy, household, day, reason, dry_run)
    if not dry_run:
        typer.echo(f"已结束结对 {written.record_id} → {written.change.rel}")
    else:
        show_change(written.change, dry_run)


def follow_up(
    ctx: typer.Context,
    activity: Annotated[str, typer.Argument(help="调研视察或督查的活动编号")],
    text: Annotated[str, typer.Argument(help="后续处理的情况，如 已交县水利局，管网改造列入计划")],
    dry_run: DryRunOption = False,
) -> None:
    """登记调研视察、督查发现问题的后续处理（整改、交办的结果）。

    例：lingbi follow-up yuji-a201911-003 已督促村集体与企业签订利益联结协议
    """
    written = activity_actions.follow_up(ctx.obj.folder(), activity, text, dry_run)
    show_written(written, "后续处理", dry_run)


def register(app: typer.Typer) -> None:
    app.command()(pair)
    app.command()(unpair)
    from lingbi_cli.cli.activity import log  # after show_written, which it uses

    app.command()(log)
    app.command("follow-up")(follow_up)


def _day_and_deputy(
    term: prompts.Terminal,
    folder: DataFolder,
    date: dt.datetime | None,
    asking: bool,
    deputy: str | None,
) -> tuple[dt.date, str]:
    """The day given (or asked for, today shown), and the deputy given or asked for by name."""
    day = (
        prompts.day(term, periods.today(), _campaign(folder))
        if date is None and asking
        else day_of(date)
    )
    if deputy is None:
        people = activity_actions.prepare(folder, [], None)
        table = [(d.id, d.name) for d in people.deputies.values()]
        deputy = prompts.person(term, prompts.ask(term, "代表", str), table, "代表")[0]
    return day, deputy
