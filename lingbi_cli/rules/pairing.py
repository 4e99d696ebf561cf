"""Campaign rules on pairing assistance (结对帮扶, §2.3(3)) and the first meeting (§3.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from lingbi_cli import models
from lingbi_cli.errors import Finding, Level
from lingbi_cli.models import SIX_ONES, ActivityKind, ChosenBy, HouseholdStatus
from lingbi_cli.periods import Period
from lingbi_cli.rules.base import Context, RuleSettings, rule

Q3_3 = "§2.3(3)"


def _label(ctx: Context, pairing: models.Pairing) -> str:
    deputy = ctx.county.deputies.get(pairing.deputy)
    household = ctx.county.households.get(pairing.household)
    who = f"{deputy.name}（{deputy.id}）" if deputy else pairing.deputy
    whom = f"{household.head}户（{household.id}）" if household else pairing.household
    return f"结对 {pairing.id}：{who} — {whom}"


def _pairing_township(ctx: Context, pairing: models.Pairing) -> str | None:
    deputy = ctx.county.deputies.get(pairing.deputy)
    return deputy.township if deputy else None


def _active_span(ctx: Context, pairing: models.Pairing) -> Period | None:
    """The part of the campaign (up to as_of) in which the pairing and its deputy were active."""
    deputy = ctx.county.deputies.get(pairing.deputy)
    end = pairing.end
    if deputy is not None and deputy.term_end is not None:
        end = min(end, deputy.term_end) if end else deputy.term_end
    start = max(pairing.start, deputy.term_start) if deputy else pairing.start
    return ctx.campaign_period.clip(start, end)


class PairsSettings(RuleSettings):
    min: int = Field(1, ge=0)  # §2.3(3) 结对联系1—3户
    max: int = Field(3, ge=1)
    grace_days: int = Field(30, ge=0)  # a new deputy's time to be paired (seed silent)


@rule(
    "pairs-per-deputy",
    level=Level.warning,
    clause=Q3_3,
    quote="倡导每名代表结对联系1—3户贫困户",
    summary="在任代表结对的贫困户少于 1 户或多于 3 户",
    settings=PairsSettings,
    example=(
        "# townships/yangtuan/pairings.yaml：yangtuan-d003 同时有 4 个未结束的结对\n"
        "- {id: yangtuan-p0007, deputy: yangtuan-d003, household: yangtuan-h0011, ...}\n"
        "- {id: yangtuan-p0008, deputy: yangtuan-d003, household: yangtuan-h0012, ...}\n"
        "- {id: yangtuan-p0009, deputy: yangtuan-d003, household: yangtuan-h0013, ...}\n"
        "- {id: yangtuan-p0010, deputy: yangtuan-d003, household: yangtuan-h0014, ...}\n"
    ),
)
def pairs_per_deputy(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a deputy in office with no paired household on the day judged (``--as-of``, or the
    campaign's last day if later), once the plan deadline (31 March 2018) or, for a deputy who
    took office later, ``grace_days`` after their term start has passed; or a deputy with more
    than ``max`` households paired at the same time on any day.
    Why: §2.3(3) asks every deputy to pair with 1–3 households: none leaves the deputy out of the
    campaign, more than three spreads their help too thin.
    Example: yangtuan-d003 with four open pairings.
    """
    s: PairsSettings = ctx.settings
    window = ctx.campaign_period
    if ctx.scope.period is not None:
        window = window.clip(ctx.scope.period.start, ctx.scope.period.end) or window
    day = min(ctx.as_of, window.end)
    plan_due = dt.date(ctx.campaign.start.year, *ctx.campaign.plan_deadline)
    for deputy in ctx.county.deputies.values():
        if not ctx.in_scope(deputy.township):
            continue
        pairings = ctx.index.pairings_by_deputy.get(deputy.id, [])
        due = max(plan_due, deputy.term_start + dt.timedelta(days=s.grace_days))
        if deputy.active_on(day) and day >= due:
            count = sum(1 for p in pairings if p.active_on(day))
            if count < s.min:
                yield ctx.finding(
                    deputy,
                    f"代表 {deputy.name}（{deputy.id}）在 {day} 只结对了 {count} 户，"
                    f"少于 {s.min} 户",
                    f"用 lingbi pair {deputy.id} 贫困户编号 为其结对，或 lingbi pair --auto",
                )
        # the largest number of pairings open on one day of the window judged (up to `day`)
        events = [(p.start, 1) for p in pairings]
        events += [(p.end + dt.timedelta(days=1), -1) for p in pairings if p.end]
        candidates = [window.start, *(w for w, _ in events if window.start < w <= day)]
        peak_day = max(candidates, key=lambda x: sum(d for w, d in events if w <= x))
        peak = sum(d for w, d in events if w <= peak_day)
        if peak > s.max:
            yield ctx.finding(
                deputy,
                f"代表 {deputy.name}（{deputy.id}）在 {peak_day} 同时结对 {peak} 户，"
                f"多于 {s.max} 户",
                "用 lingbi unpair 结束多出的结对，把贫困户转给其他代表",
            )


