"""Several record files changed as one: all of them, or none.

``change_files`` is ``store.write.change_file`` for a change that spans files (an import of
deputies of several townships, of a county's households), made of the same steps: it takes
every file's lock, in a fixed order so that two writers never wait for each other; reads each
file as ``change_file`` does (``read_settled``) and refuses if one changed since the caller read
it; computes and verifies every new text (it parses, holds the old records unchanged but those
the caller names, less exactly those it removes, plus exactly the appended ones); and only
then puts them in place one by one with ``store.write.commit``. If another program saved one
of the files meanwhile, the files already put in place get their old versions back, and
nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from lingbi_cli.errors import LingbiError, WriteError
from lingbi_cli.store.atomic import digest
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.lock import file_lock
from lingbi_cli.store.write import Change, Snapshot, commit, encoded, read_settled
from lingbi_cli.store.yamlread import decode


@dataclass
class FileEdit:
    """One file's part of a batch: how to change its text, and what the change may do."""

    rel: str
    edit: Callable[[str], str]
    appended: int = 0  # how many records the new text holds more than the old
    changed: frozenset[str] = field(default_factory=frozenset)  # ids that may change
    read_digest: str | None = None  # the file's digest when the caller read it
    removed: frozenset[str] = field(default_factory=frozenset)  # ids the new text drops


def change_files(folder: Path, edits: list[FileEdit], dry_run: bool = False) -> list[Change]:
    """Apply every edit under every file's lock, verify them all, then write them all."""
    changes: list[Change] = []
    staged: list[tuple[str, Snapshot, bytes]] = []  # file, as read, new bytes
    with ExitStack() as locks:
        for rel in sorted({e.rel for e in edits}):
            locks.enter_context(file_lock(folder, rel))
        for item in edits:
            read, notes = read_settled(folder, item.rel, folder / item.rel)
            if item.read_digest is not None and digest(read.data) != item.read_digest:
                raise WriteError(
                    f"{item.rel} 在读取之后被修改过（可能有人正在手工编辑或同时写入），"
                    "为避免覆盖别人的修改，没有写入任何文件。请重新运行这条命令。"
                )
            old, problem = decode(read.data)
            if problem is not None or old is None:
                where = f"{item.rel}:{problem.line if problem else 0}"
                raise WriteError(f"{where}: {problem.message if problem else ''}；没有写入任何文件")
            try:
                new = item.edit(old)
            except LingbiError as error:
                raise WriteError(f"{item.rel}：{error}；没有写入任何文件") from None
            _verify(item, old, new)
            change = Change(item.rel, old, new, notes)
            changes.append(change)
            if new != old:
                staged.append((item.rel, read, encoded(read.data, new)))
                change.before = read.data if read.version is not None else None
                change.after = staged[-1][2]
        if not dry_run:
            _commit_all(folder, staged)
    return changes


def _verify(item: FileEdit, old: str, new: str) -> None:
    before, _, _ = read_any(old.encode("utf-8"))
    after, problems, _ = read_any(new.encode("utf-8"))
    kept = [r for r in before if str(r.values.get("id")) not in item.removed]
    if (
        [p for p in problems if not p.warning]
        or len(after) != len(kept) + item.appended
        or len(kept) != len(before) - len(item.removed)
    ):
        raise WriteError(
            f"写入 {item.rel} 前的核对没有通过（新内容无法正确读出），没有写入任何文件。"
        )
    for a, b in zip(kept, after, strict=False):
        if a.values != b.values and str(a.values.get("id")) not in item.changed:
            raise WriteError(
                f"写入 {item.rel} 前的核对没有通过（原有记录会被改动），没有写入任何文件。"
            )


def _commit_all(folder: Path, staged: list[tuple[str, Snapshot, bytes]]) -> None:
    done: list[tuple[str, Snapshot, Snapshot]] = []  # file, as read, as put in place
    for rel, read, new in staged:
        installed = commit(folder, rel, folder / rel, read, new)
        if installed is None:
            for back_rel, back_read, back_installed in reversed(done):  # undo, newest first
                if back_read.version is None:  # a file the batch created: remove it again
                    (folder / back_rel).unlink(missing_ok=True)
                else:
                    commit(folder, back_rel, folder / back_rel, back_installed, back_read.data)
            raise WriteError(
                f"{rel} 在写入的同时被其他程序修改了，为避免覆盖，没有写入任何文件；"
                "请重新运行这条命令。"
            )
        done.append((rel, read, installed))
