"""Safe writes: under a lock, checked against what was read, atomic, and able to be dry.

``change_file`` is the one way lingbi writes a record file:

1. take an exclusive lock on the file (``store.lock``), so that concurrent ``lingbi`` processes
   queue up instead of losing each other's records;
2. read the file as it is now. A file that is empty, unreadable or holds fewer records than
   when lingbi last read it may be one an editor is saving in place (truncated, not yet written
   again): wait until it stops changing, and never take a file that shrank to nothing for the
   truth; a file that lost records is taken, with a note the command prints. If the caller read
   the file earlier (to change a record) and it has changed since, refuse;
3. compute the new text, and verify it: it must parse, and hold exactly the records the caller
   expects (the old ones plus the new one, or the same ones with one changed);
4. write it to a temporary file in ``.lingbi-cache/tmp/`` (flushed, fsynced) and swap it into
   place atomically (``store.swap.exchange``), then compare the version it displaced with the
   one read in step 2. If another program (an editor saving by hand) saved the file in between,
   its version is swapped straight back — ours was in place for microseconds — and everything
   starts again from step 2 on its version. Nothing another program saved is dropped, and no
   change is made on a version lingbi has not read. (Without the exchange — not Linux — the
   file is compared just before an ``os.replace``: a window of microseconds.)

An interrupted write leaves either the old file or the new one, never half of either.
"""

from __future__ import annotations

import difflib
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lingbi_cli.errors import LingbiError, WriteError
from lingbi_cli.store import atomic, swap
from lingbi_cli.store.atomic import digest, write_temporary
from lingbi_cli.store.cache import last_seen_records
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.lock import file_lock
from lingbi_cli.store.yamlread import decode

TMP_DIR = ".lingbi-cache/tmp"  # temporary files, out of sight of git and the loader
SETTLE_SECONDS = 3.0  # how long to wait for a file another program is saving
QUIET_SECONDS = 0.3  # unchanged this long: the other program has finished
SETTLED_SECONDS = 0.02  # last changed this long ago: no write to it is under way
BUSY_SECONDS = 10.0  # saves by others landing in the window again and again: give up


@dataclass(frozen=True)
class Snapshot:
    """A file's bytes as read, and the identity of the version read: (inode, size, mtime)."""

    data: bytes
    version: tuple[int, int, int] | None  # None: there was no file


def _version(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass
class Change:
    """What a write did (or, dry, would do) to one file; ``notes`` are for the clerk."""

    rel: str
    old: str
    new: str
    notes: list[str] = field(default_factory=list)
    # the file's bytes before and after, once written (``before`` None: there was no file);
    # what the journal keeps so that ``lingbi undo`` can put the file back
    before: bytes | None = None
    after: bytes | None = None

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.old.splitlines(keepends=True),
                self.new.splitlines(keepends=True),
                fromfile=f"a/{self.rel}",
                tofile=f"b/{self.rel}",
            )
        )


def change_file(
    folder: Path,
    rel: str,
    edit: Callable[[str], str],
    *,
    expect_records: int | None = None,
    read_digest: str | None = None,
    dry_run: bool = False,
) -> Change:
    """Apply ``edit`` to the file's text under its lock, verify, and write atomically.

    ``expect_records``: how many more records the new text must hold than the old (1 for an
    append, 0 for a change). ``read_digest``: the file's digest when the caller read it; if the
    file differs now, the write is refused. ``edit`` may run more than once (when another
    program saved the file meanwhile): it must depend on nothing but the text it is given.
    """
    path = folder / rel
    with file_lock(folder, rel):
        # counted from the lock: time spent queueing behind other lingbi writes is not the
        # other program's saves this deadline is about
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            read, notes = read_settled(folder, rel, path)
            data = read.data
            if read_digest is not None and digest(data) != read_digest:
                raise WriteError(
                    f"{rel} 在读取之后被修改过（可能有人正在手工编辑或同时写入），"
                    "为避免覆盖别人的修改，没有写入。请重新运行这条命令。"
                )
            change = _changed(rel, data, edit, expect_records)
            change.notes = notes
            if dry_run or change.new == change.old:
                return change
            new = encoded(data, change.new)
            if commit(folder, rel, path, read, new) is not None:
                change.before = data if read.version is not None else None
                change.after = new
                return change
            # another program saved the file since we read it: read it again and start over
            if time.monotonic() > deadline:
                raise WriteError(
                    f"{rel} 一直在被其他程序修改，为避免覆盖对方保存的内容，没有写入；"
                    "请关闭正在编辑它的程序后重新运行这条命令。"
                )
    raise AssertionError("unreachable")  # pragma: no cover


