"""Indexes over the loaded records that several rules share, built once per ``Records``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from lingbi_cli import models
from lingbi_cli.models import ActivityKind
from lingbi_cli.store.records import Records
from lingbi_cli.store.rows import ActivityRecord


@dataclass
class Index:
    by_deputy: dict[str, list[ActivityRecord]] = field(default_factory=lambda: defaultdict(list))
    by_pair: dict[tuple[str, str], list[ActivityRecord]] = field(
        default_factory=lambda: defaultdict(list)
    )
    trips: dict[str, list[ActivityRecord]] = field(default_factory=lambda: defaultdict(list))
    trips_by_deputy: dict[str, list[ActivityRecord]] = field(
        default_factory=lambda: defaultdict(list)
    )
    supervisions: dict[tuple[str, str], list[ActivityRecord]] = field(
        default_factory=lambda: defaultdict(list)
    )
    pairings_by_deputy: dict[str, list[models.Pairing]] = field(
        default_factory=lambda: defaultdict(list)
    )
    proposals_by_deputy: dict[str, list[models.Proposal]] = field(
        default_factory=lambda: defaultdict(list)
    )
    filings: dict[tuple[str, models.FilingKind, str], list[models.Filing]] = field(
        default_factory=lambda: defaultdict(list)
    )


def index_of(records: Records) -> Index:
    """The index of ``records``, built on first use and kept with them."""
    cached = records.derived.get("index")
    if isinstance(cached, Index):
        return cached
    index = Index()
    six = frozenset(models.SIX_ONES)
    trip, supervision = ActivityKind.trip, ActivityKind.supervision
    # by date; ties keep the files' order (a stable sort on one key is the cheapest here)
    for activity in sorted(records.activities.values(), key=attrgetter("date")):
        kind = activity.kind
        for deputy in activity.deputies:
            index.by_deputy[deputy].append(activity)
            if kind in six and activity.household is not None:
                index.by_pair[(deputy, activity.household)].append(activity)
            elif kind is supervision:
                index.supervisions[(deputy, activity.township)].append(activity)
            elif kind is trip:
                index.trips_by_deputy[deputy].append(activity)
        if kind is trip:
            index.trips[activity.township].append(activity)
    for pairing in sorted(records.pairings.values(), key=lambda p: (p.start, p.id)):
        index.pairings_by_deputy[pairing.deputy].append(pairing)
    for proposal in records.proposals.values():
        for deputy in proposal.deputies:
            index.proposals_by_deputy[deputy].append(proposal)
    for filing in sorted(records.filings.values(), key=lambda f: (f.date, f.id)):
        index.filings[(filing.township, filing.kind, filing.period)].append(filing)
    records.derived["index"] = index
    return index
