"""What each record file says about other townships: the small summaries per-township results
are keyed by (``rules.partition``).

A township's findings depend on its own files, the county's files, the people of other
townships its records name (a liaison leader from another township, a cosigner of a
proposal), and the records elsewhere that name its people (the leader's supervisions
recorded in the township they supervised). Which files those are is read from one summary per
record file, kept in ``.lingbi-cache/summaries.pickle`` and made again only for the files
changed since:

* ``refs`` — for each township (or None: the county) whose business the file's records are
  (``layout.township_of``), the other townships whose people they name, each with the file
  that holds them (``deputies.yaml``, ``households.yaml``);
* ``local`` — whether the file keeps to the partition: every id in a township's folder belongs
  to that township (its id begins with the township's id and a hyphen, as lingbi numbers
  them), and every pairing pairs a deputy and a household of its own township. A folder where
  one file does not is judged whole, as before;
* ``dates`` — the first and last day of the file's activities, so that a report of a period
  loads the files holding its activities (an activity filed in another month's file too);
* ``numbers`` — for a file of households, a 64-bit digest of each head's ID number (packed,
  sorted), so that two households of different townships with one number (the ``id-number``
  rule) see each other; which files share a number is worked out again only when a file of
  households changed (``shared_numbers``).

A summary is trusted for the file's size, modification time and inode when the file was older
than ``cache.RACY_NS`` at the moment the summary was made (git's "racily clean" rule).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import operator
import os
import pickle
import time
from collections.abc import Iterable
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

from lingbi_cli import models
from lingbi_cli.store.atomic import atomic_write
from lingbi_cli.store.cache import SafeUnpickler
from lingbi_cli.store.layout import RecordFile, file_for, township_of
from lingbi_cli.store.rows import ActivityRecord, Loaded
from lingbi_cli.store.stored import CACHE_DIR, RACY_NS

STORE = "summaries.pickle"
# the fields by which a record names a deputy or a household (of any kind of record), and the
# file of its township that holds whom they name
PEOPLE_FIELDS = {
    "deputy": "deputies.yaml",
    "deputies": "deputies.yaml",
    "liaison": "deputies.yaml",
    "household": "households.yaml",
    "households": "households.yaml",
}


class Summary(NamedTuple):
    """What one record file says about other townships (see the module's docstring)."""

    size: int
    mtime_ns: int
    ino: int
    made_ns: int  # when the summary was made: trusted only for files older than that
    refs: dict[str | None, frozenset[tuple[str, str]]]  # part → (township, file name)
    local: bool
    numbers: bytes  # 8 bytes per household: the digests of their ID numbers, sorted
    dates: tuple[dt.date, dt.date] | None  # the first and last day of its activities


class Owners:
    """Which township an id belongs to: the one whose id and a hyphen begin it (the longest,
    if several do), remembered — a county's files name the same people thousands of times."""

    def __init__(self, townships: Iterable[str]) -> None:
        self.townships = tuple(sorted(set(townships), key=lambda t: (-len(t), t)))
        # the townships whose ids begin with another's and a hyphen (``da`` and ``da-li``): the
        # beginnings of their ids, for each township whose own ids begin the same way
        self.shadows = {
            t: tuple(f"{u}-" for u in self.townships if u.startswith(f"{t}-"))
            for t in self.townships
        }
        self.known: dict[str, str | None] = {}

    def __call__(self, record_id: str) -> str | None:
        try:
            return self.known[record_id]
        except KeyError:
            pass
        found = next((t for t in self.townships if record_id.startswith(f"{t}-")), None)
        self.known[record_id] = found
        return found

    def hold_all(self, township: str, record_ids: list[str]) -> bool:
        """Whether every one of ``record_ids`` belongs to ``township`` (``holds``, for a file's
        ids at once)."""
        shadows = self.shadows.get(township)
        return all(map(str.startswith, record_ids, repeat(f"{township}-"))) and not (
            shadows and any(map(str.startswith, record_ids, repeat(shadows)))
        )

    def holds(self, township: str, record_id: str) -> bool:
        """Whether ``record_id`` belongs to ``township`` (without remembering it: a record's
        own id is seen once)."""
        return self.hold_all(township, [record_id])


def number_digest(id_number: str) -> bytes:
    return hashlib.blake2b(id_number.encode(), digest_size=8).digest()


def _people_fields(model: type[models.Record]) -> list[tuple[str, str]]:
    """The fields (and properties) by which records of ``model`` name people."""
    return [
        (name, held_in)
        for name, held_in in PEOPLE_FIELDS.items()
        if name in model.model_fields or isinstance(getattr(model, name, None), property)
    ]


def summarize(
    source: RecordFile, records: Iterable[Loaded], owners: Owners, st: os.stat_result
) -> Summary:
    """The summary of the file ``source`` holding ``records`` (as loaded), whose state is ``st``."""
    loaded = list(records)
    folder = source.township
    part = township_of(source.rel)
    groups: dict[str | None, list[Loaded]] = {}
    if source.rel == file_for(models.Township):  # each township's record is its own
        for record in loaded:
            groups.setdefault(township_of(source.rel, record.id), []).append(record)
    elif loaded:
        groups[part] = loaded
    fields = _people_fields(source.model)
    refs: dict[str | None, set[tuple[str, str]]] = {}
    for bucket, members in groups.items():
        named = refs[bucket] = set()
        for name, held_in in fields:
            people: set[str] = set()  # each person once: a file names the same few many times
            for value in map(operator.attrgetter(name), members):
                if isinstance(value, str):
                    people.add(value)
                elif value:
                    people.update(value)
            for person in people:
                whose = owners(person)
                if whose is not None and whose != bucket:
                    named.add((whose, held_in))
    local = folder is None or owners.hold_all(folder, [r.id for r in loaded])
    if local and folder is not None and source.model is models.Pairing:
        pairings = [p for p in loaded if isinstance(p, models.Pairing)]
        local = owners.hold_all(folder, [p.deputy for p in pairings]) and owners.hold_all(
            folder, [p.household for p in pairings]
        )
    numbers: set[bytes] = set()
    days: list[dt.date] = []
    if source.model is models.Household:
        numbers = {number_digest(h.id_number) for h in loaded if isinstance(h, models.Household)}
    elif source.model is models.Activity:
        days = [a.date for a in loaded if isinstance(a, ActivityRecord | models.Activity)]
    if folder is not None:
        refs.setdefault(folder, set())
    return Summary(
        st.st_size,
        st.st_mtime_ns,
        st.st_ino,
        time.time_ns(),
        {bucket: frozenset(named) for bucket, named in refs.items()},
        local,
        b"".join(sorted(numbers)),
        (min(days), max(days)) if days else None,
    )


def fresh(summary: Summary | None, st: os.stat_result) -> bool:
    """Whether ``summary`` is of the file whose state is ``st`` now."""
    return (
        summary is not None
        and (summary.size, summary.mtime_ns, summary.ino) == (st.st_size, st.st_mtime_ns, st.st_ino)
        and st.st_mtime_ns + RACY_NS < summary.made_ns
    )


def shared_numbers(summaries: dict[str, Summary]) -> dict[str, frozenset[str]]:
    """For each file of households, the other files with a household of the same ID number
    (by digest: a digest shared by two numbers only adds a file to a neighbourhood)."""
    holders: dict[bytes, set[str]] = {}
    for rel, summary in summaries.items():
        numbers = summary.numbers
        for start in range(0, len(numbers), 8):
            holders.setdefault(numbers[start : start + 8], set()).add(rel)
    shared: dict[str, set[str]] = {}
    for rels in holders.values():
        if len(rels) > 1:
            for rel in rels:
                shared.setdefault(rel, set()).update(rels - {rel})
    return {rel: frozenset(others) for rel, others in shared.items()}


def numbers_key(summaries: dict[str, Summary]) -> tuple[tuple[str, int, int, int], ...]:
    """What ``shared_numbers`` depends on: the files of households as summarised."""
    return tuple(
        sorted((rel, s.size, s.mtime_ns, s.ino) for rel, s in summaries.items() if s.numbers)
    )


_NEW = tuple.__new__


class SummaryStore:
    """The summaries of a folder's record files, under a generation (lingbi's code, and the
    townships whose ids the summaries were made against), and which files of households share
    an ID number (kept with the summaries it was worked out from)."""

    def __init__(self, folder: Path, generation: str, enabled: bool = True) -> None:
        self.path = folder / CACHE_DIR / STORE
        self.generation = generation
        self.enabled = enabled
        self._shared: tuple[Any, dict[str, frozenset[str]]] = ((), {})

    def load(self) -> dict[str, Summary]:
        if not self.enabled:
            return {}
        try:
            value: Any = SafeUnpickler(io.BytesIO(self.path.read_bytes())).load()
        except Exception:  # missing, truncated, corrupt: made again  # noqa: BLE001
            return {}
        if not (isinstance(value, tuple) and len(value) == 4 and value[0] == self.generation):
            return {}
        rows, numbers, shared = value[1:]
        if not (isinstance(rows, dict) and isinstance(shared, dict)):
            return {}
        self._shared = (numbers, shared)
        width = len(Summary._fields)
        return {
            rel: _NEW(Summary, row)  # as ``Summary._make``, without a call through Python
            for rel, row in rows.items()
            if type(rel) is str and type(row) is tuple and len(row) == width
        }

    def shared_numbers(self, summaries: dict[str, Summary]) -> dict[str, frozenset[str]]:
        """``shared_numbers`` of ``summaries``: as stored, unless a file of households changed."""
        key = numbers_key(summaries)
        if self._shared[0] != key:
            self._shared = (key, shared_numbers(summaries))
        return self._shared[1]

    def save(self, summaries: dict[str, Summary]) -> None:
        if not self.enabled:
            return
        rows = {rel: tuple(summary) for rel, summary in summaries.items()}
        numbers, shared = self._shared
        value = (self.generation, rows, numbers, shared)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, pickle.dumps(value, pickle.HIGHEST_PROTOCOL), durable=False)
        except OSError:
            pass  # a summary not kept is only made again
