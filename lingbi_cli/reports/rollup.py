"""Each township's totals kept, and the county's as their sum (``lingbi stats``).

A township's totals for a period — deputies, pairings, households, activities, money — count
only what its neighbourhood holds (``rules.partition``: its files, the county's, the people
it names, the work of its people elsewhere), so they are computed on that neighbourhood and
stored under its files' states (``.lingbi-cache/totals/``). After a change in one township,
that township's totals are computed again and the others read back; the county's are the sum
of every township's (each activity, pairing and household counts in its own township, and the
figures in the county's table are counts and sums of money). A test computes the table both
ways, on the sample and on changes that tie townships together, and compares them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lingbi_cli import periods
from lingbi_cli.parallel import parallel_map, two_if
from lingbi_cli.periods import Period
from lingbi_cli.reports.figures import Figures, compute
from lingbi_cli.rules.partition import plan
from lingbi_cli.store.folder import DataFolder

Totals = dict[str, int | Decimal]
ALWAYS = (dt.date.min, dt.date.max)  # totals with no report day hold for every day


def township_totals(
    folder: DataFolder, period: Period, keys: tuple[str, ...]
) -> dict[str | None, Totals] | None:
    """The totals ``keys`` of every township (by id) and of the county (None) for ``period``;
    None when the folder is not partitioned (compute them on the whole county)."""
    parts = plan(folder)
    if parts is None:
        return None
    store = folder.result_cache("totals", keep=4 * len(parts.members) + 20)
    today = periods.today()
    totals: dict[str | None, Totals] = {}
    missing: list[tuple[str, str | None]] = []
    for part in sorted(p for p in parts.members if p is not None):
        near = [f.rel for f in parts.neighbourhood(part)]
        key = store.key(near, [], ("totals", part, period, keys), folder.stat)
        found = store.get(key, today, today)
        if isinstance(found, dict):
            totals[part] = found
        else:
            missing.append((part, key))

    def count(item: tuple[str, str | None]) -> Totals:
        rels = {f.rel for f in parts.neighbourhood(item[0])}
        records = folder.load(lambda f: f.rel in rels)
        return totals_of(compute(records, period, [item[0]])[item[0]], keys)

    jobs = two_if(len(missing))
    made = parallel_map(count, missing, workers=jobs)
    for (part, key), row in zip(missing, made, strict=True):
        store.put(key, ALWAYS, ALWAYS, row)
        totals[part] = row
    county: Totals = {}
    for key in keys:
        county[key] = sum((row[key] for row in totals.values()), start=_zero(totals, key))
    totals[None] = county
    return totals


def totals_of(figures: Figures, keys: tuple[str, ...]) -> Totals:
    """The totals ``keys`` of ``figures`` (counts, and yuan as ``Decimal``)."""
    out: Totals = {}
    for key in keys:
        value = figures.value(key)
        out[key] = value if isinstance(value, int | Decimal) else 0
    return out


def _zero(totals: dict[str | None, Totals], key: str) -> int | Decimal:
    """0 of the kind the figure is (yuan add up as ``Decimal``)."""
    for row in totals.values():
        return Decimal(0) if isinstance(row[key], Decimal) else 0
    return 0
