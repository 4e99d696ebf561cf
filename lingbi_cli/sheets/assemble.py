"""A sheet's rows turned into the field values of records: references resolved to ids, several
columns of one field joined, defaults the sheet leaves out filled in (``--set``, ``--township``,
the pairing's 确定方式 from its deputy, a roster's household size from its member rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lingbi_cli import models
from lingbi_cli.errors import UsageError
from lingbi_cli.sheets.columns import Column, KindSpec, header_key
from lingbi_cli.sheets.read import Grid
from lingbi_cli.sheets.refs import Resolver
from lingbi_cli.sheets.rows import Mapped, RowProblem, SheetRow, SheetRows, problem_at
from lingbi_cli.sheets.values import CellError

_PRIORITY = {"id": 0, "id_number": 1, "name": 2}


@dataclass
class Assembled:
    """One row's values for its record (ids resolved), or the problems that stop it."""

    row: SheetRow
    values: dict[str, Any]
    problems: list[RowProblem]


def parse_constants(pairs: list[str], spec: KindSpec) -> list[tuple[Mapped, Any]]:
    """``--set 列名=值``: a value for every row that leaves the column out or empty."""
    found: list[tuple[Mapped, Any]] = []
    for pair in pairs:
        header, sep, text = pair.partition("=")
        column = spec.column(header) or next(
            (c for c in spec.columns if c.field == header.strip() and c.by != "id"), None
        )
        if not sep or column is None or column.field.startswith("_"):
            raise UsageError(
                f"--set {pair}：应写成 列名=值，列名如 来源、建档年份（{spec.label}表的列）"
            )
        try:
            value = column.read(text)
        except CellError as error:
            raise UsageError(f"--set {pair}：{error}") from None
        found.append((Mapped(column, -1, f"--set {header_key(header)}"), value))
    return found


def assemble(
    grid: Grid,
    spec: KindSpec,
    sheet: SheetRows,
    resolver: Resolver,
    constants: list[tuple[Mapped, Any]],
    township: str | None,
) -> list[Assembled]:
    out: list[Assembled] = []
    for row in sheet.rows:
        for mapped, value in constants:
            if mapped.column.field not in row.fields:
                row.fields[mapped.column.field] = [(mapped, value)]
        problems: list[RowProblem] = []
        values: dict[str, Any] = {}
        near: dict[str, str | None] = {"township": township, "village": row.first("_village")}
        order = sorted(row.fields, key=lambda f: (f not in ("township", "deputy", "deputies"), f))
        for field in order:
            if field.startswith("_"):
                continue
            try:
                values[field] = _value(row.fields[field], resolver, near)
            except CellError as error:
                at = error.args[1] if len(error.args) > 1 else row.fields[field][0][0]
                problems.append(_located(grid, row, at, str(error.args[0])))
                continue
            if field == "township":
                near["township"] = values[field]
            if field == "deputy" and values[field] in resolver.records.deputies:
                near["township"] = (
                    near["township"] or resolver.records.deputies[values[field]].township
                )
        _defaults(spec, row, values, resolver, township, sheet)
        out.append(Assembled(row, values, problems))
    return out


def _located(grid: Grid, row: SheetRow, mapped: Mapped, message: str) -> RowProblem:
    if mapped.index < 0:
        return RowProblem(grid.where(row.row), mapped.header, message, row.row + 1)
    return problem_at(grid, SheetRow(row.row, {"x": [(mapped, None)]}), "x", message)


def _value(found: list[tuple[Mapped, Any]], resolver: Resolver, near: dict[str, str | None]) -> Any:
    """A field's value from its columns: references resolved (an id column before an ID-number
    column before a name column, and they must agree); list columns joined."""
    column: Column = found[0][0].column
    if column.kind in ("choices", "list"):
        joined: list[Any] = []
        for _, value in found:
            joined += [x for x in value if x not in joined]
        return joined
    if column.kind not in ("ref", "refs"):
        return found[0][1]
    resolved: list[tuple[Mapped, Any]] = []
    for mapped, value in sorted(found, key=lambda mv: _PRIORITY[mv[0].column.by]):
        ref, by = mapped.column.ref, mapped.column.by
        assert ref is not None
        try:
            if mapped.column.kind == "refs":
                ids = [resolver.find(ref, by, text, near) for text in value]
                resolved.append((mapped, list(dict.fromkeys(ids))))
            else:
                resolved.append((mapped, resolver.find(ref, by, value, near)))
        except CellError as error:
            raise CellError(str(error), mapped) from None
    first_mapped, first = resolved[0]
    for mapped, other in resolved[1:]:
        if other != first:
            raise CellError(f"与“{first_mapped.header}”列指的不是同一个记录", mapped)
    return first


def _defaults(
    spec: KindSpec,
    row: SheetRow,
    values: dict[str, Any],
    resolver: Resolver,
    township: str | None,
    sheet: SheetRows,
) -> None:
    model = spec.model
    deputies = resolver.records.deputies
    if "township" in model.model_fields and "township" not in values:
        if model is models.Activity and values.get("deputies"):
            first = deputies.get(values["deputies"][0])
            values["township"] = township or (first.township if first else None)
        elif township:
            values["township"] = township
    if model is models.Pairing and "chosen_by" not in values and values.get("deputy") in deputies:
        employer = deputies[values["deputy"]].employer
        unit_list = employer.takes_unit_households
        values["chosen_by"] = models.ChosenBy.unit_list if unit_list else models.ChosenBy.township
    roster = any(m.column.field == "_relation" for m in sheet.layout.mapped)
    if model is models.Household and "members" not in values and roster:
        values["members"] = sheet.members.get(row.row, 1)  # a per-person roster: count them
