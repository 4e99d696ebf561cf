"""The county overview (``index.html``): per township, a traffic light for each campaign
requirement, the participation rate, households paired and exited, and what was brought in,
for the whole campaign or one year — sortable; each value links to its records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lingbi_cli.reports.figures import LABELS
from lingbi_cli.site.model import ALL, LIGHTS, Light, Site, State
from lingbi_cli.site.render import Writer, page
from lingbi_cli.site.text import number, shown

# the figures of the overview's table, in its column order, with short headers
COLUMNS: tuple[tuple[str, str], ...] = (
    ("participation", "代表参与率"),
    ("households", "结对户"),
    ("exited", "脱贫户"),
    ("pairing_work", "入户帮扶（人次）"),
    ("trips", "调研视察（次）"),
    ("donations", "捐资捐物"),
    ("funds", "引进资金"),
    ("projects", "引进项目（个）"),
)
CHART = "pairing_work"  # the overview's chart: each township's pairing work, in person-times
SYMBOLS = {State.ok: "●", State.some: "▲", State.bad: "■", State.off: "○"}


@dataclass(frozen=True)
class Cell:
    text: str
    sort: float
    href: str
    title: str = ""
    css: str = ""


def records_href(township: str | None, span: str, key: str = "", rule: str = "") -> str:
    """The records behind a figure (``key``) or a light (``rule``) of ``township``."""
    name = township or "county"
    what = f"k={key}" if key else f"r={rule}"
    return f"records/{name}.html#p={span}&{what}"


def light_cell(light: Light, township: str | None, span: str) -> Cell:
    symbol = SYMBOLS[light.state]
    if light.state is State.off:
        words, tip = "未启用", "这项要求在设置中没有启用"
    elif light.state is State.ok:
        words, tip = "达标", "没有发现问题"
    elif light.rule.reach.value == "township":
        words, tip = "未达", f"未达到要求（{light.count}处）"
    else:
        words = f"{light.count}处"
        tip = f"{light.count}处未达到要求（共{light.of}个）"
    return Cell(
        f"{symbol} {words}",
        light.rank,
        records_href(township, span, rule=light.rule.rule),
        tip,
        f"light {light.state.value}",
    )


def row(site: Site, span: str, township: str | None) -> list[Cell]:
    f = site.figures[span][township]
    cells = [light_cell(site.light(span, township, rule), township, span) for rule in LIGHTS]
    for key, _ in COLUMNS:
        value = f.value(key)
        unit = LABELS[key][1]
        cells.append(
            Cell(
                shown(value, unit),
                float(number(value) or -1),
                records_href(township, span, key),
                f"{LABELS[key][0]}：点击查看构成这个数字的记录",
                "num",
            )
        )
    return cells


@page("overview", "总览", "index.html", order=10)
def overview(site: Site, writer: Writer) -> None:
    headers = [light.label for light in LIGHTS] + [header for _, header in COLUMNS]
    tables: dict[str, Any] = {}
    chart: dict[str, list[list[Any]]] = {}
    for span in site.spans:
        rows = [(site.name(t), f"township/{t}.html", row(site, span, t)) for t in site.townships]
        total = row(site, span, None) if site.only is None else None
        tables[span] = {"rows": rows, "total": total}
        chart[span] = [
            [site.name(t), number(site.figures[span][t].value(CHART)), t] for t in site.townships
        ]
    default = site.years[-1] if site.years else ALL
    title = "全县总览" if site.only is None else f"{site.name(site.only)}总览"
    writer.page(
        "index.html",
        "overview.html.j2",
        title,
        headers=headers,
        lights=len(LIGHTS),
        tables=tables,
        spans=[(key, site.span_label(key)) for key in site.spans],
        default=default,
        chart=chart,
    )