def commit(folder: Path, rel: str, path: Path, read: Snapshot, new: bytes) -> Snapshot | None:
    """Put ``new`` in place if the file is still the version ``read``, and return the version
    put there; None, with the file as another program left it, if it is not.

    The file's identity is compared first (one ``stat``: a save since the read shows as another
    inode or modification time). With the atomic exchange, ``new`` then goes in and the identity
    of the version it displaced is compared again: if a save landed in between, it is swapped
    straight back — ``new`` was in place for microseconds, and the other program's bytes (even
    those it was still writing into the old file) are where they were. Without the exchange,
    the file is compared just before the replace."""
    try:
        tmp = write_temporary(path, new, tmp_dir=folder / TMP_DIR)
        try:
            ours = _version(os.stat(tmp))
            atomic._before_rename(tmp, path)  # the crash tests' seam
            installed = Snapshot(new, ours)
            if read.version is None:
                created = swap.create(tmp, path, rel)
                if created is not False:
                    atomic.fsync_folder(path.parent)
                    return installed if created else None
            elif _version(os.stat(path)) != read.version:
                return None  # changed already: no need to put ours in place even for a moment
            elif swap.exchange(tmp, path, rel):
                if _version(os.stat(tmp)) == read.version and tmp.read_bytes() == read.data:
                    atomic.fsync_folder(path.parent)
                    return installed
                _give_back(folder, tmp, path, rel, ours)
                atomic.fsync_folder(path.parent)
                return None
            if _read_quiet(path) != read:
                return None
            swap.replace(tmp, path, rel)
            atomic.fsync_folder(path.parent)
            return installed
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise WriteError(f"写入 {rel} 失败（{exc.strerror or exc}），原文件没有改动") from None


def _give_back(folder: Path, tmp: Path, path: Path, rel: str, ours: tuple[int, int, int]) -> None:
    """Swap the version ``tmp`` holds (the one ours displaced) back into place at once.

    What comes back should be ours. If it is not, another program saved over ours in those
    microseconds, on top of our version: if its save holds every line of the version given
    back, it goes in place instead; otherwise neither holds the other, and its save is kept in
    ``.lingbi-cache/rescued/`` for the clerk to compare, and the write is refused."""
    while True:
        swap.exchange(tmp, path, rel)
        if _version(os.stat(tmp)) == ours:
            return
        # its program may still be writing into it: read it once it is at rest
        theirs, given_back = _read_quiet(tmp).data, path.read_bytes()
        if Counter(given_back.splitlines()) - Counter(theirs.splitlines()):
            _rescue(folder, rel, theirs)
        ours = _version(os.stat(path))  # what goes back out when theirs goes in


def _rescue(folder: Path, rel: str, version: bytes) -> None:
    rescued = folder / ".lingbi-cache" / "rescued"
    rescued.mkdir(parents=True, exist_ok=True)
    name = f"{rel.replace('/', '__')}.{time.strftime('%Y%m%d-%H%M%S')}.yaml"
    (rescued / name).write_bytes(version)
    raise WriteError(
        f"{rel} 在写入的同一瞬间被其他程序保存了，没有写入；那次保存的内容已另存为 "
        f".lingbi-cache/rescued/{name}，请与现在的文件核对后重新运行这条命令。"
    )


def _changed(
    rel: str, data: bytes, edit: Callable[[str], str], expect_records: int | None
) -> Change:
    decoded, problem = decode(data)
    if problem is not None or decoded is None:
        raise WriteError(
            f"{rel}:{problem.line if problem else 0}: {problem.message if problem else ''}"
            "；为免损坏，没有写入"
        )
    try:
        new = edit(decoded)
    except LingbiError as error:  # the file's shape does not allow a safe change
        raise WriteError(f"{rel}：{error}") from None
    if expect_records is not None:
        _verify(rel, decoded, new, expect_records)
    return Change(rel, decoded, new)


