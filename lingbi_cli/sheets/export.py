"""``lingbi export KIND``: a kind's records as a ``Table``, with Chinese headers, references
shown by id and by name, ID and phone numbers masked and health-related causes of poverty left
out unless ``full``; scoped to a township and a period.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from lingbi_cli import models as m
from lingbi_cli.config import load_settings
from lingbi_cli.periods import Period
from lingbi_cli.sheets.columns import Column
from lingbi_cli.sheets.kinds import SPECS
from lingbi_cli.sheets.table import CellKind, Table, Value, mask_id_number, mask_phone
from lingbi_cli.store.load import County, load
from lingbi_cli.store.lookup import resolve

TITLES = {
    "townships": "乡镇一览",
    "units": "单位名单",
    "deputies": "代表名册",
    "households": "贫困户花名册",
    "pairings": "结对帮扶名单",
    "activities": "活动记录",
    "proposals": "议案建议",
    "filings": "报送记录",
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
    folder: Path,
    kind: str,
    township: str | None = None,
    period: Period | None = None,
    full: bool = False,
) -> Table:
    """The records of ``kind`` in the folder as a table (loading only what it shows)."""
    settings = load_settings(folder)
    county = load(folder, settings, lambda f: f.model in NEEDS[kind])
    town = resolve(county.townships, township, "乡镇").id if township else None
    records = [
        r for r in county.table(SPECS[kind].model).values() if _in_scope(county, r, town, period)
    ]
    return records_table(county, kind, records, full, _title(county, kind, town, period))


def _title(county: County, kind: str, town: str | None, period: Period | None) -> str:
    where = county.townships[town].name if town else ""
    when = f"（{period.label_zh()}）" if period else ""
    return f"{county.settings.county}{where}{TITLES[kind]}{when}"


def records_table(
    county: County, kind: str, records: Iterable[Any], full: bool, title: str
) -> Table:
    spec = SPECS[kind]
    columns = [c for c in spec.columns if c.export]
    table = Table(
        title,
        [c.header for c in columns],
        [KINDS.get(c.kind, CellKind.text) for c in columns],
        sheet=TITLES[kind],
    )
    for record in records:
        table.rows.append([_cell(county, record, c, full) for c in columns])
    return table


def _cell(county: County, record: Any, column: Column, full: bool) -> Value:
    if column.field == "_village":
        household = county.households.get(record.household)
        return household.village if household else None
    value = getattr(record, column.field, None)
    if value is None or value == []:
        return None
    kind = column.kind
    if kind in ("ref", "refs"):
        ids = value if isinstance(value, list) else [value]
        shown = [_name(county, column.ref or "", i) if column.by == "name" else i for i in ids]
        return "、".join(shown)
    if kind == "choices" and column.field == "causes" and not full:
        shown = [c.value for c in value if not c.health_related]
        return "、".join(([HIDDEN_CAUSE] if len(shown) < len(value) else []) + shown)
    if kind in ("choices", "list"):
        return "、".join(str(x) for x in value)
    if kind == "bool":
        return "是" if value else "否"
    if kind == "id_number" and not full:
        return mask_id_number(value)
    if kind == "phone" and not full:
        return mask_phone(value)
    if isinstance(value, m.ChineseEnum):
        return value.value
    return value  # type: ignore[no-any-return]


def _name(county: County, ref: str, record_id: str) -> str:
    tables: dict[str, Mapping[str, Any]] = {
        "township": county.townships,
        "unit": county.units,
        "deputy": county.deputies,
        "household": county.households,
    }
    table = tables[ref]
    record = table.get(record_id)
    if record is None:
        return record_id
    return str(getattr(record, "head", None) or getattr(record, "name", record_id))


def _in_scope(county: County, record: Any, town: str | None, period: Period | None) -> bool:
    if town is not None and _township_of(county, record) not in (town, None):
        return False
    if period is None:
        return True
    if isinstance(record, m.Deputy | m.Pairing):
        start = record.term_start if isinstance(record, m.Deputy) else record.start
        end = record.term_end if isinstance(record, m.Deputy) else record.end
        return start <= period.end and (end is None or end >= period.start)
    if isinstance(record, m.Household):
        return record.registered <= period.end.year
    if isinstance(record, m.Award):
        return period.start.year <= record.year <= period.end.year
    day = getattr(record, "date", None)
    return day is None or day in period


def _township_of(county: County, record: Any) -> str | None:
    """The township a record belongs to (None: the county's, shown in every township)."""
    if isinstance(record, m.Township):
        return str(record.id)
    if isinstance(record, m.Pairing):
        deputy = county.deputies.get(record.deputy)
        return deputy.township if deputy else None
    if isinstance(record, m.Award) and record.deputy:
        deputy = county.deputies.get(record.deputy)
        return deputy.township if deputy else None
    return getattr(record, "township", None)
