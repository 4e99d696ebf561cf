"""Loading: each file on its own into records plus findings, then many files into ``Records``.

``load_file`` is the unit a cache or a faster parser slots in at: it reads one file's bytes and
returns validated records with their places, and the findings of that file alone
(``yaml-syntax``, ``schema``, and the rules' per-file parts registered in ``store.filecheck``).
``load_files`` reads the files a ``DataFolder.load`` chose into ``Records`` (which set aside a
record whose id an earlier one holds; the ``duplicate-id`` rule reports it). Nothing here stops
at the first problem or raises on bad input; it judges nothing beyond reading and schemas.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import operator
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from lingbi_cli import models
from lingbi_cli.errors import Finding, Level, os_reason
from lingbi_cli.parallel import can_fork, cores, parallel_map
from lingbi_cli.store.cache import FileCache, now_ns
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.fastvalid import (
    Placed,
    activity_values,
    read_plain_activities,
    read_plain_households,
)
from lingbi_cli.store.filecheck import check_file
from lingbi_cli.store.layout import RecordFile, record_file
from lingbi_cli.store.messages import field_label, translate
from lingbi_cli.store.records import Records
from lingbi_cli.store.rows import ActivityRecord, Loaded, Row, restore, row_of
from lingbi_cli.store.yamlread import MAX_FILE_BYTES, RawProblem, RawRecord

R = TypeVar("R")

IGNORE_COMMENT = re.compile(r"#\s*lingbi:\s*ignore\[([a-z0-9,\s-]+)\]\s*(.*)$")


@dataclass(slots=True)
class FileResult:
    """What one file holds: its valid records and the findings about it (and, as parsed, the
    records' rows for a cache: ``rows.row_of`` of each)."""

    records: list[Loaded]
    findings: list[Finding]
    rows: list[Row] | None = None


def _finding(rel: str, problem: RawProblem) -> Finding:
    return Finding(
        rule=problem.rule,
        level=Level.warning if problem.warning else Level.error,
        file=rel,
        line=problem.line,
        column=problem.column,
        message=problem.message,
        hint=problem.hint,
    )


def ignore_comments(text: str, starts: list[int]) -> dict[int, dict[str, str]]:
    """``# lingbi: ignore[rule] reason`` comments, attached to the record they annotate.

    A comment on one of a record's own lines belongs to it; a comment on a line of its own
    belongs to the record that starts on the next non-blank, non-comment line. Returns
    record index → {rule: reason}; a missing reason is kept as "" (and reported by the caller).
    """
    result: dict[int, dict[str, str]] = {}
    if "lingbi:" not in text or not starts:
        return result
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        match = IGNORE_COMMENT.search(line)
        if not match:
            continue
        target_line = number
        if line.lstrip().startswith("#"):
            for later in range(number, len(lines)):
                stripped = lines[later].strip()
                if stripped and not stripped.startswith("#"):
                    target_line = later + 1
                    break
        index = max((i for i, s in enumerate(starts) if s <= target_line), default=None)
        if index is None:
            continue
        for rule in match[1].split(","):
            if rule.strip():
                result.setdefault(index, {})[rule.strip()] = match[2].strip()
    return result


# What every record needs of its model, taken once: pydantic's ``model_fields`` is a property
# that costs microseconds a call, and a county has 290,000 records.
_activity_values = operator.itemgetter(*models.Activity.model_fields)  # ActivityRecord's order


@functools.cache
def _has_township(model: type[models.Record]) -> bool:
    return "township" in model.model_fields


def validate_record(
    raw: RawRecord, source: RecordFile, rel: str
) -> tuple[models.Record | None, list[Finding]]:
    """One raw mapping through its schema; findings point at the offending key's line."""
    values = raw.values
    findings: list[Finding] = []
    if source.township is not None and _has_township(source.model):
        given = values.get("township")
        if given is None:
            values = {**values, "township": source.township}
        elif given != source.township:
            line, column = raw.keys.get("township", (raw.line, raw.column))
            findings.append(
                Finding(
                    "schema",
                    Level.error,
                    rel,
                    line,
                    column,
                    f"township 写的是 {given}，但文件在 {source.township} 的文件夹里",
                    "把记录移到对应乡镇的文件夹，或改正 township",
                    str(values.get("id", "")),
                )
            )
            return None, findings
    try:
        record = source.model.model_validate(values)
    except ValidationError as exc:
        record_id = values.get("id")
        for error in exc.errors():
            loc = tuple(error["loc"])
            key = str(loc[0]) if loc else ""
            line, column = raw.keys.get(key, (raw.line, raw.column))
            label = (
                f"{source.model.kind_label} {record_id}"
                if isinstance(record_id, str)
                else (f"第 {raw.line} 行的{source.model.kind_label}")
            )
            where = f"字段 {field_label(loc, source.model)}" if loc else "记录"
            findings.append(
                Finding(
                    "schema",
                    Level.error,
                    rel,
                    line,
                    column,
                    f"{label}：{where} {translate(error, source.model)}",
                    _schema_hint(error["type"], source.model),
                    record_id if isinstance(record_id, str) else "",
                )
            )
        return None, findings
    if isinstance(record, models.Unit) and record.households:
        line, column = raw.keys.get("households", (raw.line, raw.column))
        findings.append(
            Finding(
                "schema",
                Level.info,
                rel,
                line,
                column,
                f"单位 {record.id} 的帮扶户写在单位的 households 名单中（旧写法），"
                "几个乡镇同时添加时会在 git 中冲突",
                f"改为在每一户的记录中写 unit: {record.id}，再删去这里的 households",
                record.id,
            )
        )
    return record, findings


def _schema_hint(kind: str, model: type[models.Record]) -> str:
    if kind == "extra_forbidden":
        fields = ", ".join(map(model.field_key, model.model_fields))
        return f"{model.kind_label}可用的字段：{fields}"
    if kind == "missing":
        return "补上这个字段；各字段的含义见 README 的“记录与字段”"
    return ""


def load_file(
    folder: Path, source: RecordFile, cache: FileCache | None = None, *, look_up: bool = True
) -> FileResult:
    """Read and validate one file on its own — from the cache when it is unchanged. A worker
    that knows the file has no entry (``look_up=False``) parses it without looking."""
    rel = source.rel
    path = folder / rel
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "")
        if st.st_size > MAX_FILE_BYTES:
            return FileResult([], [_too_big(rel, st.st_size)])
        if not _readable(path, st):  # made unreadable since a warm run: not from the cache
            raise PermissionError(errno.EACCES, "")
        read_ns = now_ns()
        entry, data = cache.get(rel, st) if cache is not None and look_up else (None, None)
        if entry is not None:
            if data is not None and cache is not None:
                # the bytes were read to be sure (a touched file, or a racy one): record the
                # file's present size and time, so that the next run need not read it again
                cache.put(rel, st, read_ns, data, entry.rows, entry.findings)
            return FileResult(restore(source.model, entry.rows, rel), entry.findings)
        if data is None:
            data = path.read_bytes()
    except OSError as exc:
        return FileResult([], [unreadable(rel, exc)])
    result = parse_file(data, source)
    rows, result.rows = result.rows, None  # for the cache only: not held with the records
    if cache is not None:
        if rows is None:
            rows = [row_of(r) for r in result.records]
        cache.put(rel, st, read_ns, data, rows, result.findings)
    return result


