"""The generator's calendar: days as ordinals, the campaign's dates, and random picks of days.

Days are ``date.toordinal()`` integers while the county is built (arithmetic and comparisons
on ints are what the county scale spends its time on); they become dates only when written.
The campaign's own dates — start, end, first-meeting and filing deadlines — come from the
defaults of ``config.Campaign``, which are also the values of the ``lingbi.yaml`` the generator
writes, so that the generated records and the rules that judge them read the same calendar.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Sequence
from typing import TypeVar

from lingbi_cli import models as m
from lingbi_cli.config import Campaign

CAMPAIGN = Campaign()


def ordinal(year: int, month: int, day: int) -> int:
    return dt.date(year, month, day).toordinal()


@functools.cache
def date(day: int) -> dt.date:
    return dt.date.fromordinal(day)


def year_of(day: int) -> int:
    return date(day).year


START, END = CAMPAIGN.start.toordinal(), CAMPAIGN.end.toordinal()
YEARS = tuple(CAMPAIGN.years)
# (year, quarter, first day, last day) of every quarter of the campaign's years
QUARTERS = tuple(
    (y, q, ordinal(y, 3 * q - 2, 1), ordinal(y + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - 1)
    for y in YEARS
    for q in (1, 2, 3, 4)
)


def half(year: int, number: int) -> tuple[int, int]:
    """First and last day of the year's first or second half."""
    if number == 1:
        return ordinal(year, 1, 1), ordinal(year, 6, 30)
    return ordinal(year, 7, 1), ordinal(year, 12, 31)


def first_meeting_due(begin: int) -> int:
    """The last day of a pairing's first meeting (§3.2): 30 April of the year it began, or for a
    pairing made after that day, ``first_meeting_days`` later."""
    april = ordinal(year_of(begin), *CAMPAIGN.first_meeting)
    return april if begin <= april else begin + CAMPAIGN.first_meeting_days


def filing_due(kind: m.FilingKind, year: int) -> int:
    """The last day for filing ``kind`` for ``year`` (§3.2): plan and list by 31 March, the
    half-year reports by 20 June and 20 December, the year-end summary with the latter."""
    month_day = {
        m.FilingKind.plan: CAMPAIGN.plan_deadline,
        m.FilingKind.pairing_list: CAMPAIGN.plan_deadline,
        m.FilingKind.h1_report: CAMPAIGN.h1_report,
        m.FilingKind.h2_report: CAMPAIGN.h2_report,
        m.FilingKind.year_summary: CAMPAIGN.h2_report,
    }[kind]
    return ordinal(year, *month_day)


def pick(rng: random.Random, lo: int, hi: int, blocked: Sequence[tuple[int, int]] = ()) -> int:
    """A day in [lo, hi] outside every blocked range; -1 when there is none."""
    if lo > hi:
        return -1
    if not blocked:
        return rng.randint(lo, hi)
    spans = [(lo, hi)]
    for a, b in blocked:
        kept = []
        for s, e in spans:
            if b < s or a > e:
                kept.append((s, e))
                continue
            if s < a:
                kept.append((s, a - 1))
            if b < e:
                kept.append((b + 1, e))
        spans = kept
    total = sum(e - s + 1 for s, e in spans)
    if total <= 0:
        return -1
    k = rng.randrange(total)
    for s, e in spans:
        if k <= e - s:
            return s + k
        k -= e - s + 1
    return -1  # pragma: no cover


def is_blocked(day: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(a <= day <= b for a, b in ranges)


def count(rng: random.Random, mean: float) -> int:
    """A whole number of events whose expected value is ``mean``."""
    whole = int(mean)
    return whole + (rng.random() < mean - whole)


T = TypeVar("T")


def weighted(rng: random.Random, table: Sequence[tuple[int, T]]) -> T:
    """One value of a ``(weight, value)`` table: what ``rng.choices`` draws with these weights,
    from the same random number, without building its lists on every call."""
    point = rng.random() * float(sum(w for w, _ in table))
    reached = 0
    for w, value in table:
        reached += w
        if point < reached:
            return value
    return table[-1][1]
