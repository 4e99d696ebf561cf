"""A township's page (``township/<id>.html``): its figures and lights, its deputies (the
report's attached table, phones masked), its pairings with each household's last visit and the
six ones done this year, the items to follow up (the rules' findings), and its filings against
their deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lingbi_cli import models, periods
from lingbi_cli.models import SIX_ONES, FilingKind
from lingbi_cli.reports.problems import HEADINGS
from lingbi_cli.reports.tables import deputy_table
from lingbi_cli.rules import REGISTRY
from lingbi_cli.rules.index import Index, index_of
from lingbi_cli.site.model import ALL, LIGHTS, Site
from lingbi_cli.site.pages.overview import COLUMNS, light_cell, records_href
from lingbi_cli.site.pages.records import HEAVY
from lingbi_cli.site.render import Writer, page
from lingbi_cli.site.text import shown

CARDS = ("deputies", "participation", "households", "exited", "pairing_work", "trips")
RULE_NAMES = {**HEADINGS, **{light.rule: light.label for light in LIGHTS}}


@dataclass(frozen=True)
class PairingLine:
    pairing: models.Pairing
    deputy: str
    household: str
    village: str
    active: bool
    last_visit: dt.date | None
    days: int | None  # since the last visit (or since the pairing began, if never visited)
    six: list[bool]  # each of the six ones done in the site's year


def visit_kinds(site: Site) -> set[models.ActivityKind]:
    """What counts as a visit: the ``regular-visits`` rule's own setting."""
    settings = REGISTRY["regular-visits"].settings(
        site.records.settings.rules.get("regular-visits")
    )
    return set(getattr(settings, "kinds", [models.ActivityKind.visit]))


def pairing_lines(site: Site, township: str, index: Index) -> list[PairingLine]:
    records, day = site.records, site.day
    year = periods.year(day.year)
    kinds = visit_kinds(site)
    lines = []
    for pairing in sorted(records.pairings.values(), key=lambda p: (p.start, p.id)):
        deputy = records.deputies.get(pairing.deputy)
        household = records.households.get(pairing.household)
        if deputy is None or household is None or deputy.township != township:
            continue
        if pairing.start > day:
            continue
        work = [
            a for a in index.by_pair.get((pairing.deputy, pairing.household), ()) if a.date <= day
        ]
        visits = [a.date for a in work if a.kind in kinds]
        last = max(visits) if visits else None
        active = pairing.active_on(day)
        done = {a.kind for a in work if a.date in year}
        lines.append(
            PairingLine(
                pairing,
                deputy.name,
                f"{household.head}户",
                household.village,
                active,
                last,
                ((day - (last or pairing.start)).days if active else None),
                [kind in done for kind in SIX_ONES],
            )
        )
    # the longest unvisited first: who has not met their household
    lines.sort(key=lambda x: (not x.active, -(x.days or 0), x.pairing.id))
    return lines


def filings(site: Site, township: str, index: Index) -> list[dict[str, Any]]:
    """Each filing the campaign asks for (§3.2) with its deadline and what was filed."""
    c = site.records.settings.campaign
    out = []
    for year in c.years:
        wanted = [
            ("活动方案", [(FilingKind.plan, str(year))], dt.date(year, *c.plan_deadline)),
            ("帮扶名单", [(FilingKind.pairing_list, str(year))], dt.date(year, *c.plan_deadline)),
            ("上半年报告", [(FilingKind.h1_report, f"{year}H1")], dt.date(year, *c.h1_report)),
            (
                "下半年报告（年终总结）",
                [(FilingKind.h2_report, f"{year}H2"), (FilingKind.year_summary, str(year))],
                dt.date(year, *c.h2_report),
            ),
        ]
        for name, kinds, due in wanted:
            made = sorted(
                (
                    f
                    for kind, period in kinds
                    for f in index.filings.get((township, kind, period), [])
                ),
                key=lambda f: (f.date, f.id),
            )
            first = next((f for f in made if f.date <= site.day), None)
            if first is not None:
                state = "按时" if first.date <= due else f"逾期{(first.date - due).days}天"
            else:
                state = "未到期" if due >= site.day else "未报送"
            out.append({"year": year, "name": name, "due": due, "filed": first, "state": state})
    return out


@page("townships", order=40)
def townships(site: Site, writer: Writer) -> None:
    records = site.records
    index = index_of(records)
    year = str(site.day.year)

    def write(township: str) -> None:
        spans: dict[str, Any] = {}
        # each span's chart: per deputy, name, pairing work (person-times), trips, page or ""
        chart: dict[str, list[list[Any]]] = {}
        for span in site.spans:
            f = site.figures[span][township]
            table = deputy_table(f, records)
            deputies = [
                (
                    row.deputy.id,
                    row.deputy.township == township,
                    row.deputy.phone,
                )
                for row in f.deputy_rows()
            ]
            spans[span] = {
                "cards": [
                    (
                        f[key].label,
                        shown(f.value(key), f[key].unit),
                        records_href(township, span, key),
                    )
                    for key in CARDS
                ],
                "lights": [
                    (light.label, light_cell(site.light(span, township, light), township, span))
                    for light in LIGHTS
                ],
                "table": table,
                "deputies": deputies,
            }
            chart[span] = [
                [
                    row.deputy.name,
                    row.pairing_work,
                    row.trips,
                    row.deputy.id if row.deputy.township == township else "",
                ]
                for row in f.deputy_rows()
            ]
        found = site.of(year, township) if year in site.findings else []
        writer.page(
            f"township/{township}.html",
            "township.html.j2",
            site.name(township),
            township=township,
            spans=spans,
            labels=[(key, site.span_label(key)) for key in site.spans],
            default=year if year in site.spans else ALL,
            year=year,
            pairings=pairing_lines(site, township, index),
            six=[kind.value for kind in SIX_ONES],
            findings=[(RULE_NAMES.get(x.rule, x.rule), site.said(x), x) for x in found],
            filings=filings(site, township, index),
            columns=COLUMNS,
            chart=chart,
        )

    writer.many(write, site.townships, at_least=HEAVY)
