"""Judging a filing deadline, shared by ``plan-filed`` and ``report-filed``."""

from __future__ import annotations

import datetime as dt

from lingbi_cli import models
from lingbi_cli.errors import Finding
from lingbi_cli.models import FilingKind
from lingbi_cli.rules.base import Context


def filed(
    ctx: Context,
    township: models.Township,
    wanted: list[tuple[FilingKind, str]],
    due: dt.date,
) -> Finding | None:
    """A finding if none of the ``wanted`` (kind, period) filings was made by ``due``: about the
    first one, if it came late; about the township, if none came and ``due`` has passed."""
    filings = sorted(
        (
            f
            for kind, period in wanted
            for f in ctx.index.filings.get((township.id, kind, period), [])
            if f.date <= ctx.as_of
        ),
        key=lambda f: (f.date, f.id),
    )
    if filings and filings[0].date <= due:
        return None
    kind, period = wanted[0]
    names = "或".join(k.value for k, _ in wanted)
    label = f"{township.name}（{township.id}）{period} 的{names}"
    if filings:
        first = filings[0]
        return ctx.finding(
            first,
            f"{label}在 {first.date} 才报送，晚于 {due}",
            "下次请在期限前报送",
            facts={
                "kind": first.kind.value,
                "period": first.period,
                "due": due,
                "filed": first.date,
            },
        )
    if due >= ctx.as_of:
        return None  # not yet due
    return ctx.finding(
        township,
        f"{label}应在 {due} 前报送，至今没有报送记录",
        f"报送后用 lingbi file {kind.name} --period {period} --township {township.id} "
        "--date 报送日期 登记",
        facts={"kind": kind.value, "period": period, "due": due, "filed": None},
    )
