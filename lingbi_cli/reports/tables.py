"""The attached tables and the body's values of a township's or the county's report.

``deputy_table``: each deputy's share of the body's figures, with their total (also on the
site's township pages); ``township_table``: the county roll-up's figures per township;
``figure_values``, ``six_ones`` and ``substance_values``: what the templates' paragraphs print
— the totals, the “六个一” counts, and the substance beyond the totals (``reports.substance``).
``reports.build`` assembles them into a ``Report``.
"""

from __future__ import annotations

from decimal import Decimal

from lingbi_cli import models
from lingbi_cli.periods import Period
from lingbi_cli.reports import substance
from lingbi_cli.reports.data import Column, ColumnKind, Table, Value
from lingbi_cli.reports.figures import Figures
from lingbi_cli.store.records import Records


def deputy_table(figures: Figures, records: Records) -> Table:
    """The attached table: each deputy's share of the body's figures, with their total."""
    columns = (
        Column("number", "序号", ColumnKind.integer),
        Column("name", "姓名"),
        Column("levels", "代表层级"),
        Column("sector", "界别"),
        Column("households", "结对户", ColumnKind.integer, "户"),
        Column("pairing_work", "入户帮扶", ColumnKind.integer, "人次"),
        Column("trips", "调研视察", ColumnKind.integer, "人次"),
        Column("proposals", "领衔提出议案建议", ColumnKind.integer, "件"),
        Column("donations", "捐资捐物", ColumnKind.money),
        Column("funds", "引进资金", ColumnKind.money),
        Column("activities", "参加活动合计", ColumnKind.integer, "次"),
    )
    table = Table("代表参加活动情况统计表", columns)
    rows = figures.deputy_rows()
    for n, row in enumerate(rows, start=1):
        d = row.deputy
        name = d.name
        if figures.township is not None and d.township != figures.township:
            other = records.townships.get(d.township)
            name += f"（{other.name}）" if other else ""
        table.rows.append(
            (
                n,
                name,
                "、".join(level.value for level in d.levels),
                d.sector.value,
                row.households,
                row.pairing_work,
                row.trips,
                row.proposals,
                row.donations,
                row.funds,
                row.activities,
            )
        )
    table.total = (
        "合计",
        None,
        None,
        None,
        None,
        sum(r.pairing_work for r in rows),
        sum(r.trips for r in rows),
        sum(r.proposals for r in rows),
        sum((r.donations for r in rows), Decimal(0)),
        sum((r.funds for r in rows), Decimal(0)),
        sum(r.activities for r in rows),
    )
    return table


TOWNSHIP_COLUMNS: tuple[tuple[str, str, ColumnKind, str], ...] = (
    ("deputies", "在任代表", ColumnKind.integer, "名"),
    ("taking_part", "参加活动代表", ColumnKind.integer, "名"),
    ("participation", "参与率", ColumnKind.percent, ""),
    ("pairings", "结对", ColumnKind.integer, "对"),
    ("households", "结对贫困户", ColumnKind.integer, "户"),
    ("pairing_work", "入户帮扶", ColumnKind.integer, "人次"),
    ("trips", "调研视察", ColumnKind.integer, "次"),
    ("trip_person_times", "代表参加视察", ColumnKind.integer, "人次"),
    ("donations", "捐资捐物", ColumnKind.money, ""),
    ("funds", "引进资金", ColumnKind.money, ""),
    ("jobs", "就业岗位", ColumnKind.integer, "个"),
    ("projects", "引进项目", ColumnKind.integer, "个"),
    ("cooperatives", "领办合作社", ColumnKind.integer, "个"),
    ("trainees", "培训", ColumnKind.integer, "人次"),
    ("aid", "帮助解决实际困难", ColumnKind.integer, "次"),
    ("proposals", "议案建议", ColumnKind.integer, "件"),
    ("replied", "已答复", ColumnKind.integer, "件"),
    ("satisfaction", "满意率", ColumnKind.percent, ""),
    ("exited", "结对户脱贫", ColumnKind.integer, "户"),
    ("publicity", "宣传报道", ColumnKind.integer, "篇"),
    ("supervision", "联系领导督查", ColumnKind.integer, "次"),
)


def township_table(records: Records, figures: dict[str | None, Figures]) -> Table:
    """The county roll-up's table: the same figures per township, and the county's total."""
    columns = (Column("township", "乡镇"),) + tuple(
        Column(key, label, kind, unit) for key, label, kind, unit in TOWNSHIP_COLUMNS
    )
    table = Table("各乡镇活动情况统计表", columns)

    def values(f: Figures) -> tuple[Value, ...]:
        return tuple(f.value(key) for key, *_ in TOWNSHIP_COLUMNS)

    for township_id, township in records.townships.items():
        table.rows.append((township.name, *values(figures[township_id])))
    table.total = ("全县", *values(figures[None]))
    return table


def figure_values(f: Figures) -> dict[str, Value]:
    return {key: item.value for key, item in f.items.items()}


def six_ones(f: Figures) -> list[tuple[str, int]]:
    return [(kind.value, f.count(kind.name)) for kind in models.SIX_ONES]


def substance_values(
    records: Records,
    f: Figures,
    township: str | None,
    period: Period,
    told: list[substance.Told] | None = None,
) -> dict[str, object]:
    """The paragraphs beyond the totals (``reports.substance``), for any township or county
    report: by sector, by focus area, each trip, publicity by outlet, practical help, typical
    deeds and the experience summaries. ``told``: what every township's activities tell
    (``substance.Told``), read instead of ``f``'s activities (a county's report summed)."""
    return {
        "whole_county": township is None,
        "sectors": substance.sectors(f),
        "focus_areas": [(a.value, f.count(f"focus_{a.name}")) for a in models.FocusArea],
        "proposal_focus": substance.proposal_focus(f),
        "trip_forms": [(form.value, f.count(f"trips_{form.name}")) for form in models.TripForm],
        "trip_notes": substance.trips(records, f, told),
        "outlets": substance.outlets(f, told),
        "help_kinds": [(k.value, f.count(f"aid_{k.name}")) for k in models.HelpKind],
        "deeds": substance.deeds(records, f, township, period.label, told),
        "experience": substance.experience(records, township, period.label),
        "experiences": (
            substance.township_experiences(records, period.label) if township is None else []
        ),
    }
