"""A fast reader for the plain shape of record files that lingbi writes and most clerks keep.

It understands only this subset, line by line:

    # comments and blank lines anywhere
    - key: plain scalar            (a record starts with "- " in column 1)
      key: 'single-quoted'         (further keys indented two spaces)
      key: "double-quoted without backslashes"
      key: [flow, list, of, plain, scalars]
      key: [{k: plain, k: plain}, {k: plain}]   (a flow list of flow mappings)
      key:                         (empty: null)

and gives exactly what the full reader (``yamlread.read_records``) gives for it: every scalar as
its string, null for empty/``~``/``null``, lists of strings (or of mappings of strings), and the
line and column of every
record and key. Anything else — block lists, multi-line or escaped scalars, anchors, tabs, a
top-level mapping, duplicate keys — makes it return None, and the caller falls back to the full
reader, which also reports every problem with its place. A test compares both readers on the
generated county and on hand-edited variants.
"""

from __future__ import annotations

import re

from lingbi_cli.store.yamlread import RawProblem, RawRecord, decode, read_records

NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_NOT_PLAIN_START = frozenset("?:,[]{}#&*!|>'\"%@`")
_PLAIN_BAD = re.compile(r": |:$|\t| #")
# A plain scalar beyond doubt: no blank, colon or hash anywhere, and a first character that
# starts no other token (nor "-" or "~"); anything else goes through the whole of ``_value``.
SURE_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`~][^\s:#]*")
_FLOW_ITEM_BAD = re.compile(r"[\[\]{}]|:$|:\?| #|^-(?:\s|$)")  # flow indicators, "- " entries
# What the YAML reader refuses (control characters, U+FFFE/U+FFFF) or takes as a line break
# (NEL, U+2028, U+2029, a CR without LF), and a BOM past the start: left to the full reader.
# (The characters themselves, not "all but the printable ranges": the same set, compiled in
# half a millisecond instead of several, at every start.)
UNUSUAL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_LONE_CR = re.compile("\r(?!\n)")


def _plain(text: str) -> str | None:
    """A plain scalar's value, or None if the text is not one we are sure about."""
    if not text:
        return ""
    if text[0] in _NOT_PLAIN_START or text.startswith(("- ", "-\t")) or text == "-":
        return None
    if _PLAIN_BAD.search(text):
        return None
    return text


def _value(rest: str | None) -> tuple[bool, object]:
    """(understood, value) for the text after ``key: ``."""
    if rest is None:
        return True, None
    if SURE_PLAIN.fullmatch(rest) and rest not in NULLS:
        return True, rest  # the common case, decided at once
    text = rest
    if " #" in text:
        quote = text[:1]
        if quote in ("'", '"'):
            end = text.find(quote, 1)
            while quote == "'" and end != -1 and text[end + 1 : end + 2] == "'":
                end = text.find("'", end + 2)
            if (
                end == -1
                or not (text[end + 1 :].strip() == "" or text[end + 1 :].lstrip().startswith("#"))
                or (text[end + 1 : end + 2] not in ("", " "))
            ):
                return False, None
            text = text[: end + 1]
        elif text[:1] == "[":
            end = text.find("]")
            if end == -1 or not text[end + 1 :].lstrip().startswith("#"):
                return False, None
            text = text[: end + 1]
        else:
            text = text[: text.index(" #")]
    text = text.rstrip(" ")
    if text in NULLS:
        return True, None
    first = text[0]
    if first == "'":
        if len(text) < 2 or text[-1] != "'":
            return False, None
        inner = text[1:-1]
        if "'" in inner.replace("''", ""):
            return False, None
        return True, inner.replace("''", "'")
    if first == '"':
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or "\\" in inner or '"' in inner:
            return False, None
        return True, inner
    if first == "[":
        if text[-1] != "]":
            return False, None
        inner = text[1:-1].strip(" \t")  # YAML's blanks only, not every Unicode space
        if not inner:
            return True, []
        if inner[0] == "{":
            return _mappings(inner)
        items = _items(inner.split(","))
        return (items is not None), items
    value = _plain(text)
    return (value is not None), value


def _items(parts: list[str]) -> list[str] | None:
    """Plain scalars of a flow collection, or None if one is not surely plain."""
    items = []
    for part in parts:
        item = part.strip(" \t")
        if (
            not item
            or item[0] in _NOT_PLAIN_START
            or ": " in item
            or item in NULLS
            or _FLOW_ITEM_BAD.search(item)
        ):
            return None
        items.append(item)
    return items


_FLOW_MAPPINGS = re.compile(r"\{[^{}\[\]]*\}(?:[ \t]*,[ \t]*\{[^{}\[\]]*\})*")
_FLOW_KEY = re.compile(r"[ \t]*([a-z_][a-z0-9_]*): (.*)")


def _mappings(inner: str) -> tuple[bool, object]:
    """``{date: 2019-11-20, status: 已脱贫}, {…}``: mappings of plain keys to plain scalars."""
    if not _FLOW_MAPPINGS.fullmatch(inner):
        return False, None
    out: list[dict[str, str]] = []
    for body in re.findall(r"\{([^{}]*)\}", inner):
        mapping: dict[str, str] = {}
        for part in body.split(","):
            match = _FLOW_KEY.fullmatch(part)
            value = _items([match[2]]) if match else None
            if match is None or value is None or match[1] in mapping:
                return False, None
            mapping[match[1]] = value[0]
        out.append(mapping)
    return True, out


# Every line of the simple shape: a key line (lead, key, the text after "key:") or, with empty
# groups, a blank line or a comment. One match per line, so a line that is neither leaves the
# count of matches short of the count of lines.
_LINE = re.compile(r"^(?:(- |  )([a-z_][a-z0-9_]*):(?: +(.*))?|[ ]*(?:#.*)?)$", re.MULTILINE)
_UNSEEN = object()  # a value not read yet in this file (None is a value: null)


def read_records_fast(text: str) -> list[RawRecord] | None:
    """The records of ``text`` if it is entirely in the simple shape; otherwise None.

    The lines are matched in one pass (``_LINE``); a month file says the same date, kind or
    summary many times, so each value's text is read once per file (``seen``; a list is copied
    for every record that has it)."""
    if UNUSUAL.search(text) or ("\r" in text and _LONE_CR.search(text)):
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # every CR is before an LF (above): same lines
    lines = _LINE.findall(text)
    if len(lines) != text.count("\n") + 1:
        return None  # a line of another shape
    records: list[RawRecord] = []
    current: dict[str, object] | None = None
    keys: dict[str, tuple[int, int]] = {}
    seen: dict[str, object] = {}
    for number, (lead, key, rest) in enumerate(lines, start=1):
        if not lead:
            continue  # a blank line or a comment
        value = seen.get(rest, _UNSEEN)
        if value is _UNSEEN:
            understood, value = _value(rest)
            if not understood:
                return None
            seen[rest] = value
        if value.__class__ is list:
            value = [v.copy() if v.__class__ is dict else v for v in value]
        if lead == "- ":
            current, keys = {}, {}
            records.append(RawRecord(current, number, 3, keys))
        elif current is None or key in current:
            return None
        current[key] = value
        keys[key] = (number, 3)
    return records


Read = tuple[list[RawRecord], list[RawProblem], str]
_RECENT: dict[bytes, Read] = {}  # the last few files read, by their bytes
RECENT = 4


def read_any(data: bytes) -> Read:
    """A file's records: by the fast reader when the file is in its simple shape, by the full
    reader (which also reports every problem with its place) otherwise; and the text.

    A write reads its file several times (to see it is whole, to check the edit, to judge the
    new record): the last few results are kept, by the bytes read. The lists are the caller's;
    the records in them are shared and must not be changed."""
    found = _RECENT.get(data)
    if found is None:
        found = _read_any(data)
        if len(_RECENT) >= RECENT:
            del _RECENT[next(iter(_RECENT))]
        _RECENT[data] = found
    return list(found[0]), list(found[1]), found[2]


def _read_any(data: bytes) -> Read:
    text, problem = decode(data)
    if text is not None and problem is None:
        fast = read_records_fast(text)
        if fast:
            return fast, [], text
    raws, problems = read_records(data)
    return raws, problems, text or data.decode("utf-8", "replace")
