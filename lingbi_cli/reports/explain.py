"""``report --explain KEY``: the records behind one figure of a report, with file and line —
the answer to "where does this 37 come from?". Lines of text for the CLI to print."""

from __future__ import annotations

from dataclasses import dataclass

from lingbi_cli.errors import UsageError
from lingbi_cli.reports.data import Report
from lingbi_cli.reports.figures import LABELS
from lingbi_cli.reports.wording import plain
from lingbi_cli.store.records import Records
from lingbi_cli.store.rows import Loaded

PRIVATE_FIGURES = frozenset({"health"})  # totals of personal health data: never itemised


def explain(records: Records, made: Report, key: str, township: str | None) -> list[str]:
    if key not in LABELS:
        known = "、".join(f"{k}（{label}）" for k, (label, _) in LABELS.items())
        raise UsageError(f"没有名为 {key} 的数字；可用：{known}")
    figures = made.figures.get(township)
    if figures is None:
        raise UsageError(
            "这份报告没有可以解释的数字（代表履职档案、履职考核和联系帮扶名单请直接看其中的明细）"
        )
    if key in PRIVATE_FIGURES:
        raise UsageError(f"{LABELS[key][0]}只报总数，不列出是哪些户（个人健康信息）")
    figure = figures[key]
    label, unit = LABELS[key]
    where = records.townships[township].name if township else records.settings.county
    value = "—" if figure.value is None else plain(figure.value)
    lines = [
        f"{where} {figures.period.label_zh()} {label}：{value} {unit}，"
        f"由以下 {len(figure.sources)} 条记录构成："
    ]
    for record in figure.sources:
        source = describe(record)
        parts = [
            source.id,
            source.when,
            source.kind,
            "、".join(source.deputies),
            source.place,
        ]
        lines.append("  " + "  ".join(p for p in parts if p))
    return lines


@dataclass(frozen=True)
class Source:
    """One record behind a figure as ``--explain`` lists it (the site shows the same)."""

    id: str
    when: str  # its date, or a pairing's start; "" for records without one
    kind: str  # an activity's kind in Chinese; ""
    deputies: list[str]  # the ids of the deputies named on it; []
    file: str
    line: int

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}"


def describe(record: Loaded) -> Source:
    when = getattr(record, "date", None) or getattr(record, "start", "")
    what = getattr(record, "kind", None)
    people = getattr(record, "deputies", None)
    return Source(
        record.id,
        str(when or ""),
        getattr(what, "value", "") or "",
        list(people) if isinstance(people, list) else [],
        record.file,
        record.line,
    )
