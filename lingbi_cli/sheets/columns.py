"""What a column of a sheet holds: its field, the header lingbi writes, the headers offices
write for it (aliases), how a cell is read, and what the template says about it.

One ``Column`` list per record kind (``sheets.kinds``) drives the three commands: ``import``
matches a sheet's headers against it, ``template`` writes its headers, comments and drop-down
lists, ``export`` writes its headers and values — so a sheet lingbi wrote reads back as it was.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from lingbi_cli import models
from lingbi_cli.sheets import values as v

# How a cell is read, by column kind (refs and enumerations are read in sheets.rows).
READERS: dict[str, Callable[[v.Cell], Any]] = {
    "text": v.text,
    "name": v.name,
    "date": v.date,
    "year": v.year,
    "int": v.integer,
    "money": v.money,
    "id_number": v.id_number,
    "phone": v.phone,
    "bool": v.boolean,
    "list": v.split,
    "id": v.record_id,
}


@dataclass(frozen=True)
class Column:
    """One column of a kind's sheet.

    ``field`` is the record's field, or a helper whose name starts with ``_`` (``_skip`` for a
    row number, ``_village`` to tell two households of one name apart …). ``kind`` says how a
    cell is read and written: text, name, date, year, int, money, id_number, phone, bool,
    list, id, choice, choices (an enumeration, one or several), ref, refs (other records,
    named ``by`` their id, name or ID number).
    """

    field: str
    header: str
    kind: str = "text"
    aliases: tuple[str, ...] = ()
    enum: type[Enum] | None = None
    ref: str | None = None  # township, unit, deputy, household
    by: str = "id"  # how a ref column names its record: id, name, id_number
    note: str = ""  # the template's header comment, in Chinese
    example: Any = None  # the template's example row
    required: bool = False
    template: bool = True  # written in the blank template
    export: bool = True  # written by export
    width: int = 0  # column width in characters (0: from the header and kind)

    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)

    def read(self, cell: v.Cell) -> Any:
        if self.kind == "choice":
            assert self.enum is not None
            return v.choice(normal_choice(cell, self.enum), self.enum, CHOICE_ALIASES)
        if self.kind == "choices":
            assert self.enum is not None
            members = [
                v.choice(normal_choice(part, self.enum), self.enum, CHOICE_ALIASES)
                for part in v.split(cell)
            ]
            return list(dict.fromkeys(members))
        if self.kind in ("ref", "refs"):
            parts = v.split(cell) if self.kind == "refs" else [cell]
            reader = v.id_number if self.by == "id_number" else v.record_id
            if self.by == "name":
                reader = v.name
            return [reader(p) for p in parts] if self.kind == "refs" else reader(parts[0])
        if self.kind == "history":
            return status_history(cell)
        return READERS[self.kind](cell)


_CHANGE = re.compile(r"(.+?)\s*(已脱贫|脱贫|返贫)")


def status_history(cell: v.Cell) -> list[dict[str, Any]]:
    """``2018年11月20日已脱贫；2020年3月5日返贫`` → the changes, as ``status_history`` holds
    them (a household's exits and relapses, dated)."""
    out: list[dict[str, Any]] = []
    for part in re.split(r"[；;\n]+", v.text(cell)):
        if not part.strip():
            continue
        match = _CHANGE.fullmatch(part.strip())
        if match is None:
            raise v.CellError(
                f"“{part.strip()}”应写成 日期+已脱贫 或 日期+返贫，如 2019年11月20日已脱贫"
            )
        status = (
            models.HouseholdStatus.relapsed if match[2] == "返贫" else models.HouseholdStatus.exited
        )
        out.append({"date": v.date(match[1]), "status": status})
    return out


def history_text(history: list[models.StatusChange]) -> str | None:
    """What ``status_history`` reads back: ``2018年11月20日已脱贫；2020年3月5日返贫``."""
    return (
        "；".join(f"{c.date.year}年{c.date.month}月{c.date.day}日{c.status.value}" for c in history)
        or None
    )


def header_key(text: str) -> str:
    """A header as compared: NFKC, no spaces, no ``*`` marking a required column."""
    return re.sub(r"[\s*＊]+", "", unicodedata.normalize("NFKC", str(text)))


def without_note(key: str) -> str:
    """``金额(元)`` → ``金额``: a header's trailing note in brackets left out."""
    return re.sub(r"[(\[（【][^)\]）】]*[)\]）】]$", "", key)


# Words offices write for a choice, beyond lingbi's own Chinese words and English names.
CHOICE_ALIASES: dict[str, str] = {
    "男性": "男",
    "女性": "女",
    "党政干部": "干部",
    "机关干部": "干部",
    "干部代表": "干部",
    "常委会组成人员": "干部",
    "教育": "教科文卫",
    "科学": "教科文卫",
    "文化": "教科文卫",
    "卫生": "教科文卫",
    "科技": "教科文卫",
    "教育科学文化卫生": "教科文卫",
    "企业负责人": "企业",
    "企业家": "企业",
    "企业界": "企业",
    "专业技术人员": "专业技术",
    "技术人员": "专业技术",
    "工人": "生产一线",
    "一线工人": "生产一线",
    "生产一线工人": "生产一线",
    "农民": "基层农民",
    "基层": "基层农民",
    "党政机关": "机关",
    "行政机关": "机关",
    "国家机关": "机关",
    "事业": "事业单位",
    "国有企业": "企业",
    "民营企业": "企业",
    "私营企业": "企业",
    "村": "农村",
    "村委会": "农村",
    "一般户": "一般贫困户",
    "一般贫困": "一般贫困户",
    "低保户": "低保贫困户",
    "低保": "低保贫困户",
    "特困户": "特困供养贫困户",
    "特困供养户": "特困供养贫困户",
    "五保户": "特困供养贫困户",
    "五保贫困户": "特困供养贫困户",
    "缺劳动力": "缺劳力",
    "交通落后": "交通条件落后",
    "发展动力不足": "自身发展动力不足",
    "缺乏发展动力": "自身发展动力不足",
    "脱贫": "已脱贫",
    "贫困": "未脱贫",
    "返贫户": "返贫",
    "帮扶点": "乡镇帮扶点",
    "走访": "串门",
    "入户走访": "串门",
    "串一次门": "串门",
    "谈一席话": "谈心",
    "讲一次课": "讲课",
    "献一份计": "献计",
    "捐一笔资": "捐资",
    "捐款": "捐资",
    "捐物": "捐资",
    "出一份力": "出力",
    "调研": "调研视察",
    "视察": "调研视察",
    "宣传": "宣传报道",
    "美丽乡村": "美丽乡村建设",
    "富民产业": "富民产业培育",
    "乡村道路": "乡村道路畅通",
    "道路": "乡村道路畅通",
    "饮水": "饮水安全",
    "医疗": "基本医疗服务",
    "生态": "生态环境保护",
    "报纸": "报刊",
    "杂志": "报刊",
    "网站": "网络",
    "微信": "网络",
}
# Words that mean different things in different enumerations.
_BY_ENUM: Mapping[type[Enum], dict[str, str]] = {
    models.HouseholdSource: {"单位": "单位帮扶户", "乡镇": "乡镇帮扶点"},
    models.ChosenBy: {
        "单位": "单位名单",
        "单位帮扶户": "单位名单",
        "乡镇": "乡镇推荐",
        "乡镇帮扶点": "乡镇推荐",
        "推荐": "乡镇推荐",
    },
    models.UnitKind: {"事业": "事业单位"},
}
_LEVEL = re.compile(r"(人大代表|人大|代表|级)$")


def normal_choice(cell: v.Cell, enum: type[Enum]) -> str:
    """A choice's text made comparable: NFKC, no spaces; ``因病致贫`` → ``因病``,
    ``县人大代表`` → ``县``; words peculiar to ``enum`` translated."""
    value = v.plain(cell)
    value = _BY_ENUM.get(enum, {}).get(value, value)
    if enum is models.DeputyLevel:
        value = _LEVEL.sub("", value)
        value = {"省": "省", "市": "市", "县": "县", "乡": "乡", "乡镇": "乡", "镇": "乡"}.get(
            value, value
        )
    if enum is models.Cause:
        value = value.removesuffix("致贫")
    return value


@dataclass
class KindSpec:
    """A record kind's sheet: its columns, what lingbi calls it, and its natural key."""

    model: type[models.Record]
    label: str  # 代表
    columns: list[Column]
    key_doc: str  # the natural key, in words, for messages and the README
    ids_given: bool = True  # lingbi gives new records their ids
    sheet: str = ""  # the sheet's name in a template and an export
    defaults: dict[str, Any] = field(default_factory=dict)

    def column(self, header: str) -> Column | None:
        key = header_key(header)
        for column in self.columns:
            if key in {header_key(n) for n in column.names()}:
                return column
        stripped = without_note(key)
        if stripped != key:
            return self.column(stripped)
        return None
