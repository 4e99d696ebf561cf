"""The per-file parts of rules: checks the loader runs on each file's records while reading it.

Some rules judge a record from nothing but the record and the file it sits in — a citizen ID
number's check digit (``id-number``), an activity in another month's file (``date-range``).
Run while the file is read, their findings are cached with the file, so that an unchanged file
costs nothing on the next run. The checks themselves live in the rule modules
(``rules/<rule>.py``, beside the rest of each rule); this module only holds them for the loader.

Why a registry filled by the rules, and not a parameter of ``load``: the store must not import
the rules (they sit above it), and ``load`` is called from many places — ``check``, reports,
``stats``, every write action, tests. With a parameter, each caller would have to remember to
pass the rules' checks, and one that forgot would silently lose ``id-number`` findings from a
report's integrity section, or write cache entries without them for the next run to trust.
Importing ``lingbi_cli.rules`` (which every command does) registers every rule's per-file part
once; the file cache's key includes the names registered (``fingerprint``), so a process that
loads without the rules never has its entries taken for complete ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from lingbi_cli.errors import Finding, Level
from lingbi_cli.store.layout import RecordFile
from lingbi_cli.store.rows import Loaded


@dataclass(frozen=True, slots=True)
class FileContext:
    """What a per-file check sees: its rule, the rule's default level and the file."""

    rule: str
    level: Level
    source: RecordFile

    def finding(self, record: Loaded, message: str, hint: str = "") -> Finding:
        """A finding about ``record`` of this file (``lingbi check`` levels and ignores it
        like the loader's other findings)."""
        return Finding(
            self.rule, self.level, self.source.rel, record.line, 1, message, hint, record.id
        )


FileCheckFn = Callable[[FileContext, Sequence[Loaded]], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class FileCheck:
    rule: str
    level: Level
    check: FileCheckFn


FILE_CHECKS: dict[str, FileCheck] = {}


def register(rule: str, level: Level, check: FileCheckFn) -> None:
    """Add a rule's per-file part (called by the rule registry, once per rule)."""
    if rule in FILE_CHECKS:
        raise ValueError(f"per-file check of {rule} registered twice")
    FILE_CHECKS[rule] = FileCheck(rule, level, check)


def check_file(source: RecordFile, records: Sequence[Loaded]) -> list[Finding]:
    """The findings of every registered per-file check on one file's valid records."""
    found: list[Finding] = []
    for entry in FILE_CHECKS.values():
        found.extend(entry.check(FileContext(entry.rule, entry.level, source), records))
    return found


def fingerprint() -> str:
    """Which per-file checks ran: part of a file cache entry's key."""
    return ",".join(sorted(FILE_CHECKS))
