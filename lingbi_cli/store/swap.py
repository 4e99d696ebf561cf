"""Swapping a new version of a file into place atomically: the primitives ``store.write`` uses.

``exchange(a, b)`` swaps two names in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``):
the new version goes in place and the version it displaced stays in hand under the other name,
exactly as it was at that instant, whether another program renamed a new file into place or was
writing into the old one. ``create(a, b)`` renames only if ``b`` does not exist
(``RENAME_NOREPLACE``). Both return False where the system or the file system has no such
operation, and the caller falls back to ``replace``.

A target held open by another program on Windows (WPS, Excel) makes a rename fail with a
permission error; every operation here retries for ``BUSY_SECONDS`` and then says so in Chinese.
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lingbi_cli.errors import WriteError

RENAME_NOREPLACE, RENAME_EXCHANGE = 1, 2
_AT_FDCWD = -100
BUSY_SECONDS = 10.0
_UNSUPPORTED = (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP)


def _renameat2() -> Callable[[bytes, bytes, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:  # the C library this process runs on: no search for its file (ldconfig, milliseconds)
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        from ctypes.util import find_library

        try:
            libc = ctypes.CDLL(find_library("c") or "libc.so.6", use_errno=True)
            function = libc.renameat2
        except (OSError, AttributeError):  # no glibc 2.28+: fall back to os.replace
            return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes.append(ctypes.c_uint)

    def call(source: bytes, target: bytes, flags: int) -> int:
        """0, or the errno of the failure."""
        if function(_AT_FDCWD, source, _AT_FDCWD, target, flags) == 0:
            return 0
        return ctypes.get_errno()

    return call


RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path, rel: str) -> bool:
    """Swap the files named ``a`` and ``b`` atomically; False where that cannot be done."""
    return _rename2(a, b, RENAME_EXCHANGE, rel) is True


def create(a: Path, b: Path, rel: str) -> bool | None:
    """Rename ``a`` to ``b`` only if ``b`` does not exist: True done, None ``b`` exists,
    False where that cannot be done."""
    return _rename2(a, b, RENAME_NOREPLACE, rel)


def replace(a: Path, b: Path, rel: str) -> None:
    """``os.replace``, retried while another program holds the file."""
    _busy_retry(lambda: os.replace(a, b), rel)


def _rename2(a: Path, b: Path, flags: int, rel: str) -> bool | None:
    if RENAMEAT2 is None:
        return False
    call = RENAMEAT2
    source, target = os.fsencode(a), os.fsencode(b)
    outcome: list[bool | None] = []

    def attempt() -> None:
        code = call(source, target, flags)
        if code == 0:
            outcome.append(True)
        elif code in _UNSUPPORTED:
            outcome.append(False)
        elif code == errno.EEXIST and flags == RENAME_NOREPLACE:
            outcome.append(None)
        else:
            raise OSError(code, os.strerror(code), str(b))

    _busy_retry(attempt, rel)
    return outcome[0]


# Windows: access denied, sharing violation, lock violation (WPS or Excel holds the file).
_BUSY_WINERRORS = frozenset({5, 32, 33})


def busy(error: OSError) -> bool:
    """Whether ``error`` means another program holds the file (worth waiting for)."""
    if getattr(error, "winerror", None) in _BUSY_WINERRORS:
        return True
    return isinstance(error, PermissionError)


def _busy_retry(step: Callable[[], None], rel: str) -> None:
    """Run ``step``, retrying while another program holds the file (Windows sharing)."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            step()
            return
        except OSError as error:
            if not busy(error):
                raise
            if time.monotonic() > deadline:
                raise WriteError(
                    f"{rel} 被其他程序占用（例如正在 WPS 或 Excel 中打开），等了"
                    f" {BUSY_SECONDS:.0f} 秒仍无法替换，没有写入；请关闭该文件后重新运行这条命令。"
                ) from None
            time.sleep(0.2)
