"""A repeated ``check`` is answered from its stored answer (``store.answers``): before the
schemas and the rules are imported, only when nothing in the folder changed, and exactly as
the check would print it.

Whether each kind of change is seen is also tested through the printed check in
``test_incremental.py`` (an answer served after a change fails there).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pickle
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lingbi_cli import periods
from lingbi_cli.cli import app, render
from lingbi_cli.errors import CheckResult, Finding, Level, Piece
from lingbi_cli.store import answers
from lingbi_cli.store.stored import CACHE_DIR

DATA = Path(__file__).resolve().parent.parent / "data"
HOUR = 3600 * 10**9
RUNNER = CliRunner()
QUESTION = ("check", None, None, None)
TODAY = dt.date(2021, 3, 1)


def age(folder: Path) -> None:
    """Every file and folder an hour old: older than the racy window, so keyed."""
    when = time.time_ns() - HOUR
    for path in [folder, *folder.rglob("*")]:
        if CACHE_DIR not in path.parts:
            os.utime(path, ns=(when, when))


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    data = Path(shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns(CACHE_DIR)))
    age(data)
    return data


def check(folder: Path, *args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, ["check", str(folder), *args])
    assert result.exit_code != 70, result.output
    return result.exit_code, result.stdout


def stored(folder: Path) -> list[Path]:
    return sorted((folder / CACHE_DIR / "answers").glob("*.pickle"))


# --- the key ------------------------------------------------------------------------------------


def test_the_key_is_the_same_while_nothing_changes_and_ignores_the_cache_and_git(sample):
    first = answers.key(sample, QUESTION)
    assert first is not None
    (sample / CACHE_DIR).mkdir(exist_ok=True)
    (sample / CACHE_DIR / "anything").write_text("x")
    (sample / ".git").mkdir()
    (sample / ".git" / "index").write_text("x")
    assert answers.key(sample, QUESTION) == first
    assert answers.key(sample, ("check", ["six-ones"], None, None)) != first


def touched(path: Path) -> None:
    when = time.time_ns() - HOUR // 2
    os.utime(path, ns=(when, when))


def edit_same_size(folder: Path) -> None:
    path = folder / "townships/yangtuan/activities/2019-05.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2019-05-12", "2019-05-13", 1), encoding="utf-8")
    touched(path)


def note_deep_inside(folder: Path) -> None:
    path = folder / "townships/yangtuan/notes.txt"  # not a record file: a superset is safe
    path.write_text("走访记录的说明\n", encoding="utf-8")
    touched(path)


def remove_month(folder: Path) -> None:
    (folder / "townships/yuji/activities/2018-05.yaml").unlink()


def empty_folder(folder: Path) -> None:
    (folder / "townships/newtown").mkdir()
    touched(folder / "townships/newtown")


def comment_in_settings(folder: Path) -> None:
    path = folder / "lingbi.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# 备注\n", encoding="utf-8")
    touched(path)


@pytest.mark.parametrize(
    "change", [edit_same_size, note_deep_inside, remove_month, empty_folder, comment_in_settings]
)
def test_any_change_anywhere_in_the_folder_changes_the_key(sample, change):
    before = answers.key(sample, QUESTION)
    change(sample)
    after = answers.key(sample, QUESTION)
    assert after is not None and after != before


def test_no_key_for_a_file_changed_within_the_racy_window_or_a_link_to_a_folder(sample):
    assert answers.key(sample, QUESTION) is not None
    everything: dict[str, os.stat_result] = {}
    answers.key(sample, QUESTION, everything)
    (sample / "townships/yangtuan/deputies.yaml").touch()  # now: same size, same tick possible
    seen: dict[str, os.stat_result] = {}
    assert answers.key(sample, QUESTION, seen) is None
    # the walk went on past it: the check that follows has every file's state
    assert seen.keys() == everything.keys() and "townships/yinji/households.yaml" in seen
    age(sample)
    elsewhere = sample.parent / "elsewhere"
    elsewhere.mkdir()
    (sample / "townships/linked").symlink_to(elsewhere, target_is_directory=True)
    assert answers.key(sample, QUESTION) is None  # its files could change unseen


# --- what is served -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--format", "json", "--show-ignored"],
        ["--format", "github"],
        ["--strict", "--township", "yangtuan", "--half", "2019H1"],
        ["--as-of", "2019-07-01", "--rule", "report-filed"],
    ],
)
def test_a_served_answer_prints_what_the_check_prints(sample, monkeypatch, args):
    monkeypatch.setenv("LINGBI_TODAY", "2021-03-01")
    fresh = check(sample, *args, "--no-cache")
    assert stored(sample) == []
    assert check(sample, *args) == fresh  # judged, and its answer stored
    assert len(stored(sample)) == 1

    def no_judging(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("judged again although nothing changed")

    from lingbi_cli import rules

    monkeypatch.setattr(rules, "judge_folder", no_judging)
    assert check(sample, *args) == fresh
    assert fresh[1].strip()  # something to compare


def test_an_answer_is_served_only_within_its_days(sample, monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2019-06-10")
    check(sample)
    key = answers.key(sample, QUESTION)
    today = periods.today()
    assert answers.get(sample, key, today, today) is not None
    # 2019-06-20 is a deadline (the first half's report): the day after it judges otherwise
    after = dt.date(2019, 7, 1)
    assert answers.get(sample, key, after, after) is None
    monkeypatch.setenv("LINGBI_TODAY", after.isoformat())
    assert check(sample) == check(sample, "--no-cache")


def test_a_repeated_check_imports_neither_the_schemas_nor_the_rules(sample):
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from lingbi_cli.cli import app\n"
        f"result = CliRunner().invoke(app, ['check', {str(sample)!r}])\n"
        "print(result.exit_code, 'lingbi_cli.rules' in sys.modules,"
        " 'lingbi_cli.models' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "LINGBI_TODAY": "2021-03-01"}

    def run() -> list[str]:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return done.stderr.split()

    first = run()
    assert first[1:] == ["True", "True"]
    assert run() == [first[0], "False", "False"]


def test_a_damaged_or_planted_answer_is_never_served(sample, monkeypatch):
    from lingbi_cli import rules
    from lingbi_cli.store.folder import DataFolder

    monkeypatch.setenv("LINGBI_TODAY", "2021-03-01")
    fresh, fresh_json = check(sample), check(sample, "--format", "json")
    [path] = stored(sample)
    key = path.stem
    result_key, gaps = pickle.loads(path.read_bytes())[1][0][2]
    result = sample / CACHE_DIR / "results" / f"{result_key}.pickle"
    assert result.exists()
    span = (dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    fake = Finding("schema", Level.error, "lingbi.yaml", 1, 1, "缓存里的假问题")
    [row], _ = CheckResult([fake]).rows()
    # the folder's own findings as one piece: what is printed is right, what is broken is not
    good = Piece.of(rules.check_folder(DataFolder(sample, cache=False))).packed()
    blocks, placed, tally, silenced, _rows = good

    def rows(*value: object) -> tuple[object, ...]:
        return (*good[:4], pickle.dumps(value))

    broken_printing = [
        ([row], []),  # rows, not pieces (an older cache's shape)
        [],  # no pieces
        [good, "d0e1f2"],  # a key where a piece belongs
        [(*good, "extra")],
        [([("townships/a.yaml", 1)], *good[1:])],  # a block that is not text
        [(blocks, [("county/units.yaml", "1", 1, "six-ones", "…")], *good[2:])],
        [(blocks, placed, [("schema", "fatal", 1)], *good[3:])],  # no such level
        [(*good[:3], "1", _rows)],
        [(*good[:4], ([row], []))],  # rows, not pickled
    ]
    broken_rows = [
        [rows([(*row[:3], "1", *row[4:])], [])],  # a line that is not a number
        [rows([(row[0], "fatal", *row[2:])], [])],  # no such level
        [rows([row[:-1]], [])],  # a field short
        [rows([row], [(row,)])],  # an ignored finding without its reason
        [rows([row], [(row, 1)])],
        [rows((Path("x"),), [])],  # a class a result cannot hold: refused, never built
    ]
    for value in [([fake], [], ["x"])]:  # an answer names a result
        path.write_bytes(pickle.dumps((path.stem, [(span, span, value)])))
        assert answers.get(sample, key, span[0], span[0], printed=True) is None
        assert check(sample) == fresh
    for value in broken_printing + broken_rows:
        result.write_bytes(pickle.dumps((result.stem, [(span, span, value)])))
        assert answers.get(sample, key, span[0], span[0]) is None
        if value in broken_printing:
            assert answers.get(sample, key, span[0], span[0], printed=True) is None
        assert check(sample, "--format", "json") == fresh_json  # judged again, and named again
        assert check(sample) == fresh
        assert answers.get(sample, key, TODAY, TODAY) is not None
    result.unlink()  # a result the cache let go
    assert answers.get(sample, key, span[0], span[0], printed=True) is None
    assert check(sample) == fresh
    assert gaps == []


def test_a_whole_result_is_served_when_the_townships_results_are_gone(sample, monkeypatch):
    """A stored check holds its townships' pieces again: the cache letting a township's result
    go (other questions, other periods) leaves the answer and the whole result served."""
    monkeypatch.setenv("LINGBI_TODAY", "2021-03-01")
    fresh, fresh_json = check(sample), check(sample, "--format", "json")
    parts = sample / CACHE_DIR / "townships"
    assert len(list(parts.glob("*.pickle"))) > 5
    shutil.rmtree(parts)
    assert check(sample) == fresh and check(sample, "--format", "json") == fresh_json
    shutil.rmtree(sample / CACHE_DIR / "answers")  # the whole result, read by the usual way
    assert check(sample) == fresh and check(sample, "--format", "json") == fresh_json
    assert not parts.exists()  # no township judged again


def test_a_result_is_stored_as_rows_and_read_back_as_it_was(sample, monkeypatch):
    """What every stored result goes through (``CheckResult.packed``, then ``stored``): the
    sample county's findings, a silenced one with its reason, facts with dates and amounts."""
    from lingbi_cli import rules
    from lingbi_cli.store.folder import DataFolder
    from lingbi_cli.store.stored import Restricted

    monkeypatch.setenv("LINGBI_TODAY", "2021-03-01")
    result = rules.check_folder(DataFolder(sample, cache=False))
    assert len(result.findings) > 50
    silenced = Finding(
        "six-ones",
        Level.warning,
        "townships/yangtuan/deputies.yaml",
        12,
        3,
        "一年不足四件",
        hint="补登",
        record="yangtuan-d001",
        facts={"year": 2019, "since": dt.date(2019, 1, 1), "amount": Decimal("1.50")},
    )
    result.ignored.append((silenced, "已请假"))
    stored = pickle.dumps(result.packed(), pickle.HIGHEST_PROTOCOL)

    def loads(data: object) -> object:
        assert type(data) is bytes
        return Restricted(io.BytesIO(data)).load()

    again = CheckResult.stored(loads(stored), loads)
    assert again is not None and again.pieces is not None
    assert again == result
    # printed from its piece as the findings print
    assert "\n".join(render.text_lines(again, gaps=["x"])) == "\n".join(
        render.text_lines(result, gaps=["x"])
    )
    assert again.tally() == result.tally() and again.ignored_count() == len(result.ignored)
    printed = CheckResult.stored(loads(stored))  # for printing only: no findings read
    assert printed is not None and printed.tally() == result.tally()
    with pytest.raises(LookupError):
        _ = printed.findings
    assert [f.facts for f in again.findings] == [f.facts for f in result.findings]  # compare=False
    assert (
        again.ignored[-1] == (silenced, "已请假") and again.ignored[-1][0].facts == silenced.facts
    )
    assert all(type(f.level) is Level for f in again.findings)
