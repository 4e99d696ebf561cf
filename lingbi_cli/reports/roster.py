"""A township's pairing list (所在选区人大代表联系帮扶名单, §3.2: 3月底前将活动方案和所在选区人大
代表联系帮扶名单上报县人大常委会备案), as data: one table, grouped by electoral district (选区),
the district written on its first row (one table prints alike on every page and files as one
sheet).

The list stands as of the report's date (by default the year's plan deadline, 31 March, or
today if earlier): every deputy of the township in office that day, in id order within their
district, each with the households they are paired with that day — the head's name, village,
masked ID number (``341323********013X``), the household's source list and the pairing's start
— one row per household, the deputy's columns written on their first row only; deputies are
numbered within their district. A deputy not yet paired gets one row saying so. Districts
are listed by name, numbers in order (第2 before 第10).
"""

from __future__ import annotations

import datetime as dt
import re

from lingbi_cli import models
from lingbi_cli.periods import Period
from lingbi_cli.reports.data import Column, ColumnKind, Report, ReportKind, Table, Value
from lingbi_cli.reports.wording import CAMPAIGN
from lingbi_cli.sheets.table import mask_id_number
from lingbi_cli.store.records import Records

COLUMNS = (
    Column("district", "选区"),
    Column("number", "序号", ColumnKind.integer),
    Column("name", "代表"),
    Column("levels", "层级"),
    Column("sector", "界别"),
    Column("employer", "工作单位"),
    Column("head", "结对户户主"),
    Column("village", "所在村"),
    Column("id_number", "户主身份证号"),
    Column("source", "来源"),
    Column("start", "结对日期", ColumnKind.short_date),
)
UNPAIRED = "（尚未结对）"


def employer(records: Records, deputy: models.Deputy) -> str:
    """The deputy's unit by name (organs and institutions), else the kind of employer."""
    unit = records.units.get(deputy.unit or "")
    return unit.name if unit else deputy.employer.value


def districts(records: Records, township: str, day: dt.date) -> dict[str, Table]:
    """District name → its table, in the order of each district's first deputy (by id)."""
    deputies = sorted(
        (d for d in records.deputies.values() if d.township == township and d.active_on(day)),
        key=lambda d: d.id,
    )
    paired: dict[str, list[models.Pairing]] = {}
    for p in sorted(records.pairings.values(), key=lambda p: (p.start, p.id)):
        if p.active_on(day):
            paired.setdefault(p.deputy, []).append(p)
    out: dict[str, Table] = {}
    for deputy in deputies:
        table = out.setdefault(deputy.district, Table(deputy.district, COLUMNS[1:]))
        number = sum(row[0] is not None for row in table.rows) + 1
        who: list[Value] = [
            number,
            deputy.name,
            "、".join(level.value for level in deputy.levels),
            deputy.sector.value,
            employer(records, deputy),
        ]
        pairings = [p for p in paired.get(deputy.id, []) if p.household in records.households]
        if not pairings:
            table.rows.append((*who, UNPAIRED, None, None, None, None))
        for i, p in enumerate(pairings):
            h = records.households[p.household]
            first = who if i == 0 else [None] * len(who)
            masked = mask_id_number(h.id_number)
            table.rows.append((*first, h.head, h.village, masked, h.source.value, p.start))
    return {name: out[name] for name in sorted(out, key=natural)}


def roster_table(tables: dict[str, Table]) -> Table:
    """The districts' tables as one, the district named on its first row."""
    out = Table("人大代表联系帮扶名单", COLUMNS)
    for name, table in tables.items():
        for i, row in enumerate(table.rows):
            out.rows.append((name if i == 0 else None, *row))
    return out


def natural(text: str) -> tuple[tuple[int, str], ...]:
    """A sort key that puts 第2选区 before 第10选区."""
    return tuple(
        (int(part), "") if part.isdigit() else (0, part) for part in re.split(r"(\d+)", text)
    )


def build(records: Records, year: Period, township: str, day: dt.date) -> Report:
    name = records.townships[township].name
    signer = f"{name}人大主席团"
    title = f"{name}{year.year}年度{CAMPAIGN}人大代表联系帮扶名单"
    made = Report(ReportKind.roster, "roster.md.j2", title, year, day, signer, township)
    tables = districts(records, township, day)
    made.tables["roster"] = roster_table(tables)
    rows = [row for table in tables.values() for row in table.rows]
    listed = {d.id for d in records.deputies.values() if d.township == township}
    households = {
        p.household for p in records.pairings.values() if p.deputy in listed and p.active_on(day)
    }
    made.values.update(
        township=name,
        year=year.year,
        districts=len(tables),
        deputies=sum(row[0] is not None for row in rows),
        households=len(households & set(records.households)),
        unpaired=sum(row[5] == UNPAIRED for row in rows),
    )
    return made
