"""Stored answers: a repeated ``check`` answered before the schemas, settings and rules load.

A ``check`` of a folder where nothing changed is served from its stored result — but finding
that result's key takes the settings (a comment in lingbi.yaml must change nothing), hence the
schemas and the rules' settings: ~0.1 s of imports, a third of a warm ``check``. An answer is
a small file naming that result (and what the folder lacks), stored under a key that needs
none of them: lingbi's code, the question asked, and the path, size, modification time and
inode of every file and folder in the data folder, lingbi.yaml included (the cache and
``.git`` excepted). So it is served only when nothing at all changed; after any change — a
record, a comment in lingbi.yaml, a note beside the records — the command goes the usual way
(the per-file cache, each township's stored findings) and names its result again. Counting
more files than a check reads can only make a miss, never a wrong answer.

The result is read here, with an unpickler that builds findings and dates only, for the days
it holds for (``rules.judging_day``); a result gone (the cache keeps the last few) or not a
result is a miss. There is no key when a file was modified less than ``RACY_NS`` ago (an edit
of the same size within one clock tick would go unseen), nor when the folder holds a link to a
folder (files could change there unseen).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lingbi_cli import __version__
from lingbi_cli.errors import CheckResult
from lingbi_cli.store.stored import CACHE_DIR, FORMAT, RACY_NS, Restricted, Stored, code_digest

if TYPE_CHECKING:  # the layout needs the schemas, which a served answer never imports
    from lingbi_cli.store.layout import Listing

# a check's result, and what the folder lacks
Answer = tuple[CheckResult, list[str]]
SKIPPED = {CACHE_DIR, ".git"}  # at the folder's top: lingbi's cache, git's repository


class _Unstable(Exception):
    """The folder cannot be keyed: a link to a folder."""


def key(
    root: Path,
    question: tuple[Any, ...],
    seen: dict[str, os.stat_result] | None = None,
    listing: Listing | None = None,
) -> str | None:
    """The key of the answer to ``question`` about the folder ``root`` as it is now; None when
    there is none (see the module's docstring). ``seen``: filled with each file's state, by
    its relative path, and ``listing`` with each folder's entries (for the folder's
    ``DataFolder.stat`` and ``scan``, when the answer is missed: a county's 2,000 files are not
    looked at twice — the walk goes on past a file too recent to key, the file a clerk has
    just saved)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{FORMAT}:{__version__}:{code_digest()}\0{question!r}\n".encode())
    seen = {} if seen is None else seen
    listing = {} if listing is None else listing
    try:
        settled = _walk(str(root), "", h, time.time_ns() - RACY_NS, seen, listing)
    except (_Unstable, OSError):
        return None
    return h.hexdigest() if settled else None


def _walk(
    top: str,
    rel: str,
    h: Any,
    limit: int,
    seen: dict[str, os.stat_result],
    listing: Listing,
) -> bool:
    """Hash the states of the files under ``top``; whether all were modified before ``limit``."""
    with os.scandir(top) as found:
        entries = listing[top] = sorted(found, key=lambda e: e.name)
    settled = True
    for entry in entries:
        name = f"{rel}{entry.name}"
        if entry.is_dir():
            if entry.is_symlink():
                raise _Unstable(name)
            if rel or entry.name not in SKIPPED:
                h.update(f"{name}/\n".encode())
                settled &= _walk(entry.path, f"{name}/", h, limit, seen, listing)
            continue
        st = seen[name] = os.stat(entry.path)  # a link to a file counts by the file it names
        settled &= st.st_mtime_ns <= limit
        h.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n".encode())
    return settled


ALWAYS = (dt.date.min, dt.date.max)  # an answer names a result, which holds for its own days


def get(
    root: Path, answer_key: str | None, as_of: dt.date, today: dt.date, *, printed: bool = False
) -> Answer | None:
    """The answer stored under ``answer_key``, for the judging day ``as_of`` and ``today``: the
    result it names (``cache.ResultCache``'s, read here without the schemas), if that holds
    for these days, and what the folder lacks. ``printed``: the result is read for printing
    only (its findings are not)."""
    named = _stored(root, "answers").get(answer_key, as_of, today)
    if not (isinstance(named, tuple) and len(named) == 2 and isinstance(named[0], str)):
        return None
    result_key, gaps = named
    results = _stored(root, "results")
    found = CheckResult.stored(
        results.get(result_key, as_of, today), None if printed else results.loads
    )
    if found is None or not (isinstance(gaps, list) and all(isinstance(g, str) for g in gaps)):
        return None  # gone, or not a result (a damaged or planted file): check again
    return found, gaps


def put(root: Path, answer_key: str | None, result_key: str | None, gaps: list[str]) -> None:
    """Store the answer under ``answer_key``: the result stored under ``result_key`` (a whole
    ``check``'s), and what the folder lacks."""
    if result_key is not None:
        _stored(root, "answers").put(answer_key, ALWAYS, ALWAYS, (result_key, gaps))


def _stored(root: Path, subdir: str) -> Stored:
    return Stored(root, subdir, keep=20, unpickler=Restricted)
