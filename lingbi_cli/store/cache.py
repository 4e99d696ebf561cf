"""A per-file cache of validated records and their findings, so that nothing unchanged is parsed.

One cache entry per record file, in ``.lingbi-cache/files/`` inside the data folder (git-ignored;
``lingbi cache clear`` or deleting the folder is always safe). An entry is used only if

* its generation matches: the cache format, lingbi's version, lingbi's own code (a digest of
  every ``.py`` file of the package: the schemas, readers, messages and rules) and the settings
  that affect loading;
* it is for this file, and the file's size and modification time are those recorded; and the
  modification time is at least ``RACY_NS`` older than the moment the entry's bytes were read —
  otherwise (git's "racily clean" case: an edit of the same size within the same clock tick)
  the file's bytes are read again and their digest compared.

An entry starts with a one-line header — its generation, and the file's size and modification
time — so that a run can tell which files need parsing without unpickling anything: entries made
by other code or under other loading settings count as missing and are rebuilt on every core
(``store.load``), like the files changed since. A truncated, corrupt or foreign entry is ignored
and rebuilt, never trusted. Entries are read
with a restricted unpickler that can build nothing but plain values, dates, decimals, lingbi's
enumerations and findings, so a planted cache file cannot run code.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lingbi_cli import models
from lingbi_cli.errors import Finding
from lingbi_cli.store.atomic import atomic_write, digest
from lingbi_cli.store.stored import (
    CACHE_DIR,
    CACHES,
    RACY_NS,
    RESULTS,
    Restricted,
    Stored,
    generation,
)

_ALLOWED = {
    **RESULTS,
    ("builtins", "set"): set,
    ("builtins", "frozenset"): frozenset,
    # a household's dated status changes: a model of dates and enumerations only
    ("lingbi_cli.models.people", "StatusChange"): models.StatusChange,
}
for _enum in models.ChineseEnum.__subclasses__():  # pickle names a class by where it lives
    _ALLOWED[(_enum.__module__, _enum.__qualname__)] = _enum


class SafeUnpickler(Restricted):
    """Cache entries: records' values too (sets, status changes, lingbi's enumerations)."""

    allowed = _ALLOWED


@dataclass(slots=True)
class Entry:
    rel: str
    generation: str
    size: int
    mtime_ns: int
    read_ns: int
    digest: str
    rows: list[tuple[Any, ...]]
    findings: list[Finding]


class FileCache:
    """Get and put entries for the files of one data folder."""

    def __init__(self, folder: Path, settings_fingerprint: str, enabled: bool = True) -> None:
        self.dir = folder / CACHE_DIR / "files"
        self.generation = generation(settings_fingerprint)
        self.tag = _tag(self.generation)
        self.enabled = enabled
        self.made: set[str] = set()  # files whose entries this command has just made

    def _path(self, rel: str) -> Path:
        return _entry_path(self.dir, rel)

    def has_entry(self, rel: str, st: os.stat_result) -> bool:
        """Whether ``rel`` has an entry of this generation for the file as it is (by its
        header alone: the entry may still turn out damaged, and is then rebuilt)."""
        if not self.enabled:
            return False
        try:
            with self._path(rel).open("rb") as stream:
                head = stream.readline(HEADER_MAX)
        except OSError:
            return False
        return head == _header(self.tag, st.st_size, st.st_mtime_ns)

    def get(self, rel: str, st: os.stat_result) -> tuple[Entry | None, bytes | None]:
        """The entry for ``rel`` if it can be trusted; and the file's bytes if they were read."""
        if not self.enabled:
            return None, None
        try:
            raw = self._path(rel).read_bytes()
            head, _, body = raw.partition(b"\n")
            if head.split(b" ", 1)[0] != self.tag:
                return None, None  # another generation (or no header): parse the file again
            entry = SafeUnpickler(io.BytesIO(body)).load()
        except FileNotFoundError:
            return None, None
        except Exception:  # truncated, corrupt, foreign: rebuild  # noqa: BLE001
            return None, None
        if not isinstance(entry, tuple) or len(entry) != 8:
            return None, None
        entry = Entry(*entry)
        if entry.rel != rel or entry.generation != self.generation:
            return None, None
        if (
            entry.size == st.st_size
            and entry.mtime_ns == st.st_mtime_ns
            and st.st_mtime_ns + RACY_NS < entry.read_ns
        ):
            return entry, None
        data = (self.dir.parent.parent / rel).read_bytes()
        if digest(data) == entry.digest:
            return entry, data
        return None, data

    def put(
        self,
        rel: str,
        st: os.stat_result,
        read_ns: int,
        data: bytes,
        rows: list[tuple[Any, ...]],
        findings: list[Finding],
    ) -> None:
        if not self.enabled:
            return
        entry = (
            rel,
            self.generation,
            st.st_size,
            st.st_mtime_ns,
            read_ns,
            digest(data),
            rows,
            findings,
        )
        path = self._path(rel)
        head = _header(self.tag, st.st_size, st.st_mtime_ns)
        body = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            atomic_write(path, head + body, durable=False)
        except OSError:
            pass  # a cache that cannot be written only costs time