def encoded(old: bytes, new: str) -> bytes:
    """The new text in the old file's encoding: UTF-8, with its BOM if it had one."""
    return (b"\xef\xbb\xbf" if old.startswith(b"\xef\xbb\xbf") else b"") + new.encode("utf-8")


def read_settled(folder: Path, rel: str, path: Path) -> tuple[Snapshot, list[str]]:
    """The file as it is (empty if it does not exist), once a save in progress has finished.

    A file that is empty, unreadable, or holds fewer records than lingbi last saw may be one
    an editor has truncated and not yet written again: it is read again until it is whole, or
    has not changed for ``QUIET_SECONDS``. One that stays empty though it had records is
    refused; one that lost records is taken, with a note saying so."""
    seen = last_seen_records(folder, rel)

    def whole(data: bytes) -> bool:
        count = _count(data)
        return count is not None and (seen is None or count >= seen) and bool(data.strip())

    read = _read_quiet(path)
    if whole(read.data) or read.version is None:
        return read, []
    deadline = time.monotonic() + SETTLE_SECONDS
    quiet_since = time.monotonic()
    while True:
        time.sleep(0.05)
        again = _read_quiet(path)
        now = time.monotonic()
        if whole(again.data):
            return again, []
        if again != read:
            read, quiet_since = again, now
        elif now - quiet_since >= QUIET_SECONDS:
            break
        if now > deadline:
            raise WriteError(f"{rel} 正在被其他程序修改（内容一直在变），没有写入；请稍后再试。")
    count = _count(read.data)
    if seen and not read.data.strip():
        raise WriteError(
            f"{rel} 现在是空的，而 lingbi 上次读到时有 {seen} 条记录。没有写入。"
            "如果是有意清空，请删除这个文件后重新运行；否则请从备份或 git 中恢复它。"
        )
    if seen is not None and count is not None and count < seen:
        return read, [
            f"注意：{rel} 现在有 {count} 条记录，比 lingbi 上次读到时少 {seen - count} 条"
            "（如果是手工删除的，可以不管）。"
        ]
    return read, []


def _read_quiet(path: Path, settled: float = SETTLED_SECONDS) -> Snapshot:
    """The file as it is, read when no write to it is under way.

    Another program writing the file in place changes its modification time as it writes; a
    read is kept only if the file did not change while it was read and was last changed at
    least ``settled`` seconds before. (Timestamps tick in milliseconds or finer on the file
    systems lingbi runs on; a write of a record file takes far less.) So any later change to
    the version read gives it another modification time, or another inode."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        try:
            before = os.stat(path)
            data = path.read_bytes()
            after = os.stat(path)
        except FileNotFoundError:
            return Snapshot(b"", None)
        age = time.time_ns() - after.st_mtime_ns
        if _version(before) == _version(after) and len(data) == after.st_size:
            if age >= settled * 1e9 or time.monotonic() > deadline:
                return Snapshot(data, _version(after))  # (never at rest: the checks decide)
        time.sleep(min(settled, max(settled - age / 1e9, 0.001)))


def _count(data: bytes) -> int | None:
    """How many records the bytes hold, or None when they cannot be read as a record file."""
    records, problems, _ = read_any(data)
    if [p for p in problems if not p.warning]:
        return None
    return len(records)


def _verify(rel: str, old: str, new: str, more: int) -> None:
    before, _, _ = read_any(old.encode("utf-8"))
    after, problems, _ = read_any(new.encode("utf-8"))
    if [p for p in problems if not p.warning] or len(after) != len(before) + more:
        raise WriteError(f"写入 {rel} 前的核对没有通过（新内容无法正确读出），没有写入。")
    changed = [
        i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a.values != b.values
    ]
    # an append leaves every record as it was; a change touches exactly one
    if len(changed) > (0 if more else 1):
        raise WriteError(f"写入 {rel} 前的核对没有通过（原有记录会被改动），没有写入。")
