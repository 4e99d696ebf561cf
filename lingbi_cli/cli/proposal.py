"""``lingbi proposal add|assign|reply|rate|rehandle`` and ``lingbi file``: a proposal's
lifecycle and the plans, lists and reports filed with the county committee."""

import datetime as dt
from typing import Annotated, Any

import typer

from lingbi_cli import models
from lingbi_cli.actions import proposals as proposal_actions
from lingbi_cli.cli import complete
from lingbi_cli.cli.options import DateOption, DryRunOption, choice, day_of
from lingbi_cli.cli.record import show_change, show_written
from lingbi_cli.errors import UsageError

proposal_app = typer.Typer(
    help="议案建议：提出、交办、答复、代表评价、重新办理。\n\n例：lingbi proposal assign "
    "yangtuan-j2019-01 --department 县交通运输局 --date 2019-03-20",
    no_args_is_help=True,
)


@proposal_app.command("add")
def proposal_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Option("--title", help="标题")],
    lead: Annotated[str, typer.Option("--lead", help="领衔代表", autocompletion=complete.deputies)],
    type_: Annotated[str, typer.Option("--type", help="议案 / 建议 / 批评意见")] = "建议",
    cosigner: Annotated[
        list[str] | None,
        typer.Option("--cosigner", help="附议代表（可重复）", autocompletion=complete.deputies),
    ] = None,
    session: Annotated[str, typer.Option("--session", help="大会期间 / 闭会期间")] = "闭会期间",
    focus: Annotated[str | None, typer.Option("--focus", help="重点任务")] = None,
    date: DateOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """提出一件议案或建议。

    例：lingbi proposal add --title 关于修建前庄村生产路的建议 --lead yangtuan-d002
    --date 2019-03-10
    """
    fields = {
        "type": choice(models.ProposalType, type_, "类别"),
        "title": title,
        "session": choice(models.ProposalSession, session, "提出时间"),
        "focus": choice(models.FocusArea, focus, "重点任务") if focus else None,
    }
    written = proposal_actions.add_proposal(
        ctx.obj.folder(), lead, list(cosigner or []), day_of(date), fields, dry_run
    )
    show_written(written, "议案建议", dry_run)


def _update(ctx: typer.Context, proposal: str, updates: dict[str, Any], dry_run: bool) -> None:
    written = proposal_actions.update_proposal(ctx.obj.folder(), proposal, updates, dry_run)
    show_change(written.change, dry_run)
    if not dry_run:
        typer.echo(f"已更新议案建议 {written.record_id} → {written.change.rel}")


def _result(text: str) -> models.ProposalResult:
    """A result given as A–D or in words (已解决 …)."""
    try:
        return models.ProposalResult(text)
    except ValueError:
        allowed = "、".join(f"{m.value} 或 {m.word}" for m in models.ProposalResult)
        raise UsageError(f"办理结果“{text}”不对，可选：{allowed}") from None


def _advance(
    ctx: typer.Context,
    proposal: str,
    step: models.ProposalStep,
    day: dt.date,
    value: Any,
    dry_run: bool,
) -> None:
    written = proposal_actions.advance_proposal(
        ctx.obj.folder(), proposal, step, day, value, dry_run
    )
    show_change(written.change, dry_run)
    if not dry_run:
        typer.echo(
            f"已登记议案建议 {written.record_id} 的{step.value}（{day}）→ {written.change.rel}"
        )


ProposalArg = Annotated[str, typer.Argument(help="议案建议编号")]


@proposal_app.command("assign")
def proposal_assign(
    ctx: typer.Context,
    proposal: ProposalArg,
    department: Annotated[str, typer.Option("--department", help="承办部门")],
    date: DateOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """交办：写明承办部门和交办日期。

    例：lingbi proposal assign yangtuan-j2019-01 --department 县交通运输局 --date 2019-03-20
    """
    _update(ctx, proposal, {"department": department, "assigned": day_of(date)}, dry_run)


@proposal_app.command("reply")
def proposal_reply(
    ctx: typer.Context,
    proposal: ProposalArg,
    result: Annotated[
        str,
        typer.Option(
            "--result", help="办理结果：A 或 已解决、B 或 正在解决、C 或 列入计划、D 或 留作参考"
        ),
    ],
    date: DateOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """答复：登记答复日期和办理结果。再次答复（如重新办理后）也用它，前面的答复都保留。

    例：lingbi proposal reply yangtuan-j2019-01 --result 正在解决 --date 2019-06-10
    """
    outcome = _result(result)
    _advance(ctx, proposal, models.ProposalStep.reply, day_of(date), outcome, dry_run)


@proposal_app.command("rate")
def proposal_rate(
    ctx: typer.Context,
    proposal: ProposalArg,
    satisfaction: Annotated[str, typer.Option("--satisfaction", help="满意 / 基本满意 / 不满意")],
    date: DateOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """代表对最近一次答复的评价（连同评价的日期）。

    例：lingbi proposal rate yangtuan-j2019-01 --satisfaction 满意 --date 2019-06-20
    """
    value = choice(models.Satisfaction, satisfaction, "评价")
    _advance(ctx, proposal, models.ProposalStep.rating, day_of(date), value, dry_run)


@proposal_app.command("rehandle")
def proposal_rehandle(
    ctx: typer.Context,
    proposal: ProposalArg,
    date: DateOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """代表不满意后，承办部门重新办理的日期；办好后再用 proposal reply 登记新的答复。

    例：lingbi proposal rehandle yangtuan-j2019-01 --date 2019-07-15
    """
    _advance(ctx, proposal, models.ProposalStep.rehandle, day_of(date), None, dry_run)


def file(
    ctx: typer.Context,
    kind: Annotated[
        str,
        typer.Argument(
            help="plan（活动方案）、pairing_list（帮扶名单）、h1_report、h2_report、year_summary"
        ),
    ],
    period: Annotated[str, typer.Option("--period", help="2019 或 2019H1")],
    township: Annotated[
        str,
        typer.Option("--township", "-t", help="乡镇编号或名称", autocompletion=complete.townships),
    ],
    date: DateOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """登记向县人大常委会报送的材料（§3.2）。

    例：lingbi file h1_report --period 2019H1 --township 杨疃镇 --date 2019-06-18
    """
    filing_kind = choice(models.FilingKind, kind, "报送类别")
    written = proposal_actions.file_report(
        ctx.obj.folder(), township, filing_kind, period.strip().upper(), day_of(date), dry_run
    )
    show_written(written, filing_kind.value, dry_run)


def register(app: typer.Typer) -> None:
    app.add_typer(proposal_app, name="proposal")
    app.command("file")(file)
