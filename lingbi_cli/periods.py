"""Periods — '2019', '2019H1', '2019Q3', months — and the campaign calendar's honest clipping.

A period is a closed date range with a label. ``clip`` cuts it to a window (the campaign, a
deputy's term, a pairing's life): 2018 begins in April because the campaign does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lingbi_cli.errors import UsageError

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Period:
    label: str
    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def year(self) -> int:
        return self.start.year

    def clip(self, start: dt.date | None, end: dt.date | None) -> Period | None:
        """The part of this period inside [start, end] (open ends allowed), or None."""
        lo = max(self.start, start) if start else self.start
        hi = min(self.end, end) if end else self.end
        return Period(self.label, lo, hi) if lo <= hi else None

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def covers(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def label_zh(self) -> str:
        """'2019年上半年', '2019年第三季度', '2019年'."""
        match = re.fullmatch(r"(\d{4})(?:([HQ])(\d))?", self.label)
        if not match:
            return self.label
        year, kind, number = match.groups()
        if kind == "H":
            return f"{year}年{'上' if number == '1' else '下'}半年"
        if kind == "Q":
            return f"{year}年第{'一二三四'[int(number) - 1]}季度"
        return f"{year}年"


def year(y: int) -> Period:
    return Period(str(y), dt.date(y, 1, 1), dt.date(y, 12, 31))


def half(y: int, h: int) -> Period:
    if h == 1:
        return Period(f"{y}H1", dt.date(y, 1, 1), dt.date(y, 6, 30))
    return Period(f"{y}H2", dt.date(y, 7, 1), dt.date(y, 12, 31))


def quarter(y: int, q: int) -> Period:
    start = dt.date(y, 3 * q - 2, 1)
    end = dt.date(y, 12, 31) if q == 4 else dt.date(y, 3 * q + 1, 1) - ONE_DAY
    return Period(f"{y}Q{q}", start, end)


def month(y: int, m: int) -> Period:
    end = dt.date(y + (m == 12), m % 12 + 1, 1) - ONE_DAY
    return Period(f"{y}-{m:02d}", dt.date(y, m, 1), end)


def parse(text: str) -> Period:
    """'2019' or '2019H1' (also '2019h1', '2019Q3'); a clear message otherwise."""
    match = re.fullmatch(r"\s*(\d{4})(?:([HhQq])(\d))?\s*", text)
    if match:
        y, kind, number = int(match[1]), (match[2] or "").upper(), int(match[3] or 0)
        if not kind:
            return year(y)
        if kind == "H" and number in (1, 2):
            return half(y, number)
        if kind == "Q" and 1 <= number <= 4:
            return quarter(y, number)
    raise UsageError(f"期间“{text}”的写法不对：年份写 2019，半年写 2019H1 或 2019H2")


def split(window: Period, unit: str) -> Iterator[Period]:
    """The years, halves, quarters or months that overlap ``window``, unclipped."""
    for y in range(window.start.year, window.end.year + 1):
        if unit == "year":
            parts = [year(y)]
        elif unit == "half":
            parts = [half(y, 1), half(y, 2)]
        elif unit == "quarter":
            parts = [quarter(y, q) for q in range(1, 5)]
        elif unit == "month":
            parts = [month(y, m) for m in range(1, 13)]
        else:  # pragma: no cover - guarded by the settings models
            raise ValueError(unit)
        yield from (p for p in parts if p.overlaps(window))


def today() -> dt.date:
    """Today, or ``LINGBI_TODAY`` (YYYY-MM-DD) when set: for demonstrations and tests that must
    not depend on the calendar."""
    import os

    fixed = os.environ.get("LINGBI_TODAY")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"环境变量 LINGBI_TODAY={fixed} 不是 YYYY-MM-DD 格式的日期") from None
    return dt.date.today()
