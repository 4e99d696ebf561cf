"""Award candidates (§3.4: 先进单位, 扶贫之星, 爱心代表, 爱心人士) ranked by transparent scores,
as data; and the awards the county committee gave in a year.

The seed names the awards but not how to judge them. Each candidate's metrics come from the
year's figures (``figures.compute``, as of the report's date — the same numbers the summary's
body and tables show); each metric is divided by the largest value among the candidates, so it
lies in 0…1, and the score is the weighted sum (weights in ``lingbi.yaml``, printed with the
ranking). Ties keep the candidates' order (townships as the county lists them, deputies by id).

行动迅速 (§3.4: 积极响应、行动迅速), a 先进单位 metric: of what fell due in the year by the
report's date — the plan and the pairing list (31 March), the half-year reports (20 June, 20
December) and each first meeting of a pairing (``first-meeting``'s deadline) — the share done
in time; each late or missing one is a finding of ``plan-filed``, ``report-filed`` or
``first-meeting`` about the township, the same the report's problems list.

爱心人士 are ranked by what they gave in the year (the sum of their gifts' amounts, then the
number of gifts), from the donors' records; a township's summary ranks those who gave to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from lingbi_cli import models
from lingbi_cli.config import AwardWeights
from lingbi_cli.errors import ConfigError, Finding
from lingbi_cli.periods import Period
from lingbi_cli.reports.data import Column, ColumnKind, Table, Value
from lingbi_cli.reports.figures import DeputyRow, Figures
from lingbi_cli.reports.wording import suffix
from lingbi_cli.store.layout import township_of
from lingbi_cli.store.records import Records

# metric key -> (label, column kind, unit), per kind of candidate
UNIT_METRICS = {
    "participation": ("代表参与率", ColumnKind.percent, ""),
    "prompt": ("行动迅速（按时完成率）", ColumnKind.percent, ""),
    "pairing_work": ("每名代表入户帮扶", ColumnKind.number, "人次"),
    "trips": ("调研视察", ColumnKind.integer, "次"),
    "exited": ("结对户脱贫比例", ColumnKind.percent, ""),
}
DONOR_METRICS = {
    "amount": ("捐资捐物", ColumnKind.money, ""),
    "gifts": ("捐赠", ColumnKind.integer, "次"),
}
DEPUTY_METRICS = {
    "pairing_work": ("入户帮扶", ColumnKind.integer, "次"),
    "exited": ("结对户脱贫", ColumnKind.integer, "户"),
    "trips": ("调研视察", ColumnKind.integer, "次"),
    "proposals": ("提出或附议议案建议", ColumnKind.integer, "件"),
    "donations": ("捐资捐物", ColumnKind.money, ""),
    "funds": ("引进资金", ColumnKind.money, ""),
}


@dataclass(frozen=True)
class Candidate:
    name: str
    where: str  # the deputy's township; "" for a township
    metrics: dict[str, float]
    shown: dict[str, Value]  # the metrics as the table shows them (typed)


@dataclass
class Ranking:
    award: str  # 先进单位, 扶贫之星, 爱心代表
    weights: list[tuple[str, float]]  # (metric label, weight), in the settings' order
    table: Table


def score(candidates: list[Candidate], weights: dict[str, float]) -> list[tuple[float, int]]:
    """(score, original position) per candidate, best first; ties keep the given order."""
    tops = {k: max((c.metrics[k] for c in candidates), default=0.0) for k in weights}
    scored = [
        (
            round(
                sum(w * (c.metrics[k] / tops[k] if tops[k] else 0.0) for k, w in weights.items()), 3
            ),
            i,
        )
        for i, c in enumerate(candidates)
    ]
    return sorted(scored, key=lambda pair: (-pair[0], pair[1]))


def ranking(
    award: str,
    candidates: list[Candidate],
    weights: dict[str, float],
    metrics: dict[str, tuple[str, ColumnKind, str]],
    top: int,
    setting: str,
    where: str = "所在乡镇",
) -> Ranking:
    unknown = [k for k in weights if k not in metrics]
    if unknown:
        known = "、".join(f"{k}（{label}）" for k, (label, _, _) in metrics.items())
        raise ConfigError("lingbi.yaml", 0, setting, f"没有指标 {unknown[0]}；可用：{known}")
    with_where = len({c.where for c in candidates}) > 1  # deputies of several townships
    columns = [Column("rank", "名次", ColumnKind.integer), Column("name", "名称")]
    if with_where:
        columns.append(Column("where", where))
    columns += [Column(k, metrics[k][0], metrics[k][1], metrics[k][2]) for k in weights]
    columns.append(Column("score", "得分", ColumnKind.score))
    table = Table(f"{award}候选排名", tuple(columns))
    for place, (points, i) in enumerate(score(candidates, weights)[:top], start=1):
        c = candidates[i]
        row: list[Value] = [place, c.name, *([c.where] if with_where else [])]
        row += [c.shown[k] for k in weights]
        table.rows.append((*row, points))
    return Ranking(award, [(metrics[k][0], w) for k, w in weights.items()], table)


PROMPT_RULES = ("plan-filed", "report-filed", "first-meeting")


def due_items(records: Records, township: str, year: Period, day: dt.date) -> int:
    """How many filings and first meetings of ``township`` fell due in ``year`` by ``day``."""
    c = records.settings.campaign
    dues = [c.plan_deadline, c.plan_deadline, c.h1_report, c.h2_report]
    count = sum(dt.date(year.year, *md) < day for md in dues if year.year in c.years)
    for pairing in records.pairings.values():
        deputy = records.deputies.get(pairing.deputy)
        if deputy is None or deputy.township != township:
            continue
        begin = max(pairing.start, c.start)
        april = dt.date(begin.year, *c.first_meeting)
        due = april if begin <= april else begin + dt.timedelta(days=c.first_meeting_days)
        ended = pairing.end is not None and pairing.end < due
        count += due in year and due < day and due <= c.end and not ended
    return count


def promptness(
    records: Records, year: Period, day: dt.date, findings: list[Finding]
) -> dict[str, float | None]:
    """Per township: the share (%) of what fell due that was done in time (None: nothing)."""
    late: dict[str | None, int] = {}
    for f in findings:
        if f.rule in PROMPT_RULES:
            owner = township_of(f.file, f.record)
            late[owner] = late.get(owner, 0) + 1
    out: dict[str, float | None] = {}
    for township in records.townships:
        due = due_items(records, township, year, day)
        done = max(due - late.get(township, 0), 0)
        out[township] = round(100.0 * done / due, 1) if due else None
    return out


def township_candidates(
    records: Records, figures: dict[str | None, Figures], prompt: dict[str, float | None]
) -> list[Candidate]:
    out = []
    for township_id, township in records.townships.items():
        f = figures[township_id]
        per_deputy = round(f.count("pairing_work") / max(f.count("deputies"), 1), 1)
        exited = round(100 * f.count("exited") / max(f.count("households"), 1), 1)
        participation = float(f.value("participation") or 0.0)
        on_time = prompt.get(township_id)
        out.append(
            Candidate(
                township.name,
                "",
                {
                    "participation": participation,
                    "prompt": 100.0 if on_time is None else on_time,  # nothing due: not late
                    "pairing_work": per_deputy,
                    "trips": float(f.count("trips")),
                    "exited": exited,
                },
                {
                    "participation": f.value("participation"),
                    "prompt": on_time,
                    "pairing_work": per_deputy,
                    "trips": f.count("trips"),
                    "exited": exited,
                },
            )
        )
    return out


def deputy_candidates(records: Records, rows: list[DeputyRow]) -> list[Candidate]:
    out = []
    for row in rows:
        township = records.townships.get(row.deputy.township)
        values: dict[str, Value] = {
            "pairing_work": row.pairing_work,
            "exited": row.exited,
            "trips": row.trips,
            "proposals": row.signed,
            "donations": row.donations,
            "funds": row.funds,
        }
        metrics = {k: float(v) if isinstance(v, int | Decimal) else 0.0 for k, v in values.items()}
        out.append(Candidate(row.deputy.name, township.name if township else "", metrics, values))
    return out


def rankings(
    records: Records,
    figures: dict[str | None, Figures],
    township: str | None,
    day: dt.date,
    findings: list[Finding],
) -> list[Ranking]:
    """The county's rankings of the four awards; or, for a township, its own standing among
    the townships for 先进单位 (its row, with its place), its own deputies for 扶贫之星 and
    爱心代表, and those who gave to it for 爱心人士 (the township recommends; the county
    judges). ``figures`` holds every township's (the county's, None, too)."""
    weights: AwardWeights = records.settings.report.awards
    period = figures[None].period
    rows = figures[township].deputy_rows()
    if township is not None:
        rows = [r for r in rows if r.deputy.township == township]
    deputies = deputy_candidates(records, rows)
    units = township_candidates(records, figures, promptness(records, period, day, findings))
    top = len(units) if township is not None else weights.top
    unit = ranking("先进单位", units, weights.unit, UNIT_METRICS, top, "report.awards.unit")
    if township is not None:
        name = records.townships[township].name
        unit.award = f"先进单位（本{suffix(name)}在全县{len(units)}个乡镇中的位次）"
        unit.table.rows = [row for row in unit.table.rows if row[1] == name]
    out = [unit]
    out.append(
        ranking(
            "扶贫之星", deputies, weights.star, DEPUTY_METRICS, weights.top, "report.awards.star"
        )
    )
    out.append(
        ranking(
            "爱心代表",
            deputies,
            weights.caring_deputy,
            DEPUTY_METRICS,
            weights.top,
            "report.awards.caring_deputy",
        )
    )
    givers = donor_candidates(records, period, day, township)
    out.append(
        ranking(
            "爱心人士",
            givers,
            weights.caring_person,
            DONOR_METRICS,
            weights.top,
            "report.awards.caring_person",
            "受助乡镇",
        )
    )
    return out


def donor_candidates(
    records: Records, year: Period, day: dt.date, township: str | None
) -> list[Candidate]:
    """爱心人士 who gave in the year by ``day`` (to ``township``, if given), by name; the
    township column lists where they gave. In order of their first gift."""
    seen = year.clip(None, day)
    gifts: dict[str, list[models.Donor]] = {}
    for d in sorted(records.donors.values(), key=lambda d: (d.date, d.id)):
        if seen is not None and d.date in seen and township in (None, d.township):
            gifts.setdefault(d.name, []).append(d)
    out = []
    for name, theirs in gifts.items():
        amount = sum((d.amount or Decimal(0) for d in theirs), Decimal(0))
        places = dict.fromkeys(
            records.townships[d.township].name for d in theirs if d.township in records.townships
        )
        shown: dict[str, Value] = {"amount": amount, "gifts": len(theirs)}
        metrics = {"amount": float(amount), "gifts": float(len(theirs))}
        out.append(Candidate(name, "、".join(places), metrics, shown))
    return out


def given(records: Records, year: int, township: str | None) -> list[tuple[str, list[str]]]:
    """The awards given for ``year`` as recorded, per category in the seed's order: the
    recipients' names (a deputy's with their township in the county's summary). A township's
    summary lists its own award, its deputies' and those of 爱心人士 who gave to it."""
    givers = {d.name for d in records.donors.values() if township in (None, d.township)}
    out: dict[models.AwardCategory, list[str]] = {c: [] for c in models.AwardCategory}
    for award in sorted(records.awards.values(), key=lambda a: a.id):
        if award.year != year:
            continue
        if award.township is not None and award.township in records.townships:
            if township in (None, award.township):
                out[award.category].append(records.townships[award.township].name)
        elif award.deputy is not None and award.deputy in records.deputies:
            deputy = records.deputies[award.deputy]
            if township is None:
                where = records.townships.get(deputy.township)
                out[award.category].append(f"{deputy.name}（{where.name if where else ''}）")
            elif deputy.township == township:
                out[award.category].append(deputy.name)
        elif award.person is not None and (township is None or award.person in givers):
            out[award.category].append(award.person)
    return [(c.value, names) for c, names in out.items() if names]
