"""Ready-made report contents: plain data for the templates, which do no lookups.

``half_report``, ``county_report``, ``year_summary`` and ``deputy_record`` each return a
``Report``: a template name, the values the template shows (numbers already formatted, text
from records still raw — the renderer escapes it), and the figures behind them for
``--explain``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from lingbi_cli import models
from lingbi_cli.periods import Period
from lingbi_cli.reports.figures import (
    DEFINITIONS,
    DeputyRow,
    Figures,
    cause_totals,
    compute,
    deputy_rows,
)
from lingbi_cli.rules import INTEGRITY, REGISTRY, check_folder
from lingbi_cli.store.load import County

ACTIONS = "“脱贫攻坚—人大代表在行动”"
CAMPAIGN_RULES = [name for name in REGISTRY if name not in INTEGRITY]


@dataclass
class Report:
    template: str
    title: str
    values: dict[str, Any]
    figures: dict[str | None, Figures] = field(default_factory=dict)


def township_name(county: County, township: str) -> str:
    found = county.townships.get(township)
    return found.name if found is not None else township


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def num(value: int | Decimal | float | None) -> str:
    """A figure as the report prints it: integers plain, yuan with two decimals, rates with
    one decimal and a per cent sign; "—" for a rate with nothing to divide by."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, float):
        return f"{value:.1f}%"
    return str(value)


def figure_values(figures: Figures) -> dict[str, str]:
    return {key: num(figures.value(key)) for key, _, _ in DEFINITIONS}


def _problems(
    county: County, period: Period, township: str | None, as_of: dt.date
) -> list[dict[str, Any]]:
    """The campaign-rule findings of the township and period, grouped by rule (for 存在问题);
    through the result cache, so that printing a report twice checks the county once."""
    result = check_folder(
        county.folder,
        as_of=as_of,
        only=CAMPAIGN_RULES,  # the document's requirements; record errors belong to `check`
        period=period,
        township=township,
        cache=county.cached,
        county=county,
    )
    grouped: dict[str, list[str]] = {}
    for finding in result.findings:
        if finding.level.value == "info" and finding.rule not in ("household-exit",):
            continue
        grouped.setdefault(finding.rule, []).append(finding.message)
    return [
        {
            "rule": name,
            "summary": REGISTRY[name].summary,
            "count": len(messages),
            "examples": messages[:3],
            "clause": REGISTRY[name].clause,
        }
        for name, messages in grouped.items()
    ]


def _notes(folder: Path, township: str | None, label: str) -> str | None:
    """The clerk's own "next steps" text: notes/<township>/<label>.md, else notes/<label>.md."""
    candidates = [folder / "notes" / f"{label}.md"]
    if township:
        candidates.insert(0, folder / "notes" / township / f"{label}.md")
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8-sig").strip()
    return None


def _row(row: DeputyRow) -> dict[str, str]:
    d = row.deputy
    return {
        "name": d.name,
        "id": d.id,
        "levels": "、".join(lv.value for lv in d.levels),
        "sector": d.sector.value,
        "households": str(row.households),
        "pairing_work": str(row.pairing_work),
        "trips": str(row.trips),
        "proposals": str(row.proposals),
        "donations": num(row.donations),
        "activities": str(row.activities),
    }


def half_report(county: County, period: Period, township: str, today: dt.date) -> Report:
    """The township presidium's half-year report to the county committee (§3.2)."""
    township_name = county.townships[township].name
    figures = compute(county, period, [township], as_of=today)
    f = figures[township]
    households = [r for r in f["households"].sources if isinstance(r, models.Household)]
    values = {
        "township": township_name,
        "period": period.label_zh(),
        "committee": county.settings.committee,
        "figures": figure_values(f),
        "causes": cause_totals(households),
        "problems": _problems(county, period, township, today),
        "notes": _notes(county.folder, township, period.label),
        "deputies": [_row(r) for r in deputy_rows(county, period, township)],
        "date": cn_date(today),
        "six_ones": [(k.value, num(f.value(k.name))) for k in models.SIX_ONES],
    }
    title = f"{township_name}人大主席团关于{period.label_zh()}{ACTIONS}活动开展情况的报告"
    return Report("half.md.j2", title, values, figures)


