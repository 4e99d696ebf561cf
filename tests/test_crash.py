"""``kill -9`` at random moments of ``log``, ``pair`` and ``proposal add`` (issue 10): after each
kill the folder loads without a syntax or schema error, no temporary file is left in the data
folder (only in ``.lingbi-cache/tmp``), and every file is either as it was before the command
or exactly as the finished command leaves it — whole or absent, never damaged.

The commands run in real processes, forked from this one (lingbi is imported already, so a
trial costs a fork, not an interpreter start), and are killed with SIGKILL at a random moment:
every other trial anywhere in the command (between 0 and the time it takes when left alone),
the others anywhere in its write (from the moment it starts writing its temporary file, which
the child tells through a pipe, to its end). ``LINGBI_CRASH_TRIALS`` sets the number of kills
(default 120).
"""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import TINY, write_folder

from lingbi_cli.cli import app
from lingbi_cli.store import write
from lingbi_cli.store.folder import DataFolder

TRIALS = int(os.environ.get("LINGBI_CRASH_TRIALS", "120"))
COMMANDS = {
    "log": (
        *("log", "visit", "-D", "yangtuan-d001", "-H", "yangtuan-h0001"),
        *("--date", "2019-05-30", "-s", "入户走访，了解生产生活情况"),
    ),
    "pair": ("pair", "yangtuan-d002", "yangtuan-h0003", "--date", "2019-05-20"),
    "proposal": (
        *("proposal", "add", "--title", "关于修建后湖村生产路的建议"),
        *("--lead", "yangtuan-d001", "--date", "2019-03-10"),
    ),
}

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def files(folder: Path) -> dict[str, bytes]:
    """The data folder's files (not the cache's)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".lingbi-cache" not in p.relative_to(folder).parts
    }


def start(folder: Path, command: tuple[str, ...]) -> tuple[int, int]:
    """Run lingbi ``command`` on ``folder`` in a forked child; its pid, and a pipe on which
    the child writes a byte when it starts writing a file (its temporary file)."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run the command, never return into pytest
        os.close(readable)
        code = 0
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            temporary = write.write_temporary

            def told(*args: Any, **kwargs: Any) -> Any:
                os.write(writable, b"w")
                return temporary(*args, **kwargs)

            write.write_temporary = told  # type: ignore[assignment]
            app(["--data", str(folder), *command], standalone_mode=False)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        except BaseException:  # noqa: BLE001 - the child's status says it
            code = 70
        os._exit(code)
    os.close(writable)
    return pid, readable


def finished(folder: Path, command: tuple[str, ...]) -> tuple[dict[str, bytes], float, float]:
    """The files once ``command`` has run to its end on ``folder``, how long it took, and how
    long from the start of its write to its end."""
    began = time.monotonic()
    pid, told = start(folder, command)
    assert os.read(told, 1) == b"w"
    writing = time.monotonic()
    _, status = os.waitpid(pid, 0)
    ended = time.monotonic()
    os.close(told)
    assert os.waitstatus_to_exitcode(status) == 0
    return files(folder), ended - began, ended - writing


def test_kill_9_at_random_moments_leaves_every_file_whole_or_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINGBI_TODAY", "2020-01-15")
    base = write_folder(tmp_path / "base", TINY)
    DataFolder(base).load()  # a warm cache, as a clerk's folder has
    before = files(base)
    after: dict[str, dict[str, bytes]] = {}
    took: dict[str, float] = {}
    writing: dict[str, float] = {}
    for name, command in COMMANDS.items():
        shutil.copytree(base, tmp_path / f"done-{name}")
        after[name], took[name], writing[name] = finished(tmp_path / f"done-{name}", command)
        assert after[name] != before, name
    chance = random.Random(int(os.environ.get("LINGBI_CRASH_SEED", "10")))
    killed = completed = damaged = written = in_write = 0
    trial = 0
    while killed < TRIALS:
        trial += 1
        name = chance.choice(sorted(COMMANDS))
        folder = tmp_path / f"trial-{trial}"
        shutil.copytree(base, folder)
        pid, told = start(folder, COMMANDS[name])
        began = time.monotonic()
        if trial % 2:  # any moment of the command
            time.sleep(took[name] * chance.random())
        else:  # any moment from the start of its write to its end
            select.select([told], [], [], took[name] * 3)
            time.sleep(writing[name] * chance.random())
        os.kill(pid, signal.SIGKILL)
        os.close(told)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == -signal.SIGKILL:
            killed += 1
            in_write += trial % 2 == 0
        else:  # it finished first: the machine is faster now than when it was timed
            completed += 1
            if trial % 2:
                took[name] = 0.8 * took[name] + 0.2 * (time.monotonic() - began)
        now = files(folder)
        for rel in set(now) | set(before):
            if now.get(rel) not in (before.get(rel), after[name].get(rel)):
                damaged += 1
                pytest.fail(f"{name}, kill {killed}: {rel} is neither as before nor as after")
        written += now == after[name] and os.waitstatus_to_exitcode(status) == -signal.SIGKILL
        assert not [rel for rel in now if rel.endswith(".tmp") or "/." in f"/{rel}"], now.keys()
        loaded = DataFolder(folder).load()
        broken = [f for f in loaded.findings if f.rule in ("yaml-syntax", "schema")]
        assert broken == [], broken
        shutil.rmtree(folder)
    print(
        f"\n{killed} kills ({in_write} during a write, {written} after the file was written), "
        f"{completed} finished "
        f"first, {damaged} damaged files",
        file=sys.stderr,
    )
    assert damaged == 0 and killed >= TRIALS
