"""The catalog documents itself: rules, fields, commands and the README's generated parts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from pydantic import Field

from lingbi_cli import docgen, models
from lingbi_cli.cli import app
from lingbi_cli.rules import REGISTRY

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_rule_is_documented(name):
    rule = REGISTRY[name]
    assert rule.summary, name
    for part in ("What:", "Why:"):
        assert part in rule.doc, f"{name} docstring lacks {part}"
    for text in (rule.what, rule.why):  # what `lingbi explain` prints to a clerk
        assert text, name
        assert not re.search(r"``|\.py\b|store\.|What:|Why:", text), f"{name}: {text}"
        chinese = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
        assert chinese > len(text) / 3, f"{name} is not told in Chinese: {text}"
    if rule.clause:
        assert rule.clause.startswith("§") and rule.quote, name


def test_each_rule_lives_in_its_own_module():
    for name, rule in REGISTRY.items():
        module = rule.check.__module__ if rule.check else None
        assert module in (None, f"lingbi_cli.rules.{rule.module}"), name
        assert (ROOT / "lingbi_cli" / "rules" / f"{rule.module}.py").is_file(), name


def test_rule_clauses_quote_the_seed():
    seed = ROOT.parent / "shared/seed/000_7d019ee7f57daf30.txt"
    if not seed.is_file():
        pytest.skip(f"the seed document is not at {seed} (../shared beside the checkout)")
    text = seed.read_text(encoding="utf-8").replace(",", "，")
    for rule in REGISTRY.values():
        for piece in rule.quote.replace(",", "，").split("……"):
            assert piece.strip("。") in text, f"{rule.name}: {piece!r} is not in the seed"


@pytest.mark.parametrize("model", models.RECORD_KINDS, ids=lambda m: m.kind_name)
def test_every_field_is_documented(model):
    for name, info in model.model_fields.items():
        assert info.description, f"{model.kind_name}.{name}"
        zh, en = docgen.field_doc(model, name)  # "中文 / English"
        assert zh.strip() == zh and en.strip() == en, f"{model.kind_name}.{name}"


def test_a_field_without_description_is_caught():
    class Bare(models.Record):
        kind_name = "bare"
        name: str
        note: str = Field(description="备注")  # no English half

    with pytest.raises(ValueError, match="bare.name"):
        docgen.field_doc(Bare, "name")
    with pytest.raises(ValueError, match="bare.note"):
        docgen.field_doc(Bare, "note")


def test_schema_names_each_field_by_its_key_in_the_files(cli):
    result = cli("schema", "activity")
    assert result.exit_code == 0, result.output
    activity = json.loads(result.stdout)["$defs"]["Activity"]["properties"]
    assert "findings" in activity and "observations" not in activity
    assert activity["findings"]["description"] == "发现的问题 / what was found"


def test_every_command_has_help_with_an_example():
    group = typer.main.get_command(app)
    names = group.list_commands(None)  # type: ignore[attr-defined]
    assert {"check", "log", "report", "proposal", "cache"} <= set(names)
    for name in names:
        command = group.get_command(None, name)  # type: ignore[attr-defined]
        assert command.help, f"lingbi {name} has no help"
        assert "例：lingbi" in command.help, f"lingbi {name} help has no example"


def test_each_command_is_found_in_the_module_that_registers_it():
    from lingbi_cli import cli

    registered = {name: module for module in cli.MODULES for name in cli.commands_of(module)}
    assert registered == cli.COMMANDS


def test_a_command_imports_only_what_it_uses(tiny):
    """``check`` runs without the reports, the spreadsheets or the generator being imported."""
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from lingbi_cli.cli import app\n"
        f"result = CliRunner().invoke(app, ['--data', {str(tiny)!r}, 'check'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in sys.modules if m.startswith('lingbi_cli.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded = done.stdout
    assert "'lingbi_cli.rules.run'" in loaded
    for heavy in ("lingbi_cli.reports", "lingbi_cli.sheets", "lingbi_cli.sample"):
        assert f"'{heavy}" not in loaded, heavy


def test_readme_generated_parts_are_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert docgen.update(readme) == readme, "run: python -m lingbi_cli.docgen README.md"


def test_every_package_is_installed():
    """pyproject lists packages by hand (templates/ is mapped into the package): none missed."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.relative_to(ROOT).parts[:-1]) for p in (ROOT / "lingbi_cli").rglob("__init__.py")
    }
    assert found <= listed, f"add to pyproject.toml: {sorted(found - listed)}"
