"""The schema's answer for plainly written activities and households, without asking pydantic.

A county has a quarter of a million activities and 40,000 households, and nearly all are
written one way: lingbi's own. Two things here take that way only, and decline (return None
for) anything else, which then goes the usual way — the line reader (``fastread``) or libyaml,
and the schemas — and is accepted or reported as before:

* ``activity_values`` takes a record as the readers give it (an id, a date as ``2019-05-01``,
  a kind, a list of deputies, a household, a summary, perhaps an aid, a focus, a count or an
  amount in plain digits) and gives the values the ``Activity`` schema would give, in its
  fields' order — the same types, the same values — in a third of the time;
* ``read_plain_activities`` and ``read_plain_households`` read a month file, or a township's
  households file, in one pass: each record in lingbi's layout is matched by one regular
  expression and its texts made into the schema's values directly; any other stretch of the
  file is read by the line reader on its own, at its place in the file.

They decline another key, an empty value, a space around a value, a date, number or word
written any other way, and every record the schema or its rules of kinds would refuse (a
required field missing, a field the kind must not have, a repeated deputy, a donation of
nothing, a unit for a household not on a unit's list). So they can only make a county load
faster, never change what it holds or what is reported. ``tests/test_fastvalid.py`` compares
them with the usual way on every record of a generated county and on thousands of records and
files written every other way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from lingbi_cli.models import Activity, Household
from lingbi_cli.models.enums import (
    ActivityKind,
    Cause,
    ChineseEnum,
    FocusArea,
    HelpKind,
    HouseholdSource,
    HouseholdStatus,
    PovertyAttribute,
)
from lingbi_cli.models.fields import ID_PATTERN
from lingbi_cli.models.people import StatusChange
from lingbi_cli.models.work import KIND_RULES
from lingbi_cli.store.fastread import NULLS, SURE_PLAIN, UNUSUAL, read_records_fast
from lingbi_cli.store.yamlread import RawRecord, decode

_ID = re.compile(ID_PATTERN).fullmatch
# ASCII digits only: Python's \d, int() and Decimal() also take other scripts' digits
_DATE_TEXT = r"(?:19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}"
_DATE = re.compile(_DATE_TEXT).fullmatch
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


def _word(enum: type[ChineseEnum]) -> Callable[[str], object]:
    """A member of ``enum`` by its Chinese word."""
    words: dict[str, object] = {member.value: member for member in enum}
    return lambda text: words.get(text, _BAD)


_KINDS = {member.value: member for member in ActivityKind}
_FIELDS = tuple(Activity.model_fields)
# The keys taken here, each with its field's place and how its text becomes the value (the
# rest — a trip's villages, findings and form, publicity's outlet and title — are rare, and
# left to pydantic).
_CONVERT: dict[str, Callable[[Any], object]] = {
    "id": _id,
    "date": _date,
    "kind": _word(ActivityKind),
    "township": _person,
    "deputies": _deputies,
    "household": _person,
    "focus": _word(FocusArea),
    "aid": _word(HelpKind),
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
    return _activity(kind, out)


def _activity(kind: ActivityKind, out: list[object]) -> tuple[object, ...] | None:
    """The values, unless the schema refuses them for what they say together (a donation of
    nothing)."""
    amount = out[_AMOUNT]
    if kind is ActivityKind.donation and isinstance(amount, Decimal) and amount <= 0:
        return None
    return tuple(out)


# A month file of activities as lingbi writes it, read and validated in one pass. Most records
# are in exactly the layout of ``_RECORD``, each line ending at its value, every value of a
# shape the line reader reads as its plain text (``fastread``: no blank, colon or hash, no
# quote, not a null word): so the values are what it gives, and the record is judged as
# ``activity_values`` judges it. Any other stretch of the file — a record with other keys or
# values written another way, comment lines — is read by the line reader on its own (its
# lines up to the next record), with its place in the file; a stretch the line reader
# declines, and the whole file goes the usual way. Ignore comments too (``lingbi:``), and a
# file that is not plain UTF-8 text with LF line ends.
_ID_TEXT = r"[a-z0-9][a-z0-9-]{0,63}"
_RECORD = re.compile(
    rf"- id: ({_ID_TEXT})\n"
    rf"  date: ({_DATE_TEXT})\n"
    rf"  kind: ({'|'.join(map(re.escape, _KINDS))})\n"
    rf"  deputies: \[({_ID_TEXT}(?:, {_ID_TEXT})*)\]\n"
    r"((?:  [a-z_]+: [^\n]*\n)*)"
)
_KEY_LINE = re.compile(r"  ([a-z_]+): ([^\n]*)\n")


def _plain_summary(text: str) -> object:
    return text if len(text) <= 2000 and SURE_PLAIN.fullmatch(text) and text not in NULLS else _BAD


def _plain_id(text: str) -> object:
    return _BAD if text in NULLS else _person(text)


# the keys after the deputies: each value's place, and how its text (a plain scalar's, as the
# line reader gives it) becomes the value (the township: lingbi does not write it)
_REST: dict[str, tuple[int, Callable[[str], object]]] = {
    key: (_FIELDS.index(key), convert)
    for key, convert in {**_CONVERT, "summary": _plain_summary, "household": _plain_id}.items()
    if key not in ("id", "date", "kind", "deputies", "township")
}
Placed = tuple[tuple[object, ...], int]  # an activity's values and the line it starts on
_NULL_IDS = NULLS  # of the null words, only "null" has an id's shape


def read_plain_activities(data: bytes, township: str | None) -> list[Placed | RawRecord] | None:
    """The records of the month file ``data``, in order: each activity taken in one pass as
    its values (in the fields' order) and line; each other record as the line reader reads it,
    to be judged the usual way. None: read the whole file the usual way."""
    return _read_plain(data, township, _RECORD, _values)


def _read_plain(
    data: bytes,
    township: str | None,
    record: re.Pattern[str],
    make: Callable[[re.Match[str], str], tuple[object, ...] | None],
) -> list[Placed | RawRecord] | None:
    """The records of ``data``: those ``record`` matches and ``make`` takes as their values
    and lines, the rest as the line reader reads them (see above); None: the usual way."""
    if township is None:
        return None
    text, problem = decode(data)
    if text is None or problem is not None or "\r" in text or "lingbi:" in text:
        return None
    if UNUSUAL.search(text):
        return None
    made: list[Placed | RawRecord] = []
    position, line, size = 0, 1, len(text)
    match = record.match
    while position < size:
        found = match(text, position)
        values = None if found is None else make(found, township)
        if found is not None and values is not None:
            made.append((values, line))
            line += text.count("\n", position, found.end())
            position = found.end()
            continue
        # the lines up to the next record (one record at most, beginning here), read on their own
        end = text.find("\n- ", position) + 1 or size
        read = read_records_fast(text[position:end])
        if read is None:
            return None  # not in the line reader's shape: the whole file goes the usual way
        made.extend(_moved(raw, line - 1) for raw in read)
        line += text.count("\n", position, end)
        position = end
    return made or None  # no record: the usual way says what it makes of such a file


def _moved(raw: RawRecord, lines: int) -> RawRecord:
    """``raw`` read from a stretch of a file, placed in the file (``lines`` lines before it)."""
    keys = {key: (number + lines, column) for key, (number, column) in raw.keys.items()}
    return RawRecord(raw.values, raw.line + lines, raw.column, keys)


def _taken(
    rest: str,
    take: dict[str, tuple[int, Callable[[str], object]]],
    out: list[object],
    keys: set[str],
) -> bool:
    """Each key line of ``rest`` made into its value, at its place in ``out`` (``keys``: the
    keys met so far, each once); False at a key or a value not taken here."""
    for key, text in _KEY_LINE.findall(rest):
        found = take.get(key)
        if found is None or key in keys:
            return False
        keys.add(key)
        value = found[1](text)
        if value is _BAD:
            return False
        out[found[0]] = value
    return True


def _values(found: re.Match[str], township: str) -> tuple[object, ...] | None:
    """``activity_values`` of one record of ``read_plain_activities`` (its texts as matched)."""
    record_id, day, kind_word, names, rest = found.groups()
    date = _date(day)
    deputies = names.split(", ")
    if record_id in _NULL_IDS or date is _BAD or not _NULL_IDS.isdisjoint(deputies):
        return None
    if len(deputies) > 1 and len(set(deputies)) != len(deputies):
        return None
    kind = _KINDS[kind_word]
    out = _NOTHING.copy()
    out[0:5] = (record_id, date, kind, township, deputies)  # id, date, kind, township, deputies
    keys = {"id", "date", "kind", "deputies"}
    if not _taken(rest, _REST, out, keys) or not _MUST[kind] <= keys <= _MAY[kind]:
        return None
    return _activity(kind, out)


# Households, the same way: the county's households files are its largest after the months
# (40,000 households, 11 MB). A record is ``- id:`` and key lines; each value of a shape the
# line reader reads as its text (a name, a count, a year, a word of the schema's lists, an ID
# number or a phone in single quotes or plain, a flow list of words, a list of dated changes
# written ``{date: …, status: …}``), judged as the ``Household`` schema judges it; anything
# else is read by the line reader and judged by pydantic, as above.
_HOUSEHOLD = re.compile(rf"- id: ({_ID_TEXT})\n((?:  [a-z_]+: [^\n]*\n)*)")
_CHANGE = re.compile(
    rf"\{{date: ({_DATE_TEXT}), status: ("
    + "|".join(re.escape(s.value) for s in HouseholdStatus if s is not HouseholdStatus.poor)
    + r")\}"
)
_CHANGES = re.compile(rf"\[(?:{_CHANGE.pattern}(?:, {_CHANGE.pattern})*)?\]")
_ID_NUMBER = re.compile(r"[0-9]{17}[0-9X]").fullmatch
_PHONE = re.compile(r"1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}").fullmatch
_NEW, _SET_ATTR = object.__new__, object.__setattr__
_MEMBERS = re.compile(r"[1-9]|[12][0-9]|30").fullmatch
_YEAR = re.compile(r"20[0-9]{2}|2100").fullmatch
_CAUSES: dict[str, object] = {member.value: member for member in Cause}
_STATUSES = {member.value: member for member in HouseholdStatus}


def _name(text: str) -> object:
    return text if len(text) <= 40 and SURE_PLAIN.fullmatch(text) and text not in NULLS else _BAD


def _quoted_or_plain(matches: Callable[[str], object]) -> Callable[[str], object]:
    """A text in single quotes or plain, when its inside ``matches`` (digits and X, a hyphen:
    nothing quoting changes, nothing the line reader takes for a null)."""

    def take(text: str) -> object:
        inner = text[1:-1] if len(text) > 2 and text[0] == text[-1] == "'" else text
        return inner if matches(inner) else _BAD

    return take


def _words(words: dict[str, object]) -> Callable[[str], object]:
    """A flow list of at least one of ``words`` (``[因病, 缺劳力]``): their members."""

    def take(text: str) -> object:
        if len(text) < 3 or text[0] != "[" or text[-1] != "]":
            return _BAD
        found = [words.get(item, _BAD) for item in text[1:-1].split(", ")]
        return _BAD if any(item is _BAD for item in found) else found

    return take


def _changes(text: str) -> object:
    if not _CHANGES.fullmatch(text):
        return _BAD
    made = []
    for day, status in _CHANGE.findall(text):
        date = _date(day)
        if date is _BAD:
            return _BAD
        change = _NEW(StatusChange)
        _SET_ATTR(change, "__dict__", {"date": date, "status": _STATUSES[status]})
        _SET_ATTR(change, "__pydantic_fields_set__", {"date", "status"})
        _SET_ATTR(change, "__pydantic_extra__", None)
        _SET_ATTR(change, "__pydantic_private__", None)
        made.append(change)
    return made


_HOUSEHOLD_FIELDS = tuple(Household.model_fields)
_HOUSEHOLD_TAKE: dict[str, tuple[int, Callable[[str], object]]] = {
    key: (_HOUSEHOLD_FIELDS.index(key), convert)
    for key, convert in {
        "head": _name,
        "id_number": _quoted_or_plain(_ID_NUMBER),
        "village": _name,
        "group": _name,
        "members": lambda text: int(text) if _MEMBERS(text) else _BAD,
        "attribute": _word(PovertyAttribute),
        "causes": _words(_CAUSES),
        "registered": lambda text: int(text) if _YEAR(text) else _BAD,
        "status_history": _changes,
        "source": _word(HouseholdSource),
        "unit": _plain_id,
        "phone": _quoted_or_plain(_PHONE),
    }.items()
}
_HOUSEHOLD_TOWNSHIP = _HOUSEHOLD_FIELDS.index("township")
_HOUSEHOLD_HISTORY = _HOUSEHOLD_FIELDS.index("status_history")
_HOUSEHOLD_UNIT = _HOUSEHOLD_FIELDS.index("unit")
_HOUSEHOLD_SOURCE = _HOUSEHOLD_FIELDS.index("source")
_HOUSEHOLD_MUST = frozenset(("head", "id_number", "village", "members", "attribute", "causes"))
_HOUSEHOLD_MUST |= {"registered", "source"}


def read_plain_households(data: bytes, township: str | None) -> list[Placed | RawRecord] | None:
    """``read_plain_activities`` for a township's households file: each household taken in one
    pass as its values (the ``Household`` fields' order) and line, the others as the line
    reader reads them; None: read the whole file the usual way."""
    return _read_plain(data, township, _HOUSEHOLD, _household)


def _household(found: re.Match[str], township: str) -> tuple[object, ...] | None:
    record_id, rest = found.groups()
    if record_id in NULLS:
        return None
    out: list[object] = [None] * len(_HOUSEHOLD_FIELDS)
    out[0], out[_HOUSEHOLD_TOWNSHIP], out[_HOUSEHOLD_HISTORY] = record_id, township, []
    keys: set[str] = set()
    if not _taken(rest, _HOUSEHOLD_TAKE, out, keys) or not _HOUSEHOLD_MUST <= keys:
        return None
    if out[_HOUSEHOLD_UNIT] is not None and out[_HOUSEHOLD_SOURCE] is not HouseholdSource.unit:
        return None  # the schema says why
    return tuple(out)
