"""Which encoding lingbi writes its output in, so that Chinese reaches the clerk intact.

- A Windows console (PowerShell 5.1/7, cmd) that is the screen itself: Python writes through the
  console's wide-character API already; nothing to do.
- Windows output piped or redirected (``lingbi check | Out-File``, ``lingbi stats > a.txt``,
  ``lingbi … | more``): PowerShell and cmd decode a program's bytes with the console's output
  code page (936 on Chinese Windows, 65001 where UTF-8 was switched on), so lingbi writes in
  that code page; a character it cannot hold becomes ``?`` rather than stopping the command.
  Without a console at all (a scheduled task), the system's ANSI code page, as Python chose.
- Elsewhere (Linux, macOS): UTF-8, whatever the locale says.
- ``PYTHONIOENCODING`` set by the user: left as it is.

``choose`` decides from plain facts (a seam a test drives); ``configure`` applies it.
"""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class Facts:
    """What decides the encoding of one output stream."""

    windows: bool
    is_terminal: bool
    console_code_page: int  # 0: no console attached
    current: str  # the encoding Python chose
    user_set: bool  # PYTHONIOENCODING is set


def choose(facts: Facts) -> tuple[str, str] | None:
    """(encoding, errors) to switch the stream to, or None to leave it as it is."""
    if facts.user_set:
        return None
    if not facts.windows:
        return None if _is_utf8(facts.current) else ("utf-8", "strict")
    if facts.is_terminal:
        return None  # the console API writes Unicode
    if facts.console_code_page == 0:
        return None  # no console: the ANSI code page Python chose
    encoding = "utf-8" if facts.console_code_page == 65001 else f"cp{facts.console_code_page}"
    try:
        codecs.lookup(encoding)
    except LookupError:
        return None
    return encoding, "replace"


def _is_utf8(name: str) -> bool:
    try:
        return codecs.lookup(name).name == "utf-8"
    except LookupError:
        return False


def _console_code_page() -> int:
    if sys.platform != "win32":
        return 0
    import ctypes

    return int(ctypes.windll.kernel32.GetConsoleOutputCP())  # type: ignore[attr-defined,unused-ignore]


def facts_of(stream: TextIO) -> Facts:
    try:
        is_terminal = stream.isatty()
    except (AttributeError, ValueError):
        is_terminal = False
    return Facts(
        windows=sys.platform == "win32",
        is_terminal=is_terminal,
        console_code_page=_console_code_page(),
        current=getattr(stream, "encoding", None) or "utf-8",
        user_set=bool(os.environ.get("PYTHONIOENCODING")),
    )


def configure(*streams: TextIO) -> None:
    """Switch ``streams`` (stdout, stderr) to the encoding ``choose`` picks for each."""
    for stream in streams:
        chosen = choose(facts_of(stream))
        reconfigure = getattr(stream, "reconfigure", None)
        if chosen is not None and reconfigure is not None:
            try:
                reconfigure(encoding=chosen[0], errors=chosen[1])
            except (ValueError, OSError):  # a stream already written to in another encoding
                pass
