"""The schema's answer for a plainly written activity, without asking pydantic.

A county has a quarter of a million activities, and nearly all are written one way: an id, a
date as ``2019-05-01``, a kind, a list of deputies, a household, a summary, perhaps an aid, a
focus, a count or an amount in plain digits. ``activity_values`` accepts exactly such an
activity and gives the values the ``Activity`` schema would give, in its fields' order — the
same types, the same values — in a third of the time; it **declines** (returns None) anything
else: another key, an empty value, a space around a value, a date, number or kind written any
other way, and every activity the schema would refuse or its rules of kinds would (a required
field missing, a field the kind must not have, a repeated deputy, a donation of nothing). A
declined activity goes through pydantic as before, which accepts it or says why not; so this
can only make a county load faster, never change what it holds or what is reported. A test
compares both on every activity of a generated county and on seeded variants written every
other way (``tests/test_fastvalid.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from lingbi_cli.models import Activity
from lingbi_cli.models.enums import ActivityKind, FocusArea, HelpKind
from lingbi_cli.models.fields import ID_PATTERN
from lingbi_cli.models.work import KIND_RULES

_ID = re.compile(ID_PATTERN).fullmatch
# ASCII digits only: Python's \d, int() and Decimal() also take other scripts' digits
_DATE = re.compile(r"(?:19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}").fullmatch
_COUNT = re.compile(r"0|[1-9][0-9]{0,8}").fullmatch
_YUAN = re.compile(r"(?:0|[1-9][0-9]{0,11})(?:\.[0-9]{1,2})?").fullmatch  # 14 digits, 2 decimals

_BAD = object()  # a value not taken here
# What a county writes again and again, judged once per process: its dates, and the ids of its
# deputies and households (an activity's own id is checked every time: it is seen once).
_dates: dict[str, object] = {}
_ids: set[str] = set()


def _id(value: str) -> object:
    return value if _ID(value) else _BAD


def _person(value: str) -> object:
    if value in _ids:
        return value
    if not _ID(value):
        return _BAD
    _ids.add(value)
    return value


def _deputies(value: object) -> object:
    if type(value) is not list or not value:
        return _BAD
    try:
        known = _ids.issuperset(value)
    except TypeError:  # a mapping in the list
        return _BAD
    if not known:
        if not all(type(d) is str and _person(d) is d for d in value):
            return _BAD
    if len(value) > 1 and len(set(value)) != len(value):
        return _BAD
    return list(value)


def _date(value: str) -> object:
    made = _dates.get(value, _BAD)
    if made is _BAD and _DATE(value):
        try:
            made = _dates[value] = dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            pass
    return made


def _summary(value: str) -> object:
    return value if 0 < len(value) <= 2000 and value == value.strip() else _BAD


def _count(value: str) -> object:
    return int(value) if _COUNT(value) else _BAD


def _yuan(value: str) -> object:
    return Decimal(value) if _YUAN(value) else _BAD


def _kind(value: str) -> object:
    return _KINDS.get(value, _BAD)


_KINDS: dict[str, object] = {member.value: member for member in ActivityKind}
_FOCUS: dict[str, object] = {member.value: member for member in FocusArea}
_AIDS: dict[str, object] = {member.value: member for member in HelpKind}
_FIELDS = tuple(Activity.model_fields)
# The keys taken here, each with its field's place and how its text becomes the value (the
# rest — a trip's villages, findings and form, publicity's outlet and title — are rare, and
# left to pydantic).
_CONVERT: dict[str, Callable[[Any], object]] = {
    "id": _id,
    "date": _date,
    "kind": _kind,
    "township": _person,
    "deputies": _deputies,
    "household": _person,
    "focus": lambda value: _FOCUS.get(value, _BAD),
    "aid": lambda value: _AIDS.get(value, _BAD),
    "summary": _summary,
    **dict.fromkeys(("jobs", "projects", "cooperatives", "trainees", "participants"), _count),
    **dict.fromkeys(("amount", "funds"), _yuan),
}
_SLOTS = {key: (_FIELDS.index(key), convert) for key, convert in _CONVERT.items()}
_DEPUTIES = _FIELDS.index("deputies")
_KIND = _FIELDS.index("kind")
_TOWNSHIP = _FIELDS.index("township")
_AMOUNT = _FIELDS.index("amount")
_ALWAYS = frozenset(("id", "date", "kind", "deputies", "summary"))
# per kind: the keys it must have, and the keys it may have
_MUST = {kind: _ALWAYS | set(required) for kind, (required, _) in KIND_RULES.items()}
_MAY = {kind: frozenset(_CONVERT) - set(forbidden) for kind, (_, forbidden) in KIND_RULES.items()}
_NOTHING: list[object] = [None] * len(_FIELDS)


def activity_values(values: dict[str, object], township: str | None) -> tuple[object, ...] | None:
    """The ``Activity`` schema's values for the mapping ``values`` read in the folder of
    ``township`` (its fields' order; the township is the folder's when not written), or None
    when it is not written in the plain way taken here (pydantic then decides)."""
    out = _NOTHING.copy()
    for key, value in values.items():
        slot = _SLOTS.get(key)
        if slot is None or (type(value) is not str and slot[0] != _DEPUTIES):
            return None
        made = slot[1](value)
        if made is _BAD:
            return None
        out[slot[0]] = made
    kind = out[_KIND]
    if not isinstance(kind, ActivityKind) or not _MUST[kind] <= values.keys() <= _MAY[kind]:
        return None
    written = out[_TOWNSHIP]
    if written is None:
        out[_TOWNSHIP] = township
    elif written != township:
        return None  # the loader reports it
    if out[_TOWNSHIP] is None:
        return None
    amount = out[_AMOUNT]
    if kind is ActivityKind.donation and isinstance(amount, Decimal) and amount <= 0:
        return None
    return tuple(out)
