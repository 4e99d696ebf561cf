"""Campaign rules on the calendar: trips (§2.3(2)), filings, silence and supervision (§3.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from lingbi_cli import models
from lingbi_cli.errors import Finding, Level
from lingbi_cli.models import FilingKind
from lingbi_cli.periods import Period
from lingbi_cli.rules.base import Context, RuleSettings, rule

FILING_QUOTE = (
    "每半年向县人大常委会书面报送活动情况,年终报送活动情况总结"
    "(每年分别于6月20日和12月20日前向县人大书面汇报)"
)


class TripSettings(RuleSettings):
    township_min: int = Field(3, ge=0)  # §2.3(2) 以上活动每年至少开展3—4次
    deputy_min: int = Field(1, ge=0)  # each deputy's participation; the seed names no figure


def _term(deputy: models.Deputy, campaign: Period) -> Period | None:
    return campaign.clip(deputy.term_start, deputy.term_end)


@rule(
    "trips-per-year",
    level=Level.warning,
    clause="§2.3(2)",
    quote="以上活动每年至少开展3—4次",
    summary="乡镇一年组织调研视察少于 3 次；代表一年参加调研视察少于设定次数",
    settings=TripSettings,
    example=(
        "# townships/yangtuan/activities/2020-*.yaml 中 2020 年只有 2 条 kind: 调研视察\n"
        "- id: yangtuan-a202005-010\n  date: 2020-05-12\n  kind: 调研视察\n"
        "  deputies: [yangtuan-d001, yangtuan-d002]\n  villages: [前庄村]\n  summary: 视察\n"
    ),
)
def trips_per_year(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a township that held fewer than ``township_min`` (3) investigation trips (调研视察)
    in a year; a deputy in office throughout a year who took part in fewer than ``deputy_min``
    (1) trips that year. A year is judged once it is over; 2018 counts from April and still
    needs 3, since the seed says "each year".
    Why: §2.3(2) asks townships to organise thematic research and inspections at least 3–4
    times a year. How often each deputy must take part is not in the seed, hence a separate,
    lower setting.
    Example: yangtuan with only two trips in 2020.
    """
    s: TripSettings = ctx.settings
    years = ctx.periods("year")
    for township in ctx.townships():
        trips = ctx.index.trips.get(township.id, [])
        for part in years:
            held = sum(1 for a in trips if a.date in part)
            if held < s.township_min:
                yield ctx.finding(
                    township,
                    f"{township.name}（{township.id}）{part.label_zh()}只组织了 {held} 次调研视察，"
                    f"少于 {s.township_min} 次",
                    "每年至少组织 3 次调研视察（lingbi log trip 登记）",
                )
    if s.deputy_min == 0:
        return
    for deputy in ctx.county.deputies.values():
        if not ctx.in_scope(deputy.township):
            continue
        term = _term(deputy, ctx.campaign_period)
        mine = ctx.index.trips_by_deputy.get(deputy.id, ())
        for part in years:
            if term is None or not term.covers(part):
                continue
            joined = sum(1 for a in mine if a.date in part)
            if joined < s.deputy_min:
                yield ctx.finding(
                    deputy,
                    f"代表 {deputy.name}（{deputy.id}）{part.label_zh()}参加调研视察 {joined} 次，"
                    f"少于 {s.deputy_min} 次",
                    "安排该代表参加乡镇组织的调研视察",
                )


def _filed(
    ctx: Context,
    township: models.Township,
    wanted: list[tuple[FilingKind, str]],
    due: dt.date,
) -> Finding | None:
    """A finding if none of the ``wanted`` (kind, period) filings was made by ``due``."""
    filings = sorted(
        (
            f
            for kind, period in wanted
            for f in ctx.index.filings.get((township.id, kind, period), [])
            if f.date <= ctx.as_of
        ),
        key=lambda f: (f.date, f.id),
    )
    if filings and filings[0].date <= due:
        return None
    kind, period = wanted[0]
    names = "或".join(k.value for k, _ in wanted)
    label = f"{township.name}（{township.id}）{period} 的{names}"
    if filings:
        first = filings[0]
        return ctx.finding(
            first,
            f"{label}在 {first.date} 才报送，晚于 {due}",
            "下次请在期限前报送",
        )
    if due >= ctx.as_of:
        return None  # not yet due
    return ctx.finding(
        township,
        f"{label}应在 {due} 前报送，至今没有报送记录",
        f"报送后用 lingbi file {kind.name} --period {period} --township {township.id} "
        "--date 报送日期 登记",
    )


