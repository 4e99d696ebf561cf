"""Records as rows: the plain values a cache keeps, and the light form a county holds activities in.

A row is ``(values, line, ignores)``: a record's field values in ``model_fields`` order, the
line it starts on and its ignore comments — an activity's row is its ``ActivityRecord`` as a
plain tuple (the values, then the file, line and ignore comments), which the cache pickles
and unpickles as one tuple and ``restore`` turns back into the record without copying.
``row_of`` makes one from a validated record, ``restore`` rebuilds the records of a file from
its rows without validating them again — they were validated when the row was made.
Activities come back as ``ActivityRecord`` tuples: a county holds a quarter of a million.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, NamedTuple

from lingbi_cli import models

Row = tuple[Any, ...]


class ActivityRecord(NamedTuple):
    """An activity as loaded: the values an ``Activity`` validated, read-only, as a tuple.

    A county holds a quarter of a million activities; as pydantic models they cost ~3 µs each
    to rebuild from the cache and a little more to read, as tuples a fraction of that. Every
    activity is validated as an ``Activity`` first; rules and reports read the same attribute
    names from either (``date``, ``kind``, ``deputies`` …, and ``file``, ``line``,
    ``ignores``, ``id``, ``kind_label``). The fields are Activity's, in order (checked below),
    then the record's place.
    """

    id: str
    date: dt.date
    kind: models.ActivityKind
    township: str
    deputies: list[str]
    household: str | None
    focus: models.FocusArea | None
    form: models.TripForm | None
    aid: models.HelpKind | None
    summary: str
    amount: Decimal | None
    funds: Decimal | None
    jobs: int | None
    projects: int | None
    cooperatives: int | None
    trainees: int | None
    participants: int | None
    villages: list[str] | None
    observations: str | None
    follow_up: str | None
    outlet: str | None
    title: str | None
    file: str
    line: int
    marks: dict[str, str] | None

    @property
    def kind_name(self) -> str:
        return "activity"

    @property
    def kind_label(self) -> str:
        return "活动"

    @property
    def ignores(self) -> dict[str, str]:
        return self.marks or {}

    @classmethod
    def of(cls, activity: models.Activity) -> ActivityRecord:
        """The loaded form of a validated activity, with its place."""
        place = (activity.file, activity.line, activity.ignores or None)
        return cls._make((*values_of(activity), *place))


Loaded = models.Record | ActivityRecord
"""A record as ``Records`` hold it: a pydantic model, or an activity's light tuple."""

_ACTIVITY_FIELDS = tuple(models.Activity.model_fields)
if ActivityRecord._fields[: len(_ACTIVITY_FIELDS)] != _ACTIVITY_FIELDS:  # pragma: no cover
    raise AssertionError("ActivityRecord's fields must be Activity's, in the same order")


def values_of(record: Loaded) -> tuple[Any, ...]:
    """The record's field values in ``model_fields`` order (what ``restore`` takes back)."""
    if isinstance(record, ActivityRecord):
        return tuple(record[: len(_ACTIVITY_FIELDS)])
    return _values_getter(type(record))(record.__dict__)  # type: ignore[no-any-return]


@functools.cache
def _field_names(model: type[models.Record]) -> tuple[str, ...]:
    """A model's fields in order, taken once (``model_fields`` costs a call each time)."""
    return tuple(model.model_fields)


@functools.cache
def _values_getter(model: type[models.Record]) -> Callable[[dict[str, Any]], Any]:
    """A model's field values from its ``__dict__``, as a tuple, in one call."""
    names = _field_names(model)
    if len(names) == 1:
        return lambda values: (values[names[0]],)
    return operator.itemgetter(*names)


def row_of(record: Loaded) -> Row:
    """What a cache keeps of a record: its values, its line and its ignore comments (an
    activity: the plain tuple of its ``ActivityRecord``)."""
    if isinstance(record, ActivityRecord):
        return tuple(record)
    return values_of(record), record.line, record.ignores or None


def restore(model: type[models.Record], rows: Iterable[Row], file: str) -> list[Loaded]:
    """The records of ``file`` from rows of ``model`` that were validated before (a cache),
    without validating them again; activities in their light form, ``ActivityRecord``.

    Several times faster than ``model_construct``; the cache-equivalence test guards it."""
    if model is models.Activity:  # each row is the record's tuple, of this file (the entry's)
        new_tuple = tuple.__new__
        return [new_tuple(ActivityRecord, row) for row in rows]
    names = _field_names(model)
    new, set_ = object.__new__, object.__setattr__
    out: list[Loaded] = []
    for values, line, ignores in rows:
        record = new(model)
        set_(record, "__dict__", dict(zip(names, values, strict=True)))
        set_(record, "__pydantic_fields_set__", set())
        set_(record, "__pydantic_extra__", None)
        record.place(file, line, ignores)
        out.append(record)
    return out
