"""One exception tree for unusable input, and Finding: a problem in the records, as a value.

Findings are collected, never raised: the loader and the rules return them, the CLI sorts and
prints them. Exceptions are for what makes a run impossible (no data folder, a broken
``lingbi.yaml``, a bad argument); the CLI catches ``LingbiError`` once and exits 2.
"""

from __future__ import annotations

import errno
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    """How serious a finding is; ordered error > warning > info."""

    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in the records.

    ``file`` is relative to the data folder (POSIX separators); ``line`` and ``column`` are
    1-based, 0 when unknown.
    """

    rule: str
    level: Level
    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    record: str = ""
    # What the finding is about as data (dates, counts, period codes such as "2019H1"), for
    # whoever words it otherwise than ``message`` (a report's problems section).
    facts: dict[str, object] = field(default_factory=dict, compare=False)

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        # pickled as its fields in order: several times faster than a slotted dataclass's
        # default (a county's stored check holds thousands of findings)
        return Finding, (
            self.rule,
            self.level,
            self.file,
            self.line,
            self.column,
            self.message,
            self.hint,
            self.record,
            self.facts,
        )

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.rule)

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "level": self.level.value,
            "rule": self.rule,
            "record": self.record,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class CheckResult:
    """What a ``check`` found: the findings, and those an ignore comment silenced (each with
    the comment's reason)."""

    findings: list[Finding]
    ignored: list[tuple[Finding, str]] = field(default_factory=list)

    def packed(self) -> tuple[list[Row], list[tuple[Row, str]]]:
        """The result as plain rows, for a cache (``stored`` reads it back): a county's 15,000
        findings are stored and read back in half the time findings would take."""
        reasons = [reason for _, reason in self.ignored]
        silenced = _rows(found for found, _ in self.ignored)
        return _rows(self.findings), list(zip(silenced, reasons, strict=True))

    @classmethod
    def stored(cls, value: object) -> CheckResult | None:
        """A stored ``packed`` result as a result; None for anything else (a damaged or
        planted cache entry, read with a restricted unpickler: judged again)."""
        if not (isinstance(value, tuple) and len(value) == 2):
            return None
        rows, ignored = value
        if not (isinstance(rows, list) and isinstance(ignored, list)):
            return None
        try:
            findings = [_finding(row) for row in rows]
            silenced = [(_finding(row), reason) for row, reason in ignored]
        except (TypeError, ValueError, KeyError):
            return None
        if not all(type(reason) is str for _, reason in silenced):
            return None
        return cls(findings, silenced)

    def summary(self) -> dict[str, int]:
        counts = Counter(f.rule for f in self.findings)
        return {name: counts[name] for name in sorted(counts)}

    def worst(self) -> Level | None:
        # the levels found first (three at most), then the worst of them: a county's check
        # has 15,000 findings
        return max({f.level for f in self.findings}, key=lambda lv: lv.rank, default=None)


# A finding as a cache keeps it: its fields in order, its level by name.
Row = tuple[str, str, str, int, int, str, str, str, dict[str, object]]
_LEVELS = {level.value: level for level in Level}
_NEW = object.__new__
# a finding's fields set by their slots' own setters: a frozen dataclass's ``__init__`` (or its
# ``__setstate__``) goes through Python for each field, twice as slow for 15,000 findings
_SET = tuple(Finding.__dict__[name].__set__ for name in Finding.__slots__)


def _rows(findings: Iterable[Finding]) -> list[Row]:
    return [
        (f.rule, f.level._value_, f.file, f.line, f.column, f.message, f.hint, f.record, f.facts)
        for f in findings
    ]


def _finding(row: Row) -> Finding:
    """The finding a row holds; TypeError, ValueError or KeyError for anything else."""
    rule, level, file, line, column, message, hint, record, facts = row
    if not (
        type(rule) is type(file) is type(message) is type(hint) is type(record) is str
        and type(line) is type(column) is int
        and type(facts) is dict
    ):
        raise TypeError("not a finding's row")
    found = _NEW(Finding)
    rule_, level_, file_, line_, column_, message_, hint_, record_, facts_ = _SET
    rule_(found, rule)
    level_(found, _LEVELS[level])
    file_(found, file)
    line_(found, line)
    column_(found, column)
    message_(found, message)
    hint_(found, hint)
    record_(found, record)
    facts_(found, facts)
    return found


class LingbiError(Exception):
    """Base of every error that stops a command; its message is for the clerk, in Chinese."""

    exit_code = 2


class DataFolderNotFound(LingbiError):
    def __init__(self, start: str) -> None:
        super().__init__(
            f"找不到数据文件夹：从 {start} 向上没有找到 lingbi.yaml。"
            "请用 --data 指定，或设置环境变量 LINGBI_DATA，或先运行 lingbi init。"
        )


class ConfigError(LingbiError):
    def __init__(self, file: str, line: int, field: str, problem: str) -> None:
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: 配置项 {field} 有误：{problem}")


class UsageError(LingbiError):
    """A command-line argument that cannot be used (bad period, unknown township, …)."""


class RefusedError(LingbiError):
    """A write that the rules forbid; nothing was written."""

    exit_code = 1


class WriteError(LingbiError):
    """A write that was not made; nothing on disk changed."""

    exit_code = 1


class EditError(LingbiError):
    """A record file whose shape does not allow a safe splice (e.g. a flow-style top-level
    list); nothing was written."""

    exit_code = 1


class TemplateProblem(LingbiError):
    """A report template that cannot be used: syntax error, unsafe access, missing value."""


_OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ELOOP: "符号链接循环（链接最终指回自己）",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENOENT: "文件不存在（断开的符号链接，或刚被删除）",
    errno.ENAMETOOLONG: "路径过长",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "磁盘只读",
    errno.EINVAL: "不是普通文件（如设备或管道）",
}


def os_reason(error: OSError) -> str:
    """Why a file could not be read or written, in Chinese (never the system's English)."""
    return _OS_REASONS.get(error.errno or 0, f"系统错误 {error.errno}")
