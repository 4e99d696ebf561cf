"""What a report is as data, before any template: its kind, period, date, signer, every table,
ranking, list and problem as typed values (numbers are numbers, dates are dates), and the
blanks a clerk still has to fill.

A ``Table`` is shaped for any writer — the Markdown template, Word, a spreadsheet: a title,
columns that say what kind of value they hold (and its unit), rows of typed values, and an
optional total row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from lingbi_cli.periods import Period
from lingbi_cli.store.rows import Loaded

if TYPE_CHECKING:
    from lingbi_cli.reports.figures import Figures

Value = str | int | Decimal | float | dt.date | None
BLANK_MARK = "【待填写："  # how every blank begins in a rendered document


class ReportKind(StrEnum):
    half = "half"  # a township's half-year report (§3.2)
    county = "county"  # the county roll-up of a half-year
    year = "year"  # the year-end summary, township or county (§3.2, §3.4)
    deputy = "deputy"  # a deputy's performance record (履职档案, §3.2), a year or the term
    assess = "assess"  # the deputies' assessment of a year (履职考核, §3.2)
    roster = "roster"  # a township's pairing list (联系帮扶名单, §3.2), filed by 31 March


class ColumnKind(StrEnum):
    text = "text"
    integer = "integer"  # a whole number of the column's unit
    money = "money"  # yuan, a Decimal
    percent = "percent"  # a float 0-100, or None when there is nothing to divide by
    number = "number"  # a float with one decimal (a mean, e.g. person-times per deputy)
    score = "score"  # a float 0-1 weighted sum (award rankings)
    date = "date"
    day = "day"  # a date within the report's year: written as month and day
    short_date = "short_date"  # a date in a narrow column: written 2018.3.25


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the header, without the unit
    kind: ColumnKind = ColumnKind.text
    unit: str = ""  # 名, 次, 人次, 元 …; money is written in 元 or 万元 by the writer


@dataclass
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Value, ...]] = field(default_factory=list)
    total: tuple[Value, ...] | None = None  # a 合计 row, same columns
    # the record behind each row, where a row is one record (a deputy's activities): for a
    # writer that links a row to its file and line
    sources: list[Loaded] = field(default_factory=list)

    def column(self, key: str) -> list[Value]:
        """The values of one column, body rows only."""
        index = next(i for i, c in enumerate(self.columns) if c.key == key)
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class Blank:
    """Text the clerk has to supply: shown as ``【待填写：what】``; ``how`` says where to put
    it (in Chinese, for the message on stderr)."""

    what: str
    how: str

    def __str__(self) -> str:
        return f"{BLANK_MARK}{self.what}】"


@dataclass(frozen=True)
class Letterhead:
    """The optional 版头 (GB/T 9704 7.2): the issuer's mark and the document number."""

    mark: str
    number: str | Blank


@dataclass(frozen=True)
class Imprint:
    """The optional 版记 (GB/T 9704 7.4): copied to, and who printed it on which day."""

    cc: str
    printer: str
    date: dt.date


@dataclass
class Report:
    """One document, as data. ``values`` holds what its template shows, by name."""

    kind: ReportKind
    template: str
    title: str
    period: Period
    date: dt.date
    signer: str
    township: str | None = None  # the township's id; None for the county (and a deputy)
    values: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    figures: dict[str | None, Figures] = field(default_factory=dict)
    blanks: list[Blank] = field(default_factory=list)
    letterhead: Letterhead | None = None
    imprint: Imprint | None = None

    def context(self) -> dict[str, Any]:
        """Everything the template sees."""
        return {
            **self.values,
            **self.tables,
            "title": self.title,
            "period": self.period,
            "date": self.date,
            "signer": self.signer,
            "letterhead": self.letterhead,
            "imprint": self.imprint,
        }
