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

import datetime as dt
import decimal
import functools
import hashlib
import io
import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lingbi_cli import __version__, errors, models
from lingbi_cli.errors import Finding
from lingbi_cli.store.atomic import atomic_write, digest

CACHE_DIR = ".lingbi-cache"
FORMAT = 2
RACY_NS = 2_000_000_000  # timestamps may be as coarse as 2 s (FAT); trust only older files

_ALLOWED = {
    ("datetime", "date"): dt.date,
    ("decimal", "Decimal"): decimal.Decimal,
    ("lingbi_cli.errors", "Finding"): Finding,
    ("lingbi_cli.errors", "Level"): errors.Level,
    ("builtins", "set"): set,
    ("builtins", "frozenset"): frozenset,
    # a household's dated status changes: a model of dates and enumerations only
    ("lingbi_cli.models.people", "StatusChange"): models.StatusChange,
}
for _enum in models.ChineseEnum.__subclasses__():  # pickle names a class by where it lives
    _ALLOWED[(_enum.__module__, _enum.__qualname__)] = _enum


class SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache") from None


PACKAGE = Path(__file__).resolve().parent.parent  # lingbi_cli/


def source_files() -> list[Path]:
    """Every Python file of the package, subpackages included: what ``code_digest`` covers.
    (``os.walk``: ``Path.rglob`` takes several times as long, at every start of lingbi.)"""
    return sorted(
        Path(top, name)
        for top, _, names in os.walk(PACKAGE)
        for name in names
        if name.endswith(".py")
    )


@functools.cache
def code_digest() -> str:
    """A digest of lingbi's own source: a cached finding or result depends on the schemas,
    the readers, the messages and the rules, and a `git pull` of any of them must not be
    answered from a cache made by the old code (the version number alone would not change).

    Each source file counts by its path, size and modification time — what Python itself
    trusts to tell whether a module's compiled ``.pyc`` is still that of its source — so that
    every command does not read the whole package (a county's warm ``check`` is mostly
    start-up)."""
    h = hashlib.blake2b(digest_size=12)
    for path in source_files():
        st = path.stat()
        h.update(
            f"{path.relative_to(PACKAGE).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode()
        )
    return h.hexdigest()


def generation(settings_fingerprint: str) -> str:
    """What a cache entry depends on besides its file."""
    return f"{FORMAT}:{__version__}:{code_digest()}:{settings_fingerprint}"


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
    """Remove every file entry and every cached result of the data folder ``folder``; returns
    how many files there were."""
    count = 0
    for directory in (folder / CACHE_DIR / "files", folder / CACHE_DIR / "results"):
        if directory.is_dir():
            for path in directory.iterdir():
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


Span = tuple[dt.date, dt.date]
VARIANTS = 8  # results kept per key: for as many windows of judging days


class ResultCache:
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
        self.folder = folder
        self.dir = folder / CACHE_DIR / subdir
        self.keep = keep  # entries kept (other scopes, other settings; each township's)
        self.generation = generation(settings_fingerprint)
        self.settings_data = settings_data
        self.enabled = enabled

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
        try:
            h.update(self.settings_data)
            for rel in rels:
                st = stat(rel)
                if st.st_mtime_ns > limit:
                    return None
                h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n".encode())
        except OSError:
            return None
        return h.hexdigest()

    def _variants(self, key: str) -> list[tuple[Span, Span, Any]]:
        try:
            value = SafeUnpickler(io.BytesIO((self.dir / f"{key}.pickle").read_bytes())).load()
        except Exception:  # missing, truncated, corrupt: compute again  # noqa: BLE001
            return []
        if not (isinstance(value, tuple) and len(value) == 2 and value[0] == key):
            return []
        variants = value[1]
        if not isinstance(variants, list):
            return []
        return [v for v in variants if isinstance(v, tuple) and len(v) == 3]

    def get(self, key: str | None, as_of: dt.date, today: dt.date) -> Any:
        """The result stored under ``key`` for a window holding ``as_of`` and ``today``."""
        found = self.get_variant(key, as_of, today)
        return None if found is None else found[2]

    def get_variant(
        self, key: str | None, as_of: dt.date, today: dt.date
    ) -> tuple[Span, Span, Any] | None:
        """The windows and the result stored under ``key`` for ``as_of`` and ``today``."""
        if key is None:
            return None
        for as_of_days, todays, value in self._variants(key):
            if as_of_days[0] <= as_of <= as_of_days[1] and todays[0] <= today <= todays[1]:
                return as_of_days, todays, value
        return None

    def put(self, key: str | None, as_of_days: Span, todays: Span, value: Any) -> None:
        if key is None:
            return
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            old = sorted(self.dir.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
            for stale in old[: -self.keep]:  # keep the last few
                stale.unlink(missing_ok=True)
            variants = [(as_of_days, todays, value), *self._variants(key)][:VARIANTS]
            value_bytes = pickle.dumps((key, variants), protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write(self.dir / f"{key}.pickle", value_bytes, durable=False)
        except OSError:
            pass
