"""The data folder's layout: which file holds which kind of record, and walking the folder.

Layout (see README, "数据文件夹"):

    lingbi.yaml                              settings
    county/townships.yaml                    Township
    county/units.yaml                        Unit
    county/awards.yaml                       Award
    townships/<township>/deputies.yaml       Deputy
    townships/<township>/households.yaml     Household
    townships/<township>/pairings.yaml       Pairing
    townships/<township>/proposals.yaml      Proposal
    townships/<township>/filings.yaml        Filing
    townships/<township>/donors.yaml         Donor (爱心人士 and their gifts)
    townships/<township>/activities/YYYY-MM.yaml   Activity, one file per month
    notes/, templates/                       the clerk's notes and templates (not records)

One township's clerk edits only ``townships/<their township>/``; an activity is written into a
small month file, never into a large one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from lingbi_cli import models
from lingbi_cli.store.locate import CONFIG_NAME

TOWNSHIPS_FILE = "county/townships.yaml"
COUNTY_FILES: dict[str, type[models.Record]] = {
    TOWNSHIPS_FILE: models.Township,
    "county/units.yaml": models.Unit,
    "county/awards.yaml": models.Award,
}
TOWNSHIP_FILES: dict[str, type[models.Record]] = {
    "deputies.yaml": models.Deputy,
    "households.yaml": models.Household,
    "pairings.yaml": models.Pairing,
    "proposals.yaml": models.Proposal,
    "filings.yaml": models.Filing,
    "donors.yaml": models.Donor,
}
MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.yaml$")
NOT_RECORDS = ("notes", "templates", ".lingbi-cache", ".git")


@dataclass(frozen=True, slots=True)
class RecordFile:
    """One file of records: where it is, what it holds, and its township and month if any."""

    rel: str  # relative to the data folder, POSIX separators
    model: type[models.Record]
    township: str | None = None
    month: tuple[int, int] | None = None


class Scan(NamedTuple):
    """A walk of the data folder: every record file, sorted; every other YAML file (a stray,
    which is not read), and every record file's name that is not a file (a folder, a link
    loop), which is reported."""

    files: list[RecordFile]
    strays: list[str]


def file_for(
    kind: type[models.Record], township: str | None = None, day: dt.date | None = None
) -> str:
    """The file (relative, POSIX) a record of ``kind`` lives in: a county file; the township's
    file of its kind; for an activity, the township's file of the month of ``day``."""
    for rel, model in COUNTY_FILES.items():
        if model is kind:
            return rel
    if township is None:
        raise ValueError(f"a {kind.kind_name} lives in its township's folder: name the township")
    if kind is models.Activity:
        if day is None:
            raise ValueError("an activity lives in the file of its month: give its day")
        return f"townships/{township}/activities/{day.year:04d}-{day.month:02d}.yaml"
    for name, model in TOWNSHIP_FILES.items():
        if model is kind:
            return f"townships/{township}/{name}"
    raise ValueError(f"no file holds records of {kind.__name__}")


# How lingbi numbers a new record of each kind: the id's prefix (of its township, and of its
# month or year) and how many digits follow, e.g. yangtuan-d001, yangtuan-a201905-001. A
# township's id is its pinyin: it has none.
ID_FORMS: dict[type[models.Record], tuple[str, int]] = {
    models.Unit: ("u-", 3),
    models.Deputy: ("{township}-d", 3),
    models.Household: ("{township}-h", 4),
    models.Pairing: ("{township}-p", 4),
    models.Activity: ("{township}-a{year}{month}-", 3),
    models.Proposal: ("{township}-j{year}-", 2),
    models.Filing: ("{township}-f{year}-", 2),
    models.Donor: ("{township}-g", 3),
    models.Award: ("award-{year}-", 2),
}


def new_id(
    kind: type[models.Record],
    township: str | None = None,
    day: dt.date | None = None,
    year: str = "",
) -> tuple[str, int]:
    """The prefix and digit count of a new record's id (``ID_FORMS``): of a township's, of
    the month of ``day`` (an activity), of ``year`` (a filing's period) or else ``day``'s year
    (a proposal)."""
    form, width = ID_FORMS[kind]
    month = f"{day.month:02d}" if day is not None else ""
    year = year or (f"{day.year:04d}" if day is not None else "")
    return form.format(township=township or "", year=year, month=month), width


def record_id(
    kind: type[models.Record],
    number: int,
    township: str | None = None,
    day: dt.date | None = None,
    year: str = "",
) -> str:
    """The id numbered ``number`` among records of ``kind`` (``new_id``'s prefix and digits)."""
    prefix, width = new_id(kind, township, day, year)
    return f"{prefix}{number:0{width}d}"


_DEPUTY_ID = re.compile(r"(?P<township>[a-z0-9][a-z0-9-]*)-d\d+")


def deputy_township(text: str) -> str | None:
    """The township a deputy's id in lingbi's own form names (``yangtuan-d001``: yangtuan),
    where that deputy is kept if lingbi numbered it; None for anything else (a name)."""
    match = _DEPUTY_ID.fullmatch(text.strip())
    return match["township"] if match else None


def township_of(rel: str, record: str = "") -> str | None:
    """The township whose business the file ``rel`` is: the one whose folder holds it; in
    county/townships.yaml, the township ``record`` (if given). None: the county's."""
    parts = rel.split("/")
    if len(parts) >= 2 and parts[0] == "townships":
        return parts[1]
    if rel == TOWNSHIPS_FILE and record:
        return record
    return None


