"""``lingbi check FILE…``: the data folder of some files, and the findings that concern them.

pre-commit passes the files a commit changes, from the repository's root. Their data folder is
found by walking up from each file to ``lingbi.yaml`` (files in no data folder are left out).
The whole folder is checked — through the caches, so only the changed files are read again —
and what is shown is what concerns the change:

* every finding in the changed files;
* every finding elsewhere about a record the changed files hold, name, or (in a git
  repository) held before the change — a deleted deputy's pairings, a township whose trips an
  edited month no longer has, a deputy an activity no longer names.

A change to ``lingbi.yaml`` concerns everything.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from lingbi_cli.config import CONFIG_NAME
from lingbi_cli.errors import DataFolderNotFound, Finding
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.layout import find_data_folder

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


def ids_in(data: bytes) -> set[str]:
    """The ids a record file's text holds or names."""
    raws, _, _ = read_any(data)
    found: set[str] = set()
    for raw in raws:
        for key in REF_KEYS:
            value = raw.values.get(key)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    found.add(item)
    return found


def _committed(folder: Path, rel: str) -> bytes:
    """The file as the last commit has it (empty outside git, or for a new file)."""
    try:
        run = subprocess.run(
            ["git", "show", f"HEAD:./{rel}"], cwd=folder, capture_output=True, check=False
        )
    except OSError:
        return b""
    return run.stdout if run.returncode == 0 else b""


def concerned_ids(folder: Path, rels: list[str]) -> set[str]:
    ids: set[str] = set()
    for rel in rels:
        try:
            ids |= ids_in((folder / rel).read_bytes())
        except OSError:
            pass
        ids |= ids_in(_committed(folder, rel))
        parts = rel.split("/")
        if len(parts) > 2 and parts[0] == "townships":
            ids.add(parts[1])
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
