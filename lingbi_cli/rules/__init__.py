"""The rule catalog and the runner: ``run(county, ...)`` returns every finding, sorted."""

from lingbi_cli.rules import calendar, integrity, pairing, proposals  # noqa: F401  (registers)
from lingbi_cli.rules.base import REGISTRY, Rule, Scope
from lingbi_cli.rules.run import CheckResult, check_folder, run

# The catalog's order: the integrity tier, then the campaign rules as DESIGN.md §4 lists them.
CATALOG = (
    "yaml-syntax",
    "schema",
    "duplicate-id",
    "unknown-ref",
    "id-number",
    "date-range",
    "pairing-window",
    "inactive-deputy",
    "pairs-per-deputy",
    "household-source",
    "first-meeting",
    "regular-visits",
    "trips-per-year",
    "plan-filed",
    "report-filed",
    "silent-deputy",
    "proposal-reply",
    "household-exit",
    "six-ones",
    "liaison-supervision",
)
INTEGRITY = CATALOG[:8]
_rules = {name: REGISTRY.pop(name) for name in CATALOG}
assert not REGISTRY, f"rules missing from CATALOG: {sorted(REGISTRY)}"
REGISTRY.update(_rules)

__all__ = [
    "CATALOG",
    "INTEGRITY",
    "REGISTRY",
    "CheckResult",
    "Rule",
    "Scope",
    "check_folder",
    "run",
]
