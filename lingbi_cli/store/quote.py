"""One value as YAML text that every YAML reader reads back as the same value, on one line.

YAML readers disagree about plain (unquoted) text. YAML 1.1 readers (PyYAML, libyaml-based
tools, yamllint) take ``yes``, ``on``, ``y``, ``1:30``, ``010`` and ``0b11`` for booleans and
numbers; YAML 1.2 readers (ruamel.yaml, yq, the VS Code YAML extension, Go and JavaScript
libraries) take ``0o10``, ``1_000`` and ``0x1F`` for numbers; both take ``2019-05-08`` for a
date and ``~``, ``null``, ``.inf``, ``=`` or ``<<`` for something else again. And what is one
line to one reader is two to another: NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR break lines in
YAML 1.1, not in 1.2. So text is written

* plain, only when no reader could take it for anything but this string, in a block or in a
  flow list (``[甲村, 乙村]``): it starts with a letter (any script), or with digits and then
  a letter no number or date has there (``2019H1``, ``…013X``), and holds only printable
  characters, no line break, tab or space at either end, none of ``: , ? [ ] { }`` and no
  `` #``, and it is none of the words ``y n yes no true false on off null`` in any case — so
  no number, date or time is plain, nor anything that starts with a sign or a dot;
* otherwise single-quoted (``'0o0'``, ``'甲村,乙村'``, ``'it''s'``) when it is one line of
  printable characters without tabs;
* otherwise double-quoted on one line with JSON's escapes (``"一行\\n两行"``,
  ``"a\\u2028b"``), which every YAML version reads alike — and which lingbi can edit again.

The rule is lingbi's own, not an emitter's: PyYAML's emitter (YAML 1.1) writes ``0o0`` and
``1_000`` plain, ruamel.yaml's (1.2) writes ``yes`` and ``1:30`` plain and U+2028 as a line
break, and both cost 30–140 µs a scalar, where this costs about 1 µs. A property test
(tests/test_roundtrip.py) reads what every command writes with PyYAML, ruamel.yaml (safe and
round trip, YAML 1.1 and 1.2) and lingbi's two readers.
"""

from __future__ import annotations

import functools
import re

# YAML's printable characters (1.1 and 1.2 alike) less the line breaks of either version and
# the BOM are \x20-\x7e, \xa0-\u2027, \u202a-\ud7ff, \ue000-\ufefe, \uff00-\ufffd and all beyond
# the BMP. Every character class here is written as what it leaves out (``[^…]``): the same
# sets, compiled in microseconds, where the ranges themselves cost ``re`` a table entry per
# character — 10 ms at every start of lingbi. ``_NOT_RAW``: the C0 and C1 controls and DEL,
# LINE and PARAGRAPH SEPARATOR, the surrogates, the BOM and U+FFFE, U+FFFF.
_NOT_RAW = r"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
# Plain: a letter (or any non-ASCII printable character) first — not one of ASCII's
# ``\x20-\x40 [ \ ] ^ ` { | } ~`` — then printable characters but ``# , : ? [ ] { }``; ``#``
# is allowed where it cannot start a comment (not after a space); no whitespace of any kind at
# either end (YAML strips spaces and tabs, and lingbi's schema strips every kind).
# Or digits first, when what follows them is a letter no number, date or time has there: not
# a hex digit or ``e`` (``1e3``, ``0abc`` to Go), nor ``x o b`` after a lone ``0`` (``0x1F``),
# nor ``- . : _`` or any other sign of ASCII or Latin-1 (``\x00-\xbf`` but ``G-Z g-z``) —
# ``2019H1``, ``34132319650315013X`` and ``3号`` are text to every reader.
_LETTER = r"[^\x00-\x40\x5b-\x5e\x60\x7b-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
_AFTER_DIGITS = r"[^\x00-\x46\x5b-\x66\x7b-\xbf\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
_INSIDE = (
    r"[^\x00-\x1f\x23\x2c\x3a\x3f\x5b\x5d\x7b\x7d"
    r"\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
PLAIN = re.compile(
    r"(?!(?i:y|n|yes|no|true|false|on|off|null)\Z)(?!\s)"
    rf"(?:{_LETTER}|(?!0[xXoObB])[0-9]+{_AFTER_DIGITS})"
    rf"(?:{_INSIDE}|(?<! )#)*(?<!\s)"
)
_ONE_LINE = re.compile(f"[^{_NOT_RAW}]*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def text(value: str) -> str:
    """``value`` as a YAML scalar on one line: plain, single- or double-quoted (see above)."""
    if PLAIN.fullmatch(value):
        return value
    if _ONE_LINE.fullmatch(value):
        return "'" + value.replace("'", "''") + "'"
    return '"' + _escapes().sub(_escape, value) + '"'


@functools.cache
def _escapes() -> re.Pattern[str]:
    """What a double-quoted scalar escapes; compiled when first needed (a class of characters
    that are not all ASCII costs ``re`` milliseconds, and most runs quote nothing this way)."""
    return re.compile(f'[{_NOT_RAW}]|["\\\\]')


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    known = _ESCAPES.get(char)
    if known is not None:
        return known
    code = ord(char)
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"
