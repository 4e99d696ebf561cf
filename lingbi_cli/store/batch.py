"""Several record files changed as one: all of them, or none.

``change_files`` is ``store.write.change_file`` for a change that spans files (an import of
deputies of several townships, of a county's households): it takes every file's lock, in a
fixed order so that two writers never wait for each other; reads each file as it is now and
refuses if one changed since the caller read it; computes every new text; verifies each (it
parses, holds the old records unchanged but those the caller names, plus exactly the appended
ones); writes every new text to a temporary file beside its original and fsyncs it; and only
then renames them all over the originals. A failure before the renames changes nothing; a
rename that fails (the disk vanished) puts back the files already renamed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from lingbi_cli.errors import LingbiError
from lingbi_cli.store.cache import digest
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.write import Change, WriteError, file_lock
from lingbi_cli.store.yamlread import decode


@dataclass
class FileEdit:
    """One file's part of a batch: how to change its text, and what the change may do."""

    rel: str
    edit: Callable[[str], str]
    appended: int = 0  # how many records the new text holds more than the old
    changed: frozenset[str] = field(default_factory=frozenset)  # ids that may change
    read_digest: str | None = None  # the file's digest when the caller read it


def change_files(folder: Path, edits: list[FileEdit], dry_run: bool = False) -> list[Change]:
    """Apply every edit under every file's lock, verify them all, then write them all."""
    changes: list[Change] = []
    staged: list[tuple[Path, bytes, bytes | None]] = []  # path, new bytes, old bytes
    with ExitStack() as locks:
        for rel in sorted({e.rel for e in edits}):
            locks.enter_context(file_lock(folder, rel))
        for item in edits:
            path = folder / item.rel
            try:
                data: bytes | None = path.read_bytes()
            except FileNotFoundError:
                data = None
            if item.read_digest is not None and digest(data or b"") != item.read_digest:
                raise WriteError(
                    f"{item.rel} 在读取之后被修改过（可能有人正在手工编辑或同时写入），"
                    "为避免覆盖别人的修改，没有写入任何文件。请重新运行这条命令。"
                )
            old, problem = decode(data or b"")
            if problem is not None or old is None:
                where = f"{item.rel}:{problem.line if problem else 0}"
                raise WriteError(f"{where}: {problem.message if problem else ''}；没有写入任何文件")
            try:
                new = item.edit(old)
            except LingbiError as error:
                raise WriteError(f"{item.rel}：{error}；没有写入任何文件") from None
            _verify(item, old, new)
            changes.append(Change(item.rel, old, new))
            if new != old:
                bom = b"\xef\xbb\xbf" if (data or b"").startswith(b"\xef\xbb\xbf") else b""
                staged.append((path, bom + new.encode("utf-8"), data))
        if not dry_run:
            _write_all(staged)
    return changes


def _verify(item: FileEdit, old: str, new: str) -> None:
    before, _, _ = read_any(old.encode("utf-8"))
    after, problems, _ = read_any(new.encode("utf-8"))
    if [p for p in problems if not p.warning] or len(after) != len(before) + item.appended:
        raise WriteError(
            f"写入 {item.rel} 前的核对没有通过（新内容无法正确读出），没有写入任何文件。"
        )
    for a, b in zip(before, after, strict=False):
        if a.values != b.values and str(a.values.get("id")) not in item.changed:
            raise WriteError(
                f"写入 {item.rel} 前的核对没有通过（原有记录会被改动），没有写入任何文件。"
            )


def _write_all(staged: list[tuple[Path, bytes, bytes | None]]) -> None:
    temps: list[tuple[Path, Path]] = []
    try:
        for path, data, _ in staged:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            temps.append((tmp, path))
    except OSError as exc:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise WriteError(f"写入失败（{exc.strerror or exc}），原文件都没有改动") from None
    done: list[int] = []
    try:
        for number, (tmp, path) in enumerate(temps):
            os.replace(tmp, path)
            done.append(number)
    except OSError as exc:
        for number in done:  # put back what was already replaced
            path, old = staged[number][0], staged[number][2]
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise WriteError(f"写入失败（{exc.strerror or exc}），已恢复原文件") from None
    for folder in {path.parent for _, path in temps}:
        if hasattr(os, "O_DIRECTORY"):
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
