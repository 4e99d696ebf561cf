"""The README's walk-through runs, as written, on a fresh copy of the sample.

Every fenced block that follows a line ``<!-- walkthrough … -->`` in README.md is a console
session: ``$ command`` lines (a heredoc's lines belong to its command), then the output
expected, then ``(exit N)`` when the command fails. The blocks run in order, in one copy of
``data/``, with bash; output (stdout and stderr together) and exit status must match.
A ``$ cd DIR`` step moves the block's later commands into ``DIR`` (each block starts in the
copy). ``LINGBI_UPDATE_GOLDEN=1`` writes the actual output back into README.md — review the
diff.
To add a step, add a ``$`` line to a block (or a new block after the marker) and run that.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MARKER = "<!-- walkthrough"
TODAY = "2025-01-01"  # any day after the campaign: everything is due, as on a clerk's machine
_HEREDOC = re.compile(r"<<-?\s*'?\"?(\w+)'?\"?")
_EXIT = re.compile(r"^\(exit (\d+)\)$")


@dataclass
class Step:
    command: str
    output: list[str]
    status: int


@dataclass
class Block:
    start: int  # index of the first line inside the fence
    end: int  # index of the closing fence
    steps: list[Step]


def blocks(lines: list[str]) -> list[Block]:
    found = []
    i = 0
    while i < len(lines):
        if lines[i].startswith(MARKER):
            start = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```")) + 1
            end = next(j for j in range(start, len(lines)) if lines[j].startswith("```"))
            found.append(Block(start, end, steps(lines[start:end])))
            i = end
        i += 1
    return found


def steps(lines: list[str]) -> list[Step]:
    out: list[Step] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        assert line.startswith("$ "), f"README walk-through: expected a $ command, got {line!r}"
        command = [line[2:]]
        heredoc = _HEREDOC.search(line)
        if heredoc:
            while lines[i] != heredoc[1]:
                i += 1
                command.append(lines[i])
        i += 1
        output = []
        while i < len(lines) and not lines[i].startswith("$ "):
            output.append(lines[i])
            i += 1
        status = 0
        if output and (match := _EXIT.match(output[-1])):
            status = int(match[1])
            output.pop()
        out.append(Step("\n".join(command), output, status))
    return out


def run(step: Step, where: Path) -> tuple[list[str], int]:
    env = {
        **os.environ,
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
        "LINGBI_TODAY": TODAY,
        "COLUMNS": "200",
    }
    env.pop("LINGBI_DATA", None)
    done = subprocess.run(
        ["bash", "-c", step.command + "\n"],
        cwd=where,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return done.stdout.splitlines(), done.returncode


def render(step: Step, output: list[str], status: int) -> list[str]:
    lines = [f"$ {step.command}".replace("\n", "\n").split("\n")]
    return [*lines[0], *output, *([f"(exit {status})"] if status else [])]


@pytest.mark.skipif(shutil.which("bash") is None, reason="the walk-through is a bash session")
def test_the_walkthrough_runs_on_a_fresh_copy_of_the_sample(tmp_path: Path) -> None:
    lines = README.read_text(encoding="utf-8").split("\n")
    found = blocks(lines)
    assert found and sum(len(b.steps) for b in found) >= 5
    copy = tmp_path / "示例"
    shutil.copytree(ROOT / "data", copy, ignore=shutil.ignore_patterns(".lingbi-cache"))
    update = bool(os.environ.get("LINGBI_UPDATE_GOLDEN"))
    replaced: list[tuple[Block, list[str]]] = []
    for block in found:
        written: list[str] = []
        where = copy  # each block starts in the copy; a `$ cd DIR` step moves the rest
        for step in block.steps:
            if re.fullmatch(r"cd \S+", step.command):
                where = (where / step.command[3:]).resolve()
                written += render(step, [], 0)
                continue
            output, status = run(step, where)
            if not update:
                assert (output, status) == (step.output, step.status), (
                    f"README walk-through: `{step.command.splitlines()[0]}` gave, with exit "
                    f"status {status}:\n" + "\n".join(output)
                )
            written += render(step, output, status)
        replaced.append((block, written))
    if update:
        for block, written in reversed(replaced):
            lines[block.start : block.end] = written
        README.write_text("\n".join(lines), encoding="utf-8")


def test_the_parser_reads_heredocs_outputs_and_statuses() -> None:
    text = ["$ cat > a <<'EOF'", "x: 1", "EOF", "$ false", "(exit 1)", "$ echo hi", "hi"]
    got = steps(text)
    assert [s.command for s in got] == ["cat > a <<'EOF'\nx: 1\nEOF", "false", "echo hi"]
    assert [(s.output, s.status) for s in got] == [([], 0), ([], 1), (["hi"], 0)]


def test_the_clause_table_names_tests_that_exist():
    """Every test the README's clause table (实施意见逐条对照) names is defined where it says,
    and every row names at least one."""
    text = README.read_text(encoding="utf-8")
    start = text.index("## How the seed is covered")
    section = text[start : text.index("\n## ", start + 1)]
    named = re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", section)
    assert len(named) >= 30
    missing = [
        f"{path}::{name}"
        for path, name in named
        if not re.search(rf"^def {name}\(", (ROOT / path).read_text(encoding="utf-8"), re.M)
    ]
    assert missing == []
    rows = [line for line in section.splitlines() if line.startswith("| §")]
    assert rows and all("tests/" in row for row in rows)
