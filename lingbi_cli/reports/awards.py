"""Award candidates (§3.4: 先进单位, 扶贫之星, 爱心代表) ranked by transparent scores, as data.

The seed names the awards but not how to judge them. Each candidate's metrics come from the
year's figures (``figures.compute``, as of the report's date — the same numbers the summary's
body and tables show); each metric is divided by the largest value among the candidates, so it
lies in 0…1, and the score is the weighted sum (weights in ``lingbi.yaml``, printed with the
ranking). Ties keep the candidates' order (townships as the county lists them, deputies by id).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lingbi_cli.config import AwardWeights
from lingbi_cli.errors import ConfigError
from lingbi_cli.reports.data import Column, ColumnKind, Table, Value
from lingbi_cli.reports.figures import DeputyRow, Figures
from lingbi_cli.store.records import Records

# metric key -> (label, column kind, unit), per kind of candidate
UNIT_METRICS = {
    "participation": ("代表参与率", ColumnKind.percent, ""),
    "pairing_work": ("每名代表入户帮扶", ColumnKind.number, "人次"),
    "trips": ("调研视察", ColumnKind.integer, "次"),
    "exited": ("结对户脱贫比例", ColumnKind.percent, ""),
}
DEPUTY_METRICS = {
    "pairing_work": ("入户帮扶", ColumnKind.integer, "次"),
    "exited": ("结对户脱贫", ColumnKind.integer, "户"),
    "trips": ("调研视察", ColumnKind.integer, "次"),
    "proposals": ("提出或附议议案建议", ColumnKind.integer, "件"),
    "donations": ("捐资捐物", ColumnKind.money, ""),
    "funds": ("引进资金", ColumnKind.money, ""),
}


@dataclass(frozen=True)
class Candidate:
    name: str
    where: str  # the deputy's township; "" for a township
    metrics: dict[str, float]
    shown: dict[str, Value]  # the metrics as the table shows them (typed)


@dataclass
class Ranking:
    award: str  # 先进单位, 扶贫之星, 爱心代表
    weights: list[tuple[str, float]]  # (metric label, weight), in the settings' order
    table: Table


def score(candidates: list[Candidate], weights: dict[str, float]) -> list[tuple[float, int]]:
    """(score, original position) per candidate, best first; ties keep the given order."""
    tops = {k: max((c.metrics[k] for c in candidates), default=0.0) for k in weights}
    scored = [
        (
            round(
                sum(w * (c.metrics[k] / tops[k] if tops[k] else 0.0) for k, w in weights.items()), 3
            ),
            i,
        )
        for i, c in enumerate(candidates)
    ]
    return sorted(scored, key=lambda pair: (-pair[0], pair[1]))


def ranking(
    award: str,
    candidates: list[Candidate],
    weights: dict[str, float],
    metrics: dict[str, tuple[str, ColumnKind, str]],
    top: int,
    setting: str,
) -> Ranking:
    unknown = [k for k in weights if k not in metrics]
    if unknown:
        known = "、".join(f"{k}（{label}）" for k, (label, _, _) in metrics.items())
        raise ConfigError("lingbi.yaml", 0, setting, f"没有指标 {unknown[0]}；可用：{known}")
    with_where = len({c.where for c in candidates}) > 1  # deputies of several townships
    columns = [Column("rank", "名次", ColumnKind.integer), Column("name", "名称")]
    if with_where:
        columns.append(Column("where", "所在乡镇"))
    columns += [Column(k, metrics[k][0], metrics[k][1], metrics[k][2]) for k in weights]
    columns.append(Column("score", "得分", ColumnKind.score))
    table = Table(f"{award}候选排名", tuple(columns))
    for place, (points, i) in enumerate(score(candidates, weights)[:top], start=1):
        c = candidates[i]
        row: list[Value] = [place, c.name, *([c.where] if with_where else [])]
        row += [c.shown[k] for k in weights]
        table.rows.append((*row, points))
    return Ranking(award, [(metrics[k][0], w) for k, w in weights.items()], table)


def township_candidates(records: Records, figures: dict[str | None, Figures]) -> list[Candidate]:
    out = []
    for township_id, township in records.townships.items():
        f = figures[township_id]
        per_deputy = round(f.count("pairing_work") / max(f.count("deputies"), 1), 1)
        exited = round(100 * f.count("exited") / max(f.count("households"), 1), 1)
        participation = float(f.value("participation") or 0.0)
        out.append(
            Candidate(
                township.name,
                "",
                {
                    "participation": participation,
                    "pairing_work": per_deputy,
                    "trips": float(f.count("trips")),
                    "exited": exited,
                },
                {
                    "participation": f.value("participation"),
                    "pairing_work": per_deputy,
                    "trips": f.count("trips"),
                    "exited": exited,
                },
            )
        )
    return out


def deputy_candidates(records: Records, rows: list[DeputyRow]) -> list[Candidate]:
    out = []
    for row in rows:
        township = records.townships.get(row.deputy.township)
        values: dict[str, Value] = {
            "pairing_work": row.pairing_work,
            "exited": row.exited,
            "trips": row.trips,
            "proposals": row.signed,
            "donations": row.donations,
            "funds": row.funds,
        }
        metrics = {k: float(v) if isinstance(v, int | Decimal) else 0.0 for k, v in values.items()}
        out.append(Candidate(row.deputy.name, township.name if township else "", metrics, values))
    return out


def rankings(
    records: Records, figures: dict[str | None, Figures], township: str | None
) -> list[Ranking]:
    """The county's rankings of all three awards, or a township's own deputies for 扶贫之星
    and 爱心代表 (the township recommends; the county judges)."""
    weights: AwardWeights = records.settings.report.awards
    rows = figures[township].deputy_rows()
    if township is not None:
        rows = [r for r in rows if r.deputy.township == township]
    deputies = deputy_candidates(records, rows)
    out = []
    if township is None:
        units = township_candidates(records, figures)
        out.append(
            ranking(
                "先进单位", units, weights.unit, UNIT_METRICS, weights.top, "report.awards.unit"
            )
        )
    out.append(
        ranking(
            "扶贫之星", deputies, weights.star, DEPUTY_METRICS, weights.top, "report.awards.star"
        )
    )
    out.append(
        ranking(
            "爱心代表",
            deputies,
            weights.caring_deputy,
            DEPUTY_METRICS,
            weights.top,
            "report.awards.caring_deputy",
        )
    )
    return out
