"""The Windows paths, run here through their seams: the ``msvcrt`` lock (with a stand-in that
behaves as the real module does), a file held by WPS or Excel, and the console's code page."""

from __future__ import annotations

import errno
import os
import threading
import time
from pathlib import Path

import pytest

from lingbi_cli.cli import console
from lingbi_cli.errors import WriteError
from lingbi_cli.store import lock, swap


class FakeMsvcrt:
    """``msvcrt.locking`` as Windows does it: ``nbytes`` from the file's current position are
    locked for the handle; ``LK_NBLCK`` on bytes another handle holds raises ``OSError``
    (EACCES) at once; ``LK_UNLCK`` of bytes this handle does not hold raises too."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self) -> None:
        self.held: dict[tuple[int, int, int], int] = {}  # (device, inode, byte) → fd
        self.guard = threading.Lock()
        self.calls: list[tuple[int, int]] = []  # (mode, position)

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        st = os.fstat(fd)
        start = os.lseek(fd, 0, os.SEEK_CUR)
        keys = [(st.st_dev, st.st_ino, start + i) for i in range(nbytes)]
        with self.guard:
            self.calls.append((mode, start))
            if mode == self.LK_NBLCK:
                if any(self.held.get(k, fd) != fd for k in keys):
                    raise OSError(errno.EACCES, "Permission denied")
                self.held.update(dict.fromkeys(keys, fd))
            elif mode == self.LK_UNLCK:
                if any(self.held.get(k) != fd for k in keys):
                    raise OSError(errno.EACCES, "Permission denied")
                for k in keys:
                    del self.held[k]
            else:  # pragma: no cover - lingbi uses only the two modes above
                raise NotImplementedError(mode)


def test_the_fake_behaves_like_msvcrt(tmp_path: Path) -> None:
    fake = FakeMsvcrt()
    path = tmp_path / "f"
    path.write_bytes(b"x")
    a, b = os.open(path, os.O_RDWR), os.open(path, os.O_RDWR)
    try:
        fake.locking(a, fake.LK_NBLCK, 1)
        with pytest.raises(OSError):
            fake.locking(b, fake.LK_NBLCK, 1)
        with pytest.raises(OSError):
            fake.locking(b, fake.LK_UNLCK, 1)
        fake.locking(a, fake.LK_UNLCK, 1)
        fake.locking(b, fake.LK_NBLCK, 1)
    finally:
        os.close(a)
        os.close(b)


def test_the_windows_lock_excludes_and_releases(tmp_path: Path) -> None:
    fake = FakeMsvcrt()
    locking = lock.windows_locking(fake)
    inside: list[str] = []
    overlap: list[bool] = []

    def writer(name: str) -> None:
        with lock.file_lock(tmp_path, "townships/a.yaml", timeout=30, locking=locking):
            overlap.append(bool(inside))
            inside.append(name)
            time.sleep(0.05)
            inside.remove(name)

    threads = [threading.Thread(target=writer, args=(str(n),)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlap == [False] * 4
    assert not fake.held  # every lock released
    assert all(position == 0 for _, position in fake.calls)  # always byte 0 of the lock file


def test_the_windows_lock_times_out_in_chinese_while_held(tmp_path: Path) -> None:
    locking = lock.windows_locking(FakeMsvcrt())
    with lock.file_lock(tmp_path, "a.yaml", locking=locking):
        with pytest.raises(WriteError, match="等待文件锁超时：a.yaml"):
            with lock.file_lock(tmp_path, "a.yaml", timeout=0.2, locking=locking):
                pass  # pragma: no cover


def test_the_windows_lock_locks_byte_zero_after_the_file_moved(tmp_path: Path) -> None:
    fake = FakeMsvcrt()
    locking = lock.windows_locking(fake)
    fd = os.open(tmp_path / "l", os.O_RDWR | os.O_CREAT)
    try:
        os.write(fd, b"abc")  # the position is now 3
        assert locking.try_lock(fd)
        locking.unlock(fd)
        assert [p for _, p in fake.calls] == [0, 0]
    finally:
        os.close(fd)


class SharingViolation(OSError):
    """What ``os.replace`` raises on Windows when Excel holds the target: an OSError whose
    ``winerror`` is 32 (on this machine ``winerror`` is not set by Python, so set it here)."""

    def __init__(self) -> None:
        super().__init__(errno.EACCES, "The process cannot access the file")
        self.winerror = 32


def test_a_sharing_violation_is_waited_for_then_told_in_chinese(monkeypatch) -> None:
    monkeypatch.setattr(swap, "BUSY_SECONDS", 0.3)
    attempts: list[int] = []

    def held_twice() -> None:
        attempts.append(1)
        if len(attempts) <= 2:
            raise SharingViolation()

    swap._busy_retry(held_twice, "townships/a.yaml")
    assert len(attempts) == 3

    def always_held() -> None:
        raise SharingViolation()

    with pytest.raises(WriteError, match="被其他程序占用（例如正在 WPS 或 Excel 中打开）"):
        swap._busy_retry(always_held, "townships/a.yaml")


def test_another_error_is_not_waited_for() -> None:
    attempts: list[int] = []

    def full() -> None:
        attempts.append(1)
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        swap._busy_retry(full, "a.yaml")
    assert attempts == [1]


def facts(**changes: object) -> console.Facts:
    base = {
        "windows": True,
        "is_terminal": False,
        "console_code_page": 936,
        "current": "cp936",
        "user_set": False,
    }
    return console.Facts(**{**base, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("situation", "changes", "chosen"),
    [
        ("PowerShell 5.1 pipe, Chinese Windows", {}, ("cp936", "replace")),
        ("cmd with chcp 65001", {"console_code_page": 65001}, ("utf-8", "replace")),
        ("Western Windows console, piped", {"console_code_page": 437}, ("cp437", "replace")),
        ("the console itself", {"is_terminal": True}, None),
        ("no console (a scheduled task)", {"console_code_page": 0}, None),
        ("PYTHONIOENCODING set", {"user_set": True}, None),
        ("Linux, C locale", {"windows": False, "current": "ascii"}, ("utf-8", "strict")),
        ("Linux, UTF-8", {"windows": False, "current": "UTF-8"}, None),
    ],
)
def test_the_output_encoding(situation: str, changes: dict, chosen: tuple | None) -> None:
    assert console.choose(facts(**changes)) == chosen, situation


def test_chinese_written_for_a_gbk_pipe_reads_back_in_gbk(tmp_path: Path) -> None:
    import io

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8")
    encoding, errors = console.choose(facts()) or ("", "")
    stream.reconfigure(encoding=encoding, errors=errors)
    stream.write("错误：杨疃镇 ✓\n")
    stream.flush()
    assert raw.getvalue().decode("gbk") == "错误：杨疃镇 ?\n"
