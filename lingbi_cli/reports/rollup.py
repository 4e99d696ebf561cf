"""Each township's totals and work kept, and the county's as their sum (``lingbi stats``, the
county's half-year and year reports).

A township's totals for a period — deputies, pairings, households, activities, money — count
only what its neighbourhood holds (``rules.partition``: its files, the county's, the people
it names, the work of its people elsewhere), so they are computed on that neighbourhood and
stored under its files' states (``.lingbi-cache/totals/``). After a change in one township,
that township's totals are computed again and the others read back; the county's are the sum
of every township's (each activity, pairing and household counts in its own township, and the
figures in the county's table are counts and sums of money). A test computes the table both
ways, on the sample and on changes that tie townships together, and compares them.

The county's half-year and year reports (``county_work``) keep, per township, what its
activities and pairings of the period add up to as of the report's day (``figures.Worked``),
what its activities tell (``substance.Told``: each trip, stories per outlet, contributions with
money as deeds) and its campaign findings worded (``problems.word``), in
``.lingbi-cache/worked/`` under the township's neighbourhood. The report then loads the
county's files, the deputies, proposals, filings and donors (the pairings too for the year's
awards) — no activity, pairing or household — and adds the townships' work: after a ``log``,
one township is counted again, not the county. The clerk's own choice of deeds
(``notes/<period>-典型事迹.yaml``, which may pin any activity) and ``--explain`` (which lists the
activities behind a figure) are made from every record, as before. Totals and work are kept
the same way (``_kept``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import astuple, dataclass
from decimal import Decimal
from typing import Any, TypeVar

from lingbi_cli import models
from lingbi_cli.errors import Finding
from lingbi_cli.parallel import parallel_map, two_if
from lingbi_cli.periods import Period
from lingbi_cli.reports import substance
from lingbi_cli.reports.figures import ROW_NUMBERS, Figures, Worked, compute, work_of
from lingbi_cli.reports.problems import Item, Voice, word, wording_key
from lingbi_cli.reports.substance import Deed, Told, TripNote
from lingbi_cli.rules.partition import plan
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.layout import township_of
from lingbi_cli.store.records import Records

Totals = dict[str, int | Decimal]
ALWAYS = (dt.date.min, dt.date.max)  # a township's totals or work hold for every day


V = TypeVar("V")


def _kept(
    folder: DataFolder,
    subdir: str,
    question: tuple[Any, ...],
    count: Callable[[str, Records], Any],
    unpack: Callable[[Any], V | None],
    fresh: Callable[[str, V], bool] = lambda _township, _value: True,
) -> dict[str, V] | None:
    """Each township's value for ``question``: kept in ``.lingbi-cache/<subdir>/`` under its
    neighbourhood's state, or — where that changed, or the kept value is not ``fresh`` —
    ``count``-ed on its neighbourhood (on both cores, one neighbourhood at a time) as plain
    values, kept, and ``unpack``-ed; None when the folder is not partitioned."""
    parts = plan(folder)
    if parts is None:
        return None
    store = folder.result_cache(subdir, keep=4 * len(parts.members) + 20)
    found: dict[str, V] = {}
    missing: list[tuple[str, str | None]] = []
    for part in sorted(p for p in parts.members if p is not None):
        near = [f.rel for f in parts.neighbourhood(part)]
        key = store.key(near, [], (subdir, part, *question), folder.stat)
        kept = unpack(store.get(key, *ALWAYS))
        if kept is None or not fresh(part, kept):
            missing.append((part, key))
        else:
            found[part] = kept

    def counted(item: tuple[str, str | None]) -> Any:
        rels = {f.rel for f in parts.neighbourhood(item[0])}
        return count(item[0], folder.load(lambda f: f.rel in rels))

    made = parallel_map(counted, missing, workers=two_if(len(missing)))
    for (part, key), value in zip(missing, made, strict=True):
        store.put(key, ALWAYS, ALWAYS, value)
        unpacked = unpack(value)
        assert unpacked is not None, part
        found[part] = unpacked
    return found


def township_totals(
    folder: DataFolder, period: Period, keys: tuple[str, ...]
) -> dict[str | None, Totals] | None:
    """The totals ``keys`` of every township (by id) and of the county (None) for ``period``;
    None when the folder is not partitioned (compute them on the whole county)."""

    def count(township: str, records: Records) -> Totals:
        return totals_of(compute(records, period, [township])[township], keys)

    def unpack(value: Any) -> Totals | None:
        return value if isinstance(value, dict) else None

    kept = _kept(folder, "totals", (period, keys), count, unpack)
    if kept is None:
        return None
    totals: dict[str | None, Totals] = {part: row for part, row in kept.items()}
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


@dataclass
class Summed:
    """What a county's report reads instead of every activity, pairing and household: the
    county's files, the deputies, proposals, filings and donors (``records``), each township's
    ``worked`` and ``told`` in township order, the campaign rules' ``findings`` and each
    township's findings already worded (``worded``, by ``problems.wording_key``)."""

    records: Records
    worked: list[Worked]
    told: list[Told]
    findings: list[Finding]
    worded: dict[Hashable, Item | None]


