"""The inter-process lock that every write of a data file holds.

A lock is a file in ``.lingbi-cache/locks/`` named after the data file, locked exclusively with
``fcntl.flock`` (POSIX) or ``msvcrt.locking`` (Windows): concurrent ``lingbi`` processes queue
up instead of losing each other's records, and a process that dies releases its lock with it.

Both ways of locking are plain functions over a file descriptor, chosen by platform in one place
(``LOCKING``), so that the Windows one can be run by a test on any machine through a stand-in
for the ``msvcrt`` module.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lingbi_cli.errors import WriteError

LOCK_DIR = ".lingbi-cache/locks"
LOCK_TIMEOUT = 60.0


@dataclass(frozen=True)
class Locking:
    """One platform's way to lock: ``try_lock(fd) -> bool`` (never blocks) and ``unlock(fd)``."""

    try_lock: Callable[[int], bool]
    unlock: Callable[[int], None]
    pause: float  # seconds between attempts


def posix_locking() -> Locking:
    import fcntl

    def try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    return Locking(try_lock, lambda fd: fcntl.flock(fd, fcntl.LOCK_UN), 0.01)


def windows_locking(msvcrt: Any) -> Locking:
    """``msvcrt.locking`` locks bytes from the file position: always byte 0, one byte."""

    def try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    return Locking(try_lock, unlock, 0.05)


def _platform_locking() -> Locking:
    if sys.platform == "win32":  # pragma: no cover - the branch itself is tested through a seam
        import msvcrt

        return windows_locking(msvcrt)
    return posix_locking()


LOCKING = _platform_locking()


@contextmanager
def file_lock(
    folder: Path, rel: str, timeout: float = LOCK_TIMEOUT, locking: Locking | None = None
) -> Iterator[None]:
    """An exclusive, inter-process lock for one data file (blocking, with a timeout)."""
    how = locking or LOCKING
    lock_path = folder / LOCK_DIR / (rel.replace("/", "__") + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while not how.try_lock(fd):
            if time.monotonic() > deadline:
                raise WriteError(f"等待文件锁超时：{rel}（是否有另一个 lingbi 正在写入这个文件？）")
            time.sleep(how.pause)
        try:
            yield
        finally:
            how.unlock(fd)
    finally:
        os.close(fd)
