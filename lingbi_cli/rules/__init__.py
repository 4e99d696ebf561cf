"""The rule catalog: every module of this package is imported (but ``examples``, which only
``lingbi explain`` and the tests read), and each rule module registers its rule
(``rules/<rule_name>.py``). The catalog's order, the integrity tier and each rule's cost
come from the rules' own registration (``base.rule``), never from a list kept here.

``run(county, ...)`` returns every finding, sorted; ``check_folder`` is ``lingbi check``
(``judge_folder``: with the days its result holds for).
"""

import importlib
import os

from lingbi_cli.rules.base import REGISTRY, Rule, Scope, Tier, sort_catalog

for _name in sorted(os.listdir(__path__[0])):
    if _name.endswith(".py") and _name not in ("__init__.py", "examples.py"):
        importlib.import_module(f"{__name__}.{_name[:-3]}")
sort_catalog()

from lingbi_cli.errors import CheckResult  # noqa: E402
from lingbi_cli.rules.partition import check_folder, judge_folder  # noqa: E402
from lingbi_cli.rules.run import run  # noqa: E402

CATALOG = tuple(REGISTRY)
INTEGRITY = tuple(name for name, r in REGISTRY.items() if r.tier is Tier.integrity)

__all__ = [
    "CATALOG",
    "INTEGRITY",
    "REGISTRY",
    "CheckResult",
    "Rule",
    "Scope",
    "Tier",
    "check_folder",
    "judge_folder",
    "run",
]