def _readable(path: Path, st: os.stat_result) -> bool:
    """Whether the file can be read now — by this user, and by its owner at all (a file whose
    every read permission was taken away is unreadable to the clerk's editor and to git, even
    where this process, an administrator's, could read it)."""
    return bool(st.st_mode & 0o444) and os.access(path, os.R_OK)


def unreadable(rel: str, error: OSError) -> Finding:
    """The finding for a record file that cannot be read: the whole file, in Chinese."""
    why = "没有读取权限" if error.errno in (errno.EACCES, errno.EPERM) else os_reason(error)
    return Finding(
        "yaml-syntax",
        Level.error,
        rel,
        0,
        0,
        f"无法读取整个文件：{why}；其中的记录都没有读入",
        "请检查这个文件的权限和位置（应是数据文件夹中的普通文件）",
    )


def _too_big(rel: str, size: int) -> Finding:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return Finding(
        "yaml-syntax",
        Level.error,
        rel,
        0,
        0,
        f"文件过大（{size / 1024 / 1024:.0f} MB，上限 {limit} MB），整个文件未读取",
        "记录文件不应这么大：可能误存了别的内容；请检查，必要时按月份或乡镇拆开",
    )


def parse_file(data: bytes, source: RecordFile) -> FileResult:
    """One file's bytes into validated records and findings."""
    rel = source.rel
    plain = None
    if source.model is models.Activity:  # most of a month file in lingbi's layout: one pass
        plain = read_plain_activities(data, source.township)
    elif source.model is models.Household:  # likewise a township's households
        plain = read_plain_households(data, source.township)
    if plain is None:
        raws, problems, text = read_any(data)
        read: list[RawRecord | Placed] = list(raws)
        findings = [_finding(rel, p) for p in problems]
        ignores = ignore_comments(text, [r.line for r in raws])
    else:
        read, findings, ignores = plain, [], {}
    records: list[Loaded] = []
    rows: list[Row] = []
    activities = source.model is models.Activity
    for index, raw in enumerate(read):
        if isinstance(raw, tuple):  # a record taken in one pass: its values and line
            values, line = raw
            if activities:
                row: Row = (*values, rel, line, None)
                records.append(ActivityRecord._make(row))
            else:  # built as the cache builds it: validated already
                row = (values, line, None)
                records.extend(restore(source.model, [row], rel))
            rows.append(row)
            continue
        # a plainly written activity is taken without pydantic (``fastvalid``), the same values
        quick = activity_values(raw.values, source.township) if activities else None
        if quick is None:
            record, record_findings = validate_record(raw, source, rel)
            findings.extend(record_findings)
            if record is None:
                continue
            record_id = record.id
        else:
            record, record_id = None, str(quick[0])
        marks = ignores.get(index) or {}
        for rule_name, reason in list(marks.items()):
            if not reason:
                findings.append(
                    Finding(
                        "schema",
                        Level.warning,
                        rel,
                        raw.line,
                        raw.column,
                        f"{source.model.kind_label} {record_id} 的 lingbi: ignore[{rule_name}] "
                        "注释没有写原因，因此不生效",
                        f"写成 # lingbi: ignore[{rule_name}] 原因",
                        record_id,
                    )
                )
                del marks[rule_name]
        if record is None or isinstance(record, models.Activity):  # light, read-only, placed
            values = _activity_values(record.__dict__) if quick is None else quick
            row = (*values, rel, raw.line, marks or None)
            records.append(ActivityRecord._make(row))
            rows.append(row)
        else:
            record.place(rel, raw.line, marks or None)
            records.append(record)
            rows.append(row_of(record))
    findings.extend(check_file(source, records))  # the rules' per-file parts
    return FileResult(records, findings, rows)