@rule(
    "plan-filed",
    level=Level.warning,
    clause="§3.2",
    quote="3月底前将活动方案和所在选区人大代表联系帮扶名单上报县人大常委会备案",
    summary="活动方案或帮扶名单没有在 3 月 31 日前报送",
    example="# townships/yangtuan/filings.yaml 中没有 2019 年的 活动方案\n",
)
def plan_filed(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a township whose activity plan (活动方案) or deputies' pairing list (帮扶名单) for a
    campaign year was filed after ``campaign.plan_deadline`` (31 March), or not at all once the
    deadline has passed. Each campaign year needs both.
    Why: §3.2 has each township presidium file its plan and pairing list with the county
    committee by the end of March.
    Example: yangtuan with no 活动方案 for 2019 on 2019-04-01.
    """
    c = ctx.campaign
    for township in ctx.townships():
        for part in ctx.periods("year", over=False):
            due = dt.date(part.year, *c.plan_deadline)
            for kind in (FilingKind.plan, FilingKind.pairing_list):
                yield _filed(ctx, township, [(kind, str(part.year))], due)


@rule(
    "report-filed",
    level=Level.warning,
    clause="§3.2",
    quote=FILING_QUOTE,
    summary="半年书面报告没有在 6 月 20 日、12 月 20 日前报送（12 月的报告即年终总结）",
    example=(
        "# townships/yangtuan/filings.yaml\n- id: yangtuan-f2019-03\n  kind: 上半年报告\n"
        "  period: 2019H1\n  date: 2019-06-25   # 晚于 6 月 20 日\n"
    ),
)
def report_filed(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a township whose written report on the first half-year (上半年报告, by 20 June) or on
    the second (下半年报告 or 年终总结, by 20 December) was filed late, or not at all once the
    deadline has passed. One December filing is enough: it doubles as the year-end summary, so
    either kind (period ``2019H2`` or ``2019``) satisfies the rule. ``check --as-of 2019-05-01``
    does not ask for the 2019H1 report.
    Why: §3.2 — every half-year a written report, and a year-end summary, "每年分别于6月20日和
    12月20日前" (by 20 June and 20 December).
    Example: yangtuan's 2019H1 report filed on 2019-06-25.
    """
    c = ctx.campaign
    for township in ctx.townships():
        for part in ctx.periods("half", over=False):
            if part.label.endswith("H1"):
                due = dt.date(part.year, *c.h1_report)
                yield _filed(ctx, township, [(FilingKind.h1_report, part.label)], due)
            else:
                due = dt.date(part.year, *c.h2_report)
                yield _filed(
                    ctx,
                    township,
                    [(FilingKind.h2_report, part.label), (FilingKind.year_summary, str(part.year))],
                    due,
                )


@rule(
    "silent-deputy",
    level=Level.warning,
    clause="§3.2",
    quote="并将代表参加活动情况纳入代表履职考核",
    summary="在任代表整个半年没有任何活动",
    example="# yangtuan-d005 在 2019 年下半年（7–12 月）没有任何活动、议案建议\n",
)
def silent_deputy(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a deputy in office throughout a half-year who took part in no activity of any kind
    and signed no proposal in it. Judged once the half-year is over; a deputy who took office
    in August is not judged for that year's first half, nor for the second (not in office
    throughout it), nor one who left in June for the second.
    Why: §3.2 counts each deputy's participation in their performance assessment (履职考核) and
    asks townships to report every half-year; a silent half-year is what the report must explain.
    Example: yangtuan-d005 with nothing between 1 July and 31 December 2019.
    """
    halves = ctx.periods("half")
    for deputy in ctx.county.deputies.values():
        if not ctx.in_scope(deputy.township):
            continue
        term = _term(deputy, ctx.campaign_period)
        if term is None:
            continue
        active = {(a.date.year, a.date.month > 6) for a in ctx.index.by_deputy.get(deputy.id, ())}
        active.update(
            (p.date.year, p.date.month > 6)
            for p in ctx.index.proposals_by_deputy.get(deputy.id, ())
        )
        for part in halves:
            if term.covers(part) and (part.year, part.start.month > 6) not in active:
                yield ctx.finding(
                    deputy,
                    f"代表 {deputy.name}（{deputy.id}）{part.label_zh()}没有任何活动记录",
                    "若有活动请补记；没有的，请在半年报告中说明原因",
                )


@rule(
    "liaison-supervision",
    level=Level.info,
    clause="§3.2",
    quote="并由常委会领导对各自所联系乡镇进行指导和督查",
    summary="联系乡镇的常委会领导一年中没有到该乡镇督查",
    example=(
        "# county/townships.yaml：yangtuan 的 liaison 是 lingcheng-d001，\n"
        "# 但 2019 年 townships/yangtuan/activities/ 中没有他的 kind: 督查\n"
    ),
)
def liaison_supervision(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a county committee leader listed in a township's ``liaison`` who, in a year they were
    in office throughout, made no supervision visit (督查) recorded in that township.
    Why: §3.2 — the committee's leaders guide and supervise the townships linked to them.
    Example: lingcheng-d001 linked to yangtuan, with no 督查 in yangtuan in 2019.
    """
    years = ctx.periods("year")
    for township in ctx.townships():
        for leader_id in township.liaison:
            leader = ctx.county.deputies.get(leader_id)
            if leader is None:
                continue
            term = _term(leader, ctx.campaign_period)
            visits = ctx.index.supervisions.get((leader_id, township.id), [])
            for part in years:
                if term is None or not term.covers(part):
                    continue
                if not any(a.date in part for a in visits):
                    yield ctx.finding(
                        township,
                        f"联系领导 {leader.name}（{leader_id}）{part.label_zh()}没有到"
                        f"{township.name}督查的记录",
                        "督查后用 lingbi log supervision 登记",
                    )
