"""Finding a record by id or, where unique, by name; an ambiguous name lists the candidates."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from lingbi_cli import models
from lingbi_cli.errors import LingbiError, UsageError

R = TypeVar("R", bound=models.Record)


def _name(record: models.Record) -> str:
    for attr in ("name", "head", "title"):
        value = getattr(record, attr, None)
        if isinstance(value, str):
            return value
    return record.id


def resolve(
    table: Mapping[str, R],
    text: str,
    label: str,
    name_of: Callable[[models.Record], str] = _name,
    error: type[LingbiError] = UsageError,
) -> R:
    """The record whose id is ``text``, else the one record whose name is ``text``.

    ``error``: what to raise when there is none or several (a write command refuses with
    exit 1; a read command's argument is a usage error, exit 2)."""
    key = text.strip()
    if key in table:
        return table[key]
    matches = [r for r in table.values() if name_of(r) == key]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise error(f"找不到{label}“{text}”：请用编号或准确的名称")
    listed = "；".join(f"{r.id}（{_describe(r)}）" for r in sorted(matches, key=lambda r: r.id))
    raise error(f"有 {len(matches)} 个{label}叫“{text}”，请改用编号：{listed}")


def _describe(record: models.Record) -> str:
    parts = [_name(record)]
    for attr in ("township", "village", "district"):
        value = getattr(record, attr, None)
        if isinstance(value, str):
            parts.append(value)
    return "，".join(parts)
