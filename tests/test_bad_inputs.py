"""Every bad input of the catalogue (tests/bad_inputs.py, docs/BAD-INPUT.md) is located and said
in Chinese, with the documented exit status, in a child process whose memory is capped — no
traceback, no English from a library, no file skipped in silence, nothing written."""

from __future__ import annotations

import multiprocessing
import re
from pathlib import Path
from typing import Any

import pytest
from bad_inputs import CASES, DOC, Case, markdown
from conftest import TINY, write_folder
from typer.testing import CliRunner

from lingbi_cli.cli import app

# the memory cap of each case's child process (POSIX)
resource = pytest.importorskip("resource")

MEMORY = 1024 * 1024 * 1024  # bytes more than the child starts with
ENGLISH = re.compile(
    r"Traceback|Error\b|not allowed|expected|found|unicode|codec|errno|Permission|"
    r"[Ii]s a directory|No such|loop|invalid|\bvalue\b|\bfield\b",
)


def _run(send: Any, folder: str, command: tuple[str, ...]) -> None:
    with open("/proc/self/statm") as statm:
        used = int(statm.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (used + MEMORY, resource.RLIM_INFINITY))
    result = CliRunner().invoke(app, ["--data", folder, *command])
    crashed = result.exception if not isinstance(result.exception, SystemExit) else None
    send.send((result.exit_code, result.output, repr(crashed) if crashed else ""))


def run_capped(folder: Path, command: tuple[str, ...]) -> tuple[int, str, str]:
    context: Any = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(send, str(folder), command))
    child.start()
    send.close()
    assert receive.poll(120), "no answer in two minutes"
    answer: tuple[int, str, str] = receive.recv()
    child.join()
    return answer


def prepared(tmp_path: Path, case: Case) -> Path:
    folder = write_folder(tmp_path / "data", TINY)
    if isinstance(case.content, bytes):
        (folder / case.file).write_bytes(case.content)
    else:
        case.content(folder)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".lingbi-cache" not in p.parts and p.stat().st_size < 1 << 20
    }


@pytest.mark.parametrize("case", CASES, ids=[f"{n:02d}-{c.what}" for n, c in enumerate(CASES, 1)])
def test_a_bad_input_is_located_in_chinese(tmp_path: Path, case: Case) -> None:
    folder = prepared(tmp_path, case)
    before = snapshot(folder)
    code, output, crashed = run_capped(folder, case.command)
    assert not crashed and "内部错误" not in output, (crashed, output)
    assert code == case.exit, output
    file, _, number = case.where.partition(":")
    if case.command[0] == "check":  # a finding: file:line:column, or the file alone
        lines = [line for line in output.splitlines() if case.where in line]
    else:  # a refusal: one message naming the file and (when it has one) the line
        any_line = r"[1-9]\d*"
        line_said = re.compile(f"第 {number or any_line} 行" if ":" in case.where else "")
        lines = [line for line in output.splitlines() if file in line and line_said.search(line)]
    assert lines, output
    line = next((line for line in lines if case.said in line), "")
    assert line, (case.said, lines)
    if case.field is not None:
        assert re.search(rf"(?<![a-z_]){case.field}(?![a-z_])", line), (case.field, line)
    said = line.replace(case.file, "").replace(case.field or "\0", "")
    assert not ENGLISH.search(said), said
    if case.command[0] != "check":
        assert snapshot(folder) == before  # nothing written


def test_the_catalogue_is_large_and_its_document_current() -> None:
    assert len(CASES) >= 60
    assert len({c.group for c in CASES}) == 6
    assert len({(c.file, c.what) for c in CASES}) == len(CASES)
    assert DOC.read_text(encoding="utf-8") == markdown(), "run: python tests/bad_inputs.py"
