"""``lingbi check FILE…``: the data folder of some files, and the findings that concern them.

pre-commit passes the files a commit changes, from the repository's root. Their data folder is
found by walking up from each file to ``lingbi.yaml`` (files in no data folder are left out).
The whole folder is checked — through the caches, so only the changed files are read again —
and what is shown is what concerns the change:

* every finding in the changed files;
* every finding elsewhere about a record the changed files hold (or, in a git repository,
  held at the last commit: a deleted deputy's pairings are shown);
* in a git repository, every finding about a record that a changed record names, before or
  after the change, and about its township: a deputy an activity no longer names, a township
  whose trips an edited month no longer has.

A change to ``lingbi.yaml`` concerns everything.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lingbi_cli.errors import DataFolderNotFound, Finding
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.layout import township_of
from lingbi_cli.store.locate import CONFIG_NAME, find_data_folder

# Keys whose values are ids of other records (or of the record itself).
REF_KEYS = (
    "id",
    "deputy",
    "deputies",
    "household",
    "households",
    "lead",
    "cosigners",
    "liaison",
    "township",
    "unit",
)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9-]*")


def by_folder(paths: Iterable[Path]) -> dict[Path, list[str]]:
    """Data folder → the given files in it (relative, POSIX); files in none are left out."""
    groups: dict[Path, list[str]] = {}
    for path in paths:
        absolute = path.resolve()
        try:
            folder = find_data_folder(None, absolute.parent)
        except DataFolderNotFound:
            continue
        groups.setdefault(folder, []).append(absolute.relative_to(folder).as_posix())
    return groups


def _records(data: bytes) -> list[dict[str, Any]]:
    raws, _, _ = read_any(data)
    return [raw.values for raw in raws]


def _ids(records: Iterable[dict[str, Any]], keys: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for values in records:
        for key in keys:
            value = values.get(key)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    found.add(item)
    return found


def _committed(folder: Path, rel: str) -> bytes | None:
    """The file as the last commit has it; None outside git or for a file not committed."""
    try:
        run = subprocess.run(
            ["git", "show", f"HEAD:./{rel}"], cwd=folder, capture_output=True, check=False
        )
    except OSError:
        return None
    return run.stdout if run.returncode == 0 else None


def concerned_ids(folder: Path, rels: list[str]) -> set[str]:
    """The ids of the records the files hold (now and at the last commit); and, of the records
    that changed since that commit, every id they name and their township."""
    ids: set[str] = set()
    for rel in rels:
        try:
            now = _records((folder / rel).read_bytes())
        except OSError:
            now = []
        committed = _committed(folder, rel)
        before = _records(committed) if committed is not None else []
        ids |= _ids([*now, *before], ["id"])
        if committed is None:
            continue
        seen = {json.dumps(v, sort_keys=True) for v in before}
        kept = {json.dumps(v, sort_keys=True) for v in now}
        changed = [v for v in now if json.dumps(v, sort_keys=True) not in seen]
        changed += [v for v in before if json.dumps(v, sort_keys=True) not in kept]
        ids |= _ids(changed, REF_KEYS)
        township = township_of(rel)
        if changed and township is not None:
            ids.add(township)
    return ids


def concerning(findings: list[Finding], folder: Path, rels: list[str]) -> list[Finding]:
    """The findings that concern a change to ``rels``."""
    if CONFIG_NAME in rels:
        return findings
    files = set(rels)
    ids = concerned_ids(folder, rels)
    return [
        f
        for f in findings
        if f.file in files or f.record in ids or not ids.isdisjoint(_TOKEN.findall(f.message))
    ]
