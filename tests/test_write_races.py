"""Writes and editors at the same time: nothing either side saved is lost (issue 10, item 2).

An editor saves a file either in place (truncate, then write) or by renaming a new file over it.
Either can land in the moment between lingbi's read of a file and its write. These tests make
each such moment happen on purpose, then run an editor and several lingbi processes freely
against one month file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from lingbi_cli.errors import WriteError
from lingbi_cli.store import atomic, swap
from lingbi_cli.store.atomic import digest
from lingbi_cli.store.edit import append_record
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.write import change_file

MONTH = "townships/yangtuan/activities/2019-05.yaml"
HAND = "# 手工加的一行\n"


def new_visit(number: int) -> dict[str, object]:
    return {
        "id": f"yangtuan-a201905-{number:03d}",
        "date": "2019-05-30",
        "kind": "串门",
        "deputies": ["yangtuan-d001"],
        "household": "yangtuan-h0001",
        "summary": f"走访 {number}",
    }


def append(folder: Path, number: int, **kwargs: object) -> object:
    return change_file(
        folder,
        MONTH,
        lambda text: append_record(text, new_visit(number)),
        expect_records=1,
        **kwargs,  # type: ignore[arg-type]
    )


def in_place(path: Path) -> None:
    """An editor's in-place save of what it read, plus one line."""
    text = path.read_text(encoding="utf-8")
    with open(path, "w", encoding="utf-8") as handle:  # truncates the same file
        handle.write(text + HAND)


def by_rename(path: Path) -> None:
    """An editor's save through a new file renamed over the old one."""
    text = path.read_text(encoding="utf-8")
    tmp = path.with_name(".editor-save.tmp")
    tmp.write_text(text + HAND, encoding="utf-8")
    os.replace(tmp, path)


