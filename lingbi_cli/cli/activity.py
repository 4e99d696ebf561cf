"""``lingbi log``: one activity, from the command line or asked for on a terminal.

The kind-specific options say which kinds take them (from ``models.ACTIVITY_FIELDS``); what the
command line left out is asked for through ``cli/prompts.py``; if the write is still refused,
what was typed is printed back as one command line.
"""

import datetime as dt
import re
import shlex
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

import typer

from lingbi_cli import models, periods
from lingbi_cli.actions import activity as activity_actions
from lingbi_cli.actions.common import find
from lingbi_cli.cli import complete, prompts
from lingbi_cli.cli.options import DateOption, DryRunOption, State, choice, day_of
from lingbi_cli.cli.record import show_written
from lingbi_cli.errors import LingbiError, UsageError

KIND_HELP = "、".join(f"{k.name}（{k.value}）" for k in models.ActivityKind)


def villages(given: list[str]) -> list[str]:
    """The villages of ``--village`` options: each may name several, separated by commas
    (ASCII or Chinese) or 、 — a village's name never holds one, and a clerk who types
    ``--village 甲村,乙村`` means two villages (as the prompt does), so the text is split here
    rather than stored as one name."""
    return [v.strip() for text in given for v in re.split("[,，、]", text) if v.strip()]


def _kinds_for(key: str) -> str:
    """Which kinds of activity take the field ``key``: ``（捐资必填；模范带头可填）``."""
    required = [k.value for k, (need, _) in models.ACTIVITY_FIELDS.items() if key in need]
    optional = [k.value for k, (_, may) in models.ACTIVITY_FIELDS.items() if key in may]
    parts = [f"{'、'.join(required)}必填"] if required else []
    parts += [f"{'、'.join(optional)}可填"] if optional else []
    return f"（{'；'.join(parts)}）" if parts else ""


def _missing(option: str, what: str) -> UsageError:
    return UsageError(f"缺少 {option}：{what}（不在终端上运行时，必须在命令行给出）")


