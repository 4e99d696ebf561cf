"""JSON Schema for one field as a YAML reader hands it to a validator, not as Python types it.

lingbi reads every scalar as its text and lets the model convert it (``registered: 2019`` is the
text "2019", which becomes the integer 2019). An editor's validator (yaml-language-server,
check-jsonschema) sees what a YAML 1.2 reader makes of the same text: ``period: 2018`` is an
integer, ``phone: 13800001234`` an integer, ``date: 2019-05-08`` a string, ``registered:
'2019'`` a string. ``widen`` turns the schema Pydantic gives for a field into one that accepts
each of those forms exactly when lingbi's schema tier accepts the text behind it.

What still differs, because a value cannot tell its text: a landline written unquoted loses its
leading zero (accepted if it then has 9–10 digits); lingbi also takes a date written as a
midnight timestamp, ``1_000`` for a number, and an amount with more than two decimals written
as a YAML number is caught by lingbi only.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from lingbi_cli import models

Schema = dict[str, Any]

# Fields whose values lingbi accepts one-alone as a list of one (``deputies: d1``): a list of
# these item schemas or a single item. Those with a minimum of 0 items also take an empty value.
AS_LIST = frozenset({"deputies", "liaison", "households", "cosigners", "levels", "causes"})

_ANY_SCALAR: Schema = {"type": ["string", "number", "boolean"]}
_BLANK_FREE = r"\S"  # lingbi strips text before judging its length: "  " is empty
_DATE = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
_BOOL_WORDS = ("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "1", "0")
_PERIOD = r"^\d{4}(H[12])?$"
_MOBILE = r"1[3-9]\d{9}"
_LANDLINE = r"0\d{2,3}-?\d{7,8}"


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


BOOL_TEXT = "^(" + "|".join(_any_case(w) for w in _BOOL_WORDS) + ")$"


def integer_text(minimum: int | None, maximum: int | None) -> str:
    """A pattern for the text of an integer in [minimum, maximum] as lingbi parses it: an
    optional sign, leading zeros and a ``.0`` fraction are fine (``'05'``, ``'2019.0'``)."""
    if minimum is not None and maximum is not None and maximum - minimum <= 1000:
        choices = "|".join(str(n) for n in range(max(minimum, 0), maximum + 1))
        return rf"^\s*\+?0*({choices})(\.0*)?\s*$"
    sign = "" if minimum is not None and minimum >= 0 else "-?"
    return rf"^\s*({sign}|\+)\d+(\.0*)?\s*$"


# Non-negative decimals with at most two places and fourteen digits (``Yuan``), as text.
DECIMAL_TEXT = r"^\s*\+?(\d{1,12}(\.\d{0,2})?|\.\d{1,2})\s*$"


def _date() -> Schema:
    return {"type": "string", "format": "date", "pattern": _DATE}


def _phone() -> Schema:
    return {
        "anyOf": [
            {"type": "string", "pattern": rf"^\s*({_MOBILE}|{_LANDLINE})\s*$"},
            {"type": "integer", "minimum": 13_000_000_000, "maximum": 19_999_999_999},
            # an unquoted landline: YAML reads 05571234567 as the number 5571234567
            {"type": "integer", "minimum": 100_000_000, "maximum": 9_999_999_999},
        ]
    }


def _period() -> Schema:
    return {
        "anyOf": [
            {"type": "string", "pattern": _PERIOD},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ]
    }


# Fields whose Python type says less than lingbi checks (a validator function, not a pattern).
BY_KEY: dict[str, Callable[[], Schema]] = {
    "phone": _phone,
    "period": _period,
    "id_number": lambda: dict(_ANY_SCALAR),
}


def widen(node: Schema, key: str) -> Schema:
    """``node`` (a property schema from Pydantic) made to accept YAML scalars as lingbi does."""
    if "anyOf" in node:
        branches = node["anyOf"]
        if _is_decimal(branches):
            branches = [
                {"type": "string", "pattern": DECIMAL_TEXT} if b.get("type") == "string" else b
                for b in branches
            ]
            return {**node, "anyOf": branches}
        return {**node, "anyOf": _flatten([widen(b, key) for b in branches])}
    if "$ref" in node or "enum" in node:
        return node
    if key in BY_KEY and node.get("type") == "string":
        return BY_KEY[key]()
    kind = node.get("type")
    if kind == "array":
        items = widen(node.get("items", {}), key)
        array = {**node, "items": items}
        if key not in AS_LIST:
            return array
        one = {k: v for k, v in items.items() if k not in ("title", "description")}
        return {"anyOf": [array, *(one["anyOf"] if "anyOf" in one else [one])]}
    if kind == "string":
        if node.get("format") == "date":
            return _date()
        if node.get("pattern") == models.ID_PATTERN:
            return {"anyOf": [node, {"type": "integer", "minimum": 0}]}
        if "pattern" in node:
            return node
        text = {**node, "pattern": _BLANK_FREE} if node.get("minLength") else node
        return {"anyOf": [text, {"type": ["number", "boolean"]}]}
    if kind == "integer":
        pattern = integer_text(node.get("minimum"), node.get("maximum"))
        return {"anyOf": [node, {"type": "string", "pattern": pattern}]}
    if kind == "boolean":
        return {"anyOf": [node, {"enum": [0, 1]}, {"type": "string", "pattern": BOOL_TEXT}]}
    return node


def _is_decimal(branches: list[Schema]) -> bool:
    kinds = [b.get("type") for b in branches]
    plain_string = any(b.get("type") == "string" and "pattern" not in b for b in branches)
    return "number" in kinds and plain_string


def _flatten(branches: list[Schema]) -> list[Schema]:
    """Nested ``anyOf`` without annotations folded into their parent."""
    out: list[Schema] = []
    for branch in branches:
        if set(branch) == {"anyOf"}:
            out.extend(branch["anyOf"])
        else:
            out.append(branch)
    return out


def nullable_list(node: Schema) -> Schema:
    """A list that may be left empty: ``liaison:`` with nothing after it is an empty list."""
    if "anyOf" in node:
        return {**node, "anyOf": [*node["anyOf"], {"type": "null"}]}
    return {"anyOf": [node, {"type": "null"}]}


def enum_names(node: Schema) -> Schema:
    """An enumeration's ``$defs`` entry accepting the English member names too (``sector:
    enterprise``), as lingbi does; the Chinese words stay first, for completion."""
    cls = getattr(models, str(node.get("title", "")), None)
    if not (isinstance(cls, type) and issubclass(cls, Enum)) or "enum" not in node:
        return node
    names = [m.name for m in cls]
    if cls is models.ProposalResult:  # 已解决 … as well as A–D
        names = [models.RESULT_WORDS[m] for m in models.ProposalResult] + names
    values = list(node["enum"])
    return {**node, "enum": values + [n for n in names if n not in values]}
