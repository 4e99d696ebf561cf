"""A deputy's performance record for a year (履职档案, §3.2), as data: who they are, their
pairings, every activity and proposal, each as a table of typed values, all as of the
record's date — and which of the rules' findings concern them (the problems, written by
``reports.problems``, are added by ``build.make``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from lingbi_cli import models
from lingbi_cli.errors import Finding
from lingbi_cli.models import AwardCategory, ProposalResult
from lingbi_cli.periods import Period
from lingbi_cli.reports.data import Column, ColumnKind, Report, ReportKind, Table
from lingbi_cli.reports.figures import status_on, window
from lingbi_cli.reports.wording import CAMPAIGN
from lingbi_cli.store.records import Records

RESULTS = {
    ProposalResult.solved: "已解决",
    ProposalResult.solving: "正在解决",
    ProposalResult.planned: "列入计划",
    ProposalResult.reference: "留作参考",
}


def concerning(records: Records, deputy_id: str, findings: Iterable[Finding]) -> list[Finding]:
    """The findings about the deputy, their pairings, paired households and proposals."""
    pairings = [p for p in records.pairings.values() if p.deputy == deputy_id]
    concerned = {
        deputy_id,
        *(p.id for p in pairings),
        *(p.household for p in pairings),
        *(p.id for p in records.proposals.values() if deputy_id in p.deputies),
    }
    return [f for f in findings if f.record in concerned]


def term(records: Records, deputy: models.Deputy) -> Period:
    """The deputy's term within the campaign (the whole-term record's period)."""
    c = records.settings.campaign
    start = max(deputy.term_start, c.start)
    end = min(deputy.term_end or c.end, c.end)
    return Period("term", start, max(start, end))


def build(records: Records, deputy: models.Deputy, year: Period, day: dt.date) -> Report:
    seen = window(year, day) or Period(year.label, year.start, year.start)
    township = records.townships.get(deputy.township)
    signer = f"{township.name}人大主席团" if township else records.settings.committee
    whole = year.label == "term"
    if whole:
        title = f"代表{deputy.name}任期内{CAMPAIGN}履职档案"
    else:
        title = f"代表{deputy.name}{year.year}年度{CAMPAIGN}履职档案"
    made = Report(ReportKind.deputy, "deputy.md.j2", title, year, day, signer)
    unit = records.units.get(deputy.unit or "")
    made.values.update(
        name=deputy.name,
        gender=deputy.gender.value,
        township=township.name if township else "",
        district=deputy.district,
        levels="、".join(level.value for level in deputy.levels),
        sector=deputy.sector.value,
        employer=deputy.employer.value,
        unit=unit.name if unit else "",
        term_start=deputy.term_start,
        term_end=deputy.term_end if deputy.term_end and deputy.term_end <= day else None,
        year=year.year,
        this="任期内" if whole else "本年度",
        span=(seen.start, seen.end) if whole else None,
        resources=resources(records, deputy, seen),
        awards=awards_won(records, deputy, seen),
    )
    made.tables["pairings"] = _pairings(records, deputy, seen, day)
    activities = _activities(records, deputy, seen, whole)
    made.tables["activities"] = activities
    made.values["counts"] = _counts(activities)
    made.tables["proposals"] = _proposals(records, deputy, seen, day, whole)
    return made


def _pairings(records: Records, deputy: models.Deputy, seen: Period, day: dt.date) -> Table:
    table = Table(
        "结对帮扶情况",
        (
            Column("household", "贫困户户主"),
            Column("village", "所在村"),
            Column("start", "结对日期", ColumnKind.date),
            Column("end", "结束日期", ColumnKind.date),
            Column("reason", "结束原因"),
            Column("status", "脱贫情况"),
        ),
    )
    chosen = [
        p
        for p in records.pairings.values()
        if p.deputy == deputy.id and p.active_during(seen.start, seen.end)
    ]
    for p in sorted(chosen, key=lambda p: (p.start, p.id)):
        table.sources.append(p)
        household = records.households.get(p.household)
        ended = p.end is not None and p.end <= day
        table.rows.append(
            (
                f"{household.head}" if household else "",
                household.village if household else "",
                p.start,
                p.end if ended else None,
                p.end_reason if ended else "",
                status_on(household, day).value if household else "",
            )
        )
    return table


def _activities(records: Records, deputy: models.Deputy, seen: Period, whole: bool) -> Table:
    table = Table(
        "参加活动情况",
        (
            Column("date", "日期", ColumnKind.short_date if whole else ColumnKind.day),
            Column("kind", "类别"),
            Column("summary", "内容"),
            Column("household", "帮扶对象"),
            Column("with", "共同参加的代表"),
        ),
    )
    mine = [a for a in records.activities.values() if deputy.id in a.deputies and a.date in seen]
    for a in sorted(mine, key=lambda a: (a.date, a.id)):
        table.sources.append(a)
        household = records.households.get(a.household or "")
        others = [
            records.deputies[x].name for x in a.deputies if x != deputy.id and x in records.deputies
        ]
        table.rows.append(
            (
                a.date,
                a.kind.value,
                a.summary,
                f"{household.head}户" if household else "",
                "、".join(others),
            )
        )
    return table


def _counts(activities: Table) -> list[tuple[str, int]]:
    """How many activities of each kind, in the order of the kinds, leaving out none-kinds."""
    kinds = activities.column("kind")
    return [(k.value, kinds.count(k.value)) for k in models.ActivityKind if k.value in kinds]


def _proposals(
    records: Records, deputy: models.Deputy, seen: Period, day: dt.date, whole: bool
) -> Table:
    table = Table(
        "议案建议情况",
        (
            Column("title", "标题"),
            Column("type", "类别"),
            Column("date", "提出日期", ColumnKind.short_date if whole else ColumnKind.day),
            Column("role", "领衔或附议"),
            Column("result", "办理结果"),
            Column("satisfaction", "代表评价"),
        ),
    )
    mine = [p for p in records.proposals.values() if deputy.id in p.deputies and p.date in seen]
    for p in sorted(mine, key=lambda p: (p.date, p.id)):
        table.sources.append(p)
        state = p.state_on(day)  # the latest reply and rating as of the report's day
        replied = state.reply is not None
        result = RESULTS[state.result] if replied and state.result else "尚未答复"
        table.rows.append(
            (
                p.title,
                p.type.value,
                p.date,
                "领衔" if p.lead == deputy.id else "附议",
                result,
                state.satisfaction.value if state.satisfaction else "",
            )
        )
    return table


def resources(records: Records, deputy: models.Deputy, seen: Period) -> dict[str, int | Decimal]:
    """What the deputy brought in (§2.3(1), §2.3(4)) on activities naming them first (money is
    credited to the first deputy named, as in the reports' tables)."""
    out: dict[str, int | Decimal] = {
        "donations": Decimal(0),
        "funds": Decimal(0),
        "projects": 0,
        "jobs": 0,
        "cooperatives": 0,
    }
    for a in records.activities.values():
        if a.date in seen and a.deputies and a.deputies[0] == deputy.id:
            for key in out:
                out[key] += getattr(a, "amount" if key == "donations" else key) or 0
    return out


def awards_won(records: Records, deputy: models.Deputy, seen: Period) -> list[tuple[int, str]]:
    """(year, award) of each award the deputy won in the years of ``seen``, oldest first."""
    years = range(seen.start.year, seen.end.year + 1)
    won = [
        (a.year, a.category.value)
        for a in records.awards.values()
        if a.deputy == deputy.id and a.year in years and a.category is not AwardCategory.unit
    ]
    return sorted(won)