def stray_findings(strays: list[str], folder: Path | None = None) -> list[Finding]:
    """A warning for each YAML file lingbi does not know (and does not read); an error for a
    record file's name that is not a readable file (a folder, a symbolic link loop, a broken
    link): its records are missing."""
    found = []
    for rel in strays:
        if folder is not None and record_file(rel) is not None:
            try:
                st = os.stat(folder / rel)
                error: OSError = IsADirectoryError(errno.EISDIR, "")
                if not stat.S_ISDIR(st.st_mode):
                    error = OSError(errno.EINVAL, "")
            except OSError as exc:
                error = exc
            found.append(unreadable(rel, error))
            continue
        found.append(_stray(rel))
    return found


def _stray(rel: str) -> Finding:
    return Finding(
        "schema",
        Level.warning,
        rel,
        0,
        0,
        "lingbi 不认识这个文件，不会读取其中的内容",
        "记录文件的位置和名称见 README 的“数据文件夹”一节",
    )


def load_files(
    folder: Path,
    records: Records,
    files: list[RecordFile],
    cache: FileCache,
    progress: Callable[[int, int], None] | None = None,
    *,
    reuse: Mapping[str, FileResult] | None = None,
) -> dict[str, FileResult]:
    """Read ``files`` of ``folder`` into ``records``: through the per-file cache, the files
    without an entry parsed on every core first (a cold run); a file in ``reuse`` (read by
    this process already: its records are shared, as ``Records.replacing`` shares them) is not
    read again. Returns what each file held. The cyclic garbage collector is off throughout —
    in the workers too — and what was loaded is frozen out of its reach."""
    reuse = reuse or {}
    read: dict[str, FileResult] = {}
    with _collector_off():
        if cache.enabled:
            _fill_cache_in_parallel(
                folder, cache, [f for f in files if f.rel not in reuse], progress
            )
        for done, source in enumerate(files, start=1):
            result = reuse.get(source.rel) or load_file(folder, source, cache)
            read[source.rel] = result
            records.findings.extend(result.findings)
            records.add(result.records)
            records.files.add(source.rel)
            if progress is not None:
                progress(done, len(files))
        gc.freeze()  # what was loaded lives as long as the run: keep it out of later collections
    return read


