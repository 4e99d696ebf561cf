"""Over time (``time.html``): activities per month by kind, person-times per month, each
township's trips against the yearly minimum, and cumulative exits — for the county or one
township, over the campaign or one half-year.

Only aggregates reach the page: each year's figures (``reports.figures.compute``) split by
month with ``Figure.by``, so a month's bars add up to the year's figure and a half-year's to
``lingbi report --half``. A bar links to the records behind it.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from lingbi_cli import periods
from lingbi_cli.models import SIX_ONES, ActivityKind
from lingbi_cli.reports.figures import LABELS
from lingbi_cli.rules import REGISTRY
from lingbi_cli.site.model import ALL, Site
from lingbi_cli.site.render import Writer, page
from lingbi_cli.site.text import number
from lingbi_cli.store.rows import Loaded

# each activity kind and the figure that counts it
KIND_FIGURES: tuple[tuple[str, str], ...] = (
    *((kind.name, kind.value) for kind in SIX_ONES),
    ("trips", ActivityKind.trip.value),
    ("contributions", ActivityKind.contribution.value),
    ("publicity", ActivityKind.publicity.value),
    ("supervision", "联系领导督查"),  # a 督查 naming the township's liaison leader
    ("deputy_supervision", "代表督查"),  # any other 督查
)
PERSON_TIMES = ("pairing_work", "trip_person_times")


def month_of(record: Loaded) -> str:
    return _month(getattr(record, "date", None))


@cache
def _month(day: dt.date | None) -> str:
    """``2019-05``: a county's million records fall on a thousand days."""
    return f"{day:%Y-%m}" if day else ""


def months(site: Site) -> list[str]:
    whole = site.spans[ALL]
    return [p.label for p in periods.split(whole, "month") if p.start <= whole.end]


def halves(site: Site) -> list[list[str]]:
    whole = site.spans[ALL]
    out = []
    for half in periods.split(whole, "half"):
        clipped = half.clip(whole.start, whole.end)
        if clipped is not None:
            first, last = clipped.start, clipped.end
            out.append([half.label, half.label_zh(), f"{first:%Y-%m}", f"{last:%Y-%m}"])
    return out


def series(site: Site, township: str | None, keys: tuple[str, ...]) -> dict[str, list[Any]]:
    """Each figure of ``keys`` per month, from each year's figure split by month."""
    labels = months(site)
    out: dict[str, list[Any]] = {}
    for key in keys:
        by_month: dict[str, Any] = {}
        for year in site.years:
            by_month.update(site.figures[year][township][key].by(month_of))
        out[key] = [number(by_month.get(m, 0)) for m in labels]
    return out


@page("over_time", "逐月情况", "time.html", order=20)
def over_time(site: Site, writer: Writer) -> None:
    places: list[str | None] = [*site.townships]
    if site.only is None:
        places.insert(0, None)
    trips = REGISTRY["trips-per-year"].settings(site.records.settings.rules.get("trips-per-year"))
    data = {
        "months": months(site),
        "halves": halves(site),
        "years": site.years,
        "kinds": [[key, label] for key, label in KIND_FIGURES],
        "persons": [[key, LABELS[key][0]] for key in PERSON_TIMES],
        "minimum": getattr(trips, "township_min", 3),
        "places": [[t or "county", site.name(t)] for t in places],
        "counts": {
            t or "county": series(site, t, tuple(k for k, _ in KIND_FIGURES)) for t in places
        },
        "person_times": {t or "county": series(site, t, PERSON_TIMES) for t in places},
        "trips": {
            t: [site.figures[y][t].count("trips") for y in site.years] for t in site.townships
        },
        "exits": {
            t or "county": [site.figures[y][t].count("exited") for y in site.years] for t in places
        },
    }
    writer.page(
        "time.html",
        "time.html.j2",
        "逐月情况",
        data=data,
        default_place="county" if site.only is None else site.only,
    )