def county_report(county: County, period: Period, today: dt.date) -> Report:
    """The county roll-up: the same figures per township in one table, and county totals.
    Townships are listed in the order of county/townships.yaml, which the county keeps."""
    ids = list(county.townships)
    figures = compute(county, period, [*ids, None], as_of=today)
    rows = [{"name": county.townships[t].name, **figure_values(figures[t])} for t in ids]
    values = {
        "county": county.settings.county,
        "committee": county.settings.committee,
        "period": period.label_zh(),
        "columns": [(k, label, unit) for k, label, unit in DEFINITIONS],
        "rows": rows,
        "total": figure_values(figures[None]),
        "problems": _problems(county, period, None, today),
        "date": cn_date(today),
    }
    title = f"{county.settings.county}{period.label_zh()}{ACTIONS}活动开展情况汇总"
    return Report("county.md.j2", title, values, figures)


def _normalised(items: list[dict[str, Any]], weights: dict[str, float]) -> None:
    """Add ``score``: Σ weight × metric / max(metric) over the candidates."""
    tops = {k: max((float(i["metrics"][k]) for i in items), default=0.0) for k in weights}
    for item in items:
        item["score"] = round(
            sum(
                w * (float(item["metrics"][k]) / tops[k] if tops[k] else 0.0)
                for k, w in weights.items()
            ),
            3,
        )
    items.sort(key=lambda i: (-i["score"], i["id"]))


METRIC_LABELS = {
    "participation": "代表参与率",
    "pairing_work": "入户帮扶（人次）",
    "trips": "调研视察（次）",
    "exited": "结对户脱贫",
    "proposals": "议案建议（件）",
    "donations": "捐资捐物（元）",
    "funds": "引进资金（元）",
}


def award_candidates(
    county: County,
    year: Period,
    today: dt.date,
    known: dict[str | None, Figures] | None = None,
) -> dict[str, Any]:
    """Candidates for 先进单位, 扶贫之星 and 爱心代表, ranked by transparent scores (§3.4);
    ``known``: the year's figures, when the summary computed them already."""
    weights = county.settings.report.awards
    ids = list(county.townships)
    figures = known if known and all(t in known for t in ids) else None
    figures = figures or compute(county, year, ids, as_of=today)
    units = []
    for t in ids:
        f = figures[t]
        deputies = int(f.value("deputies") or 0) or 1
        households = int(f.value("households") or 0) or 1
        units.append(
            {
                "id": t,
                "name": county.townships[t].name,
                "metrics": {
                    "participation": f.value("participation") or 0.0,
                    "pairing_work": Decimal(int(f.value("pairing_work") or 0)) / deputies,
                    "trips": f.value("trips"),
                    "exited": round(100 * int(f.value("exited") or 0) / households, 1),
                },
            }
        )
    _normalised(units, weights.unit)
    rows = deputy_rows(county, year, None)
    exited: dict[str, int] = {}
    for pairing in county.pairings.values():
        household = county.households.get(pairing.household)
        if (
            household
            and household.exit_year == year.year
            and pairing.active_during(year.start, year.end)
            and household.status is models.HouseholdStatus.exited
        ):
            exited[pairing.deputy] = exited.get(pairing.deputy, 0) + 1
    funds: dict[str, Decimal] = {}
    for activity in county.activities.values():
        if activity.date in year and activity.funds:
            first = activity.deputies[0]
            funds[first] = funds.get(first, Decimal(0)) + activity.funds
    stars, caring = [], []
    for row in rows:
        d = row.deputy
        base = {
            "id": d.id,
            "name": d.name,
            "township": township_name(county, d.township),
        }
        stars.append(
            {
                **base,
                "metrics": {
                    "pairing_work": row.pairing_work,
                    "exited": exited.get(d.id, 0),
                    "trips": row.trips,
                    "proposals": row.proposals,
                },
            }
        )
        caring.append(
            {**base, "metrics": {"donations": row.donations, "funds": funds.get(d.id, Decimal(0))}}
        )
    _normalised(stars, weights.star)
    _normalised(caring, weights.caring_deputy)

    def label(key: str, items: list[dict[str, Any]]) -> str:
        if key == "pairing_work" and items is units:
            return "每名代表入户帮扶（人次）"
        if key == "exited" and items is units:
            return "结对户脱贫比例"
        if key == "exited":
            return "结对户当年脱贫（户）"
        return METRIC_LABELS.get(key, key)

    def table(items: list[dict[str, Any]], w: dict[str, float]) -> dict[str, Any]:
        return {
            "weights": [(label(k, items), f"{v:g}") for k, v in w.items()],
            "columns": [label(k, items) for k in w],
            "rows": [
                {
                    "name": i["name"],
                    "id": i["id"],
                    "where": i.get("township", ""),
                    "metrics": [num(i["metrics"][k]) for k in w],
                    "score": f"{i['score']:.3f}",
                }
                for i in items[: weights.top]
            ],
        }

    return {
        "unit": table(units, weights.unit),
        "star": table(stars, weights.star),
        "caring_deputy": table(caring, weights.caring_deputy),
    }


