"""Running the rules: selection and levels from lingbi.yaml and the command line, ignores."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from lingbi_cli import periods
from lingbi_cli.errors import ConfigError, Finding, Level, UsageError
from lingbi_cli.rules.base import REGISTRY, Context, Rule, Scope
from lingbi_cli.store.load import County

_RESERVED = ("select", "ignore")


@dataclass
class CheckResult:
    findings: list[Finding]
    ignored: list[tuple[Finding, str]] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        counts = Counter(f.rule for f in self.findings)
        return {name: counts[name] for name in sorted(counts)}

    def worst(self) -> Level | None:
        return max((f.level for f in self.findings), key=lambda lv: lv.rank, default=None)


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
    county: County,
    *,
    as_of: dt.date | None = None,
    only: list[str] | None = None,
    today: dt.date | None = None,
    scope: Scope | None = None,
) -> CheckResult:
    """Every finding of every selected rule (loader findings included), sorted by place.

    With a township in ``scope``, findings about files of other townships are left out; the
    campaign rules judge only the periods of ``scope`` and only what is due by ``as_of``.
    """
    today = today or periods.today()
    as_of = as_of or today
    scope = scope or Scope()
    if scope.township is not None and scope.township not in county.townships:
        known = "、".join(sorted(county.townships)) or "（无）"
        raise UsageError(f"没有编号为 {scope.township} 的乡镇；现有：{known}")
    chosen = selected_rules(county.settings.rules, only)
    findings: list[Finding] = []
    ignored: list[tuple[Finding, str]] = []
    levels = {rule.name: (level, settings.level is not None) for rule, settings, level in chosen}
    # An ignore comment naming no rule is a `schema` finding: selected and levelled like one.
    bad_ignores: list[Finding] = []
    for record in county.all_records():
        if record.__pydantic_private__["_ignores"] is None:  # type: ignore[index]
            continue
        for name in record.ignores:
            if name not in REGISTRY:
                bad_ignores.append(
                    Finding(
                        "schema", Level.warning, record.file, record.line, 1,
                        f"{record.kind_label} {record.id} 的 lingbi: ignore[{name}] "
                        "写的规则不存在",
                        "规则名称见 lingbi rules", record.id,
                    )
                )
    for found in [*county.findings, *bad_ignores]:
        if found.rule not in levels:
            continue
        level, overridden = levels[found.rule]
        findings.append(replace(found, level=level) if overridden else found)
    for rule, settings, level in chosen:
        if rule.check is None:
            continue
        ctx = Context(county, rule, settings, level, as_of, today, scope)
        findings.extend(f for f in rule.check(ctx) if f is not None)
        ignored.extend(ctx.ignored)
    if scope.township is not None:
        prefix = "townships/"
        mine = f"{prefix}{scope.township}/"
        findings = [
            f for f in findings
            if not f.file.startswith(prefix) or f.file.startswith(mine)
        ]
        ignored = [
            (f, why) for f, why in ignored
            if not f.file.startswith(prefix) or f.file.startswith(mine)
        ]
    findings.sort(key=Finding.sort_key)
    return CheckResult(findings, ignored)
