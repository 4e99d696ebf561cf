"""What every stored result depends on, and results kept for windows of days — without the
schemas: ``store.answers`` serves a repeated ``check`` before they are imported.

* ``code_digest``: lingbi's own source; a result made by other code is never served.
* ``Stored``: a directory of results, each under a key made by its user, each kept with the
  windows of judging days and of todays for which it holds (``rules.judging_day``) and read
  with the user's restricted unpickler. ``cache.ResultCache`` (a whole check, each township's
  findings, totals and work) and ``answers`` are its users.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import hashlib
import io
import os
import pickle
from pathlib import Path
from typing import Any

from lingbi_cli import __version__
from lingbi_cli.errors import Finding, Level
from lingbi_cli.store.atomic import atomic_write

CACHE_DIR = ".lingbi-cache"
FORMAT = 2
RACY_NS = 2_000_000_000  # timestamps may be as coarse as 2 s (FAT); trust only older files
PACKAGE = Path(__file__).resolve().parent.parent  # lingbi_cli/
# What ``lingbi cache clear`` removes: every stored thing lingbi can make again. Not caches, and
# left alone: ``journal`` (the writes, for undo), ``locks``, ``tmp`` (a write under way) and
# ``rescued`` (a clerk's text a write refused to overwrite).
CACHES = ("files", "results", "answers", "townships", "totals", "worked", "summaries.pickle")

Span = tuple[dt.date, dt.date]
VARIANTS = 8  # results kept per key: for as many windows of judging days


# what a stored result is made of: findings, their levels, and the dates and amounts of their
# facts (a cache of records allows more: ``cache.SafeUnpickler``)
RESULTS: dict[tuple[str, str], Any] = {
    ("datetime", "date"): dt.date,
    ("decimal", "Decimal"): decimal.Decimal,
    ("lingbi_cli.errors", "Finding"): Finding,
    ("lingbi_cli.errors", "Level"): Level,
}


class Restricted(pickle.Unpickler):
    """An unpickler that builds nothing but the classes ``allowed`` (a planted cache file
    cannot run code): plain values, and stored results' classes unless a subclass says more."""

    allowed: dict[tuple[str, str], Any] = RESULTS

    def find_class(self, module: str, name: str) -> Any:
        try:
            return self.allowed[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache") from None


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


class Stored:
    """Results in ``folder``'s ``.lingbi-cache/<subdir>``, the last ``keep`` of them, each kept
    for up to ``VARIANTS`` windows of days; read with ``unpickler`` (which must refuse every
    class a result cannot hold: a planted file must not run code)."""

    def __init__(
        self,
        folder: Path,
        subdir: str,
        keep: int,
        unpickler: type[pickle.Unpickler],
        enabled: bool = True,
    ) -> None:
        self.folder = folder
        self.dir = folder / CACHE_DIR / subdir
        self.keep = keep  # entries kept (other scopes, other settings; each township's)
        self.unpickler = unpickler
        self.enabled = enabled

    def _variants(self, key: str) -> list[tuple[Span, Span, Any]]:
        try:
            value = self.unpickler(io.BytesIO((self.dir / f"{key}.pickle").read_bytes())).load()
        except Exception:  # missing, truncated, corrupt: compute again  # noqa: BLE001
            return []
        if not (isinstance(value, tuple) and len(value) == 2 and value[0] == key):
            return []
        variants = value[1]
        if not isinstance(variants, list):
            return []
        return [v for v in variants if isinstance(v, tuple) and len(v) == 3]

    def loads(self, data: object) -> object:
        """What ``data`` holds, pickled inside a stored value (a result's rows), read with the
        same unpickler; None when it is not that."""
        if type(data) is not bytes:
            return None
        try:
            return self.unpickler(io.BytesIO(data)).load()
        except Exception:  # damaged or planted: judged again  # noqa: BLE001
            return None

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
            self._evict()
            variants = [(as_of_days, todays, value), *self._variants(key)][:VARIANTS]
            value_bytes = pickle.dumps((key, variants), protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write(self.dir / f"{key}.pickle", value_bytes, durable=False)
        except OSError:
            pass

    def _evict(self) -> None:
        """Keep the last ``keep`` entries: once there are more, the oldest go until a fifth
        of the room is free again — so that a put does not look at the state of every entry
        (a county3's township results are 386 files; a ``stat`` is ~30 µs here)."""
        names = [n for n in os.listdir(self.dir) if n.endswith(".pickle")]
        if len(names) < self.keep:
            return
        aged = sorted(((self.dir / n).stat().st_mtime_ns, n) for n in names)
        for _, name in aged[: len(aged) - self.keep * 4 // 5]:
            (self.dir / name).unlink(missing_ok=True)