def year_summary(county: County, year: Period, township: str | None, today: dt.date) -> Report:
    """The year-end summary (§3.2), with award candidates (§3.4)."""
    base = (
        half_report(county, year, township, today)
        if township
        else county_report(county, year, today)
    )
    base.values["awards"] = award_candidates(county, year, today, base.figures)
    base.values["year"] = year.year
    where = county.townships[township].name + "人大主席团" if township else county.settings.county
    title = f"{where}{year.year}年度{ACTIONS}活动总结"
    return Report("year.md.j2", title, {**base.values, "base": base.template}, base.figures)


def deputy_record(county: County, deputy: models.Deputy, year: Period, today: dt.date) -> Report:
    """A deputy's performance record for the year (履职档案, §3.2)."""
    pairings = sorted(
        (
            p
            for p in county.pairings.values()
            if p.deputy == deputy.id and p.active_during(year.start, year.end)
        ),
        key=lambda p: p.start,
    )
    activities = sorted(
        (a for a in county.activities.values() if deputy.id in a.deputies and a.date in year),
        key=lambda a: (a.date, a.id),
    )
    proposals = sorted(
        (p for p in county.proposals.values() if deputy.id in p.deputies and p.date in year),
        key=lambda p: p.date,
    )
    households = county.households
    concerned = {
        deputy.id,
        *(p.id for p in pairings),
        *(p.id for p in proposals),
        *(a.id for a in activities),
    }
    checked = check_folder(
        county.folder,
        as_of=today,
        period=year,
        township=deputy.township,
        cache=county.cached,
        county=county,
    )
    shortfalls = [
        {"rule": f.rule, "message": f.message, "clause": REGISTRY[f.rule].clause}
        for f in checked.findings
        if f.record in concerned
    ]
    values = {
        "name": deputy.name,
        "id": deputy.id,
        "township": township_name(county, deputy.township),
        "levels": "、".join(lv.value for lv in deputy.levels),
        "sector": deputy.sector.value,
        "employer": deputy.employer.value,
        "term": f"{deputy.term_start} 至 {deputy.term_end or '今'}",
        "year": year.year,
        "pairings": [
            {
                "household": households[p.household].head + "户"
                if p.household in households
                else p.household,
                "village": households[p.household].village if p.household in households else "",
                "start": str(p.start),
                "end": str(p.end) if p.end else "",
                "reason": p.end_reason or "",
                "status": households[p.household].status.value if p.household in households else "",
            }
            for p in pairings
        ],
        "activities": [
            {
                "date": str(a.date),
                "kind": a.kind.value,
                "summary": a.summary,
                "household": households[a.household].head + "户"
                if a.household in households
                else "",
                "joint": "、".join(x for x in a.deputies if x != deputy.id),
            }
            for a in activities
        ],
        "trips": sum(1 for a in activities if a.kind is models.ActivityKind.trip),
        "proposals": [
            {
                "title": p.title,
                "type": p.type.value,
                "date": str(p.date),
                "role": "领衔" if p.lead == deputy.id else "附议",
                "result": p.result.value if p.result else "未答复",
                "satisfaction": p.satisfaction.value if p.satisfaction else "",
            }
            for p in proposals
        ],
        "shortfalls": shortfalls,
        "date": cn_date(today),
    }
    title = f"代表{deputy.name}{year.year}年度{ACTIONS}履职档案"
    return Report("deputy.md.j2", title, values)
