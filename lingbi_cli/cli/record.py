"""``lingbi pair``, ``unpair`` and ``log``: recording facts safely; how a write is shown."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

import typer

from lingbi_cli import models
from lingbi_cli.actions import activity as activity_actions
from lingbi_cli.actions import pairing as pairing_actions
from lingbi_cli.actions.common import Written, find
from lingbi_cli.cli.options import DateOption, DryRunOption, State, choice, day_of
from lingbi_cli.errors import UsageError
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.write import Change


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask(name: str, prompt: str, choices: list[tuple[str, str]] | None = None) -> str:
    """Prompt for a missing field on a terminal; without one, a missing field is an error."""
    if not _interactive():
        raise UsageError(f"缺少 {name}：{prompt}（不在终端上运行时，必须在命令行给出）")
    if choices:
        for number, (value, label) in enumerate(choices, start=1):
            typer.echo(f"  {number}. {label}（{value}）")
        answer = str(typer.prompt(f"{prompt}（填序号或编号）"))
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1][0]
        return answer
    return str(typer.prompt(prompt))


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
    deputy: Annotated[str | None, typer.Argument(help="代表编号或姓名")] = None,
    household: Annotated[str | None, typer.Argument(help="贫困户编号或户主姓名")] = None,
    date: DateOption = None,
    auto: Annotated[bool, typer.Option("--auto", help="为乡镇未结对的贫困户自动安排")] = False,
    township: Annotated[
        str | None, typer.Option("--township", "-t", help="乡镇（--auto 用）")
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """登记结对：代表与贫困户结对帮扶（每名代表 1—3 户，§2.3(3)）。

    --auto 为乡镇中未结对的贫困户自动安排代表：不超过 3 户、符合来源规定、优先同村、再看负担。

    例：lingbi pair yangtuan-d002 yangtuan-h0003 --date 2019-05-06
    例：lingbi pair --auto --township 杨疃镇 --dry-run
    """
    folder = ctx.obj.folder()
    day = day_of(date)
    if auto:
        if township is None:
            raise UsageError("--auto 需要 --township 指定乡镇")
        _auto(folder, township, day, dry_run)
        return
    if deputy is None or household is None:
        raise UsageError("请给出代表和贫困户，例如 lingbi pair yangtuan-d002 yangtuan-h0003")
    written = pairing_actions.pair(folder, deputy, household, day, dry_run)
    show_written(written, "结对", dry_run)


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
    deputy: Annotated[str, typer.Argument(help="代表编号或姓名")],
    household: Annotated[str, typer.Argument(help="贫困户编号或户主姓名")],
    reason: Annotated[str, typer.Option("--reason", "-r", help="结束原因（必填）")],
    date: DateOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """结束结对：写上结束日期和原因，结对记录保留，不会删除。

    例：lingbi unpair yangtuan-d002 yangtuan-h0003 --date 2020-06-30 --reason 已稳定脱贫
    """
    written = pairing_actions.unpair(
        ctx.obj.folder(), deputy, household, day_of(date), reason, dry_run
    )
    if not dry_run:
        typer.echo(f"已结束结对 {written.record_id} → {written.change.rel}")
    else:
        show_change(written.change, dry_run)


KIND_HELP = "、".join(f"{k.name}（{k.value}）" for k in models.ActivityKind)


def log(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help=f"活动类别：{KIND_HELP}")],
    deputy: Annotated[
        list[str] | None, typer.Option("--deputy", "-D", help="代表编号或姓名；联合开展可重复")
    ] = None,
    household: Annotated[
        str | None, typer.Option("--household", "-H", help="贫困户（六个一必填）")
    ] = None,
    summary: Annotated[str | None, typer.Option("--summary", "-s", help="内容摘要")] = None,
    date: DateOption = None,
    focus: Annotated[str | None, typer.Option("--focus", help="重点任务，如 饮水安全")] = None,
    amount: Annotated[str | None, typer.Option("--amount", help="捐资金额（元）")] = None,
    funds: Annotated[str | None, typer.Option("--funds", help="引进资金（元）")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", help="提供就业岗位数")] = None,
    projects: Annotated[int | None, typer.Option("--projects", help="引进项目数")] = None,
    cooperatives: Annotated[int | None, typer.Option("--cooperatives", help="领办合作社数")] = None,
    trainees: Annotated[int | None, typer.Option("--trainees", help="培训人数")] = None,
    participants: Annotated[
        int | None, typer.Option("--participants", help="代表以外的参加人数")
    ] = None,
    village: Annotated[list[str] | None, typer.Option("--village", help="村（可重复）")] = None,
    observations: Annotated[str | None, typer.Option("--findings", help="发现的问题")] = None,
    follow_up: Annotated[
        str | None, typer.Option("--follow-up", help="发现问题的后续处理（交办、整改结果）")
    ] = None,
    form: Annotated[
        str | None, typer.Option("--form", help="调研视察的形式：专题调研 或 集中视察")
    ] = None,
    aid: Annotated[
        str | None,
        typer.Option(
            "--aid", help="帮助解决的实际困难（谈心、献计、出力）：就业 上学 就医 信息 政策"
        ),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="宣传载体：广播 电视 网络 报刊，或其他如 微信")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="报道标题")] = None,
    township: Annotated[
        str | None, typer.Option("--township", "-t", help="活动所在乡镇（默认第一位代表的乡镇）")
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """登记一次活动（串门、谈心、讲课、献计、捐资、出力、调研视察、模范带头、宣传报道、督查）。

    在终端上运行时，缺少的内容会逐项询问（贫困户从该代表结对的户中选）；否则缺少即报错。

    例：lingbi log visit -D yangtuan-d001 -H yangtuan-h0001 --date 2019-05-08 -s 入户走访
    """
    state: State = ctx.obj
    folder = state.folder()
    activity_kind = choice(models.ActivityKind, kind, "活动类别")
    day = day_of(date)
    deputies = list(deputy or []) or [_ask("--deputy", "代表（编号或姓名）")]
    records = activity_actions.prepare(folder, deputies, township)
    required, _ = models.ACTIVITY_FIELDS[activity_kind]
    if "household" in required and household is None:
        paired = activity_actions.paired_households(
            records, find(records, models.Deputy, deputies[0]).id, day
        )
        household = _ask(
            "--household", "帮扶的贫困户", [(h.id, f"{h.head}，{h.village}") for h in paired]
        )
    values: dict[str, Any] = {
        "summary": summary,
        "focus": choice(models.FocusArea, focus, "重点任务") if focus else None,
        "amount": _money(amount, "--amount"),
        "funds": _money(funds, "--funds"),
        "jobs": jobs,
        "projects": projects,
        "cooperatives": cooperatives,
        "trainees": trainees,
        "participants": participants,
        "villages": village or None,
        "findings": observations,  # the record's key for Activity.observations
        "follow_up": follow_up,
        "form": choice(models.TripForm, form, "调研视察的形式") if form else None,
        "aid": choice(models.HelpKind, aid, "实际困难的类别") if aid else None,
        "outlet": outlet.strip() if outlet else None,
        "title": title,
    }
    if values["summary"] is None:
        values["summary"] = _ask("--summary", "内容摘要")
    if "amount" in required and values["amount"] is None:
        values["amount"] = _money(_ask("--amount", "捐资金额（元）"), "--amount")
    if "villages" in required and not values["villages"]:
        values["villages"] = [
            v.strip()
            for v in _ask("--village", "走访、视察的村（用逗号分隔）").replace("，", ",").split(",")
            if v.strip()
        ]
    if "outlet" in required and values["outlet"] is None:
        values["outlet"] = _ask("--outlet", "宣传载体（广播/电视/网络/报刊/微信等）").strip()
    written = activity_actions.log_activity(
        records,
        activity_kind,
        deputies,
        day,
        {k: v for k, v in values.items() if v is not None},
        township=township,
        household=household,
        dry_run=dry_run,
    )
    show_written(written, f"{activity_kind.value}活动", dry_run)


def _money(text: str | None, option: str) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.replace(",", "").replace("元", "").strip())
    except InvalidOperation:
        raise UsageError(f"{option} 应当是金额数字（元），而不是“{text}”") from None
    if not value.is_finite():
        raise UsageError(f"{option} 应当是金额数字（元），而不是“{text}”")
    if value < 0:
        from lingbi_cli.errors import RefusedError

        raise RefusedError(f"没有写入：{option} 金额不能是负数（{text}）")
    return value


def follow_up(
    ctx: typer.Context,
    activity: Annotated[str, typer.Argument(help="调研视察或督查的活动编号")],
    text: Annotated[str, typer.Argument(help="后续处理的情况，如 已交县水利局，管网改造列入计划")],
    dry_run: DryRunOption = False,
) -> None:
    """登记调研视察、督查发现问题的后续处理（写入该活动的 follow_up）。

    例：lingbi follow-up yuji-a201911-003 已督促村集体与企业签订利益联结协议
    """
    written = activity_actions.follow_up(ctx.obj.folder(), activity, text, dry_run)
    show_written(written, "后续处理", dry_run)


def register(app: typer.Typer) -> None:
    app.command()(pair)
    app.command()(unpair)
    app.command()(log)
    app.command("follow-up")(follow_up)
