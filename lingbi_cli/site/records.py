"""The records behind every figure and every light of a township, as one page's data: what
``lingbi report --explain`` lists (id, date, kind, deputies, file:line), for each span and
figure, and the rules' findings behind each light with their file and line.

Each record is listed once per township (``rows``); each figure names its records by their
position in ``rows`` and what each added (person-times, yuan), so that a page can show the
records of a figure, or of its part in one month, without counting anything itself. Health
causes are never itemised (``explain.PRIVATE_FIGURES``); no ID number or phone is ever taken.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lingbi_cli import models
from lingbi_cli.reports.explain import PRIVATE_FIGURES, describe
from lingbi_cli.reports.figures import LABELS, Figures
from lingbi_cli.site.model import LIGHTS, Site
from lingbi_cli.site.text import number, shown
from lingbi_cli.store.rows import ActivityRecord, Loaded

RATES = frozenset({"participation", "satisfaction"})  # sources without amounts: not split


def who(site: Site, record: Loaded) -> str:
    """The people a record is about, by name (households by the head's name)."""
    records = site.records

    def names(ids: list[str]) -> str:
        return "、".join(records.deputies[i].name if i in records.deputies else i for i in ids)

    if isinstance(record, ActivityRecord | models.Proposal):
        return names(record.deputies)
    if isinstance(record, models.Deputy):
        return record.name
    if isinstance(record, models.Household):
        return f"{record.head}户（{record.village}）"
    if isinstance(record, models.Pairing):
        household = records.households.get(record.household)
        head = f"{household.head}户" if household else record.household
        return f"{names([record.deputy])} — {head}"
    return ""


def township_records(site: Site, township: str) -> dict[str, Any]:
    """The records page's data of one township: every span's figures and lights."""
    rows: list[list[Any]] = []
    position: dict[tuple[str, str], int] = {}

    def at(record: Loaded) -> int:
        key = (record.file, record.id)
        found = position.get(key)
        if found is not None:
            return found
        source = describe(record)
        position[key] = len(rows)
        rows.append(
            [source.id, source.when, source.kind, who(site, record), source.file, source.line]
        )
        return position[key]

    figures: dict[str, dict[str, Any]] = {}
    for span in site.spans:
        f = site.figures[span][township]
        figures[span] = {key: _figure(f, key, at) for key in LABELS if key not in PRIVATE_FIGURES}
    findings: dict[str, dict[str, list[list[Any]]]] = {}
    for span in site.spans:
        findings[span] = {
            light.rule: [
                [site.said(x), x.file, x.line] for x in site.of(span, township, light.rule)
            ]
            for light in LIGHTS
        }
    return {
        "place": site.name(township),
        "spans": {key: site.span_label(key) for key in site.spans},
        "labels": {key: list(LABELS[key]) for key in LABELS if key not in PRIVATE_FIGURES},
        "rules": {light.rule: light.label for light in LIGHTS},
        "rows": rows,
        "figures": figures,
        "findings": findings,
    }


def _figure(f: Figures, key: str, at: Any) -> dict[str, Any]:
    figure = f[key]
    out: dict[str, Any] = {
        "value": number(figure.value),
        "text": shown(figure.value, figure.unit),
        "rows": [at(record) for record in figure.sources],
    }
    if key not in RATES and any(a != 1 for a in figure.amounts):
        out["amounts"] = [float(a) if isinstance(a, Decimal) else a for a in figure.amounts]
    return out


def county_records(site: Site) -> dict[str, Any]:
    """The county's figures broken down by township: each township's value, linking to its
    own records page (a county figure is made of the townships' records)."""
    townships = site.townships
    figures: dict[str, dict[str, Any]] = {}
    for span in site.spans:
        figures[span] = {
            key: {
                "value": number(site.figures[span][None].value(key)),
                "text": shown(site.figures[span][None].value(key), LABELS[key][1]),
                "parts": [
                    shown(site.figures[span][t].value(key), LABELS[key][1]) for t in townships
                ],
            }
            for key in LABELS
            if key not in PRIVATE_FIGURES
        }
    findings = {
        span: {
            light.rule: [len(site.of(span, t, light.rule)) for t in townships] for light in LIGHTS
        }
        for span in site.spans
    }
    return {
        "place": "全县",
        "spans": {key: site.span_label(key) for key in site.spans},
        "labels": {key: list(LABELS[key]) for key in LABELS if key not in PRIVATE_FIGURES},
        "rules": {light.rule: light.label for light in LIGHTS},
        "townships": [[t, site.name(t)] for t in townships],
        "figures": figures,
        "findings": findings,
    }
