"""The rule catalog and the runner: ``run(county, ...)`` returns every finding, sorted."""

from lingbi_cli.rules import integrity  # noqa: F401  (registers the rules)
from lingbi_cli.rules.base import REGISTRY, Rule
from lingbi_cli.rules.run import CheckResult, run

__all__ = ["REGISTRY", "CheckResult", "Rule", "run"]