@rule(
    "household-source",
    level=Level.warning,
    clause=Q3_3,
    quote=(
        "机关、事业单位的人大代表从所在单位已落实的联系帮扶户中确定,企业、农村的人大代表"
        "由代表会同所在乡镇人大主席团从所在乡镇帮扶点中推荐确定"
    ),
    summary="结对的贫困户来源不符：机关事业单位代表应从本单位帮扶户中确定，企业、农村代表应由乡镇推荐",
    example=(
        "# yangtuan-d001 是县教育局（机关）的代表，结对的户却不在 county/units.yaml 中\n"
        "# 县教育局的 households 名单里\n- id: yangtuan-p0003\n  deputy: yangtuan-d001\n"
        "  household: yangtuan-h0003\n  start: 2018-03-25\n  chosen_by: 乡镇推荐\n"
    ),
)
def household_source(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a pairing whose household did not come from where §2.3(3) says: for a deputy of an
    organ or public institution (机关、事业单位), the household must be on the ``households`` list
    of the deputy's ``unit`` and the pairing ``chosen_by: 单位名单``; for a deputy of an
    enterprise, a village, or another employer (其他, which the seed does not name and lingbi
    treats like 企业、农村), the household must be recommended by the township
    (``chosen_by: 乡镇推荐``, household ``source: 乡镇帮扶点``) and live in the deputy's township.
    Why: the clause divides the work so that units keep helping the households they already
    help, and the township presidium keeps the overview of the rest.
    Example: an organ deputy paired with a household that is not on their unit's list.
    """
    county = ctx.county
    for pairing in county.pairings.values():
        deputy = county.deputies.get(pairing.deputy)
        household = county.households.get(pairing.household)
        if deputy is None or household is None or not ctx.in_scope(deputy.township):
            continue
        problem = ""
        if deputy.employer.takes_unit_households:
            unit = county.units.get(deputy.unit or "")
            if unit is not None and household.id not in unit.households:
                problem = f"该户不在代表所在单位“{unit.name}”已落实的帮扶户名单中"
            elif pairing.chosen_by is not ChosenBy.unit_list:
                problem = "机关、事业单位代表的结对应从单位名单确定（chosen_by: 单位名单）"
        elif pairing.chosen_by is not ChosenBy.township:
            problem = f"{deputy.employer.value}代表的结对应由乡镇推荐（chosen_by: 乡镇推荐）"
        elif household.source is not models.HouseholdSource.township:
            problem = "该户不是乡镇帮扶点的贫困户（source 不是 乡镇帮扶点）"
        elif household.township != deputy.township:
            problem = f"该户在 {household.township}，不在代表所在乡镇 {deputy.township}"
        if problem:
            yield ctx.finding(
                pairing,
                f"{_label(ctx, pairing)}：{problem}",
                "按《实施意见》§2.3(3) 重新确定结对户，或核对代表的单位性质（employer）和单位名单",
            )


@rule(
    "first-meeting",
    level=Level.warning,
    clause="§3.2",
    quote="各级人大代表要在4联系对象见面对接",
    summary="结对后没有按时见面对接（4月30日前；4月以后结对的在30天内）",
    example=(
        "# 结对 yangtuan-p0001 始于 2018-03-25，第一次串门却在 2018-05-20\n"
        "- id: yangtuan-a201805-004\n  date: 2018-05-20\n  kind: 串门\n"
        "  deputies: [yangtuan-d001]\n  household: yangtuan-h0001\n  summary: 第一次入户\n"
    ),
)
def first_meeting(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a pairing whose deputy had no contact with the household (any of the six ones) by the
    first-meeting deadline: 30 April of the year the pairing began (``campaign.first_meeting``);
    for a pairing made after that day, within ``campaign.first_meeting_days`` (30) days. Not
    judged before the deadline has passed, nor for a pairing that ended before it.
    Why: §3.2 asks deputies to meet their households in April (the published text lost a few
    characters: "要在4（月底前与）联系对象见面对接"; the 30 days for later pairings is a setting,
    because the seed names no later case).
    Example: a pairing made on 2018-03-25 whose first 串门 is on 2018-05-20.
    """
    c = ctx.campaign
    for pairing in ctx.county.pairings.values():
        if not ctx.in_scope(_pairing_township(ctx, pairing)):
            continue
        begin = max(pairing.start, c.start)
        april = dt.date(begin.year, *c.first_meeting)
        due = april if begin <= april else begin + dt.timedelta(days=c.first_meeting_days)
        if due >= ctx.as_of or due > c.end or (pairing.end is not None and pairing.end < due):
            continue
        if ctx.scope.period is not None and due not in ctx.scope.period:
            continue
        first = next(
            (
                a.date
                for a in ctx.index.by_pair.get((pairing.deputy, pairing.household), ())
                if pairing.start <= a.date
            ),
            None,
        )
        if first is None or first > due:
            when = f"第一次见面在 {first}" if first else "至今没有见面记录"
            yield ctx.finding(
                pairing,
                f"{_label(ctx, pairing)}：应在 {due} 前见面对接，{when}",
                "用 lingbi log visit 登记见面（串门）；若已见面只是漏记，请补记当时的日期",
            )


class VisitSettings(RuleSettings):
    period: Literal["month", "quarter", "half"] = "quarter"  # §2.3(3) 定期走访: how often
    kinds: list[ActivityKind] = Field(
        default_factory=lambda: [ActivityKind.visit, ActivityKind.talk]
    )


@rule(
    "regular-visits",
    level=Level.warning,
    clause=Q3_3,
    quote="定期走访",
    summary="结对期间某个季度（可设置）没有走访",
    settings=VisitSettings,
    example=("# 结对 yangtuan-p0002 在 2019 年第三季度（7–9月）没有任何 串门 或 谈心 记录\n"),
)
def regular_visits(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a pairing with no visit (``kinds``: 串门 or 谈心 by default) by its deputy in a quarter
    (``period``: month, quarter or half) throughout which the pairing and its deputy were active.
    Partial periods are not judged: a pairing that began in August is first judged for Q4, one
    that ended in June is not expected to be visited in Q3 or Q4, and the current quarter is
    judged only once it is over.
    Why: §2.3(3) asks for regular visits (定期走访); the seed names no interval, so the quarter
    is a setting.
    Example: no 串门 or 谈心 for pairing yangtuan-p0002 between 1 July and 30 September 2019.
    """
    s: VisitSettings = ctx.settings
    kinds = set(s.kinds)
    parts = ctx.periods(s.period)
    for pairing in ctx.county.pairings.values():
        if not ctx.in_scope(_pairing_township(ctx, pairing)):
            continue
        span = _active_span(ctx, pairing)
        if span is None:
            continue
        visited = {
            bucket(a.date, s.period)
            for a in ctx.index.by_pair.get((pairing.deputy, pairing.household), ())
            if a.kind in kinds
        }
        for part in parts:
            if span.covers(part) and bucket(part.start, s.period) not in visited:
                yield ctx.finding(
                    pairing,
                    f"{_label(ctx, pairing)}：{part.label_zh()}没有走访记录",
                    "若走访过请补记（lingbi log visit），否则请安排走访",
                )


def bucket(day: dt.date, unit: str) -> tuple[int, int]:
    """Which month, quarter, half or year ``day`` falls in, as (year, number)."""
    if unit == "month":
        return day.year, day.month
    if unit == "quarter":
        return day.year, (day.month - 1) // 3
    if unit == "half":
        return day.year, (day.month - 1) // 6
    return day.year, 0


@rule(
    "six-ones",
    level=Level.info,
    clause=Q3_3,
    quote="分别开展串一次门、谈一席话、讲一次课、献一份计、捐一笔资、出一份力“六个一活动”",
    summary="结对全年没有做全“六个一”",
    example="# 结对 yangtuan-p0002 在 2019 年只有 串门、谈心、捐资，没有 讲课、献计、出力\n",
)
def six_ones(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a pairing that, in a year throughout which it was active, did not see all six kinds
    of the "six ones" (串门、谈心、讲课、献计、捐资、出力); the missing kinds are named. The
    current year is judged only once it is over; 2018 is judged from April.
    Why: §2.3(3) names the six ones as what pairing work consists of; this is informational,
    because the seed says they follow the deputy's trade (根据代表行业特点), not that every
    pairing must do all six each year.
    Example: a pairing whose 2019 has only 串门, 谈心 and 捐资.
    """
    years = ctx.periods("year")
    for pairing in ctx.county.pairings.values():
        if not ctx.in_scope(_pairing_township(ctx, pairing)):
            continue
        span = _active_span(ctx, pairing)
        if span is None:
            continue
        seen: dict[int, set[ActivityKind]] = {}
        for a in ctx.index.by_pair.get((pairing.deputy, pairing.household), ()):
            seen.setdefault(a.date.year, set()).add(a.kind)
        for part in years:
            if not span.covers(part):
                continue
            done = seen.get(part.year, set())
            missing = [k.value for k in SIX_ONES if k not in done]
            if missing:
                yield ctx.finding(
                    pairing,
                    f"{_label(ctx, pairing)}：{part.label_zh()}“六个一”缺少 {'、'.join(missing)}",
                    "结合代表的行业特点安排缺少的帮扶形式",
                )


@rule(
    "household-exit",
    level=Level.info,
    clause=Q3_3,
    quote="确保年使帮扶户脱贫",
    summary="年底仍未脱贫的结对户",
    example=(
        "# townships/yangtuan/households.yaml：2019 年底仍在结对、仍为 未脱贫\n"
        "- id: yangtuan-h0003\n  status: 未脱贫\n  # …\n"
    ),
)
def household_exit(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a household paired on the last day of a year (31 December, judged once it has
    passed) that had not left poverty by then: ``status`` 未脱贫, or 已脱贫 with an
    ``exit_year`` later than that year. A 返贫 household counts as poor in every year (the
    records keep no date of the relapse).
    Why: the aim of §2.3(3) is that paired households leave poverty. The published text lost the
    year ("确保年使帮扶户脱贫"); lingbi reads it as "within the campaign", judged per year, and
    so only informs.
    Example: yangtuan-h0003, paired all 2019 and still 未脱贫.
    """
    households = ctx.county.households
    paired_on: dict[str, set[int]] = {}
    years = ctx.periods("year")
    for pairing in ctx.county.pairings.values():
        for part in years:
            if pairing.active_on(part.end):
                paired_on.setdefault(pairing.household, set()).add(part.year)
    for household_id, paired_years in sorted(paired_on.items()):
        household = households.get(household_id)
        if household is None or not ctx.in_scope(household.township):
            continue
        for year in sorted(paired_years):
            out = household.status is HouseholdStatus.exited and (
                household.exit_year is not None and household.exit_year <= year
            )
            if not out:
                later = (
                    f"，{household.exit_year}年才脱贫"
                    if household.status is HouseholdStatus.exited
                    else f"，目前状态：{household.status.value}"
                )
                yield ctx.finding(
                    household,
                    f"贫困户 {household.head}户（{household.id}）{year}年底仍未脱贫{later}",
                    "已脱贫的请更新 status 和 exit_year；未脱贫的请在下一年的计划中重点帮扶",
                )
