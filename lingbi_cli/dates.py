"""Dates as clerks write them: ``2019-05-08``, ``2019-5-8``, ``2019.5.8``, ``2019/5/8`` and
``2019年5月8日`` all name the same day. The command line accepts them all; a record file keeps
``2019-05-08`` and a message about another spelling gives the exact fix."""

from __future__ import annotations

import datetime as dt
import re

# strptime accepts one-digit months and days for %m and %d.
FORMATS = ["%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%Y年%m月%d日"]
DATE_HINT = "写成 2019-05-08（也可写 2019.5.8、2019/5/8 或 2019年5月8日）"

_LOOSE = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$")
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９－．／", "0123456789-./")


def parts(text: str) -> tuple[int, int, int] | None:
    """Year, month and day as ``text`` writes them in any of the spellings above (full-width
    digits too), not yet checked to exist; None if it is not written as a date."""
    found = _LOOSE.match(text.translate(_WIDE_DIGITS))
    return (int(found[1]), int(found[2]), int(found[3])) if found else None


def parse(text: str) -> dt.date | None:
    """The day ``text`` names in any of the spellings above (full-width digits too), or None."""
    written = parts(text)
    if written is None:
        return None
    try:
        return dt.date(*written)
    except ValueError:
        return None


def why_not(text: str) -> str:
    """Why ``text`` is not a day: written like one but the day does not exist, or not a date."""
    if _LOOSE.match(text.translate(_WIDE_DIGITS)):
        return f"“{text}”这一天不存在"
    return f"“{text}”不是日期；{DATE_HINT}"


def fix(text: str) -> str | None:
    """``2019-05-08`` for ``2019.5.8``: what to write instead; None if it is no date at all."""
    day = parse(text)
    return day.isoformat() if day else None
