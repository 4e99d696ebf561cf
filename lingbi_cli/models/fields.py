"""The field types records share: ids, texts, names, money, years, phones, ID numbers, id lists.

Also the GB 11643-1999 check of a citizen ID number (``id_number_problem``), which the
``id-number`` rule reports, and its check digit (``check_digit``) for the sample generator.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
RecordId = Annotated[str, Field(pattern=ID_PATTERN)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Name = Annotated[str, Field(min_length=1, max_length=40)]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_number_problem(value: str) -> str | None:
    """Why ``value`` is not a valid GB 11643-1999 citizen ID number, or None if it is."""
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return "应为 18 位：17 位数字加 1 位校验码（数字或 X）"
    try:
        dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "其中的出生日期不存在"
    if not "1900" <= value[6:10] <= "2020":
        return "其中的出生年份不合理"
    total = sum(map(operator.mul, map(int, value[:17]), _ID_WEIGHTS))
    expected = _ID_CHECK[total % 11]
    if value[17] != expected:
        return f"校验码错误（应为 {expected}）"
    return None


def check_digit(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits (used by the sample generator)."""
    total = sum(map(operator.mul, map(int, first17), _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def _upper_id(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


IdNumber = Annotated[str, BeforeValidator(_upper_id)]
"""A citizen ID number; its check digit is judged by the ``id-number`` rule, not the schema, so
that a typo is reported under its own rule name and the household is still loaded."""


def _check_phone(value: str) -> str:
    if not re.fullmatch(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}", value):
        raise ValueError("电话号码应为 11 位手机号或带区号的座机号")
    return value


Phone = Annotated[str, BeforeValidator(lambda v: str(v).strip()), AfterValidator(_check_phone)]
Yuan = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Year = Annotated[int, Field(ge=2000, le=2100)]


def as_list(value: Any) -> Any:
    """Accept a single value where a list is expected: ``deputies: d1`` means ``[d1]``."""
    if value is None:
        return []
    if isinstance(value, str | int):
        return [value]
    return value


def IdList(min_length: int = 0) -> Any:  # noqa: N802 - reads like a type
    return Annotated[list[RecordId], BeforeValidator(as_list), Field(min_length=min_length)]
