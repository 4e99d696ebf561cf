"""One exception tree for unusable input, and Finding: a problem in the records, as a value.

Findings are collected, never raised: the loader and the rules return them, the CLI sorts and
prints them. Exceptions are for what makes a run impossible (no data folder, a broken
``lingbi.yaml``, a bad argument); the CLI catches ``LingbiError`` once and exits 2.
"""

from __future__ import annotations

import errno
import pickle
from collections import Counter
from collections.abc import Callable, Iterable
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

    def text(self) -> str:
        """The finding as ``check`` prints it: ``file:line:column level rule message``, and its
        hint indented on a line of its own. (``_value_``: a plain attribute; ``value`` goes
        through the enum's descriptor, which shows when a county prints 15,000 findings.)"""
        where = f"{self.file}:{self.line}:{self.column}"
        line = f"{where} {self.level._value_} {self.rule} {self.message}"
        return f"{line}\n    提示：{self.hint}" if self.hint else line

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


class CheckResult:
    """What a ``check`` found: the findings, and those an ignore comment silenced (each with
    the comment's reason). Either given, or made of pieces (``Piece``: each township's stored
    findings), put together when they are asked for: printing a county's check needs only
    the pieces' printed lines and counts (``render.text_lines``, ``tally``)."""

    def __init__(
        self,
        findings: list[Finding] | None = None,
        ignored: list[tuple[Finding, str]] | None = None,
        *,
        pieces: list[Piece] | None = None,
    ) -> None:
        self.pieces = pieces
        if pieces is None:
            self._findings: list[Finding] | None = findings or []
            self._ignored: list[tuple[Finding, str]] | None = ignored or []
        else:
            self._findings = self._ignored = None

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            self._put_together()
        assert self._findings is not None
        return self._findings

    @property
    def ignored(self) -> list[tuple[Finding, str]]:
        if self._ignored is None:
            self._put_together()
        assert self._ignored is not None
        return self._ignored

    def _put_together(self) -> None:
        """The pieces' findings in one list, sorted by place (each piece's are)."""
        parts = [piece.result for piece in self.pieces or ()]
        if not all(parts):
            # read for printing only (``judge_folder(printed=True)``): a caller's mistake
            raise LookupError("findings asked of a result read for printing only")
        findings = [f for part in parts if part for f in part.findings]
        ignored = [pair for part in parts if part for pair in part.ignored]
        if len(parts) > 1:
            findings.sort(key=Finding.sort_key)
            ignored.sort(key=lambda pair: pair[0].sort_key())
        self._findings, self._ignored = findings, ignored

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CheckResult):
            return NotImplemented
        return (self.findings, self.ignored) == (other.findings, other.ignored)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        return f"CheckResult({self.findings!r}, {self.ignored!r})"

    def tally(self) -> dict[tuple[str, str], int]:
        """How many findings of each rule there are at each level (by the level's name)."""
        if self.pieces is not None:
            counts: dict[tuple[str, str], int] = {}
            for piece in self.pieces:
                for rule, level, count in piece.tally:
                    counts[rule, level] = counts.get((rule, level), 0) + count
            return counts
        return dict(Counter((f.rule, f.level._value_) for f in self.findings))

    def ignored_count(self) -> int:
        if self._ignored is None and self.pieces is not None:
            return sum(piece.ignored for piece in self.pieces)
        return len(self.ignored)

    def summary(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for (rule, _level), count in self.tally().items():
            counts[rule] += count
        return {name: counts[name] for name in sorted(counts)}

    def worst(self) -> Level | None:
        levels = {_LEVELS[level] for _rule, level in self.tally()}
        return max(levels, key=lambda lv: lv.rank, default=None)

    def packed(self) -> list[PackedPiece]:
        """The result as a cache keeps it (``stored`` reads it back): its pieces, packed
        (``Piece.packed``) — a whole result holds its townships' pieces again, so that it is
        served whatever the cache has let go of since."""
        pieces = self.pieces if self.pieces is not None else [Piece.of(self)]
        return [piece.packed() for piece in pieces]

    @classmethod
    def stored(
        cls, value: object, loads: Callable[[object], object] | None = None
    ) -> CheckResult | None:
        """A ``packed`` result as a result; None for anything else (a damaged or planted cache
        entry, read with a restricted unpickler: judged again). ``loads``: reads the pieces'
        pickled rows with the cache's restricted unpickler — None: they are not read (a result
        read for printing only)."""
        if not (type(value) is list and value):
            return None
        pieces: list[Piece] = []
        for item in value:
            piece = Piece.stored(item, loads)
            if piece is None:
                return None
            pieces.append(piece)
        return cls(pieces=pieces)

    def rows(self) -> tuple[list[Row], list[tuple[Row, str]]]:
        """The findings and ignored findings as plain rows (``from_rows`` reads them back): a
        county's 15,000 findings are stored and read back in half the time findings take."""
        reasons = [reason for _, reason in self.ignored]
        silenced = _rows(found for found, _ in self.ignored)
        return _rows(self.findings), list(zip(silenced, reasons, strict=True))

    @classmethod
    def from_rows(cls, value: object) -> CheckResult | None:
        """``rows`` as a result; None for anything else."""
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


# A finding printed, with its place: file, line, column, rule, its ``Finding.text`` (UTF-8).
Placed = tuple[str, int, int, str, bytes]
# A piece as a cache keeps it: ``Piece``'s fields but its result.
PackedPiece = tuple[list[tuple[str, bytes]], list[Placed], list[tuple[str, str, int]], int, bytes]
# Files whose findings are all one part's (``layout.township_of``): the townships' folders.
ONE_PARTS = "townships/"


@dataclass
class Piece:
    """A result's findings (one township's, or a whole run's) as a cache keeps them, put
    together with others without reading them one by one.

    ``blocks``: each file's printed findings (``Finding.text``, in order; in UTF-8, printed as
    they are kept, not decoded to be encoded again), for the files in a township's folder —
    all their findings are that township's, so that a county's check prints them block by
    block. ``placed``: the other findings printed, with their places
    (the lines of county/townships.yaml are every township's), merged by place. ``tally``: how
    many findings of each rule there are at each level; ``ignored``: how many an ignore comment
    silenced. ``rows``: the findings and ignored findings (``CheckResult.rows``) pickled, read
    back only when the findings are asked for (``result``)."""

    blocks: list[tuple[str, bytes]]
    placed: list[Placed]
    tally: list[tuple[str, str, int]]
    ignored: int
    rows: bytes
    result: CheckResult | None = None

    @classmethod
    def of(cls, result: CheckResult) -> Piece:
        """``result`` (its findings sorted by place) as a piece."""
        blocks: dict[str, list[str]] = {}
        placed: list[Placed] = []
        for f in result.findings:
            if f.file.startswith(ONE_PARTS):
                blocks.setdefault(f.file, []).append(f.text())
            else:
                placed.append((f.file, f.line, f.column, f.rule, _utf8(f.text())))
        return cls(
            [(file, _utf8("\n".join(lines))) for file, lines in blocks.items()],
            placed,
            [(rule, level, count) for (rule, level), count in result.tally().items()],
            len(result.ignored),
            pickle.dumps(result.rows(), protocol=pickle.HIGHEST_PROTOCOL),
            result,
        )

    def packed(self) -> PackedPiece:
        return self.blocks, self.placed, self.tally, self.ignored, self.rows

    @classmethod
    def stored(cls, value: object, loads: Callable[[object], object] | None) -> Piece | None:
        """A ``packed`` piece as a piece (its rows read with ``loads``, if given); None for
        anything else."""
        if not (type(value) is tuple and len(value) == 5):
            return None
        blocks, placed, tally, ignored, rows = value
        if not (
            type(blocks) is list
            and all(map(_is_block, blocks))
            and type(placed) is list
            and all(map(_is_placed, placed))
            and type(tally) is list
            and all(map(_is_count, tally))
            and type(ignored) is int
            and type(rows) is bytes
        ):
            return None
        piece = cls(blocks, placed, tally, ignored, rows)
        if loads is not None:
            piece.result = CheckResult.from_rows(loads(rows))
            if piece.result is None:
                return None
        return piece


def _utf8(text: str) -> bytes:
    """``text`` in UTF-8; a file name the system could not decode (kept as surrogate escapes)
    as the bytes it is."""
    return text.encode("utf-8", "surrogateescape")


def _is_block(value: object) -> bool:
    return (
        type(value) is tuple
        and len(value) == 2
        and type(value[0]) is str
        and type(value[1]) is bytes
    )


def _is_placed(value: object) -> bool:
    return (
        type(value) is tuple
        and len(value) == 5
        and type(value[0]) is type(value[3]) is str
        and type(value[1]) is type(value[2]) is int
        and type(value[4]) is bytes
    )


def _is_count(value: object) -> bool:
    return (
        type(value) is tuple
        and len(value) == 3
        and type(value[0]) is str
        and value[1] in _LEVELS
        and type(value[2]) is int
    )


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
