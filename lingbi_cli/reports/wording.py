"""How a filed document writes dates, periods, money, numbers, clauses and township names.

Chinese official style: dates in words (``2019年6月25日``), periods in words (``2019年上半年``),
no space around numbers (``代表7名``), money as ``8000元`` below ten thousand and ``41万元`` or
``3.89万元`` from there, rates as ``66.7%``; a clause of the county's document cited as a 公文
cites it (``《实施意见》第三部分第二条``). Pure functions of values; the templates use them as
filters.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from lingbi_cli.periods import Period

DOCUMENT = "《实施意见》"  # how a report names the county's 2018 document after first citing it
DOCUMENT_FULL = "县人大常委会《关于开展“脱贫攻坚，人大代表在行动”活动的实施意见》"
CAMPAIGN = "“脱贫攻坚——人大代表在行动”"
NUMERALS = "〇一二三四五六七八九十"
TEN_THOUSAND = Decimal(10000)


def cn_date(day: dt.date) -> str:
    """``2019年6月25日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def month_day(day: dt.date) -> str:
    """``6月20日``: a deadline within a year already named."""
    return f"{day.month}月{day.day}日"


def period_words(period: Period) -> str:
    """``2019年上半年``, ``2019年第三季度``, ``2019年``."""
    return period.label_zh()


def cn_number(n: int) -> str:
    """Small counts in Chinese numerals (1-99), as in headings: 一, 十二, 二十."""
    if n < 0 or n > 99:
        return str(n)
    if n <= 10:
        return NUMERALS[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else NUMERALS[tens]}十{NUMERALS[ones] if ones else ''}"


def item_number(n: int) -> str:
    """The label of the n-th item of a list in a section: （一）, （二）…"""
    return f"（{cn_number(n)}）"


def plain(value: Decimal | float | int) -> str:
    """A number without trailing zeros or thousands separators: 8000, 3.89, 1200.5."""
    text = f"{Decimal(str(value)).normalize():f}" if not isinstance(value, int) else str(value)
    return text


def yuan(value: Decimal | int | None) -> str:
    """Money in words a report uses: ``8000元``, ``1200.5元``, ``41万元``, ``3.89万元``."""
    amount = Decimal(value or 0)
    if abs(amount) >= TEN_THOUSAND:
        wan = (amount / TEN_THOUSAND).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return f"{plain(wan)}万元"
    return f"{plain(amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))}元"


def money_cell(value: Decimal | int | None, in_wan: bool) -> str:
    """A money cell of a table whose header names the unit (元 or 万元)."""
    amount = Decimal(value or 0)
    if in_wan:
        amount = (amount / TEN_THOUSAND).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    else:
        amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return plain(amount)


def percent(value: float | None) -> str:
    """``66.7%``; no rate (nothing to divide by) is written by the sentence, never as ``—``."""
    return "" if value is None else f"{value:.1f}%"


_CLAUSE = re.compile(r"§(\d+)\.(\d+)(?:\((\d+)\))?")


def clause(reference: str) -> str:
    """A DOMAIN.md clause reference as the county's document numbers it: ``§3.2`` →
    ``《实施意见》第三部分第二条``; ``§2.3(3)`` is item 3 of part 二 (its third action,
    结对帮扶行动, is named by the sentence that cites it). Empty for no clause."""
    match = _CLAUSE.fullmatch(reference.strip())
    if not match:
        return ""
    part, item = int(match[1]), int(match[2])
    return f"{DOCUMENT}第{cn_number(part)}部分第{cn_number(item)}条"


SUFFIXES = ("街道", "开发区", "园区", "镇", "乡", "区")


def suffix(township_name: str) -> str:
    """What a township calls itself in ``全镇``/``我乡``: 镇, 乡, 街道, 区 (开发区, 园区)."""
    for end in SUFFIXES:
        if township_name.endswith(end):
            return "区" if end in ("开发区", "园区") else end
    return "乡镇"


def names(items: list[str], limit: int = 0, unit: str = "") -> str:
    """``张伟、李秀英``; with ``limit``, ``张伟、李秀英等5户`` past it."""
    shown = items[:limit] if limit and len(items) > limit else items
    text = "、".join(shown)
    if len(shown) < len(items):
        text += f"等{len(items)}{unit}"
    return text
