"""Each rule's example: a small data folder that triggers the rule, shipped with the package.

In the source tree the folders are ``tests/rules/<rule-name>/``; installed, they are the package
data ``lingbi_cli.rule_examples`` (``package-dir`` in pyproject.toml, as ``templates/``). The
rule's test loads its folder and must see the rule triggered, and nothing else of the integrity
tier; ``lingbi explain`` prints the files that matter. A folder holds:

* a minimal ``lingbi.yaml`` and only the record files the example needs;
* ``example.toml``: ``as_of``, the day the example is judged on (and ``today``, when the
  example needs "today" to be another day); ``[files]``, for each record file that matters, a
  Chinese line saying what in it triggers the rule, in the order ``explain`` prints them;
  ``near_miss``, what ``near-miss/`` changes, if the folder has one;
* optionally ``near-miss/``: some of the same files, changed so that the rule is not triggered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2] / "tests" / "rules"
EXAMPLE_FILE = "example.toml"
NEAR_MISS = "near-miss"


@dataclass(frozen=True)
class Example:
    rule: str
    folder: Path
    as_of: dt.date
    today: dt.date
    files: dict[str, str]  # record file → what in it triggers the rule (Chinese)
    near_miss: str = ""  # what near-miss/ changes, if there is one

    def text(self, rel: str) -> str:
        return (self.folder / rel).read_text(encoding="utf-8")


def folder_of(rule: str) -> Path:
    """Where the example of ``rule`` is: inside the installed package, or in a checkout."""
    try:
        # a folder without __init__.py: files() gives a MultiplexedPath, joined to a real path
        packaged = Path(str(resources.files("lingbi_cli.rule_examples") / rule))
        if packaged.is_dir():
            return packaged
    except ModuleNotFoundError:
        pass
    return CHECKOUT / rule


def example(rule: str) -> Example | None:
    """The example of ``rule``, or None if it has none."""
    import tomllib  # only explain and the tests read examples

    folder = folder_of(rule)
    try:
        meta = tomllib.loads((folder / EXAMPLE_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    as_of = meta.pop("as_of")
    today = meta.pop("today", as_of)
    files = {str(k): str(v) for k, v in meta.pop("files", {}).items()}
    near_miss = str(meta.pop("near_miss", ""))
    if meta:
        raise ValueError(f"{folder / EXAMPLE_FILE}: unknown keys {sorted(meta)}")
    return Example(rule, folder, as_of, today, files, near_miss)