@contextlib.contextmanager
def _collector_off() -> Iterator[None]:
    """The cyclic garbage collector off (as it was after): loading makes hundreds of
    thousands of small objects, which it would only walk again and again. Worker processes
    forked meanwhile inherit it off."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


PARALLEL_FILES = 32  # files without a cache entry; fewer are parsed here, in this process


def _fill_cache_in_parallel(
    folder: Path,
    cache: FileCache,
    files: list[RecordFile],
    progress: Callable[[int, int], None] | None,
) -> None:
    """On a first (cold) run, or after files changed in bulk or the loading settings changed,
    parse the files that have no entry for them as they are on every core, the largest files
    first: every process parses, validates and writes the entries, and this process then reads
    them all back like a warm run. Parsing is most of a cold run's cost, and it divides.

    Handing the results back instead (through the pipe, or this process keeping the records it
    parsed itself) was measured: it saves ~0.3 s of CPU in the load of a county, and the rules
    then take as much longer over records built amid the parse's garbage, in more memory
    (docs/PERFORMANCE.md, "Readers measured")."""
    workers = min(cores(), 8)
    if len(files) < PARALLEL_FILES or workers < 2 or not can_fork():
        return
    missing = []
    for source in files:
        if source.rel in cache.made:
            continue  # parsed by this command a moment ago (``each_file``)
        try:
            st = os.stat(folder / source.rel)
        except OSError:
            continue  # the main process reports it
        if not cache.has_entry(source.rel, st):
            missing.append(source)
    if len(missing) < PARALLEL_FILES:
        return

    def size(source: RecordFile) -> float:
        try:
            return float((folder / source.rel).stat().st_size)
        except OSError:
            return 0.0

    def parse(source: RecordFile) -> None:
        load_file(folder, source, cache, look_up=False)  # no entry of this generation: parse

    parallel_map(
        parse,
        missing,
        workers=workers,
        cost=size,
        progress=(lambda done: progress(done, len(files))) if progress is not None else None,
    )


def each_file(
    folder: Path,
    files: Sequence[RecordFile],
    cache: FileCache,
    fn: Callable[[RecordFile, FileResult], R],
    progress: Callable[[int, int], None] | None = None,
    *,
    size: Callable[[RecordFile], float],
) -> list[R]:
    """``fn(file, what it holds)`` for each of ``files``, on every core, the largest first (by
    ``size``): each process reads its files (through the cache, writing the entries of those
    it parses) and hands back only what ``fn`` makes of them, so no process ever holds more
    than one file's records — a first run's summaries, made where each file was parsed instead
    of read back from the entries. The collector is off throughout, in the workers too."""

    def one(source: RecordFile) -> R:
        return fn(source, load_file(folder, source, cache))

    with _collector_off():
        made = parallel_map(
            one,
            files,
            workers=min(cores(), 8) if can_fork() else 1,
            cost=size,
            progress=(lambda done: progress(done, len(files))) if progress is not None else None,
        )
    # what this command loads next need not look for these files' entries before reading them
    cache.made.update(f.rel for f in files)
    return made
