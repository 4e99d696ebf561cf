"""Imports flow down the layers, never up: a test that reads every module's imports.

Layers, top to bottom (``STYLE.md``, "The shape"):

    cli                                   the command line (and ``python -m``, docgen)
    actions, reports, sheets, sample      what commands do, as a library
    rules                                 the rules
    store                                 the data folder: reading, cache, safe writes
    models, config, periods, errors, parallel, templates_dir
                                          schemas, settings, calendar, exceptions, helpers

A module may import from its own layer or one below; ``models`` imports nothing else from the
package. Imports are read with ``ast`` from the source, those inside functions and under
``TYPE_CHECKING`` included, so a late import does not hide an upward one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import lingbi_cli

PACKAGE = Path(lingbi_cli.__file__).parent
LAYERS: list[set[str]] = [
    {"cli", "__main__", "docgen"},
    # site: the `lingbi site` pages, built beside the reports from the same records
    {"actions", "reports", "sheets", "sample", "site"},
    {"rules"},
    {"store"},
    {"models", "config", "periods", "dates", "errors", "parallel", "templates_dir", "__init__"},
]
# Imports allowed against the layers, each with its reason: (importer, imported) → why.
EXCEPTIONS: dict[tuple[str, str], str] = {}


def layer_of(part: str) -> int:
    for number, parts in enumerate(LAYERS):
        if part in parts:
            return number
    raise AssertionError(f"lingbi_cli.{part} has no layer: add it to LAYERS in {__file__}")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, module) of every import of a lingbi_cli module, relative ones resolved."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.split(".") if is_package else module.split(".")[:-1]
                here = here[: len(here) - node.level + 1]
                base = ".".join([*here, base] if base else here)
            # `from lingbi_cli import models`: a module; `… import __version__`: the package's
            names = [_member(a.name) for a in node.names] if base == "lingbi_cli" else [base]
            found += [(node.lineno, name) for name in names]
    return [(line, name) for line, name in found if name.split(".")[0] == "lingbi_cli"]


def _member(name: str) -> str:
    """What ``from lingbi_cli import name`` imports: a module of the package, or a name of
    the package's own ``__init__``."""
    is_module = (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()
    return f"lingbi_cli.{name}" if is_module else "lingbi_cli"


def part_of(module: str) -> str:
    """The top-level part of the package a module belongs to: ``store``, ``cli``, …"""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def violations(path: Path, source: str) -> list[str]:
    module = module_name(path)
    mine = part_of(module)
    found = []
    for line, target in imported(ast.parse(source), module, path.name == "__init__.py"):
        theirs = part_of(target)
        if theirs == mine or (mine, theirs) in EXCEPTIONS:
            continue
        if mine == "models" or layer_of(theirs) < layer_of(mine):
            found.append(f"{path.relative_to(PACKAGE.parent)}:{line} {module} imports {target}")
    return found


def test_no_module_imports_from_a_higher_layer() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += violations(path, path.read_text(encoding="utf-8"))
    assert found == [], "imports against the layers:\n" + "\n".join(found)


def test_every_exception_is_still_needed() -> None:
    """An exception no import uses any more goes, with its reason."""
    used = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for _, target in imported(tree, module, path.name == "__init__.py"):
            used.add((part_of(module), part_of(target)))
    assert set(EXCEPTIONS) <= used


def test_the_check_sees_upward_imports_anywhere_in_a_module() -> None:
    store = PACKAGE / "store" / "example.py"
    late = "def f():\n    from lingbi_cli.rules import run\n    return run\n"
    assert violations(store, late) == [
        "lingbi_cli/store/example.py:2 lingbi_cli.store.example imports lingbi_cli.rules"
    ]
    relative = "from ..cli import app\n"
    assert len(violations(store, relative)) == 1
    models = PACKAGE / "models" / "example.py"
    assert len(violations(models, "from lingbi_cli import errors\n")) == 1  # not even below
    assert violations(models, "from lingbi_cli.models.enums import Gender\n") == []
    assert violations(PACKAGE / "cli" / "x.py", "from lingbi_cli.store import folder\n") == []
