"""The plain table every sheet lingbi writes is made from: a title, column headers, rows of
typed values and each column's kind. Exports build one from records; ``stats`` from its
figures; the reports will hand theirs over the same way. ``sheets.write`` saves it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

Value = str | int | float | Decimal | dt.date | None


class CellKind(StrEnum):
    """How a column's values are written: as text, whole numbers, amounts (two decimals),
    other numbers, dates, or as text that Excel must never read as a number (ID numbers and
    phone numbers: Excel would drop their last digits or their leading 0)."""

    text = "text"
    integer = "integer"
    money = "money"
    number = "number"
    date = "date"
    id_number = "id_number"
    phone = "phone"

    @property
    def numeric(self) -> bool:
        return self in (CellKind.integer, CellKind.money, CellKind.number)

    @property
    def code(self) -> bool:
        return self in (CellKind.id_number, CellKind.phone)


@dataclass
class Table:
    title: str
    headers: list[str]
    kinds: list[CellKind]
    rows: list[list[Value]] = field(default_factory=list)
    sheet: str = ""  # the sheet's name (default: the title)

    def __post_init__(self) -> None:
        if len(self.headers) != len(self.kinds):
            raise ValueError("a table needs one kind per header")


def mask_id_number(value: str) -> str:
    """``341323********123X``: the county code and the last four characters."""
    return value[:6] + "*" * (len(value) - 10) + value[-4:] if len(value) > 10 else "*" * len(value)


def mask_phone(value: str) -> str:
    """``138****5678``: the first three and the last four digits."""
    return value[:3] + "*" * (len(value) - 7) + value[-4:] if len(value) > 7 else "*" * len(value)
