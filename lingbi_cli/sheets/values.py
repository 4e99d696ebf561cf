"""One spreadsheet cell into one typed value, with the hazards of office sheets handled.

Cells arrive as the reader gives them: text, a float (Excel keeps every number as one), a
bool, a date or datetime. Each parser returns the value a record field takes, or raises
``CellError`` with a Chinese sentence saying what is wrong and what to do. Handled here:
ID numbers that Excel turned into numbers (``3.41323E+17``, or the last three digits gone to
``000``): refused, the digits are lost; leading zeros of landline numbers that Excel dropped;
Excel serial dates and ``2019.5.8`` / ``2019年5月8日`` dates; full-width digits, letters and
punctuation; stray spaces (also the ideographic and non-breaking ones); ``是/否`` for yes/no.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import Enum

from lingbi_cli import dates, models


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; the message is for the clerk."""


Cell = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_FULL_WIDTH_ALNUM = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
}
SEPARATORS = re.compile(r"[、,，;；/／|｜\s\u3000]+")
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 in Excel's 1900 date system


def is_empty(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not _SPACES.sub("", cell))


def text(cell: Cell) -> str:
    """Free text (names, summaries): surrounding spaces gone, full-width digits and letters
    made plain; Chinese punctuation kept. An apostrophe that neutralised a formula on export
    (``'=…``) is taken off again."""
    if isinstance(cell, bool):
        return "是" if cell else "否"
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    value = str(cell).translate(_FULL_WIDTH_ALNUM)
    value = value.strip(" \t\r\n\u3000\u00a0\u200b\ufeff")
    if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
        value = value[1:]
    return value


def name(cell: Cell) -> str:
    """A person's or place's name: spaces typed to align two-character names (张  伟) go."""
    return _SPACES.sub("", text(cell))


def plain(cell: Cell) -> str:
    """A code (id, number, date, choice): NFKC-normalised, every space removed."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    value = unicodedata.normalize("NFKC", str(cell))
    value = _SPACES.sub("", value)
    return value.removeprefix("'")


def record_id(cell: Cell) -> str:
    return plain(cell).lower()


_SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)
NUMBER_ID = (
    "身份证号被 Excel 存成了数字，最后几位已经丢失（Excel 只保留 15 位有效数字）；"
    "请把这一列的单元格格式设为文本，再按原件重新录入这个号码"
)


def id_number(cell: Cell) -> str:
    """A citizen ID number as text; a number cell or ``3.41323E+17`` is refused."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        raise CellError(NUMBER_ID)
    value = plain(cell).upper()
    if _SCIENTIFIC.match(value):
        raise CellError(NUMBER_ID)
    if re.fullmatch(r"\d{15}000", value) and models.id_number_problem(value):
        raise CellError(
            "身份证号最后三位是 000 且校验码不对，像是被 Excel 当作数字截断了；"
            "请把这一列的单元格格式设为文本，再按原件重新录入"
        )
    return value


def phone(cell: Cell) -> str:
    """A phone number as text. A number cell lost a landline's leading 0: it is put back
    (every Chinese number that is not a mobile number begins with 0)."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if isinstance(cell, float) and not cell.is_integer():
            raise CellError("电话号码不应有小数；请把这一列的单元格格式设为文本")
        digits = str(int(cell))
        return digits if digits.startswith("1") else "0" + digits
    return plain(cell).replace("—", "-")


_TIME = re.compile(r"(?<=[\d日])[T ]?\d{1,2}:\d{2}(:\d{2})?$")  # a time after the date
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
SERIAL_RANGE = (20000.0, 80000.0)  # 1954 … 2119: a number here in a date column is a serial


def date(cell: Cell) -> dt.date:
    """A date: a date cell, an Excel serial number, or text such as 2019-05-08, 2019/5/8,
    2019.5.8, 2019年5月8日, 20190508."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _serial(float(cell))
    value = plain(cell)
    digits = _DATE_DIGITS.match(value)
    written = dates.parts(_TIME.sub("", value)) or (
        (int(digits[1]), int(digits[2]), int(digits[3])) if digits else None
    )
    if written is None:
        try:
            return _serial(float(value))
        except ValueError:
            raise CellError(
                f"“{value}”不是日期；写成 2019-05-08、2019/5/8、2019.5.8 或 2019年5月8日"
            ) from None
    try:
        return dt.date(*written)
    except ValueError:
        raise CellError(f"日期 {value} 不存在（检查月份和日子）") from None


def _serial(number: float) -> dt.date:
    if not SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
        raise CellError(f"“{number:g}”不是日期；写成 2019-05-08 或设为日期格式")
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def year(cell: Cell) -> int:
    """A year: 2019, 2019.0, 2019年, 2019年度, or a date (its year)."""
    if isinstance(cell, dt.date):
        return cell.year
    value = plain(cell).removesuffix("年度").removesuffix("年")
    match = re.fullmatch(r"(\d{4})(?:[-/.年]\d{1,2}.*)?", value)
    if match is None:
        raise CellError(f"“{value}”不是年份；写成 2019")
    return int(match[1])


def integer(cell: Cell, units: str = "人户个次名项") -> int:
    """A whole number; a trailing unit (4人, 3户) is allowed."""
    if isinstance(cell, float) and not cell.is_integer():
        raise CellError(f"“{cell:g}”应当是整数")
    value = plain(cell).rstrip(units)
    if not re.fullmatch(r"-?\d+", value):
        raise CellError(f"“{value}”应当是整数")
    return int(value)


def money(cell: Cell) -> Decimal:
    """An amount of yuan: 500, 500.5, ¥1,200, 1200元, 1.2万."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return Decimal(repr(float(cell))).normalize() if cell % 1 else Decimal(int(cell))
    value = plain(cell).lstrip("¥￥").removesuffix("元").replace(",", "")
    scale = Decimal(1)
    if value.endswith("万"):
        value, scale = value[:-1], Decimal(10000)
    try:
        amount = Decimal(value) * scale
    except InvalidOperation:
        raise CellError(f"“{value}”不是金额；只写数字，单位为元") from None
    if not amount.is_finite():
        raise CellError(f"“{value}”不是金额")
    return amount


_TRUE = {"是", "true", "yes", "y", "1", "√", "✓", "对"}
_FALSE = {"否", "false", "no", "n", "0", "×", "✗", "不是", "无"}


def boolean(cell: Cell) -> bool:
    if isinstance(cell, bool):
        return cell
    value = plain(cell).lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError(f"“{value}”应填 是 或 否")


def choice(cell: Cell, enum: type[Enum], aliases: dict[str, str] | None = None) -> Enum:
    """One value of an enumeration: its Chinese word, its English name, or an alias."""
    value = plain(cell)
    value = (aliases or {}).get(value, value)
    try:
        return enum(value)
    except ValueError:
        allowed = "、".join(str(m.value) for m in enum)
        raise CellError(f"“{value}”不在可选范围内，可选：{allowed}") from None


def split(cell: Cell) -> list[str]:
    """Several values in one cell, separated by 、 , ; / or spaces."""
    if isinstance(cell, int | float | dt.date) and not isinstance(cell, bool):
        return [text(cell)]
    return [part for part in SEPARATORS.split(text(cell)) if part]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