Kept = tuple[Worked, Told, dict[Hashable, Item | None]]
NOT_READ = (models.Activity, models.Pairing, models.Household)  # by a county's summed report


def county_work(
    folder: DataFolder,
    period: Period,
    day: dt.date,
    findings: list[Finding],
    *,
    pairings: bool = False,
) -> Summed | None:
    """Each township's work in ``period`` as of ``day`` — kept, or counted on its neighbourhood
    where it changed — with its part of ``findings`` worded, and the files a county's report
    reads besides (``pairings`` too: the year's awards count the first meetings that fell
    due); None when the report must be made from every record: a folder not
    partitioned, or run without its cache; the clerk's choice of deeds for the period; a
    finding of the county's own part (none of the campaign rules makes one today)."""
    if (folder.path / substance.notes_name(None, period.label)).exists():
        return None
    mine: dict[str | None, list[Finding]] = defaultdict(list)
    for finding in findings:
        mine[township_of(finding.file, finding.record)].append(finding)
    if mine.get(None):
        return None

    def count(township: str, records: Records) -> tuple[Any, ...]:
        worked, figures = work_of(records, period, township, day)
        voice = Voice(records)
        worded: dict[Hashable, Item | None] = {
            wording_key(f): word(f, voice) for f in mine.get(township, [])
        }
        return _pack(worked, substance.told(records, figures), worded)

    def fresh(township: str, kept: Kept) -> bool:
        # a finding worded before is worded the same (it names the same records); one that is
        # new (the day of the run moved a window) has the township counted again
        return all(wording_key(f) in kept[2] for f in mine.get(township, []))

    found = _kept(folder, "worked", (period, day), count, _unpack, fresh)
    if found is None:
        return None
    skipped = tuple(kind for kind in NOT_READ if not (pairings and kind is models.Pairing))
    records = folder.load(lambda f: f.model not in skipped)
    ordered = [found[part] for part in sorted(found)]
    worded = {key: item for _w, _t, items in ordered for key, item in items.items()}
    return Summed(records, [k[0] for k in ordered], [k[1] for k in ordered], findings, worded)


def _pack(worked: Worked, told: Told, worded: dict[Hashable, Item | None]) -> tuple[Any, ...]:
    """Plain values, for the restricted unpickler of the cache."""
    return (
        (
            worked.township,
            worked.values,
            worked.rows,
            worked.named,
            worked.paired,
            worked.paired_rows,
        ),
        (
            [astuple(trip) for trip in told.trips],
            told.outlets,
            [(m, d, i, astuple(deed)) for m, d, i, deed in told.contributions],
        ),
        [(key, None if item is None else _plain_item(item)) for key, item in worded.items()],
    )


def _plain_item(item: Item) -> tuple[Any, ...]:
    span = None if item.span is None else (item.span.label, item.span.start, item.span.end)
    return (item.subject, item.when, item.rest, span, item.within)


def _unpack(packed: Any) -> Kept | None:
    """``_pack``'s values back; None for anything else (a damaged entry: counted again)."""
    try:
        (township, values, rows, named, paired, paired_rows), told, worded = packed
        worked = Worked(
            township, dict(values), dict(rows), frozenset(named), dict(paired), dict(paired_rows)
        )
        if any(len(numbers) != len(ROW_NUMBERS) for numbers in worked.rows.values()):
            return None
        trips, outlets, contributions = told
        kept_told = Told(
            [TripNote(*trip) for trip in trips],
            dict(outlets),
            [(m, d, i, Deed(*deed)) for m, d, i, deed in contributions],
        )
        items: dict[Hashable, Item | None] = {}
        for key, plain in worded:
            if plain is None:
                items[key] = None
            else:
                subject, when, rest, span, within = plain
                items[key] = Item(
                    subject, when, rest, None if span is None else Period(*span), within
                )
    except (TypeError, ValueError):
        return None
    return worked, kept_told, items