def record_file(rel: str) -> RecordFile | None:
    """What the file at ``rel`` (relative, POSIX) holds, by its place; None if no records."""
    if rel in COUNTY_FILES:
        return RecordFile(rel, COUNTY_FILES[rel])
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] == "townships" and parts[2] in TOWNSHIP_FILES:
        return RecordFile(rel, TOWNSHIP_FILES[parts[2]], parts[1])
    if len(parts) == 4 and parts[0] == "townships" and parts[2] == "activities":
        match = MONTH_FILE.match(parts[3])
        if match:
            month = (int(match[1]), int(match[2]))
            return RecordFile(rel, models.Activity, parts[1], month)
    return None


# what a walk of the folder found in each folder it listed (``store.answers``), by its path
Listing = dict[str, list[os.DirEntry[str]]]


def scan(folder: Path, listing: Listing | None = None) -> Scan:
    """Every record file in the folder, sorted; and every other YAML file (which is not read).
    Commands walk their folder once, through ``store.folder.DataFolder.scan``; ``listing``:
    the folders a walk has listed already (a check's, for its answer's key)."""
    entries = _lister(listing)
    found, strays = _record_files(folder, entries)
    known = {f.rel for f in found}
    for here, dirs, names in _walk(str(folder), ".", entries):
        # never descend into the cache, git, notes or templates, nor into hidden folders
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (here != "." or d not in NOT_RECORDS)
        )
        for name in names:
            if not name.endswith((".yaml", ".yml")) or name.startswith("."):
                continue  # hidden files are tools' settings (.yamllint.yaml, .pre-commit-…)
            rel = name if here == "." else f"{here}/{name}"
            if rel != CONFIG_NAME and rel not in known and rel not in strays:
                strays.append(rel)
    return Scan(found, sorted(strays))


def _lister(listing: Listing | None) -> Callable[[str], list[os.DirEntry[str]]]:
    """The entries of a folder by its path, sorted by name: as listed already, if it was."""

    def entries(path: str) -> list[os.DirEntry[str]]:
        listed = None if listing is None else listing.get(path)
        if listed is not None:
            return listed
        with os.scandir(path) as found:
            return sorted(found, key=lambda e: e.name)

    return entries


def _walk(
    top: str, here: str, entries: Callable[[str], list[os.DirEntry[str]]]
) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk`` from ``top`` (top-down, links to folders not followed, a folder that cannot
    be listed passed over), with each folder's path relative to the walk's start (``here``:
    ".", then POSIX) and its entries from ``entries``."""
    try:
        listed = entries(top)
    except OSError:
        return
    dirs: list[str] = []
    names: list[str] = []
    by_name: dict[str, os.DirEntry[str]] = {}
    for entry in listed:
        if _is_dir(entry):
            dirs.append(entry.name)
            by_name[entry.name] = entry
        else:
            names.append(entry.name)
    yield here, dirs, names
    for name in dirs:
        inner = by_name.get(name)
        if inner is not None and not inner.is_symlink():
            yield from _walk(inner.path, name if here == "." else f"{here}/{name}", entries)


def record_files(folder: Path) -> list[RecordFile]:
    """Every record file in the folder, sorted, found where the layout puts them, without
    walking the rest of the folder for strays: what a command that reads some of the files
    needs (a write reads a township's people, not the names of 2,000 files)."""
    return _record_files(folder, _lister(None))[0]


def _record_files(
    folder: Path, entries: Callable[[str], list[os.DirEntry[str]]]
) -> tuple[list[RecordFile], list[str]]:
    """The record files where the layout puts them, and what stands in their place or
    beside them in an activities folder without being one (a folder, a stray YAML file)."""
    found: list[RecordFile] = []
    strays: list[str] = []
    for rel, model in COUNTY_FILES.items():
        if (folder / rel).is_file():
            found.append(RecordFile(rel, model))
        elif os.path.lexists(folder / rel):  # a folder, a link loop: reported, not read
            strays.append(rel)
    base = folder / "townships"
    try:
        townships = [entry.name for entry in entries(str(base)) if _is_dir(entry)]
    except OSError:  # none, or not a folder
        townships = []
    for township in townships:
        # one listing of the township's folder, not a look at each of its files (by the
        # names as the system compares them: Deputies.yaml is deputies.yaml on Windows)
        here = {os.path.normcase(entry.name): entry for entry in entries(str(base / township))}
        for name, model in TOWNSHIP_FILES.items():
            rel = f"townships/{township}/{name}"
            entry = here.get(os.path.normcase(name))
            if entry is not None and _is_file(entry):
                found.append(RecordFile(rel, model, township))
            elif entry is not None:  # a folder, a link to nothing or to itself
                strays.append(rel)
        activities = here.get(os.path.normcase("activities"))
        if activities is not None and _is_dir(activities):
            for entry in entries(activities.path):
                match = MONTH_FILE.match(entry.name)
                rel = f"townships/{township}/activities/{entry.name}"
                if match and _is_file(entry):
                    month = (int(match[1]), int(match[2]))
                    found.append(RecordFile(rel, models.Activity, township, month))
                elif entry.name.endswith((".yaml", ".yml")):
                    strays.append(rel)
    return found, strays


def _is_file(entry: os.DirEntry[str]) -> bool:
    """Whether the entry is a file or a link to one, as ``Path.is_file`` says (a link to
    itself is not: ``DirEntry.is_file`` raises for it)."""
    try:
        return entry.is_file()
    except OSError:
        return False


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether the entry is a folder or a link to one, as ``Path.is_dir`` says."""
    try:
        return entry.is_dir()
    except OSError:
        return False