def log(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Argument(
            help=f"活动类别：{KIND_HELP}；在终端上可省略，会询问",
            autocompletion=complete.activity_kinds,
        ),
    ] = None,
    deputy: Annotated[
        list[str] | None,
        typer.Option(
            "--deputy",
            "-D",
            help="代表编号或姓名；联合开展可重复，或用、分开",
            autocompletion=complete.deputies,
        ),
    ] = None,
    household: Annotated[
        str | None,
        typer.Option(
            "--household",
            "-H",
            help=f"帮扶的贫困户：编号或户主姓名{_kinds_for('household')}",
            autocompletion=complete.households,
        ),
    ] = None,
    summary: Annotated[str | None, typer.Option("--summary", "-s", help="内容摘要")] = None,
    date: DateOption = None,
    focus: Annotated[str | None, typer.Option("--focus", help="重点任务，如 饮水安全")] = None,
    amount: Annotated[
        str | None, typer.Option("--amount", help=f"捐资金额，元{_kinds_for('amount')}")
    ] = None,
    funds: Annotated[
        str | None, typer.Option("--funds", help=f"引进资金，元{_kinds_for('funds')}")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", help=f"提供就业岗位数{_kinds_for('jobs')}")
    ] = None,
    projects: Annotated[
        int | None, typer.Option("--projects", help=f"引进项目数{_kinds_for('projects')}")
    ] = None,
    cooperatives: Annotated[
        int | None,
        typer.Option("--cooperatives", help=f"领办合作社数{_kinds_for('cooperatives')}"),
    ] = None,
    trainees: Annotated[
        int | None, typer.Option("--trainees", help=f"培训人数{_kinds_for('trainees')}")
    ] = None,
    participants: Annotated[
        int | None,
        typer.Option("--participants", help=f"代表以外的参加人数{_kinds_for('participants')}"),
    ] = None,
    village: Annotated[
        list[str] | None,
        typer.Option(
            "--village", help=f"村，可重复，或用逗号、顿号分隔：甲村,乙村{_kinds_for('villages')}"
        ),
    ] = None,
    observations: Annotated[
        str | None, typer.Option("--findings", help=f"发现的问题{_kinds_for('observations')}")
    ] = None,
    follow_up: Annotated[
        str | None,
        typer.Option(
            "--follow-up", help=f"发现问题的后续处理（交办、整改结果）{_kinds_for('follow_up')}"
        ),
    ] = None,
    form: Annotated[
        str | None,
        typer.Option("--form", help=f"调研视察的形式：专题调研 或 集中视察{_kinds_for('form')}"),
    ] = None,
    aid: Annotated[
        str | None,
        typer.Option(
            "--aid", help=f"帮助解决的实际困难：就业 上学 就医 信息 政策{_kinds_for('aid')}"
        ),
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option(
            "--outlet",
            help=f"宣传载体：广播 电视 网络 报刊，或其他如 微信{_kinds_for('outlet')}",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help=f"报道标题{_kinds_for('title')}")
    ] = None,
    township: Annotated[
        str | None,
        typer.Option(
            "--township",
            "-t",
            help="活动所在乡镇（默认第一位代表的乡镇）",
            autocompletion=complete.townships,
        ),
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """登记一次活动（串门、谈心、讲课、献计、捐资、出力、调研视察、模范带头、宣传报道、督查）。

    在终端上运行时，缺少的内容会逐项询问：日期（默认今天）、代表（可填几位，用、分开；
    可填姓名的一部分或拼音首字母）、贫困户（从代表结对的户中选）等，填错了会提示后再问
    一次；按 Ctrl-C 取消，不会写入。不在终端上运行时，缺少即报错。

    例：lingbi log visit -D yangtuan-d001 -H yangtuan-h0001 --date 2019-05-08 -s 入户走访
    """
    state: State = ctx.obj
    folder = state.folder()
    asking = prompts.interactive()
    term = prompts.Terminal()
    if kind is None:
        if not asking:
            raise _missing("<类别>", "活动类别")
        options = [(k.value, k.value) for k in models.ActivityKind]
        kind = prompts.choose(term, "活动类别", options)
    activity_kind = choice(models.ActivityKind, kind, "活动类别")
    campaign = folder.settings.campaign
    day = (
        prompts.day(term, periods.today(), (campaign.start, campaign.end))
        if date is None and asking
        else day_of(date)
    )
    names = [w for text in deputy or [] for w in prompts.words(text)]
    if not names:
        if not asking:
            raise _missing("--deputy", "代表（编号或姓名）")
        people = activity_actions.prepare(folder, [], township)
        table = [(d.id, d.name) for d in people.deputies.values()]
        names = [pid for pid, _ in prompts.several(term, "代表", table, "代表")]
    records = activity_actions.prepare(folder, names, township)
    ids = [find(records, models.Deputy, text).id for text in names]
    required, _ = models.ACTIVITY_FIELDS[activity_kind]
    if "household" in required and household is None:
        if not asking:
            raise _missing("--household", "帮扶的贫困户")
        household = _pick_household(term, records, ids, day)
    values: dict[str, Any] = {
        "summary": summary,
        "focus": choice(models.FocusArea, focus, "重点任务") if focus else None,
        "amount": money_option(amount, "--amount"),
        "funds": money_option(funds, "--funds"),
        "jobs": jobs,
        "projects": projects,
        "cooperatives": cooperatives,
        "trainees": trainees,
        "participants": participants,
        "villages": villages(village or []) or None,
        "findings": observations,  # the record's key for Activity.observations
        "follow_up": follow_up,
        "form": choice(models.TripForm, form, "调研视察的形式") if form else None,
        "aid": choice(models.HelpKind, aid, "实际困难的类别") if aid else None,
        "outlet": outlet.strip() if outlet else None,  # an open list (§3.3: 等)
        "title": title,
    }
    _refuse_foreign(activity_kind, values)
    _ask_missing(term, asking, required, values)
    try:
        written = activity_actions.log_activity(
            records,
            activity_kind,
            ids,
            day,
            {k: v for k, v in values.items() if v is not None},
            township=township,
            household=household,
            dry_run=dry_run,
        )
    except LingbiError:
        if asking:  # what was typed is not lost: the same entry as one command line
            again = _command_line(activity_kind, day, ids, household, township, values)
            typer.echo(f"刚才填写的内容（改正后可再次运行）：\n  {again}", err=True)
        raise
    show_written(written, f"{activity_kind.value}活动", dry_run)


def _pick_household(
    term: prompts.Terminal, records: Any, deputy_ids: list[str], day: dt.date
) -> str:
    """A household paired with one of the deputies on ``day``, chosen from a numbered list."""
    paired: dict[str, models.Household] = {}
    for deputy_id in deputy_ids:
        for h in activity_actions.paired_households(records, deputy_id, day):
            paired.setdefault(h.id, h)
    if not paired:
        raise UsageError(
            f"这几位代表在 {day} 没有结对的贫困户；先用 lingbi pair 登记结对，或换一个日期"
        )
    options = [(h.id, f"{h.head}户，{h.village}（{h.id}）") for h in paired.values()]
    return prompts.choose(term, "帮扶的贫困户", options)


_OPTION_OF = {"villages": "--village", "findings": "--findings"}
_FIELD_OF = {"findings": "observations"}  # ACTIVITY_FIELDS speaks of the model's names
_KIND_SPECIFIC: frozenset[str] = frozenset().union(
    *(need | may for need, may in models.ACTIVITY_FIELDS.values())
)


def _refuse_foreign(kind: models.ActivityKind, values: dict[str, Any]) -> None:
    """An option this kind does not take: say which kinds take it, before anything is asked."""
    required, optional = models.ACTIVITY_FIELDS[kind]
    for key, value in values.items():
        field = _FIELD_OF.get(key, key)
        if value is None or field not in _KIND_SPECIFIC or field in required | optional:
            continue
        option = _OPTION_OF.get(key, f"--{key}")
        takers = "、".join(
            k.value for k, (need, may) in models.ACTIVITY_FIELDS.items() if field in need | may
        )
        raise UsageError(f"{kind.value}活动不填 {option}；{option} 只用于{takers}活动")


def _ask_missing(
    term: prompts.Terminal, asking: bool, required: frozenset[str], values: dict[str, Any]
) -> None:
    """The kind's required fields, then the summary, asked for (or refused) one by one."""

    def need(key: str, option: str, what: str) -> bool:
        if values[key] not in (None, []):
            return False
        if not asking:
            raise _missing(option, what)
        return True

    if "amount" in required and need("amount", "--amount", "捐资金额（元）"):
        values["amount"] = prompts.ask(term, "捐资金额（元）", _money_answer)
    if "villages" in required and need("villages", "--village", "走访、视察的村"):
        values["villages"] = prompts.ask(term, "走访、视察的村（多个用、分开）", prompts.words)
    if "outlet" in required and need("outlet", "--outlet", "宣传载体"):
        values["outlet"] = prompts.ask(
            term, "宣传载体（广播、电视、网络、报刊或其他，如 微信）", str
        )
    if need("summary", "--summary", "内容摘要"):
        values["summary"] = prompts.ask(term, "内容摘要", str)


def _money_answer(text: str) -> Decimal:
    try:
        value = money_option(text, "金额")
    except LingbiError as error:
        raise prompts.Again(str(error).removeprefix("没有写入：")) from None
    assert value is not None
    return value


def _command_line(
    kind: models.ActivityKind,
    day: dt.date,
    deputies: list[str],
    household: str | None,
    township: str | None,
    values: dict[str, Any],
) -> str:
    """``lingbi log …`` that records the same entry."""
    words = ["lingbi", "log", kind.name, "--date", day.isoformat()]
    for deputy_id in deputies:
        words += ["-D", deputy_id]
    if household:
        words += ["-H", household]
    if township:
        words += ["-t", township]
    options = {"summary": "-s", "findings": "--findings", "follow_up": "--follow-up"}
    for key, value in values.items():
        if value is None:
            continue
        option = options.get(key, f"--{key.removesuffix('s') if key == 'villages' else key}")
        for item in value if isinstance(value, list) else [value]:
            words += [option, str(item)]
    return " ".join(shlex.quote(w) for w in words)


def money_option(text: str | None, option: str) -> Decimal | None:
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
