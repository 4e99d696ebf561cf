"""Matching an import's rows with the records in the folder, and validating them.

Each row (``sheets.assemble``'s item) is the record with its id, or else the one with its
natural key (``natural_key``: a household's ID number, a deputy's township and name …); a row
repeated in the sheet is passed over, one contradicting an earlier row is a problem, one
matching several records asks for an id. The row's values, over the matched record's, are
validated by the schema; a new record gets its file (``layout.file_for``) and a provisional id
(``layout.new_id``, given again under the file's lock when it is written).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from lingbi_cli import models
from lingbi_cli.sheets import messages
from lingbi_cli.sheets.assemble import Assembled
from lingbi_cli.sheets.columns import KindSpec
from lingbi_cli.sheets.read import Grid
from lingbi_cli.sheets.rows import Mapped, RowProblem, problem_at
from lingbi_cli.store.edit import next_number
from lingbi_cli.store.layout import file_for, new_id
from lingbi_cli.store.messages import translate
from lingbi_cli.store.records import Records
from lingbi_cli.store.rows import values_of

M = models


@dataclass
class Planned:
    """A row to write: its validated record, the record it changes (if any) and how, and
    the file it goes to, with its id's prefix and digits when lingbi numbers it."""

    item: Assembled
    record: Any  # the validated record
    existing: Any = None
    changes: dict[str, Any] = field(default_factory=dict)
    rel: str = ""
    prefix: str | None = None
    width: int = 0


def natural_key(kind: str, v: Any) -> tuple[Any, ...]:
    """The key a row and a record share when they are the same (see ``sheets.kinds``)."""

    def get(name: str) -> Any:
        return v.get(name) if isinstance(v, dict) else getattr(v, name, None)

    keys = {
        "townships": ("name",),
        "units": ("name",),
        "deputies": ("township", "name"),
        "households": ("id_number",),
        "pairings": ("deputy", "household", "start"),
        "activities": ("date", "kind", "deputies", "household", "summary"),
        "donors": ("township", "name", "date", "gift"),
    }[kind]
    return tuple(tuple(x) if isinstance(x := get(k), list) else x for k in keys)


def plan_rows(
    grid: Grid,
    spec: KindSpec,
    kind: str,
    records: Records,
    items: list[Assembled],
    columns: dict[str, Mapped],
    problems: list[RowProblem],
    passed_over: Counter[str],
    unchanged: list[tuple[int, str]],
) -> list[Planned]:
    """The rows to write: each matched with the record it is (by id or natural key), or none,
    and validated. A row's problem goes to ``problems``; a row that repeats an earlier one
    is counted in ``passed_over``; one that says what its record says, in ``unchanged``."""
    table: dict[str, Any] = records.table(spec.model)
    by_key: dict[tuple[Any, ...], list[Any]] = {}
    for record in table.values():
        by_key.setdefault(natural_key(kind, record), []).append(record)
    seen: dict[tuple[Any, ...], Planned] = {}
    counters: dict[str, int] = {}
    planned: list[Planned] = []
    for item in items:
        values, row = item.values, item.row
        given = values.get("id")
        key = natural_key(kind, values)
        if key in seen:
            first = seen[key]
            if first.item.values == values:
                passed_over["重复行"] += 1
            else:
                problems.append(
                    problem_at(
                        grid,
                        row,
                        None,
                        f"与第 {first.item.row.row + 1} 行是同一{spec.label}（{spec.key_doc}），"
                        "但内容不同；请删去其中一行",
                    )
                )
            continue
        matches = [table[given]] if given in table else by_key.get(key, [])
        if given and given not in table and spec.ids_given and kind != "units":
            problems.append(
                problem_at(
                    grid,
                    row,
                    "id",
                    f"没有编号为 {given} 的{spec.label}；新{spec.label}不要填编号，由 lingbi 编号",
                )
            )
            continue
        if len(matches) > 1:
            listed = "、".join(r.id for r in matches)
            problems.append(
                problem_at(
                    grid,
                    row,
                    None,
                    f"与已有的 {len(matches)} 个{spec.label}（{listed}）都对得上；"
                    "请加“编号”列指明是哪一个",
                )
            )
            continue
        existing = matches[0] if matches else None
        plan = _validate(grid, spec, kind, item, existing, problems, counters, records)
        if plan is None:
            messages.locate_missing(grid, spec, item, problems, columns)
        if plan is None:
            continue
        seen[key] = plan
        if existing is not None and not plan.changes:
            unchanged.append((row.row + 1, existing.id))
            continue
        planned.append(plan)
    return planned


