"""Safe writes: under a lock, checked against what was read, atomic, and able to be dry.

``change_file`` is the one way lingbi writes a record file:

1. take an exclusive lock on the file (a lock file in ``.lingbi-cache/locks/``, so concurrent
   ``lingbi`` processes queue up instead of losing each other's records);
2. read the file as it is now; if the caller read it earlier and it has changed since, refuse
   (someone edited it by hand in the meantime) unless the change is an append;
3. compute the new text, and verify it: it must parse, and hold exactly the records the caller
   expects (the old ones plus the new one);
4. write it through ``store.atomic.atomic_write``: a temporary file in ``.lingbi-cache/tmp/``,
   flushed and fsynced, renamed over the original, the folder fsynced.

An interrupted write leaves either the old file or the new one, never half of either.
"""

from __future__ import annotations

import difflib
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lingbi_cli.errors import LingbiError, WriteError
from lingbi_cli.store.atomic import atomic_write, digest
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.yamlread import decode

LOCK_DIR = ".lingbi-cache/locks"
TMP_DIR = ".lingbi-cache/tmp"  # temporary files, out of sight of git and the loader
LOCK_TIMEOUT = 60.0


@dataclass
class Change:
    """What a write did (or, dry, would do) to one file."""

    rel: str
    old: str
    new: str

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.old.splitlines(keepends=True),
                self.new.splitlines(keepends=True),
                fromfile=f"a/{self.rel}",
                tofile=f"b/{self.rel}",
            )
        )


@contextmanager
def file_lock(folder: Path, rel: str, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """An exclusive, inter-process lock for one data file (blocking, with a timeout)."""
    lock_path = folder / LOCK_DIR / (rel.replace("/", "__") + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, lock_path, timeout)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on clerks' Windows machines
    import msvcrt

    def _acquire(fd: int, path: Path, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise WriteError(
                        f"等待文件锁超时：{path}（是否有另一个 lingbi 在运行？）"
                    ) from None
                time.sleep(0.05)

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _acquire(fd: int, path: Path, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WriteError(
                        f"等待文件锁超时：{path}（是否有另一个 lingbi 在运行？）"
                    ) from None
                time.sleep(0.01)

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


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
    file differs now, the write is refused.
    """
    path = folder / rel
    with file_lock(folder, rel):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = b""
        if read_digest is not None and digest(data) != read_digest:
            raise WriteError(
                f"{rel} 在读取之后被修改过（可能有人正在手工编辑或同时写入），"
                "为避免覆盖别人的修改，没有写入。请重新运行这条命令。"
            )
        decoded, problem = decode(data)
        if problem is not None or decoded is None:
            raise WriteError(
                f"{rel}:{problem.line if problem else 0}: {problem.message if problem else ''}"
                "；为免损坏，没有写入"
            )
        old = decoded
        bom = data.startswith(b"\xef\xbb\xbf")
        try:
            new = edit(old)
        except LingbiError as error:  # the file's shape does not allow a safe change
            raise WriteError(f"{rel}：{error}") from None
        if expect_records is not None:
            _verify(rel, old, new, expect_records)
        change = Change(rel, old, new)
        if not dry_run and new != old:
            try:
                atomic_write(
                    path,
                    (b"\xef\xbb\xbf" if bom else b"") + new.encode("utf-8"),
                    tmp_dir=folder / TMP_DIR,
                )
            except OSError as exc:
                raise WriteError(
                    f"写入 {rel} 失败（{exc.strerror or exc}），原文件没有改动"
                ) from None
    return change


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
