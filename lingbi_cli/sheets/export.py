"""``lingbi export KIND``: a kind's records as a ``Table``, with Chinese headers, references
shown by id and by name, ID and phone numbers masked and health-related causes of poverty left
out unless ``full``; scoped to a township and a period.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from typing import Any

from lingbi_cli import models as m
from lingbi_cli.periods import Period
from lingbi_cli.sheets.columns import Column, history_text
from lingbi_cli.sheets.kinds import SPECS
from lingbi_cli.sheets.table import CellKind, Table, Value, mask_id_number, mask_phone
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.records import Records

TITLES = {
    "townships": "乡镇一览",
    "units": "单位名单",
    "deputies": "代表名册",
    "households": "贫困户花名册",
    "pairings": "结对帮扶名单",
    "activities": "活动记录",
    "proposals": "议案建议",
    "filings": "报送记录",
    "donors": "爱心人士捐赠记录",
    "awards": "表彰名单",
}
NEEDS: dict[str, tuple[type[m.Record], ...]] = {
    "townships": (m.Township, m.Deputy),
    "units": (m.Township, m.Unit, m.Household),
    "deputies": (m.Township, m.Unit, m.Deputy),
    "households": (m.Township, m.Household),
    "pairings": (m.Township, m.Deputy, m.Household, m.Pairing),
    "activities": (m.Township, m.Deputy, m.Household, m.Activity),
    "proposals": (m.Township, m.Deputy, m.Proposal),
    "filings": (m.Township, m.Filing),
    "donors": (m.Township, m.Household, m.Donor),
    "awards": (m.Township, m.Deputy, m.Award),
}
KINDS = {
    "date": CellKind.date,
    "year": CellKind.integer,
    "int": CellKind.integer,
    "money": CellKind.money,
    "id_number": CellKind.id_number,
    "phone": CellKind.phone,
}
HIDDEN_CAUSE = "（已隐去）"


def export_records(
    folder: DataFolder,
    kind: str,
    township: str | None = None,
    period: Period | None = None,
    full: bool = False,
) -> Table:
    """The records of ``kind`` in the folder as a table (loading only what it shows)."""
    records = folder.load(lambda f: f.model in NEEDS[kind])
    town = records.find(m.Township, township).id if township else None
    shown = [
        r for r in records.table(SPECS[kind].model).values() if _in_scope(records, r, town, period)
    ]
    return records_table(records, kind, shown, full, _title(records, kind, town, period))


def _title(records: Records, kind: str, town: str | None, period: Period | None) -> str:
    where = records.townships[town].name if town else ""
    when = f"（{period.label_zh()}）" if period else ""
    return f"{records.settings.county}{where}{TITLES[kind]}{when}"


def records_table(
    records: Records, kind: str, shown: Iterable[Any], full: bool, title: str
) -> Table:
    spec = SPECS[kind]
    columns = [c for c in spec.columns if c.export]
    table = Table(
        title,
        [c.header for c in columns],
        [KINDS.get(c.kind, CellKind.text) for c in columns],
        sheet=TITLES[kind],
    )
    getters = [_getter(records, c, full, spec.model.attributes()) for c in columns]
    table.rows = [[get(record) for get in getters] for record in shown]
    return table


def _getter(
    records: Records, column: Column, full: bool, attributes: dict[str, str]
) -> Callable[[Any], Value]:
    """How a column's cell is made from a record, decided once per column (a county exports
    a quarter of a million activities)."""
    if column.field == "_village":
        villages = {h.id: h.village for h in records.households.values()}
        return lambda r: villages.get(r.household)
    value = attrgetter(attributes.get(column.field, column.field))
    kind = column.kind
    if kind in ("ref", "refs"):
        names = _names(records, column.ref or "") if column.by == "name" else {}
        if kind == "refs":
            return lambda r: "、".join(names.get(i, i) for i in value(r) or []) or None
        return lambda r: None if (v := value(r)) is None else names.get(v, v)
    if kind == "choices" and column.field == "causes" and not full:
        return lambda r: _causes(value(r))
    if kind in ("choices", "list"):
        return lambda r: "、".join(str(x) for x in value(r) or []) or None
    if kind == "bool":
        return lambda r: "是" if value(r) else "否"
    if kind == "history":
        return lambda r: history_text(value(r))
    if kind in ("id_number", "phone") and not full:
        mask = mask_id_number if kind == "id_number" else mask_phone
        return lambda r: None if (v := value(r)) is None else mask(v)
    if kind == "choice":
        return lambda r: None if (v := value(r)) is None else v.value
    return value


def _causes(causes: list[m.Cause]) -> str:
    shown = [c.value for c in causes if not c.health_related]
    return "、".join(([HIDDEN_CAUSE] if len(shown) < len(causes) else []) + shown)


def _names(records: Records, ref: str) -> dict[str, str]:
    if ref == "household":
        return {h.id: h.head for h in records.households.values()}
    tables: dict[str, Mapping[str, Any]] = {
        "township": records.townships,
        "unit": records.units,
        "deputy": records.deputies,
    }
    table = tables[ref]
    return {r.id: r.name for r in table.values()}


def _in_scope(records: Records, record: Any, town: str | None, period: Period | None) -> bool:
    if town is not None and records.township_of(record) not in (town, None):
        return False
    if period is None:
        return True
    if isinstance(record, m.Deputy | m.Pairing):
        return record.active_during(period.start, period.end)
    if isinstance(record, m.Household):
        return record.registered <= period.end.year
    if isinstance(record, m.Award):
        return period.start.year <= record.year <= period.end.year
    day = getattr(record, "date", None)
    return day is None or day in period