def clear(folder: Path) -> int:
    """Remove every cache of the data folder ``folder`` (``stored.CACHES``: the files' entries,
    stored results and answers, the summaries); returns how many files there were."""
    count = 0
    for name in CACHES:
        path = folder / CACHE_DIR / name
        if path.is_dir():
            for entry in path.iterdir():
                entry.unlink(missing_ok=True)
                count += 1
        elif path.is_file():
            path.unlink(missing_ok=True)
            count += 1
    return count


HEADER_MAX = 256


def _tag(generation: str) -> bytes:
    return b"lingbi-" + hashlib.blake2b(generation.encode(), digest_size=12).hexdigest().encode()


def _header(tag: bytes, size: int, mtime_ns: int) -> bytes:
    """An entry's first line: ``lingbi-<digest of the generation> <size> <mtime_ns>``."""
    return tag + f" {size} {mtime_ns}\n".encode()


def _entry_path(directory: Path, rel: str) -> Path:
    return directory / (hashlib.sha1(rel.encode()).hexdigest()[:20] + ".pickle")


def last_seen_records(folder: Path, rel: str) -> int | None:
    """How many records ``rel`` held when lingbi last read it (its cache entry, whatever the
    generation), or None if lingbi has no memory of it: a write that finds fewer must not take
    the file as it is now for the truth without saying so (an editor saving in place truncates
    the file before writing it again)."""
    try:
        raw = _entry_path(folder / CACHE_DIR / "files", rel).read_bytes()
        entry = SafeUnpickler(io.BytesIO(raw.partition(b"\n")[2])).load()
    except Exception:  # missing, truncated, corrupt, foreign  # noqa: BLE001
        return None
    if isinstance(entry, tuple) and len(entry) == 8 and entry[0] == rel:
        rows = entry[6]
        return len(rows) if isinstance(rows, list) else None
    return None


def now_ns() -> int:
    return time.time_ns()


class ResultCache(Stored):
    """Whole-run results (e.g. a ``check``'s findings) for a folder whose files are unchanged.

    The key is every record file's path, size, modification time and inode, the stray files,
    the settings (``settings_data``: their canonical form, so that a comment in lingbi.yaml
    changes nothing), the generation, and what the caller adds (scope, rules) — not the day:
    a result is stored with the window of judging days and of todays for which it holds
    (``rules.judging_day``), and served for any day inside both. When any file was modified less
    than ``RACY_NS`` ago, there is no key and no caching: an edit of the same size in the same
    clock tick could otherwise go unseen.
    """

    def __init__(
        self,
        folder: Path,
        settings_fingerprint: str,
        settings_data: bytes,
        enabled: bool = True,
        *,
        subdir: str = "results",
        keep: int = 20,
    ) -> None:
        super().__init__(folder, subdir, keep, SafeUnpickler, enabled)
        self.generation = generation(settings_fingerprint)
        self.settings_data = settings_data
        self._states: dict[str, bytes] = {}  # a file's state, as ``key`` hashes it

    def key(
        self,
        rels: list[str],
        strays: list[str],
        extra: tuple[Any, ...],
        stat: Callable[[str], os.stat_result] | None = None,
    ) -> str | None:
        """The key of a result made from the files ``rels`` (``stat``: of a file by its
        relative path, e.g. the folder's memoised ``DataFolder.stat``)."""
        if not self.enabled:
            return None
        stat = stat or (lambda rel: os.stat(self.folder / rel))
        limit = time.time_ns() - RACY_NS
        h = hashlib.blake2b(digest_size=20)
        h.update(self.generation.encode())
        h.update(repr(extra).encode())
        h.update(repr(strays).encode())
        h.update(self.settings_data)
        # each file's state as hashed, made once for the county's parts (the county's files
        # are in every part's key)
        states = self._states
        try:
            for rel in rels:
                state = states.get(rel)
                if state is None:
                    st = stat(rel)
                    if st.st_mtime_ns > limit:
                        return None
                    state = f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n".encode()
                    states[rel] = state
                h.update(state)
        except OSError:
            return None
        return h.hexdigest()
