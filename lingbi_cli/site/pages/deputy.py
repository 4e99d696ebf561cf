"""A deputy's page (``deputy/<id>.html``): each year's performance record exactly as
``lingbi report --deputy D --year Y`` builds it (``reports.deputy_record``, dated the year's
end or the site's day), each activity with its file and line, and a timeline of the whole
campaign.

A county has two thousand deputies: each record is built from a view of the county that holds
only that deputy's activities, pairings and proposals (the rules' shared index), so that a
page costs what the deputy did, not what the county did.
"""

from __future__ import annotations

import re
from typing import Any

from lingbi_cli import models
from lingbi_cli.errors import Finding
from lingbi_cli.reports.build import CAMPAIGN_RULES
from lingbi_cli.reports.data import Table
from lingbi_cli.reports.deputy_record import build, concerning
from lingbi_cli.reports.problems import HEADINGS, Voice, problems
from lingbi_cli.rules import REGISTRY
from lingbi_cli.rules.index import Index, index_of
from lingbi_cli.site.model import Site
from lingbi_cli.site.render import Writer, page
from lingbi_cli.store.records import Records

KINDS = list(models.ActivityKind)
# A reason that names an illness or a disability is personal health data: the site, which is
# carried around on USB sticks, does not show it (the Word record, filed on paper, does).
HEALTH = re.compile(r"病|残|伤|医|住院|手术|去世|逝世")
WITHHELD = "（涉及健康，不显示）"


def without_health(table: Table) -> None:
    """Blank the free-text reasons of a record's pairings table that speak of health."""
    keys = [c.key for c in table.columns]
    if "reason" not in keys:
        return
    at = keys.index("reason")
    for n, row in enumerate(table.rows):
        reason = row[at]
        if isinstance(reason, str) and HEALTH.search(reason):
            table.rows[n] = (*row[:at], WITHHELD, *row[at + 1 :])


def view(records: Records, index: Index, deputy: str) -> Records:
    """The county as the deputy's record sees it: every person and household, but only the
    deputy's own activities, pairings and proposals."""
    return Records(
        folder=records.folder,
        townships=records.townships,
        units=records.units,
        deputies=records.deputies,
        households=records.households,
        pairings={p.id: p for p in index.pairings_by_deputy.get(deputy, [])},
        activities={a.id: a for a in index.by_deputy.get(deputy, [])},
        proposals={p.id: p for p in index.proposals_by_deputy.get(deputy, [])},
    )


def timeline(site: Site, mine: Records) -> list[list[Any]]:
    """Each activity up to the site's day: date, kind's position, kind (the summaries are in
    the year's table below; not repeating them keeps a county's pages a third smaller)."""
    out = []
    for a in sorted(mine.activities.values(), key=lambda a: (a.date, a.id)):
        if a.date <= site.day:
            out.append([a.date.isoformat(), KINDS.index(a.kind), a.kind.value])
    return out


@page("deputies", order=50)
def deputies(site: Site, writer: Writer) -> None:
    records = site.records
    index = index_of(records)
    clauses = {name: REGISTRY[name].clause for name in HEADINGS if name in REGISTRY}
    reported = set(CAMPAIGN_RULES)
    # each year's findings that a deputy's record reports, by the record they concern
    about: dict[str, dict[str, list[Finding]]] = {}
    for key in site.years:
        about[key] = {}
        for finding in site.findings[key]:
            if finding.rule in reported:
                about[key].setdefault(finding.record, []).append(finding)

    def write(deputy: models.Deputy) -> None:
        mine = view(records, index, deputy.id)
        concerned = {
            deputy.id,
            *mine.proposals,
            *(p.id for p in mine.pairings.values()),
            *(p.household for p in mine.pairings.values()),
        }
        years = []
        for key in site.years:
            span = site.spans[key]
            if not deputy.active_during(span.start, span.end):
                continue
            record = build(mine, deputy, span, min(site.day, span.end))
            without_health(record.tables["pairings"])
            found = [f for record_id in concerned for f in about[key].get(record_id, [])]
            record.values["problems"] = problems(
                concerning(mine, deputy.id, sorted(found, key=Finding.sort_key)),
                Voice(records),
                span,
                clauses,
            )
            years.append((key, record))
        if not years:
            return
        writer.page(
            f"deputy/{deputy.id}.html",
            "deputy.html.j2",
            f"代表{deputy.name}",
            deputy=deputy,
            particulars=years[0][1].values,
            phone=deputy.phone,
            years=years,
            default=years[-1][0],
            timeline=timeline(site, mine),
            kinds=[k.value for k in KINDS],
            start=site.spans["all"].start.isoformat(),
            end=site.day.isoformat(),
        )

    shown = [d for d in sorted(records.deputies.values(), key=lambda d: d.id)]
    writer.many(write, [d for d in shown if d.township in site.townships])
