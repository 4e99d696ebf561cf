"""A deputy's page (``deputy/<id>.html``): each year's performance record exactly as
``lingbi report --deputy D --year Y`` builds it (``reports.deputy_record``, dated the year's
end or the site's day), each activity with its file and line, and a timeline of the whole
campaign.

A county has two thousand deputies: each record is built from a view of the county that holds
only that deputy's activities, pairings and proposals (the rules' shared index), so that a
page costs what the deputy did, not what the county did.
"""

from __future__ import annotations

from typing import Any

from lingbi_cli import models
from lingbi_cli.reports.build import CAMPAIGN_RULES
from lingbi_cli.reports.deputy_record import build, concerning
from lingbi_cli.reports.problems import HEADINGS, Voice, problems
from lingbi_cli.rules import REGISTRY
from lingbi_cli.rules.index import Index, index_of
from lingbi_cli.site.model import Site
from lingbi_cli.site.render import Writer, page
from lingbi_cli.store.load import County

KINDS = list(models.ActivityKind)


def view(county: County, index: Index, deputy: str) -> County:
    """The county as the deputy's record sees it: every person and household, but only the
    deputy's own activities, pairings and proposals."""
    return County(
        folder=county.folder,
        settings=county.settings,
        townships=county.townships,
        units=county.units,
        deputies=county.deputies,
        households=county.households,
        pairings={p.id: p for p in index.pairings_by_deputy.get(deputy, [])},
        activities={a.id: a for a in index.by_deputy.get(deputy, [])},
        proposals={p.id: p for p in index.proposals_by_deputy.get(deputy, [])},
        cached=county.cached,
    )


def timeline(site: Site, mine: County) -> list[list[Any]]:
    """Each activity up to the site's day: date, kind's position, kind, summary."""
    out = []
    for a in sorted(mine.activities.values(), key=lambda a: (a.date, a.id)):
        if a.date <= site.day:
            out.append([a.date.isoformat(), KINDS.index(a.kind), a.kind.value, a.summary])
    return out


@page("deputies", order=50)
def deputies(site: Site, writer: Writer) -> None:
    county = site.county
    index = index_of(county)
    clauses = {name: REGISTRY[name].clause for name in HEADINGS if name in REGISTRY}
    reported = set(CAMPAIGN_RULES)
    for deputy in sorted(county.deputies.values(), key=lambda d: d.id):
        if deputy.township not in site.townships:
            continue
        mine = view(county, index, deputy.id)
        years = []
        for key in site.years:
            span = site.spans[key]
            if not deputy.active_during(span.start, span.end):
                continue
            day = min(site.day, span.end)
            record = build(mine, deputy, span, day)
            found = [f for f in site.findings[key] if f.rule in reported]
            record.values["problems"] = problems(
                concerning(mine, deputy.id, found), Voice(county), span, clauses
            )
            years.append((key, record))
        if not years:
            continue
        first = years[0][1]
        writer.page(
            f"deputy/{deputy.id}.html",
            "deputy.html.j2",
            f"代表{deputy.name}",
            deputy=deputy,
            particulars=first.values,
            phone=deputy.phone,
            years=years,
            default=years[-1][0],
            timeline=timeline(site, mine),
            kinds=[k.value for k in KINDS],
            start=site.spans["all"].start.isoformat(),
            end=site.day.isoformat(),
        )
