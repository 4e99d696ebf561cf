"""The rules' per-file parts: run by the loader, cached with each file, never lost to a cache
made by a process that loaded without the rules."""

from __future__ import annotations

import subprocess
import sys

from conftest import TINY

from lingbi_cli import rules
from lingbi_cli.store import filecheck
from lingbi_cli.store.folder import DataFolder

HOUSEHOLDS = "townships/yangtuan/households.yaml"
WITHOUT_RULES = """
import sys
from pathlib import Path
from lingbi_cli.store.folder import DataFolder
county = DataFolder(Path(sys.argv[1])).load()
assert "lingbi_cli.rules" not in sys.modules
print(sum(1 for f in county.findings if f.rule == "id-number"))
"""


def test_the_rules_register_their_per_file_parts():
    assert set(filecheck.FILE_CHECKS) == {
        name for name, rule in rules.REGISTRY.items() if rule.per_file is not None
    }
    assert set(filecheck.FILE_CHECKS) == {"date-range", "id-number"}


def test_a_cache_made_without_the_rules_is_not_trusted_with_them(folder):
    wrong = TINY[HOUSEHOLDS].replace("34132319650315013X", "341323196503150131")
    data = folder({HOUSEHOLDS: wrong})
    bare = subprocess.run(
        [sys.executable, "-c", WITHOUT_RULES, str(data)], capture_output=True, text=True
    )
    assert bare.returncode == 0, bare.stderr
    assert bare.stdout.strip() == "0"  # no rules imported: no per-file checks ran
    assert (data / ".lingbi-cache").is_dir()  # and its entries were written
    (found,) = [f for f in DataFolder(data).load().findings if f.rule == "id-number"]
    assert found.record == "yangtuan-h0001" and "校验码错误（应为 X）" in found.message
    (again,) = [
        f for f in DataFolder(data).load().findings if f.rule == "id-number"
    ]  # from the cache
    assert again == found
