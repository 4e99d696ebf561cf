"""Every YAML reader a record file meets, reading one file the same way: a list of mappings.

* PyYAML (YAML 1.1), through libyaml and in pure Python — and with them yamllint and most
  Python tools;
* ruamel.yaml (YAML 1.2), safe and round trip, and in its YAML 1.1 mode;
* the YAML 1.2 core schema as yq, Go's yaml.v3 and JavaScript's js-yaml resolve plain text
  (with the timestamps and ``<<`` those also take), applied to libyaml's parse;
* lingbi's own readers: the fast one and the full one (``store.fastread``, ``store.yamlread``).

``read_all(text)`` gives each reader's list of records, values as that reader typed them; a
reader that fails gives its exception instead. ``disagreements`` compares the chosen fields
of every record with what was meant.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from typing import Any

import yaml
from ruamel.yaml import YAML

from lingbi_cli.store.fastread import read_records_fast
from lingbi_cli.store.yamlread import read_records

Records = list[dict[str, Any]]


def _ruamel(typ: str, version: tuple[int, int] | None = None) -> Callable[[str], Any]:
    def read(text: str) -> Any:
        reader = YAML(typ=typ, pure=True)
        if version is not None:
            reader.version = version
        return reader.load(io.StringIO(text))

    return read


# YAML 1.2 core schema (spec 10.3.2), plus what yq, yaml.v3 and js-yaml also resolve.
_CORE = [
    (re.compile(r"null|Null|NULL|~|"), "null"),
    (re.compile(r"true|True|TRUE|false|False|FALSE"), "bool"),
    (re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"), "int"),
    (
        re.compile(
            r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
            r"|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN"
        ),
        "float",
    ),
    (re.compile(r"[-+]?0b[01_]+|[-+]?0[xXoO]?[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*"), "int (Go)"),
    (re.compile(r"\d{4}-\d\d?-\d\d?([Tt ]\d\d?:\d\d:\d\d(\.\d*)?.*)?"), "timestamp"),
    (re.compile(r"<<"), "merge"),
]


def _core_value(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        if not node.style:  # plain ("" from libyaml): resolved by the schema
            for pattern, kind in _CORE:
                if pattern.fullmatch(node.value):
                    return (kind, node.value)
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_core_value(item) for item in node.value]
    return {_core_value(k): _core_value(v) for k, v in node.value}


def _core(text: str) -> Any:
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    return None if node is None else _core_value(node)


def _lingbi_fast(text: str) -> Any:
    records = read_records_fast(text)
    if records is None:
        return _NOT_FAST
    return [r.values for r in records]


def _lingbi_full(text: str) -> Any:
    records, problems = read_records(text.encode("utf-8"))
    if [p for p in problems if not p.warning]:
        raise ValueError(problems)
    return [r.values for r in records]


_NOT_FAST = object()  # the fast reader leaves this file to the full one: not a disagreement

READERS: dict[str, Callable[[str], Any]] = {
    "PyYAML 1.1 (libyaml)": lambda text: yaml.load(text, Loader=yaml.CSafeLoader),
    "PyYAML 1.1 (Python)": lambda text: yaml.load(text, Loader=yaml.SafeLoader),
    "ruamel.yaml 1.2 safe": _ruamel("safe"),
    "ruamel.yaml 1.2 round trip": _ruamel("rt"),
    "ruamel.yaml 1.1 safe": _ruamel("safe", (1, 1)),
    "YAML 1.2 core schema (yq, Go, JS)": _core,
    "lingbi fast reader": _lingbi_fast,
    "lingbi full reader": _lingbi_full,
}


def read_all(text: str) -> dict[str, Any]:
    """Each reader's records of ``text`` (or the exception it raised)."""
    out: dict[str, Any] = {}
    for name, read in READERS.items():
        try:
            out[name] = read(text)
        except Exception as error:  # noqa: BLE001 - a reader that fails is a finding
            out[name] = error
    return out


def _same(value: Any, meant: Any) -> bool:
    if isinstance(meant, list):
        return (
            isinstance(value, list)
            and len(value) == len(meant)
            and all(_same(v, m) for v, m in zip(value, meant, strict=True))
        )
    return isinstance(value, str) and str(value) == meant


def disagreements(
    text: str, meant: Iterable[dict[str, Any]], fields: Iterable[str]
) -> list[tuple[str, int, str, Any, Any]]:
    """(reader, record index, field, read, meant) for every field a reader reads otherwise
    than ``meant`` (a record per record of the file, with the text meant for ``fields``)."""
    meant = list(meant)
    fields = list(fields)
    found = []
    for name, records in read_all(text).items():
        if records is _NOT_FAST:
            continue
        if isinstance(records, Exception):
            found.append((name, -1, "", repr(records)[:200], "a list of records"))
            continue
        if not isinstance(records, list) or len(records) != len(meant):
            found.append((name, -1, "", records, f"{len(meant)} records"))
            continue
        for index, (record, expected) in enumerate(zip(records, meant, strict=True)):
            for key in fields:
                if key in expected and not _same(record.get(key), expected[key]):
                    found.append((name, index, key, record.get(key), expected[key]))
    return found
