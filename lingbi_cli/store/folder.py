"""``DataFolder``: the data folder of one command, opened once and handed to everything it calls.

A command opens its folder once (``cli.options.State.folder``) and passes the object to the
actions, rules, reports and sheets it calls, which ask it for what they need:

* ``path``, and ``settings`` — ``lingbi.yaml``, read the first time they are asked for;
* ``scan()`` — the record files and stray files, found by walking the folder once; ``stat(rel)``
  — a file's size, modification time and inode, looked at once;
* ``file_for(kind, township, day)`` — the file a record of a kind lives in;
* ``load(select, into=…)`` — the records of the files chosen (the whole folder at most once);
  ``townships()`` — those of county/townships.yaml alone;
* ``digest``, ``read_text``, ``change`` and ``change_files`` — reading a file and writing it
  safely (``store.write``, ``store.batch``). A write forgets the walk and the loaded folder,
  which it may have made out of date, and is kept in the journal (``store.journal``) under
  ``command`` and ``what`` — one entry for all the writes of one command;
* ``file_cache``, ``result_cache`` and ``clear_cache`` — the folder's ``.lingbi-cache``, unless
  the command runs with ``--no-cache`` (``cache=False``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from lingbi_cli import models
from lingbi_cli.config import Settings
from lingbi_cli.store import cache as caches
from lingbi_cli.store import journal
from lingbi_cli.store.atomic import digest
from lingbi_cli.store.batch import FileEdit, change_files
from lingbi_cli.store.filecheck import fingerprint
from lingbi_cli.store.layout import (
    TOWNSHIPS_FILE,
    Listing,
    RecordFile,
    Scan,
    file_for,
    record_file,
    record_files,
    scan,
)
from lingbi_cli.store.load import FileResult, load_files, stray_findings
from lingbi_cli.store.locate import find_data_folder
from lingbi_cli.store.records import Records
from lingbi_cli.store.settings import read_settings
from lingbi_cli.store.write import Change, change_file

Select = Callable[[RecordFile], bool]


class DataFolder:
    """One data folder: its path, settings, files and records, each found at most once."""

    def __init__(self, path: Path, *, cache: bool = True) -> None:
        self.path = path
        self.cache = cache  # whether the run may use .lingbi-cache (off with --no-cache)
        self._settings: tuple[Settings, bytes] | None = None
        self._scan: Scan | None = None
        self._listing: Listing | None = None  # the folders a walk has listed (``seen``)
        self._files: list[RecordFile] | None = None  # the record files alone (no walk for strays)
        self._stats: dict[str, os.stat_result] = {}
        # the files of the last load, as read: a load of the same files again (a part judged,
        # then counted for a report) restores none of them a second time; one load's worth
        self._last: dict[str, FileResult] = {}
        self._records: Records | None = None
        self.command = "lingbi"  # the command line, for the journal (set by the cli)
        self.what = ""  # what the command does, in Chinese, for the journal
        self._entry: Path | None = None  # this command's journal entry, once it wrote

    @classmethod
    def find(
        cls, explicit: str | None = None, start: Path | None = None, *, cache: bool = True
    ) -> DataFolder:
        """``--data``, then ``LINGBI_DATA``, then up from ``start`` to a folder with
        lingbi.yaml (``store.settings.find_data_folder``)."""
        return cls(find_data_folder(explicit, start), cache=cache)

    def __repr__(self) -> str:
        return f"DataFolder({str(self.path)!r})"

    @property
    def settings(self) -> Settings:
        """``lingbi.yaml``, read once."""
        return self._settings_file()[0]

    @property
    def settings_data(self) -> bytes:
        """``lingbi.yaml``'s bytes as read."""
        return self._settings_file()[1]

    def _settings_file(self) -> tuple[Settings, bytes]:
        if self._settings is None:
            self._settings = read_settings(self.path)
        return self._settings

    def scan(self) -> Scan:
        """The folder's record files and stray files, walked once (until ``forget``)."""
        if self._scan is None:
            self._scan = scan(self.path, self._listing)
        return self._scan

    def record_files(self) -> list[RecordFile]:
        """The folder's record files, found once (until ``forget``): the walk's if the folder
        was walked, else found where the layout puts them without walking for strays."""
        if self._scan is not None:
            return self._scan.files
        if self._files is None:
            self._files = record_files(self.path)
        return self._files

    def stat(self, rel: str) -> os.stat_result:
        """The state (size, modification time, inode) of the file ``rel``, looked at once
        (until ``forget``); raises ``OSError`` as ``os.stat`` does."""
        found = self._stats.get(rel)
        if found is None:
            found = self._stats[rel] = os.stat(self.path / rel)
        return found

    def seen(self, stats: dict[str, os.stat_result], listing: Listing | None = None) -> None:
        """Take the states of files this command has looked at already (by relative path),
        as ``stat`` would have found them, and the folders it has listed (for ``scan``)."""
        for rel, st in stats.items():
            self._stats.setdefault(rel, st)
        if listing is not None and self._scan is None:
            self._listing = listing

    def forget(self) -> None:
        """Forget the walk, the files' states and the loaded records (a file was written)."""
        self._scan = None
        self._listing = None
        self._files = None
        self._stats = {}
        self._records = None
        self._last = {}

    @staticmethod
    def file_for(
        kind: type[models.Record], township: str | None = None, day: dt.date | None = None
    ) -> str:
        """The file (relative, POSIX) a record of ``kind`` lives in (``layout.file_for``)."""
        return file_for(kind, township, day)

    def load(
        self,
        select: Select | None = None,
        *,
        into: Records | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Records:
        """The records of the files ``select`` chooses (None: every file, and a warning for
        each stray file), read into ``into`` if given (files it holds already are skipped) or
        into new ``Records``. The whole folder is loaded once and kept until ``forget``.

        A write command chooses: it needs a township's people and pairings, not three years
        of activities."""
        whole = select is None and into is None
        if whole and self._records is not None:
            return self._records
        records = into if into is not None else Records(self)
        if select is not None:
            files = [f for f in self.record_files() if select(f)]
        else:
            files, strays = self.scan()
            if into is None:
                records.findings.extend(stray_findings(strays, self.path))
        self._load(records, files, progress)
        if whole:
            self._records = records
        return records

    def load_paths(self, rels: Iterable[str], *, into: Records | None = None) -> Records:
        """The records of the record files at ``rels`` (those that exist), found by their
        place in the layout without listing the folder, read into ``into`` if given (as
        ``load`` does): what a write of one township reads."""
        records = into if into is not None else Records(self)
        chosen = [record_file(rel) for rel in rels]
        files = [f for f in chosen if f is not None and (self.path / f.rel).is_file()]
        self._load(records, files)
        return records

    def _load(
        self,
        records: Records,
        files: list[RecordFile],
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        files = [f for f in files if f.rel not in records.files]
        self._last = load_files(
            self.path, records, files, self.file_cache(), progress, reuse=self._last
        )

    def townships(self) -> Records:
        """The records of county/townships.yaml alone: enough to find a township by its id or
        name (``Records.find``) without loading the county, or listing the folder."""
        return self.load_paths([TOWNSHIPS_FILE])

    def digest(self, rel: str) -> str:
        """The digest of the file's bytes now (of none, if there is no file): a write given it
        refuses to overwrite a file changed since (``change``'s ``read_digest``)."""
        try:
            return digest((self.path / rel).read_bytes())
        except FileNotFoundError:
            return digest(b"")

    def read_text(self, rel: str) -> str:
        """The file's text ("" if there is no file)."""
        path = self.path / rel
        return path.read_text("utf-8-sig") if path.is_file() else ""

    def change(
        self,
        rel: str,
        edit: Callable[[str], str],
        *,
        expect_records: int | None = None,
        read_digest: str | None = None,
        dry_run: bool = False,
    ) -> Change:
        """``store.write.change_file`` on one file of this folder."""
        try:
            made = change_file(
                self.path,
                rel,
                edit,
                expect_records=expect_records,
                read_digest=read_digest,
                dry_run=dry_run,
            )
        finally:
            if not dry_run:
                self.forget()
        if not dry_run:
            self.journal([made])
        return made

    def change_files(self, edits: list[FileEdit], dry_run: bool = False) -> list[Change]:
        """``store.batch.change_files``: several files of this folder, all or none."""
        try:
            made = change_files(self.path, edits, dry_run)
        finally:
            if not dry_run:
                self.forget()
        if not dry_run:
            self.journal(made)
        return made

    def journal(self, changes: list[Change]) -> None:
        """Keep the written ``changes`` in the journal, in this command's one entry."""
        self._entry = journal.record(self.path, changes, self.command, self.what, self._entry)

    def file_cache(self) -> caches.FileCache:
        """The per-file cache, keyed by the settings and the rules' per-file parts."""
        key = f"{self.settings.fingerprint()}:{fingerprint()}"
        return caches.FileCache(self.path, key, enabled=self.cache)

    def result_cache(self, subdir: str = "results", keep: int = 20) -> caches.ResultCache:
        """Results of runs (whole, or of one part: ``subdir``), keyed by their files and the
        settings (their canonical form: a comment in lingbi.yaml changes nothing)."""
        return caches.ResultCache(
            self.path,
            self.settings.fingerprint(),
            self.settings.model_dump_json().encode(),
            enabled=self.cache,
            subdir=subdir,
            keep=keep,
        )

    def clear_cache(self) -> int:
        """Remove the folder's cache; returns how many files it held."""
        return caches.clear(self.path)
