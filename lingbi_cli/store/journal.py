"""The journal of lingbi's writes, and ``undo``: putting the files of the last write back.

Every command that writes (``log``, ``pair``, ``file``, ``proposal …``, ``import``, ``edit``,
``remove``) leaves one entry in ``.lingbi-cache/journal/``: the command line, what it did (in
Chinese), and for each file it wrote, the bytes before and after with their digests. An entry
is one JSON file named by the time it was made, written atomically once the record files are in
place; a command that writes several times (an import in steps) adds to its one entry.

``undo`` takes the newest entry not yet undone and, under the lock of each of its files, puts
back the bytes from before — only if every file still holds exactly the bytes the write left
(otherwise another write or a hand edit came after it, and undoing would lose that: refused,
naming the file). A file the write created is removed again. The entry is then marked undone,
so a second ``undo`` reverses the write before it. The journal keeps the newest ``KEEP``
entries; it is not a cache (``lingbi cache clear`` leaves it).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import time
import zlib
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lingbi_cli.errors import RefusedError, WriteError
from lingbi_cli.store.atomic import atomic_write, digest
from lingbi_cli.store.lock import file_lock
from lingbi_cli.store.write import Change, Snapshot, commit, read_settled

JOURNAL_DIR = ".lingbi-cache/journal"
KEEP = 100  # entries kept; older ones are removed when a new one is written


def _pack(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(zlib.compress(data)).decode("ascii")


def _unpack(text: str | None) -> bytes | None:
    return None if text is None else zlib.decompress(base64.b64decode(text))


@dataclass
class FileState:
    """One file of a write: its bytes before (None: it did not exist) and after."""

    rel: str
    before: bytes | None
    after: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "rel": self.rel,
            "before_digest": None if self.before is None else digest(self.before),
            "after_digest": digest(self.after),
            "before": _pack(self.before),
            "after": _pack(self.after),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileState:
        return cls(data["rel"], _unpack(data["before"]), _unpack(data["after"]) or b"")


@dataclass
class Entry:
    """One write by one lingbi command."""

    path: Path
    when: str  # local time, YYYY-MM-DD HH:MM:SS
    command: str
    what: str
    files: list[FileState]
    undone: str | None = None

    def save(self) -> None:
        data = {
            "when": self.when,
            "command": self.command,
            "what": self.what,
            "undone": self.undone,
            "files": [f.to_json() for f in self.files],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, indent=1)
        atomic_write(self.path, text.encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> Entry:
        data = json.loads(path.read_text("utf-8"))
        files = [FileState.from_json(f) for f in data["files"]]
        return cls(path, data["when"], data["command"], data["what"], files, data.get("undone"))


def record(
    folder: Path, changes: list[Change], command: str, what: str, entry: Path | None
) -> Path | None:
    """Add the written ``changes`` to the journal: to ``entry`` (the same command's earlier
    write) if given, else to a new entry. Returns the entry's path (None: nothing written)."""
    written = [c for c in changes if c.after is not None]
    if not written:
        return entry
    if entry is not None and entry.is_file():
        current = Entry.load(entry)
        by_rel = {f.rel: f for f in current.files}
        for change in written:
            assert change.after is not None
            if change.rel in by_rel:  # keep the first before, take the last after
                by_rel[change.rel].after = change.after
            else:
                current.files.append(FileState(change.rel, change.before, change.after))
        current.what = what or current.what
        current.save()
        return entry
    directory = folder / JOURNAL_DIR
    path = directory / f"{time.time_ns():020d}-{os.getpid()}.json"
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    files = [FileState(c.rel, c.before, c.after) for c in written if c.after is not None]
    Entry(path, now, command, what, files).save()
    _prune(directory)
    return path


def _prune(directory: Path) -> None:
    for old in sorted(directory.glob("*.json"))[:-KEEP]:
        old.unlink(missing_ok=True)


def entries(folder: Path) -> list[Entry]:
    """Every entry kept, newest first (an unreadable one is skipped)."""
    found = []
    for path in sorted((folder / JOURNAL_DIR).glob("*.json"), reverse=True):
        try:
            found.append(Entry.load(path))
        except (OSError, ValueError, KeyError, zlib.error):
            continue
    return found


def last_to_undo(folder: Path) -> Entry:
    """The newest entry not undone yet; a refusal if there is none."""
    for entry in entries(folder):
        if entry.undone is None:
            return entry
    raise RefusedError("没有可以撤销的写入（lingbi 的写入记录中没有尚未撤销的操作）。")


@dataclass
class Undone:
    """What an undo did (or, dry, would do): each file's change back to its earlier bytes."""

    entry: Entry
    changes: list[Change]


def undo(folder: Path, dry_run: bool = False) -> Undone:
    """Reverse the newest write not undone yet, if its files are as it left them."""
    entry = last_to_undo(folder)
    with ExitStack() as locks:
        for rel in sorted({f.rel for f in entry.files}):
            locks.enter_context(file_lock(folder, rel))
        if Entry.load(entry.path).undone is not None:  # another undo came first
            raise RefusedError("这次写入刚刚已被另一个 lingbi undo 撤销，请重新运行。")
        reads: list[tuple[FileState, Snapshot]] = []
        for state in entry.files:
            read, _ = read_settled(folder, state.rel, folder / state.rel)
            if read.data != state.after:
                raise RefusedError(
                    f"不能撤销“{entry.command}”（{entry.when}）：{state.rel} 在这次写入之后"
                    "又被修改过（手工编辑或 lingbi 的另一次写入），撤销会丢掉那些修改。"
                    "没有改动任何文件；如确需恢复，请对照 lingbi undo --list 手工修改。"
                )
            reads.append((state, read))
        changes = [
            Change(s.rel, _text(s.after), _text(s.before or b""), before=s.after, after=s.before)
            for s in entry.files
        ]
        if dry_run:
            return Undone(entry, changes)
        _put_back(folder, reads)
        entry.undone = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        entry.save()
    return Undone(entry, changes)


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


def _put_back(folder: Path, reads: list[tuple[FileState, Snapshot]]) -> None:
    """Each file's bytes from before the write, all or none (as ``store.batch`` commits)."""
    done: list[tuple[FileState, Snapshot | None]] = []
    for state, read in reads:
        path = folder / state.rel
        if state.before is None:  # the write created the file: remove it again
            path.unlink(missing_ok=True)
            done.append((state, None))
            continue
        installed = commit(folder, state.rel, path, read, state.before)
        if installed is None:
            for back, put in reversed(done):
                if put is None:
                    (folder / back.rel).write_bytes(back.after)
                else:
                    commit(folder, back.rel, folder / back.rel, put, back.after)
            raise WriteError(
                f"{state.rel} 在撤销的同时被其他程序修改了，为避免覆盖，没有撤销任何文件；"
                "请重新运行 lingbi undo。"
            )
        done.append((state, installed))
