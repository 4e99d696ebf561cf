"""Proposals (``proposals.html``): the funnel 提出 → 交办 → 答复 → 满意 of the campaign up to
the site's day, for the county or one township, and every proposal with the overdue ones first
(the ``proposal-reply`` rule's findings). The funnel's stages are the campaign figures'
``proposals``, ``replied`` and ``satisfaction`` (as ``lingbi report`` counts them) and, between
them, those of the proposals that had been assigned by the day."""

from __future__ import annotations

from typing import Any

from lingbi_cli import models
from lingbi_cli.models import Satisfaction
from lingbi_cli.reports.deputy_record import RESULTS
from lingbi_cli.site.model import ALL, Site
from lingbi_cli.site.render import Writer, page

GOOD = (Satisfaction.satisfied, Satisfaction.basically)


def funnel(site: Site, township: str | None) -> list[list[Any]]:
    f = site.figures[ALL][township]
    made = [p for p in f["proposals"].sources if isinstance(p, models.Proposal)]
    assigned = [p for p in made if p.assigned is not None and p.assigned <= site.day]
    rated = [p for p in f["satisfaction"].sources if isinstance(p, models.Proposal)]
    end = site.spans[ALL].end  # the day the figures counted the ratings by
    happy = [p for p in rated if p.state_on(end).satisfaction in GOOD]
    return [
        ["提出", f.count("proposals"), "proposals"],
        ["交办", len(assigned), "proposals"],
        ["答复", f.count("replied"), "replied"],
        ["满意或基本满意", len(happy), "satisfaction"],
    ]


@page("proposals", "议案建议", "proposals.html", order=30)
def proposals(site: Site, writer: Writer) -> None:
    records, day = site.records, site.day
    overdue = {f.record: f for f in site.of(ALL, None, "proposal-reply")}
    rows: list[dict[str, Any]] = []
    for township in site.townships:
        for p in site.figures[ALL][township]["proposals"].sources:
            if not isinstance(p, models.Proposal):
                continue
            now = p.state_on(day)  # the latest reply and rating by the site's day
            replied = now.reply is not None
            lead = records.deputies.get(p.lead)
            finding = overdue.get(p.id)
            if finding is not None:
                state, rank = "逾期未办", 0
            elif not replied:
                state, rank = "办理中" if p.assigned and p.assigned <= day else "待交办", 1
            else:
                state, rank = "已答复", 2
            rows.append(
                {
                    "rank": rank,
                    "state": state,
                    "finding": site.said(finding) if finding else "",
                    "proposal": p,
                    "township": township,
                    "place": site.name(township),
                    "lead": lead.name if lead else p.lead,
                    "assigned": p.assigned if p.assigned and p.assigned <= day else None,
                    "reply": now.reply,
                    "result": RESULTS[now.result] if now.result else "",
                    "satisfaction": now.satisfaction.value if now.satisfaction else "",
                }
            )
    rows.sort(
        key=lambda r: (r["rank"], r["proposal"].assigned or r["proposal"].date, r["proposal"].id)
    )
    places: list[str | None] = [None, *site.townships] if site.only is None else [site.only]
    writer.page(
        "proposals.html",
        "proposals.html.j2",
        "议案建议办理情况",
        rows=rows,
        funnels={t or "county": funnel(site, t) for t in places},
        places=[[t or "county", site.name(t)] for t in places],
        default="county" if site.only is None else site.only,
    )