OLD_STATUS = {"status", "exit_year"}  # a household's old single status, read as its history


def _validate(
    grid: Grid,
    spec: KindSpec,
    kind: str,
    item: Assembled,
    existing: Any,
    problems: list[RowProblem],
    counters: dict[str, int],
    records: Records,
) -> Planned | None:
    model = spec.model
    values = {k: v for k, v in item.values.items() if v is not None}
    compared = list(item.values)
    if existing is not None:
        old = dict(zip(model.attributes(), values_of(existing), strict=False))
        if isinstance(existing, M.Household) and (OLD_STATUS & values.keys()):
            # a roster's 脱贫属性/脱贫年度: kept out if they say what the dated history says,
            # else they replace it (read as a history, as in a new record)
            if existing.says_as_old(values.get("status"), values.get("exit_year")):
                values = {k: v for k, v in values.items() if k not in OLD_STATUS}
            else:
                old.pop("status_history", None)
                compared.append("status_history")
        values = {**{k: v for k, v in old.items() if v is not None}, **values, "id": existing.id}
    else:
        values.setdefault("id", "pending")
    try:
        record = model.model_validate(values)
    except ValidationError as exc:
        for error in exc.errors():
            where = str(error["loc"][0]) if error["loc"] else None
            message = messages.zh_fields(translate(error, model), spec)
            if where == "id" and values.get("id") == "pending":
                where, message = None, f"缺少{spec.label}编号（乡镇编号用拼音，如 yangtuan）"
            elif error["type"] == "missing" and where is not None:
                message = messages.MISSING + where  # located by messages.locate_missing
                where = None
            problems.append(problem_at(grid, item.row, where, message))
        return None
    if isinstance(record, M.Household):
        wrong = M.id_number_problem(record.id_number)
        if wrong is not None:
            problems.append(problem_at(grid, item.row, "id_number", f"身份证号有误：{wrong}"))
            return None
    if existing is not None:
        attribute = model.attributes()
        changes = {
            k: getattr(record, attribute[k])
            for k in compared
            if k in attribute and getattr(record, attribute[k]) != getattr(existing, attribute[k])
        }
        if "township" in changes:
            problems.append(
                problem_at(
                    grid,
                    item.row,
                    "township",
                    f"已登记在另一个乡镇（{existing.township}），导入不能移动记录",
                )
            )
            return None
        return Planned(item, record, existing, changes, rel=existing.file)
    rel, prefix, width = _target(record, records)
    if prefix is not None:
        if rel not in counters:
            counters[rel] = next_number(records.folder.read_text(rel), prefix)
        record.id = f"{prefix}{counters[rel]:0{width}d}"  # provisional: given again under the lock
        counters[rel] += 1
    elif record.id in records.table(model):
        problems.append(problem_at(grid, item.row, "id", f"编号 {record.id} 已被使用"))
        return None
    return Planned(item, record, rel=rel, prefix=prefix, width=width)


def _target(record: Any, records: Records) -> tuple[str, str | None, int]:
    """The file a new record goes to, and its id's prefix and width (None: the row's id)."""
    model = type(record)
    if model is M.Township or (model is M.Unit and record.id != "pending"):
        return file_for(model), None, 0
    if model is M.Unit:
        return (file_for(model), *new_id(model))
    township = records.township_of(record)
    day = record.date if model is M.Activity else None
    return (file_for(model, township, day), *new_id(model, township, day))