@pytest.fixture(params=["exchange", "replace"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of putting a file in place: the atomic exchange, and the portable replace."""
    if request.param == "replace":
        monkeypatch.setattr(swap, "RENAMEAT2", None)
    elif swap.RENAMEAT2 is None:
        pytest.skip("renameat2 is not available on this system")
    return str(request.param)


@pytest.mark.parametrize("save", [in_place, by_rename], ids=["in-place", "rename"])
def test_a_save_between_read_and_write_is_kept_with_the_new_record(tiny, monkeypatch, save, mode):
    path = tiny / MONTH
    saved = []

    def editor_saves_now(tmp: Path, target: Path) -> None:
        if target == path and not saved:
            save(path)
            saved.append(True)

    monkeypatch.setattr(atomic, "_before_rename", editor_saves_now)
    append(tiny, 4)
    text = path.read_text(encoding="utf-8")
    assert saved and HAND in text and "id: yangtuan-a201905-004" in text
    assert text.count("- id:") == 4


def test_a_change_made_on_the_old_text_gives_the_editor_its_version_back(tiny, monkeypatch):
    path = tiny / MONTH
    original = path.read_bytes()
    editor_version: list[bytes] = []

    def editor_saves_now(tmp: Path, target: Path) -> None:
        if target == path and not editor_version:
            in_place(path)
            editor_version.append(path.read_bytes())

    monkeypatch.setattr(atomic, "_before_rename", editor_saves_now)
    with pytest.raises(WriteError, match="在读取之后被修改过"):
        change_file(
            tiny,
            MONTH,
            lambda text: text.replace("捐助化肥款", "捐助种子款"),
            expect_records=0,
            read_digest=digest(original),
        )
    assert path.read_bytes() == editor_version[0]


def test_a_save_in_progress_is_waited_for(tiny):
    """The editor has truncated the file and writes it again 0.2 s later."""
    path = tiny / MONTH
    DataFolder(tiny).load()  # lingbi has seen the file (3 records)
    text = path.read_text(encoding="utf-8")
    truncated = threading.Event()

    def editor() -> None:
        with open(path, "w", encoding="utf-8") as handle:
            handle.flush()
            truncated.set()
            time.sleep(0.2)
            handle.write(text + HAND)

    thread = threading.Thread(target=editor)
    thread.start()
    truncated.wait()
    append(tiny, 4)
    thread.join()
    final = path.read_text(encoding="utf-8")
    assert final.startswith(text + HAND) and final.count("- id:") == 4


def test_a_file_emptied_since_lingbi_saw_it_is_not_taken_for_the_truth(tiny, monkeypatch):
    monkeypatch.setattr("lingbi_cli.store.write.SETTLE_SECONDS", 1.0)
    path = tiny / MONTH
    DataFolder(tiny).load()
    path.write_bytes(b"")
    with pytest.raises(WriteError, match="现在是空的.*3 条记录"):
        append(tiny, 4)
    assert path.read_bytes() == b""


def test_records_deleted_by_hand_are_taken_with_a_note(tiny):
    path = tiny / MONTH
    DataFolder(tiny).load()
    text = path.read_text(encoding="utf-8")
    kept = text[: text.index("- id: yangtuan-a201905-003")]
    path.write_text(kept, encoding="utf-8")
    change = append(tiny, 4)
    assert change.notes and "少 1 条" in change.notes[0]  # type: ignore[attr-defined]
    assert path.read_text(encoding="utf-8") == kept + append_record("", new_visit(4))


def test_a_file_held_open_elsewhere_is_retried_then_refused(tiny, monkeypatch):
    monkeypatch.setattr(swap, "RENAMEAT2", None)
    monkeypatch.setattr(swap, "BUSY_SECONDS", 0.5)
    calls = []
    real_replace = os.replace

    def busy_twice(source: object, target: object) -> None:
        calls.append(target)
        if len(calls) <= 2:
            raise PermissionError(13, "used by another process")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(swap.os, "replace", busy_twice)
    append(tiny, 4)
    assert len(calls) == 3 and "a201905-004" in (tiny / MONTH).read_text(encoding="utf-8")

    def always_busy(source: object, target: object) -> None:
        raise PermissionError(13, "used by another process")

    monkeypatch.setattr(swap.os, "replace", always_busy)
    before = (tiny / MONTH).read_bytes()
    with pytest.raises(WriteError, match="被其他程序占用"):
        append(tiny, 5)
    assert (tiny / MONTH).read_bytes() == before
    assert not list((tiny / ".lingbi-cache/tmp").glob("*.tmp"))


# --- a free-running editor against several lingbi processes ------------------------------

EDITOR = r"""
import os, sys, time
from pathlib import Path
from lingbi_cli.store import swap

path, stop = Path(sys.argv[1]), Path(sys.argv[2])
saves = clobbered = 0
while not stop.exists():
    time.sleep(0.01 + (saves % 5) / 200)  # a save every 10-30 ms: far more often than a person
    line = f"# 编辑器第 {saves} 次保存\n".encode()
    before = os.stat(path)
    data = path.read_bytes()
    if (before.st_ino, before.st_size, before.st_mtime_ns) != (
        (after := os.stat(path)).st_ino, after.st_size, after.st_mtime_ns
    ):
        continue  # changed while it was read: read it again
    # Like real editors, it saves what it read plus its change without asking whether the
    # file changed since; it only counts the times it saved over a newer version (a lost
    # update of its own doing), which is what may cost lingbi a record.
    if saves % 2 == 0:  # in place: truncate on opening, then write
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
        os.write(fd, data + line)
        if os.fstat(fd).st_ino != before.st_ino:
            clobbered += 1
        os.close(fd)
    else:  # a new file renamed over the old one (an exchange, to see what it replaced)
        tmp = path.with_name(".editor.tmp")
        tmp.write_bytes(data + line)
        assert swap.exchange(tmp, path, "x")
        clobbered += tmp.read_bytes() != data
        tmp.unlink()
    saves += 1
print(saves, clobbered)
"""

WRITER = r"""
import sys
from lingbi_cli.cli import app
folder, worker = sys.argv[1], sys.argv[2]
for n in range(int(sys.argv[3])):
    summary = f"谈心 {worker}-{n}"
    try:
        code = app(["--data", folder, "log", "talk", "-D", "yangtuan-d001", "-H",
                    "yangtuan-h0001", "--date", "2019-05-30", "-s", summary],
                   standalone_mode=False)
    except SystemExit as stop:
        code = stop.code
    if code in (None, 0):
        print("WRITTEN", summary, flush=True)
"""


@pytest.mark.skipif(swap.RENAMEAT2 is None, reason="the careful editor needs renameat2 (Linux)")
def test_an_editor_saving_all_the_time_and_lingbi_writing_lose_nothing(tiny):
    """Hundreds of saves, in place and by rename, while eight processes write hundreds of
    records into the same file: not one line the editor saved is lost, and every record lingbi
    said it wrote is there, unless the editor itself saved over it (which it counts). (The
    editor saves every 10-30 ms while the writes last: ~10 s since a write no longer parses
    its file again under the lock, ~550 saves; it was 20 s and over 1,000 before.)"""
    env = {**os.environ, "LINGBI_TODAY": "2020-01-15"}
    path, stop = tiny / MONTH, tiny.parent / "stop"
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(path), str(stop)], env=env, stdout=subprocess.PIPE
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tiny), str(w), "25"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        for w in range(8)
    ]
    written = set()
    for writer in writers:
        out, _ = writer.communicate(timeout=900)
        assert writer.returncode == 0
        written |= {
            line.removeprefix("WRITTEN ")
            for line in out.decode().splitlines()
            if line.startswith("WRITTEN ")
        }
    stop.touch()
    saves, clobbered = map(int, editor.communicate(timeout=60)[0].split())
    text = path.read_text(encoding="utf-8")
    assert saves > 300 and len(written) > 100, (saves, len(written))
    lost = [n for n in range(saves) if f"# 编辑器第 {n} 次保存\n" not in text]
    assert lost == [], (saves, lost)
    summaries = {a.summary for a in DataFolder(tiny).load().activities.values()}
    missing = written - summaries
    assert len(missing) <= clobbered, (missing, clobbered)
    print(
        f"editor saves {saves}, lingbi writes {len(written)}, editor lines lost 0, "
        f"lingbi records lost {len(missing)} (editor's own blind saves {clobbered})"
    )
