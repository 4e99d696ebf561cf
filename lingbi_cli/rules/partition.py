"""Per-township results: a clerk's change costs their township, whatever the county's size.

A ``check`` of the county is the findings of each township (the findings about its files and
its record in county/townships.yaml, ``layout.township_of``) and of the county (its own files,
stray files outside the townships' folders). Each part is judged on its *neighbourhood* and
stored under a key made of the neighbourhood's files (path, size, modification time, inode),
the settings, the question asked and the part's name, with the windows of judging days and
todays it holds for (``judging_day``), like a whole result. The neighbourhood of township T:

* T's files and the county's files;
* the deputies or households file of each township whose people T's records name (a liaison
  leader or a proposal's cosigner from elsewhere: their terms);
* every file elsewhere whose records name T's people (the leader's supervisions recorded in
  the township they supervised, a proposal cosigned by T's deputy): a deputy's record of work
  is the sum of what every township recorded of them;
* the households files of other townships with a head's ID number also found in T's.

The county's neighbourhood is its files and the people files they name (awards, units' lists).
Which files name whom is read from per-file summaries (``store.summary``), made again only for
the files changed since. So a month file changed in T re-loads and re-judges T (and the
townships its records name people of, if their summaries changed); every other part is read
back. Judging a part is the same ``run`` on fewer records, and keeps the findings of that
part only; a test judges every part of changed folders both ways and compares them with a
whole run (``tests/test_partition.py``).

Why the parts are exact: every rule judges a record by the records it names and, for a
deputy or a pairing, by the work recorded of them — all of it in the neighbourhood above,
provided ids and pairings keep to their township. A folder where they do not (an id in a
township's folder not beginning with that township's id; a pairing of a deputy and a household
of different townships, which lingbi never writes) is judged whole, as before.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from lingbi_cli import models, periods
from lingbi_cli.errors import CheckResult, Piece
from lingbi_cli.parallel import parallel_map, two_if
from lingbi_cli.periods import Period
from lingbi_cli.rules.base import Scope
from lingbi_cli.rules.judging_day import watched
from lingbi_cli.rules.run import run
from lingbi_cli.store.cache import ResultCache
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.layout import RecordFile, Scan, township_of
from lingbi_cli.store.load import PARALLEL_FILES, each_file, stray_findings
from lingbi_cli.store.records import Records
from lingbi_cli.store.rows import Loaded
from lingbi_cli.store.stored import Span, code_digest
from lingbi_cli.store.summary import Owners, Summary, SummaryStore, fresh, summarize

Part = str | None  # a township's id, or None: the county


@dataclass
class Judged:
    """A check's result, the windows of judging days and todays it holds for, and the key it is
    stored under (``judge_folder``'s; None: not stored)."""

    result: CheckResult
    as_of_days: Span
    todays: Span
    key: str | None = None


def check_by_township(
    folder: DataFolder,
    *,
    as_of: dt.date,
    today: dt.date,
    only: list[str] | None,
    period: Period | None,
    township: str | None,
    progress: Callable[[int, int], None] | None = None,
    printed: bool = False,
) -> Judged | None:
    """``lingbi check`` (of the county, or of ``township`` and the county's files) from
    per-township results; None when the folder is not partitioned (judge it whole). The
    result is made of the parts' pieces (``errors.Piece``), each stored on its own (and held
    again by the whole result ``judge_folder`` stores); ``printed``: only printed (the stored
    parts' findings are not read back)."""
    parts = plan(folder, progress)
    if parts is None:
        return None
    scope = Scope(period=period)
    if township is not None:
        scope.township = folder.townships().find(models.Township, township).id
        wanted: list[Part] = [scope.township, None]
    else:
        wanted = sorted(parts.members, key=lambda p: (p is not None, p or ""))
    results = folder.result_cache("townships", keep=6 * len(parts.members) + 20)
    found: dict[Part, Judged] = {}
    missing: list[tuple[Part, str | None, list[RecordFile]]] = []
    for part in wanted:
        near = parts.neighbourhood(part)
        question = ("township-part", part, only, period, scope.township)
        key = results.key([f.rel for f in near], parts.strays.get(part, []), question, folder.stat)
        kept = _stored(results, key, as_of, today, printed=printed)
        if kept is None:
            missing.append((part, key, near))
        else:
            found[part] = kept
    jobs = two_if(len(missing))

    def judge(item: tuple[Part, str | None, list[RecordFile]]) -> Judged:
        return judge_part(folder, parts, item[0], as_of, today, only, scope)

    # each part loads its neighbourhood, judges it and lets it go: a first run holds one
    # township's records at a time, not the county's. The parts with the most files first.
    made = parallel_map(judge, missing, workers=jobs, cost=lambda item: len(item[2]))
    for (part, key, _near), judged in zip(missing, made, strict=True):
        piece = Piece.of(judged.result)
        results.put(key, judged.as_of_days, judged.todays, [piece.packed()])
        found[part] = replace(judged, result=CheckResult(pieces=[piece]), key=key)
    pieces = [piece for part in wanted for piece in found[part].result.pieces or ()]
    return Judged(
        CheckResult(pieces=pieces),
        _overlap(found[part].as_of_days for part in wanted),
        _overlap(found[part].todays for part in wanted),
    )


def plan(folder: DataFolder, progress: Callable[[int, int], None] | None = None) -> _Parts | None:
    """The county's parts and their neighbourhoods, from the files' summaries; None when the
    folder is not partitioned, or runs without its cache. Made once per walk of the folder (a
    report asks for its records, then for its findings)."""
    if not folder.cache:
        return None
    walk = folder.scan()
    made = _PLANS.get(folder)
    if made is not None and made[0] is walk:
        return made[1]
    parts = _plan(folder, walk, progress)
    _PLANS[folder] = (walk, parts)
    return parts


# the plan of each open folder, with the walk it was made from (a write makes a new walk)
_PLANS: weakref.WeakKeyDictionary[DataFolder, tuple[Scan, _Parts | None]] = (
    weakref.WeakKeyDictionary()
)


def _plan(
    folder: DataFolder, walk: Scan, progress: Callable[[int, int], None] | None
) -> _Parts | None:
    files, strays = walk
    owners = Owners(f.township for f in files if f.township is not None)
    generation = f"1:{code_digest()}:{','.join(owners.townships)}"
    store = SummaryStore(folder.path, generation, enabled=folder.cache)
    summaries = _summaries(folder, files, store, owners, progress)
    if summaries is None or not all(s.local for s in summaries.values()):
        return None
    return _parts(files, strays, summaries, store.shared_numbers(summaries))


def township_records(
    folder: DataFolder,
    township: str,
    progress: Callable[[int, int], None] | None = None,
    *,
    wide: bool = False,
) -> Records:
    """The records a report of ``township`` (id) needs: its neighbourhood (see the module's
    docstring; ``wide``: with the people its people worked with elsewhere) — or the whole
    county, when the folder is not partitioned."""
    parts = plan(folder, progress)
    if parts is None or township not in parts.members:
        return folder.load(progress=progress)
    rels = {f.rel for f in parts.neighbourhood(township, wide=wide)}
    return folder.load(lambda f: f.rel in rels)


def period_records(
    folder: DataFolder, period: Period, progress: Callable[[int, int], None] | None = None
) -> Records:
    """The records a county report of ``period`` needs: every file but the files of
    activities with none dated in the period (by the files' summaries, so that an activity
    filed in another month's file is found where it is) — or the whole county, when the folder
    is not partitioned."""
    parts = plan(folder, progress)
    if parts is None:
        return folder.load(progress=progress)

    def wanted(source: RecordFile) -> bool:
        if source.model is not models.Activity:
            return True
        dates = parts.dates.get(source.rel)
        return dates is not None and dates[0] <= period.end and period.start <= dates[1]

    return folder.load(wanted, progress=progress)


def judge_part(
    folder: DataFolder,
    parts: _Parts,
    part: Part,
    as_of: dt.date,
    today: dt.date,
    only: list[str] | None,
    scope: Scope,
) -> Judged:
    """The findings of ``part`` (of the question ``scope``), judged on its neighbourhood."""
    rels = {f.rel for f in parts.neighbourhood(part)}
    records = folder.load(lambda f: f.rel in rels)
    records.findings.extend(stray_findings(parts.strays.get(part, []), folder.path))
    # a township's part judges that township's records, the county's part the county's own
    # files (its neighbourhood holds every township's deputies, but none of their work: judged
    # as townships, they would make thousands of findings to drop)
    if part is None:
        within = Scope(scope.period, townships=False)
    else:
        within = Scope(scope.period, part, county_files=False)
    return _judge(records, as_of, today, only, within)


def _judge(
    records: Records,
    as_of: dt.date,
    today: dt.date,
    only: list[str] | None,
    scope: Scope,
) -> Judged:
    """``run`` with watched days: its result, and the windows of days it holds for."""
    watched_as_of, as_of_days = watched(as_of)
    watched_today, todays = watched(today)
    result = run(
        records,
        as_of=watched_as_of,
        only=only,
        today=watched_today,
        scope=replace(scope),
    )
    return Judged(result, as_of_days.span(), todays.span())


def _stored(
    results: ResultCache, key: str | None, as_of: dt.date, today: dt.date, *, printed: bool = False
) -> Judged | None:
    """The result stored under ``key`` for these days, with the windows it holds for; None if
    there is none, or what is there is not a result (damaged or planted: judged again).
    ``printed``: read for printing only (its findings are not read back)."""
    variant = results.get_variant(key, as_of, today)
    kept = None
    if variant is not None:
        kept = CheckResult.stored(variant[2], None if printed else results.loads)
    if variant is None or kept is None:
        return None
    return Judged(kept, variant[0], variant[1], key)


def _overlap(spans: Iterable[Span]) -> Span:
    first, last = dt.date.min, dt.date.max
    for low, high in spans:
        first, last = max(first, low), min(last, high)
    return first, last


def _summaries(
    folder: DataFolder,
    files: list[RecordFile],
    store: SummaryStore,
    owners: Owners,
    progress: Callable[[int, int], None] | None,
) -> dict[str, Summary] | None:
    """Every record file's summary: those of the files changed since made again — many (a
    first run) where each is parsed, on every core, so that no process holds more than a
    file's records; a few loaded together, the records shared with the parts judged next —
    and stored."""
    kept = store.load()
    stats: dict[str, os.stat_result] = {}
    stale: list[RecordFile] = []
    for source in files:
        try:
            st = folder.stat(source.rel)
        except OSError:
            return None  # gone since the walk: the whole run reports it
        stats[source.rel] = st
        if not fresh(kept.get(source.rel), st):
            stale.append(source)
    summaries = {f.rel: kept[f.rel] for f in files if f.rel in kept}
    if len(stale) >= PARALLEL_FILES:  # a first run: each file summarised where it is parsed
        made = each_file(
            folder.path,
            stale,
            folder.file_cache(),
            lambda source, held: summarize(source, held.records, owners, stats[source.rel]),
            progress,
            size=lambda source: stats[source.rel].st_size,
        )
        summaries.update(zip((f.rel for f in stale), made, strict=True))
    elif stale:  # a few: loaded as records, which the parts judged next share
        changed = {f.rel for f in stale}
        records = folder.load(lambda f: f.rel in changed, progress=progress)
        by_file: dict[str, list[Loaded]] = defaultdict(list)
        for record in records.all_records():
            by_file[record.file].append(record)
        for _kept, again in records.duplicates:
            by_file[again.file].append(again)
        for source in stale:
            summaries[source.rel] = summarize(
                source, by_file.get(source.rel, ()), owners, stats[source.rel]
            )
    # Kept again only when what they say changed, or many are to be made again next time: a
    # file whose records name the same people as before (a comment, one more visit) is
    # summarised again by the next run that needs it (a millisecond), instead of this run
    # storing the county's summaries again (~10 ms at county3). A households file is kept at
    # once: which files share an ID number is worked out again from their states.
    said = any(
        summaries[f.rel].numbers or _said(kept.get(f.rel)) != _said(summaries[f.rel]) for f in stale
    )
    if said or len(stale) > RESUMMARISE or len(kept) != len(summaries):
        store.shared_numbers(summaries)
        store.save(summaries)
    return summaries


RESUMMARISE = 8  # files summarised again at each run, at most, before the summaries are kept


def _said(summary: Summary | None) -> tuple[object, ...] | None:
    """What a summary says of its file's records (not when the file was looked at)."""
    if summary is None:
        return None
    return summary.refs, summary.local, summary.numbers, summary.dates


@dataclass
class _Parts:
    """The parts of a county and what each part's neighbourhood is made of."""

    files: list[RecordFile]
    members: set[Part]
    own: dict[Part, set[str]]
    names: dict[Part, set[tuple[str, str]]]  # (township, file name) of the people it names
    named_by: dict[str, set[str]]  # township → the files whose records name its people
    same_numbers: dict[str, frozenset[str]]  # households file → those sharing an ID number
    strays: dict[Part, list[str]]
    file_names: dict[str, set[tuple[str, str]]]  # file → (township, file name) of whom it names
    dates: dict[str, tuple[dt.date, dt.date] | None]  # file → first and last day of activities

    def neighbourhood(self, part: Part, *, wide: bool = False) -> list[RecordFile]:
        """The files ``part`` is judged on; ``wide``: with the people files that the files of
        other townships in it name as well (whoever worked with the part's people there)."""
        chosen = set(self.own.get(None, ()))
        if part is not None:
            chosen |= self.own.get(part, set())
            chosen |= self.named_by.get(part, set())
            for rel in self.own.get(part, ()):
                chosen |= self.same_numbers.get(rel, frozenset())
        named = set(self.names.get(part, ()))
        if wide:
            for rel in chosen - self.own.get(part, set()):
                named |= self.file_names.get(rel, set())
        for township, held_in in named:
            chosen.add(f"townships/{township}/{held_in}")
        # in the walk's order, without going through the county's files for each part
        place = self.place
        return [source for _order, source in sorted(place[r] for r in chosen if r in place)]

    @functools.cached_property
    def place(self) -> dict[str, tuple[int, RecordFile]]:
        """Each record file's place in the walk, and the file."""
        return {f.rel: (i, f) for i, f in enumerate(self.files)}


def _parts(
    files: list[RecordFile],
    strays: list[str],
    summaries: dict[str, Summary],
    same_numbers: dict[str, frozenset[str]],
) -> _Parts:
    own: dict[Part, set[str]] = defaultdict(set)
    names: dict[Part, set[tuple[str, str]]] = defaultdict(set)
    named_by: dict[str, set[str]] = defaultdict(set)
    file_names: dict[str, set[tuple[str, str]]] = defaultdict(set)
    members: set[Part] = {None}
    for source in files:
        summary = summaries[source.rel]
        own[source.township].add(source.rel)
        members.add(source.township)
        for part, named in summary.refs.items():
            members.add(part)
            names[part] |= named
            file_names[source.rel] |= named
            for township, _held_in in named:
                named_by[township].add(source.rel)
    by_part: dict[Part, list[str]] = defaultdict(list)
    for rel in strays:
        part = township_of(rel)
        members.add(part)
        by_part[part].append(rel)
    dates = {rel: summary.dates for rel, summary in summaries.items()}
    return _Parts(
        files, members, own, names, named_by, same_numbers, dict(by_part), file_names, dates
    )


def check_folder(
    folder: DataFolder,
    *,
    as_of: dt.date | None = None,
    only: list[str] | None = None,
    period: Period | None = None,
    township: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CheckResult:
    """``lingbi check`` as a library call (``judge_folder``'s result)."""
    return judge_folder(
        folder, as_of=as_of, only=only, period=period, township=township, progress=progress
    ).result


def judge_folder(
    folder: DataFolder,
    *,
    as_of: dt.date | None = None,
    only: list[str] | None = None,
    period: Period | None = None,
    township: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    printed: bool = False,
) -> Judged:
    """``lingbi check``, with the windows of judging days and todays its result holds for: the
    stored result when no file has changed since it was made; else the parts of the county
    judged again where they changed (``check_by_township``); else the whole folder loaded
    (through the per-file cache, or the records it has loaded already) and judged.
    ``printed``: the result is only printed (``render.text_lines``; its count, its worst
    level): the findings stored are not read back."""
    today = periods.today()
    as_of = as_of or today
    files, strays = folder.scan()
    results = folder.result_cache()
    key = results.key([f.rel for f in files], strays, (only, period, township), folder.stat)
    kept = _stored(results, key, as_of, today, printed=printed)
    if kept is not None:
        return kept
    judged = check_by_township(
        folder,
        as_of=as_of,
        today=today,
        only=only,
        period=period,
        township=township,
        progress=progress,
        printed=printed,
    )
    if judged is None:
        records = folder.load(progress=progress)
        scope = Scope(period=period)
        if township is not None:
            scope.township = records.find(models.Township, township).id
        judged = _judge(records, as_of, today, only, scope)
    # The result holds for every judging day and today on which the rules' comparisons with
    # them come out the same (``judging_day``): it is stored for those days, not for one.
    results.put(key, judged.as_of_days, judged.todays, judged.result.packed())
    judged.key = key
    return judged
