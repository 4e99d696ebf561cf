"""Running the rules: selection and levels from lingbi.yaml and the command line, ignores."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from typing import Any

from lingbi_cli import periods
from lingbi_cli.errors import CheckResult, ConfigError, Finding, Level, UsageError
from lingbi_cli.parallel import can_fork, cores, parallel_map
from lingbi_cli.rules.base import REGISTRY, Context, Rule, Scope
from lingbi_cli.rules.index import index_of
from lingbi_cli.rules.judging_day import narrow, span_of
from lingbi_cli.store.layout import township_of
from lingbi_cli.store.records import Records

_RESERVED = ("select", "ignore")


def _names(value: Any, where: str) -> list[str]:
    names = [value] if isinstance(value, str) else list(value or [])
    for name in names:
        if name not in REGISTRY:
            raise ConfigError("lingbi.yaml", 0, where, f"没有名为 {name} 的规则（见 lingbi rules）")
    return names


def selected_rules(
    config: dict[str, Any], only: list[str] | None = None
) -> list[tuple[Rule, Any, Level]]:
    """The rules to run, each with its validated settings and effective level."""
    for key in config:
        if key not in _RESERVED and key not in REGISTRY:
            raise ConfigError("lingbi.yaml", 0, f"rules.{key}", "没有这条规则（见 lingbi rules）")
    select = set(_names(config.get("select"), "rules.select")) or set(REGISTRY)
    ignore = set(_names(config.get("ignore"), "rules.ignore"))
    if only:
        unknown = [name for name in only if name not in REGISTRY]
        if unknown:
            raise UsageError(f"没有名为 {', '.join(unknown)} 的规则；lingbi rules 列出全部规则")
        select, ignore = set(only), set()
    chosen = []
    for name, rule in REGISTRY.items():
        settings = rule.settings(config.get(name))
        if name not in select or name in ignore or not settings.enabled:
            continue
        chosen.append((rule, settings, settings.level or rule.level))
    return chosen


def run(
    records: Records,
    *,
    as_of: dt.date | None = None,
    only: list[str] | None = None,
    today: dt.date | None = None,
    scope: Scope | None = None,
) -> CheckResult:
    """Every finding of every selected rule (loader findings included), sorted by place.

    With a township in ``scope``, findings about files of other townships are left out (and
    the others' that ``Scope.kept`` leaves out: a county's part, ``rules.partition``); the
    campaign rules judge only the periods of ``scope`` and only what is due by ``as_of``.
    """
    today = today or periods.today()
    as_of = as_of or today
    scope = scope or Scope()
    if scope.township is not None and scope.township not in records.townships:
        known = "、".join(sorted(records.townships)) or "（无）"
        raise UsageError(f"没有编号为 {scope.township} 的乡镇；现有：{known}")
    chosen = selected_rules(records.settings.rules, only)
    findings: list[Finding] = []
    ignored: list[tuple[Finding, str]] = []
    levels = {rule.name: (level, settings.level is not None) for rule, settings, level in chosen}
    # An ignore comment naming no rule is a `schema` finding: selected and levelled like one.
    bad_ignores: list[Finding] = []
    annotated = [a for a in records.activities.values() if a.marks]
    for table in (
        "townships",
        "units",
        "deputies",
        "households",
        "pairings",
        "proposals",
        "filings",
        "awards",
    ):
        annotated += [r for r in getattr(records, table).values() if r.ignores]
    for record in annotated:
        for name in record.ignores:
            if name not in REGISTRY:
                bad_ignores.append(
                    Finding(
                        "schema",
                        Level.warning,
                        record.file,
                        record.line,
                        1,
                        f"{record.kind_label} {record.id} 的 lingbi: ignore[{name}] 写的规则不存在",
                        "规则名称见 lingbi rules",
                        record.id,
                    )
                )
    # findings made while reading files honour a record's ignore comments like any other
    marks = {(r.file, r.id): r.ignores for r in annotated}
    for found in [*records.findings, *bad_ignores]:
        if found.rule not in levels:
            continue
        level, overridden = levels[found.rule]
        found = replace(found, level=level) if overridden else found
        reason = marks.get((found.file, found.record), {}).get(found.rule)
        if reason is not None and found.rule != "schema":
            ignored.append((found, reason))
        else:
            findings.append(found)
    contexts = [
        Context(records, rule, settings, level, as_of, today, scope)
        for rule, settings, level in chosen
        if rule.check is not None
    ]
    for found, why in _run_checks(records, contexts):
        if why is None:
            findings.append(found)
        else:
            ignored.append((found, why))
    kept = scope.kept()
    if kept is not None:

        def in_scope(f: Finding) -> bool:
            """The township's own files and record; the county's files (units, awards) are
            the county's business, shown with any township's unless the scope leaves them
            out (``Context.shown``)."""
            return township_of(f.file, f.record) in kept

        findings = [f for f in findings if in_scope(f)]
        ignored = [(f, why) for f, why in ignored if in_scope(f)]
    findings.sort(key=Finding.sort_key)
    ignored.sort(key=lambda pair: pair[0].sort_key())
    return CheckResult(findings, ignored)


PARALLEL_FROM = 20_000  # activities; below this, a second process costs more than it saves


def _jobs(records: Records) -> int:
    wanted = os.environ.get("LINGBI_JOBS", "")
    if wanted.isdigit():
        return max(1, min(int(wanted), 2))
    if not can_fork() or cores() < 2:
        return 1
    return 2 if len(records.activities) >= PARALLEL_FROM else 1


Outcome = tuple[Finding, str | None]  # (finding, None) or (ignored finding, reason)


Span = tuple[dt.date, dt.date] | None


def _outcomes(ctx: Context) -> tuple[list[Outcome], Span, Span]:
    """A rule's outcomes, and for which judging days and todays they hold (``judging_day``):
    a forked process sends its windows back with its findings."""
    assert ctx.rule.check is not None
    out: list[Outcome] = [(f, None) for f in ctx.rule.check(ctx) if f is not None]
    out.extend(ctx.ignored)
    return out, span_of(ctx.as_of), span_of(ctx.today)


def _run_checks(records: Records, contexts: list[Context]) -> list[Outcome]:
    """The rules' findings; on a large county, the rules are shared with a forked process,
    the costliest first (each rule's ``cost``).

    The rules only read the county, so the child shares it copy-on-write (the loader froze it
    out of the garbage collector's reach) and sends back nothing but its findings.
    """
    jobs = _jobs(records)
    if jobs > 1:
        index_of(records)  # build the shared index once, before the fork
    parts = parallel_map(_outcomes, contexts, workers=jobs, cost=lambda ctx: ctx.rule.cost)
    if contexts:
        for day, spans in (
            (contexts[0].as_of, [p[1] for p in parts]),
            (contexts[0].today, [p[2] for p in parts]),
        ):
            for span in spans:
                if span is not None:
                    narrow(day, span)
    return [outcome for part in parts for outcome in part[0]]
