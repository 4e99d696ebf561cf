"""``Records``: the loaded records of a data folder, indexed by id per kind.

What ``DataFolder.load`` returns: every record of the files it read (all of the folder's, or
those a command chose), the findings of reading them, and the records set aside because an
earlier one holds their id (the ``duplicate-id`` rule reports them). Rules, reports, sheets and
actions read it; finding a record by id or name (``find``) is done here, once for them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from lingbi_cli import models
from lingbi_cli.config import Settings
from lingbi_cli.errors import Finding, LingbiError, UsageError
from lingbi_cli.store.lookup import resolve
from lingbi_cli.store.rows import ActivityRecord, Loaded

if TYPE_CHECKING:
    from lingbi_cli.store.folder import DataFolder

R = TypeVar("R", bound=models.Record)


@dataclass
class Records:
    """Records of a data folder, indexed by id per kind, plus the findings of loading them."""

    folder: DataFolder
    townships: dict[str, models.Township] = field(default_factory=dict)
    units: dict[str, models.Unit] = field(default_factory=dict)
    deputies: dict[str, models.Deputy] = field(default_factory=dict)
    households: dict[str, models.Household] = field(default_factory=dict)
    pairings: dict[str, models.Pairing] = field(default_factory=dict)
    activities: dict[str, ActivityRecord] = field(default_factory=dict)
    proposals: dict[str, models.Proposal] = field(default_factory=dict)
    filings: dict[str, models.Filing] = field(default_factory=dict)
    donors: dict[str, models.Donor] = field(default_factory=dict)
    awards: dict[str, models.Award] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # (kept, set aside): records read under an id that an earlier record of their kind holds
    duplicates: list[tuple[Loaded, Loaded]] = field(default_factory=list)
    # Structures derived from the records (indexes), built once by whoever needs them.
    derived: dict[str, object] = field(default_factory=dict, repr=False)
    # the files read into these records (relative, POSIX): a second load skips them
    files: set[str] = field(default_factory=set, repr=False)

    @property
    def settings(self) -> Settings:
        return self.folder.settings

    def table(self, model: type[R]) -> dict[str, R]:
        """The id → record map holding records of ``model``."""
        return getattr(self, _TABLES[model])  # type: ignore[no-any-return]

    def all_records(self) -> Iterable[Loaded]:
        for name in dict.fromkeys(_TABLES.values()):
            yield from getattr(self, name).values()

    def add(self, loaded: Iterable[Loaded]) -> None:
        """Index records by id. The first record read under an id is kept; a later one is set
        aside in ``duplicates`` (for the ``duplicate-id`` rule to report)."""
        self.derived.pop("unit_households", None)  # built from the records it held
        table: dict[str, Any] | None = None
        kind: type | None = None
        for record in loaded:
            if type(record) is not kind:
                kind = type(record)
                table = self.table(kind)
            assert table is not None
            record_id = record.id
            if record_id not in table:
                table[record_id] = record
                continue
            self.duplicates.append((table[record_id], record))

    def replacing(self, rel: str, loaded: Iterable[Loaded]) -> Records:
        """A copy in which the records of the file ``rel`` are ``loaded`` (the file as read
        again, e.g. under its lock). The tables are new, the records shared; the findings and
        indexes of these records are not carried over."""
        copy = Records(self.folder)
        for name in dict.fromkeys(_TABLES.values()):
            kept = {i: r for i, r in getattr(self, name).items() if r.file != rel}
            setattr(copy, name, kept)
        copy.add(loaded)
        return copy

    def township_of(self, record: Loaded) -> str | None:
        """The township a record belongs to: a township itself; a pairing, and a deputy's
        award, their deputy's (None if the deputy is unknown); else the record's own
        ``township`` (None: the county's)."""
        if isinstance(record, models.Township):
            return record.id
        if isinstance(record, models.Pairing | models.Award) and record.deputy:
            deputy = self.deputies.get(record.deputy)
            return deputy.township if deputy else None
        return getattr(record, "township", None)

    def unit_households(self, unit_id: str) -> set[str]:
        """The households unit ``unit_id`` helps: those naming it in their ``unit``, and those
        on the unit's own ``households`` list (the older way of writing it down)."""
        index = self.derived.get("unit_households")
        if not isinstance(index, dict):
            index = {u.id: set(u.households) for u in self.units.values()}
            for household in self.households.values():
                if household.unit is not None:
                    index.setdefault(household.unit, set()).add(household.id)
            self.derived["unit_households"] = index
        return set(index.get(unit_id, ()))

    def at_point(self, household: models.Household) -> bool:
        """Whether the household lives in one of its township's assistance points (the
        township's ``points``); a township that lists none is not judged."""
        township = self.townships.get(household.township)
        return township is None or not township.points or household.village in township.points

    def find(self, model: type[R], text: str, error: type[LingbiError] = UsageError) -> R:
        """The record of ``model`` whose id is ``text``, else the one whose name is ``text``;
        none or several raise ``error`` naming the kind (a write command refuses, exit 1; a
        read command's argument is a usage error, exit 2)."""
        return resolve(self.table(model), text, model.kind_label, error=error)


_TABLES: dict[type[Loaded], str] = {
    models.Township: "townships",
    models.Unit: "units",
    models.Deputy: "deputies",
    models.Household: "households",
    models.Pairing: "pairings",
    models.Activity: "activities",
    ActivityRecord: "activities",
    models.Proposal: "proposals",
    models.Filing: "filings",
    models.Donor: "donors",
    models.Award: "awards",
}
