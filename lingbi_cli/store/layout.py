"""The data folder: finding it, and which file holds which kind of record.

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
    townships/<township>/activities/YYYY-MM.yaml   Activity, one file per month
    notes/, templates/                       the clerk's notes and templates (not records)

One township's clerk edits only ``townships/<their township>/``; an activity is written into a
small month file, never into a large one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from lingbi_cli import models
from lingbi_cli.config import CONFIG_NAME
from lingbi_cli.errors import DataFolderNotFound

COUNTY_FILES: dict[str, type[models.Record]] = {
    "county/townships.yaml": models.Township,
    "county/units.yaml": models.Unit,
    "county/awards.yaml": models.Award,
}
TOWNSHIP_FILES: dict[str, type[models.Record]] = {
    "deputies.yaml": models.Deputy,
    "households.yaml": models.Household,
    "pairings.yaml": models.Pairing,
    "proposals.yaml": models.Proposal,
    "filings.yaml": models.Filing,
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


def find_data_folder(explicit: str | None = None, start: Path | None = None) -> Path:
    """``--data``, then ``LINGBI_DATA``, then up from ``start`` to a folder with lingbi.yaml."""
    given = explicit or os.environ.get("LINGBI_DATA")
    if given:
        folder = Path(given).expanduser()
        if not (folder / CONFIG_NAME).is_file():
            raise DataFolderNotFound(str(folder))
        return folder.resolve()
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    raise DataFolderNotFound(str(here))


def month_file(township: str, year: int, month: int) -> str:
    return f"townships/{township}/activities/{year:04d}-{month:02d}.yaml"


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


def scan(folder: Path) -> tuple[list[RecordFile], list[str]]:
    """Every record file in the folder, sorted; and every other YAML file (which is not read)."""
    found: list[RecordFile] = []
    strays: list[str] = []
    for rel, model in COUNTY_FILES.items():
        if (folder / rel).is_file():
            found.append(RecordFile(rel, model))
    base = folder / "townships"
    townships = sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
    for township in townships:
        for name, model in TOWNSHIP_FILES.items():
            rel = f"townships/{township}/{name}"
            if (folder / rel).is_file():
                found.append(RecordFile(rel, model, township))
        activities = base / township / "activities"
        if activities.is_dir():
            for entry in sorted(os.scandir(activities), key=lambda e: e.name):
                match = MONTH_FILE.match(entry.name)
                rel = f"townships/{township}/activities/{entry.name}"
                if match and entry.is_file():
                    month = (int(match[1]), int(match[2]))
                    found.append(RecordFile(rel, models.Activity, township, month))
                elif entry.name.endswith((".yaml", ".yml")):
                    strays.append(rel)
    known = {f.rel for f in found}
    for root, dirs, names in os.walk(folder):
        here = Path(root).relative_to(folder).as_posix()
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
    return found, sorted(strays)
