"""The day records are judged on, watched: for which other days a ``check`` would say the same.

A stored ``check`` result must not be keyed by the calendar day (a run on 1 December would judge
the whole county again although no deadline fell since 30 November), nor reused across a
deadline. The rules compare the judging day (``as_of``) and today with dates of the records and
the settings — a report due on 20 June, a reply due 90 days after a proposal was assigned, a
record dated after today. ``Watched`` is a ``date`` that notes every such comparison and narrows
the range of days for which each comparison would come out the same: the verdict, made of those
comparisons, is then the same for every day of the range (``Window``), and the stored result is
served for any day inside it.

Anything a rule does with the day other than comparing it with a date — printing it in a
message, taking its year, adding days to it, hashing it — might depend on the exact day, so it
narrows the range to that one day. A rule added later is therefore safe without knowing about
this module: the worst it can cause is a stored result reused only on the same day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

_ONE = dt.timedelta(days=1)


@dataclass(slots=True)
class Window:
    """The days (``first`` to ``last``, inclusive) for which every comparison seen so far comes
    out as it did for the judging day."""

    first: dt.date = dt.date.min
    last: dt.date = dt.date.max

    def after(self, day: dt.date) -> None:
        """Only days after ``day``."""
        if day < dt.date.max:
            self.first = max(self.first, day + _ONE)
        else:
            self.first = self.last = day

    def from_(self, day: dt.date) -> None:
        self.first = max(self.first, day)

    def before(self, day: dt.date) -> None:
        if day > dt.date.min:
            self.last = min(self.last, day - _ONE)
        else:
            self.first = self.last = day

    def until(self, day: dt.date) -> None:
        self.last = min(self.last, day)

    def holds(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def span(self) -> tuple[dt.date, dt.date]:
        return (self.first, self.last)

    def narrow(self, span: tuple[dt.date, dt.date]) -> None:
        """Keep only the days of ``span`` too (what another process saw)."""
        self.first = max(self.first, span[0])
        self.last = min(self.last, span[1])


def _plain(day: dt.date) -> dt.date:
    return dt.date.fromordinal(dt.date.toordinal(day))


_OWN = frozenset({"_pin", "_window", "_compare", "__class__", "__eq__"})


class Watched(dt.date):
    """A day that narrows its ``Window`` with every comparison and pins it to itself on any
    other use (see the module's docstring)."""

    _window: Window

    def __new__(cls, day: dt.date, window: Window) -> Watched:
        self = super().__new__(cls, day.year, day.month, day.day)
        object.__setattr__(self, "_window", window)
        return self

    # -- any use other than a comparison pins the window to this very day
    def _pin(self) -> dt.date:
        day = _plain(self)
        window: Window = object.__getattribute__(self, "_window")
        window.from_(day)
        window.until(day)
        return day

    def __getattribute__(self, name: str) -> Any:
        if name in _OWN:
            return object.__getattribute__(self, name)
        return getattr(object.__getattribute__(self, "_pin")(), name)

    def __str__(self) -> str:
        return str(self._pin())

    def __repr__(self) -> str:
        return repr(self._pin())

    def __format__(self, spec: str) -> str:
        return format(self._pin(), spec)

    def __hash__(self) -> int:
        return hash(self._pin())

    def __reduce__(self) -> Any:
        return (_plain, (self._pin(),))

    def __add__(self, other: Any) -> Any:
        return self._pin() + other

    __radd__ = __add__

    def __sub__(self, other: Any) -> Any:
        return self._pin() - other

    def __rsub__(self, other: Any) -> Any:
        return other - self._pin()

    # -- comparisons: the outcome stays the same over a range of days
    def _compare(self, other: Any) -> tuple[dt.date, Window] | None:
        if type(other) is not dt.date:  # another watched day, a datetime, not a date at all
            return None
        return _plain(self), object.__getattribute__(self, "_window")

    def __lt__(self, other: Any) -> bool:
        seen = self._compare(other)
        if seen is None:
            return self._pin() < other  # type: ignore[no-any-return]
        day, window = seen
        if day < other:
            window.before(other)
            return True
        window.from_(other)
        return False

    def __le__(self, other: Any) -> bool:
        seen = self._compare(other)
        if seen is None:
            return self._pin() <= other  # type: ignore[no-any-return]
        day, window = seen
        if day <= other:
            window.until(other)
            return True
        window.after(other)
        return False

    def __gt__(self, other: Any) -> bool:
        seen = self._compare(other)
        if seen is None:
            return self._pin() > other  # type: ignore[no-any-return]
        day, window = seen
        if day > other:
            window.after(other)
            return True
        window.until(other)
        return False

    def __ge__(self, other: Any) -> bool:
        seen = self._compare(other)
        if seen is None:
            return self._pin() >= other  # type: ignore[no-any-return]
        day, window = seen
        if day >= other:
            window.from_(other)
            return True
        window.before(other)
        return False

    def __eq__(self, other: object) -> bool:
        seen = self._compare(other)
        if seen is None:
            return self._pin() == other
        day, window = seen
        assert isinstance(other, dt.date)
        if day == other:
            self._pin()
            return True
        if day < other:
            window.before(other)
        else:
            window.after(other)
        return False

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)


def watched(day: dt.date) -> tuple[Watched, Window]:
    """``day`` watched, and the window its comparisons narrow."""
    window = Window()
    return Watched(day, window), window


def span_of(day: dt.date) -> tuple[dt.date, dt.date] | None:
    """The window of a watched day, as it is now (None for a plain day)."""
    if type(day) is not Watched:
        return None
    window: Window = object.__getattribute__(day, "_window")
    return window.span()


def narrow(day: dt.date, span: tuple[dt.date, dt.date]) -> None:
    """Narrow a watched day's window to ``span`` too (what another process saw of it)."""
    if type(day) is Watched:
        window: Window = object.__getattribute__(day, "_window")
        window.narrow(span)
