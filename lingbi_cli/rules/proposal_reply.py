"""proposal-reply: a proposal left without a reply, or without re-handling after 不满意."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from lingbi_cli.errors import Finding, Level
from lingbi_cli.models import Satisfaction
from lingbi_cli.rules.base import Context, RuleSettings, Tier, rule


class ReplySettings(RuleSettings):
    reply_months: int = Field(3, ge=1)  # departments normally reply within three months
    rehandle_months: int = Field(1, ge=1)  # re-handling after 不满意


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@rule(
    "proposal-reply",
    tier=Tier.campaign,
    order=9,
    level=Level.warning,
    clause="§2.3(4)",
    quote=(
        "支持鼓励代表围绕脱贫攻坚通过提出议案、建议等方式,推动贫困地区和贫困群众最迫切、"
        "最急需问题得到有效解决"
    ),
    summary="交办三个月仍未答复；答复不满意一个月后仍未重新办理",
    settings=ReplySettings,
    what="""
    已经交办（assigned）的议案建议，reply_months（3）个月内没有答复（reply），或者答复晚于
    这个期限；代表对答复不满意，答复后 rehandle_months（1）个月内没有重新办理（rehandled）。
    有多次答复、评价的（steps），看检查日期那天最近一次答复和对它的评价。
    """,
    why="""
    §2.3(4) 支持代表通过议案、建议推动最迫切、最急需的问题得到解决；没有部门答复的议案建议什么也
    解决不了。三个月是承办部门答复的通常期限，可以在设置中修改。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a proposal assigned to a department (``assigned``) with no ``reply`` within
    ``reply_months`` (3) months, or replied later than that; a reply the deputy found 不满意
    with no ``rehandled`` date within ``rehandle_months`` (1) month of the reply. With several
    replies and ratings (``steps``), the latest reply as of the day judged and its rating.
    Why: §2.3(4) wants deputies' proposals to get the most urgent problems solved; a proposal
    that no department answers solves nothing. The three months are the usual time for a
    department's reply, and a setting.
    """
    s: ReplySettings = ctx.settings
    for proposal in ctx.records.proposals.values():
        if not ctx.in_scope(proposal.township) or proposal.assigned is None:
            continue
        if proposal.date > ctx.as_of or proposal.assigned > ctx.as_of:
            continue
        period = ctx.scope.period  # a shortfall belongs to the period its deadline falls in
        due = add_months(proposal.assigned, s.reply_months)
        in_scope = period is None or due in period
        state = proposal.state_on(ctx.as_of)  # the history as it stood on the day judged
        reply = state.first_reply
        label = f"议案建议 {proposal.id}《{proposal.title}》"
        if in_scope and reply is None and due < ctx.as_of:
            yield ctx.finding(
                proposal,
                f"{label}于 {proposal.assigned} 交办{proposal.department}，到 {due} 仍未答复",
                "督促承办部门答复；答复后用 lingbi proposal reply 登记",
                facts={"case": "unanswered", "assigned": proposal.assigned, "due": due},
            )
        elif in_scope and reply is not None and reply > due:
            yield ctx.finding(
                proposal,
                f"{label}于 {reply} 才答复，超过了交办后 {s.reply_months} 个月的期限（{due}）",
                "在年终总结中说明，并督促承办部门按时办理",
                facts={"case": "late", "reply": reply, "due": due},
            )
        if state.reply is not None and state.satisfaction is Satisfaction.unsatisfied:
            redo_due = add_months(state.reply, s.rehandle_months)  # after the reply rated
            redone = state.rehandled
            if period is not None and redo_due not in period:
                continue
            if (redone is None and redo_due < ctx.as_of) or (redone and redone > redo_due):
                yield ctx.finding(
                    proposal,
                    f"{label}答复后代表不满意，{redo_due} 前应重新办理，"
                    + (f"{redone} 才重新办理" if redone else "至今没有重新办理的记录"),
                    "督促承办部门重新办理，并登记 rehandled 日期",
                    facts={"case": "rehandle", "due": redo_due, "rehandled": redone},
                )
