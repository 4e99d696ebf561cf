"""The cache: what it serves is always what reading the files afresh would give.

Most tests use the tiny county of conftest.py; the equivalence tests use the generated
``township`` scale (one township at county density, ~13,000 activities), generated once for the
module with some ``# lingbi: ignore[…]`` comments added, and copied for a test that writes a cache.
"Old" files have a modification time an hour ago, so that the cache may trust their size and
time; files just written are within ``RACY_NS`` of being read, and their bytes are compared.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
import pickle
import random
import shlex
import shutil
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from lingbi_cli import models, rules
from lingbi_cli.config import Settings
from lingbi_cli.errors import CheckResult, Finding, Level
from lingbi_cli.sample import generate
from lingbi_cli.store import cache
from lingbi_cli.store import stored as stored_module
from lingbi_cli.store.cache import FileCache
from lingbi_cli.store.fastread import read_records_fast
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.records import Records
from lingbi_cli.store.rows import values_of
from lingbi_cli.store.stored import CACHE_DIR, RACY_NS
from lingbi_cli.store.yamlread import read_records

load_module = importlib.import_module("lingbi_cli.store.load")
run_module = importlib.import_module("lingbi_cli.rules.run")  # `rules.run` is the function

ACTIVITIES = "townships/yangtuan/activities/2019-05.yaml"
DONATION = "yangtuan-a201905-002"  # amount: 500.00 in TINY
HOUR = 3600 * 10**9
TODAY = dt.date(2021, 1, 15)  # the day the township runs are judged on


# --- helpers ------------------------------------------------------------------------------------


def record_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*.yaml") if p.name != "lingbi.yaml" and CACHE_DIR not in p.parts
    )


def age(folder: Path, *paths: Path, ns_ago: int = HOUR) -> int:
    """Set the modification time of ``paths`` (default: every file) to ``ns_ago`` ago."""
    when = time.time_ns() - ns_ago
    for path in paths or [p for p in folder.rglob("*") if p.is_file()]:
        if CACHE_DIR not in path.parts:
            os.utime(path, ns=(when, when))
    return when


def entries(folder: Path) -> list[Path]:
    return sorted((folder / CACHE_DIR / "files").glob("*.pickle"))


def contents(records: Records) -> list[tuple[object, ...]]:
    """Every record of every kind, exactly: values (repr keeps types and Decimal places), place,
    ignore comments."""
    return [
        (type(r).__name__, r.id, repr(values_of(r)), r.file, r.line, r.ignores)
        for r in records.all_records()
    ]


def outcome(result: rules.CheckResult) -> tuple[list[dict], list[tuple[dict, str]]]:
    return [f.as_dict() for f in result.findings], [(f.as_dict(), w) for f, w in result.ignored]


def spy_parse(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the file of every ``parse_file`` call (the real work a cache hit saves)."""
    calls: list[str] = []
    real = load_module.parse_file

    def parse_file(data, source):
        calls.append(source.rel)
        return real(data, source)

    monkeypatch.setattr(load_module, "parse_file", parse_file)
    return calls


def forbid_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse_file(data, source):
        raise AssertionError(f"{source.rel} was parsed, not served from the cache")

    monkeypatch.setattr(load_module, "parse_file", parse_file)


def spy_get(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[bool, bool]]:
    """rel → (the entry was used, the file's bytes were read) for every cache lookup."""
    seen: dict[str, tuple[bool, bool]] = {}
    real = FileCache.get

    def get(self, rel, st):
        entry, data = real(self, rel, st)
        seen[rel] = (entry is not None, data is not None)
        return entry, data

    monkeypatch.setattr(FileCache, "get", get)
    return seen


REAL_LOAD = DataFolder.load


def spy_load(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the cache was on, for every load of a data folder (``DataFolder.load``)."""
    calls: list[bool] = []
    real = REAL_LOAD

    def load_spy(self, *args, **kwargs):
        calls.append(self.cache)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(DataFolder, "load", load_spy)
    return calls


class _Payload:
    """What a planted cache file would hold: unpickling it runs a shell command."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):
        return os.system, (self.command,)


def payload(marker: Path, header: bytes = b"") -> bytes:
    entry = ("x", "x", 0, 0, 0, "x", [], [_Payload(f"touch {shlex.quote(str(marker))}")])
    return header + pickle.dumps(entry)


# --- the generated township, once for the module --------------------------------------------------


@pytest.fixture(scope="module")
def township_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``township`` scale with ignore comments: every other household ``household-exit``,
    every pairing three rules that run in different processes when there are two, and the first
    pairing one without a reason (a loading finding). All files old."""
    data = tmp_path_factory.mktemp("township") / "data"
    generate(data, "township")
    households = data / "townships/yangtuan/households.yaml"
    out, count = [], 0
    for line in households.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("- id:"):
            count += 1
            if count % 2 == 0:
                out.append("# lingbi: ignore[household-exit] 已由乡镇核实，测试用\n")
        out.append(line)
    households.write_text("".join(out), encoding="utf-8")
    pairings = data / "townships/yangtuan/pairings.yaml"
    out, count = [], 0
    for line in pairings.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("- id:"):
            count += 1
            if count == 1:
                out.append("# lingbi: ignore[pairing-window]\n")
            out.append("# lingbi: ignore[six-ones, regular-visits, first-meeting] 测试\n")
        out.append(line)
    pairings.write_text("".join(out), encoding="utf-8")
    age(data)
    return data


@pytest.fixture
def township(township_source: Path, tmp_path: Path) -> Path:
    """A private copy (modification times kept) that a test may fill with a cache."""
    return Path(shutil.copytree(township_source, tmp_path / "township"))


# --- 1. size and modification time: trusted only when the file is old enough -------------------


def test_same_size_edit_in_the_same_tick_is_seen(tiny, monkeypatch):
    path = tiny / ACTIVITIES
    now = time.time_ns()
    os.utime(path, ns=(now, now))  # written "just now", as an editor would
    assert DataFolder(tiny).load().activities[DONATION].amount == Decimal("500.00")
    assert len(entries(tiny)) == len(record_files(tiny))
    before = os.stat(path)
    assert time.time_ns() - before.st_mtime_ns < RACY_NS  # so the entry must not trust it

    text = path.read_text(encoding="utf-8")
    assert text.count("amount: 500.00") == 1
    path.write_text(text.replace("amount: 500.00", "amount: 600.00"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    # Nothing the cache can see without reading has changed: only the bytes tell.
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )

    gets = spy_get(monkeypatch)
    parsed = spy_parse(monkeypatch)
    assert DataFolder(tiny).load().activities[DONATION].amount == Decimal("600.00")
    assert gets[ACTIVITIES] == (False, True)  # the entry was distrusted, the bytes compared
    assert parsed == [ACTIVITIES]  # the other (unchanged, also recent) files matched their digest
    assert DataFolder(tiny).load().activities[DONATION].amount == Decimal(
        "600.00"
    )  # and the rebuilt entry


def test_old_unchanged_file_is_served_without_being_read(tiny, monkeypatch):
    age(tiny)
    expected = contents(DataFolder(tiny, cache=False).load())
    DataFolder(
        tiny
    ).load()  # fills the cache: the files are old, so their entries are trusted later
    gets = spy_get(monkeypatch)
    forbid_parse(monkeypatch)
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.suffix == ".yaml" and self.name != "lingbi.yaml" and CACHE_DIR not in self.parts:
            raise AssertionError(f"{self} was read")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    records = DataFolder(tiny).load()
    assert contents(records) == expected
    assert len(gets) == len(record_files(tiny)) == 6
    assert set(gets.values()) == {(True, False)}


# --- 2. the settings that affect loading are part of every entry's generation --------------------


SETTINGS = """
    county: 灵璧县
    # 备注：第一版
    campaign:
      first_meeting_days: 30
    rules:
      select: [yaml-syntax, schema, duplicate-id, unknown-ref, id-number, date-range,
               pairing-window, inactive-deputy]
"""


def test_settings_that_do_not_affect_loading_never_rebuild_an_entry_and_loading_ones_do(
    folder, monkeypatch
):
    data = folder({"lingbi.yaml": SETTINGS})
    settings = data / "lingbi.yaml"
    age(data)
    DataFolder(data).load()
    parsed = spy_parse(monkeypatch)

    settings.write_text(
        settings.read_text(encoding="utf-8").replace("第一版", "第二版"), encoding="utf-8"
    )
    records = DataFolder(data).load()
    assert parsed == []
    assert len(records.activities) == 3

    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "first_meeting_days: 30", "first_meeting_days: 45"
        ),
        encoding="utf-8",
    )
    records = DataFolder(data).load()
    assert records.settings.campaign.first_meeting_days == 45
    assert parsed == []  # the campaign is the rules' business: judged again, not read again

    # A setting that changed how files are read would make every entry another generation's.
    monkeypatch.setattr(Settings, "fingerprint", lambda self: "another way of reading")
    records = DataFolder(data).load()
    assert sorted(parsed) == sorted(p.relative_to(data).as_posix() for p in record_files(data))
    assert len(records.activities) == 3
    parsed.clear()
    DataFolder(data).load()
    assert parsed == []  # rebuilt under the new settings, and trusted again


# --- 3. a damaged or planted entry is ignored, never trusted, never run ---------------------------


def test_every_enumeration_comes_back_through_the_restricted_unpickler():
    members = [member for enum in models.ChineseEnum.__subclasses__() for member in enum]
    assert models.ActivityKind.trip in members and models.Outlet.web in members
    raw = pickle.dumps((members, Decimal("1.50"), dt.date(2019, 5, 1)))
    assert cache.SafeUnpickler(io.BytesIO(raw)).load() == (
        members,
        Decimal("1.50"),
        dt.date(2019, 5, 1),
    )


def test_the_code_digest_covers_every_module_of_the_package():
    covered = {
        p.relative_to(stored_module.PACKAGE).as_posix() for p in stored_module.source_files()
    }
    every = {"models/work.py", "store/rows.py", "rules/base.py", "cli/check.py", "periods.py"}
    assert every <= covered


def test_truncated_empty_corrupt_and_malicious_entries_are_rebuilt_and_never_run(
    tiny, tmp_path, monkeypatch
):
    marker = tmp_path / "pwned"
    control = tmp_path / "control"
    pickle.loads(payload(control))  # the payload is live: an ordinary unpickler runs it
    assert control.exists()

    age(tiny)
    expected = contents(DataFolder(tiny, cache=False).load())
    expected_findings = [f.as_dict() for f in DataFolder(tiny, cache=False).load().findings]
    DataFolder(tiny).load()
    truncated, empty, garbage, planted = entries(tiny)[:4]
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    empty.write_bytes(b"")
    garbage.write_bytes(b"\x80\x05not a pickle at all" + os.urandom(64))
    planted.write_bytes(payload(marker, planted.read_bytes().partition(b"\n")[0] + b"\n"))

    parsed = spy_parse(monkeypatch)
    records = DataFolder(tiny).load()
    assert not marker.exists()
    assert contents(records) == expected
    assert [f.as_dict() for f in records.findings] == expected_findings
    assert len(parsed) == 4  # exactly the four damaged entries were rebuilt

    parsed.clear()
    assert contents(DataFolder(tiny).load()) == expected
    assert parsed == []  # and the rebuilt entries are good

    # The same for the whole-run result cache.
    rules.check_folder(DataFolder(tiny))
    (stored,) = (tiny / CACHE_DIR / "results").glob("*.pickle")
    stored.write_bytes(pickle.dumps((stored.stem, _Payload(f"touch {shlex.quote(str(marker))}"))))
    assert outcome(rules.check_folder(DataFolder(tiny))) == ([], [])
    assert not marker.exists()


# --- 4. with and without the cache, one process or two: the same results --------------------------


def test_cached_run_equals_uncached_run_on_the_township_scale(township, monkeypatch):
    fresh = DataFolder(township, cache=False).load()
    assert not (township / CACHE_DIR).exists()
    expected_records = contents(fresh)
    expected_findings = [f.as_dict() for f in fresh.findings]
    expected = outcome(rules.run(fresh, today=TODAY))
    assert len(fresh.activities) > 10_000
    assert expected[1], "the ignore comments should hide some household-exit findings"
    assert any(f["rule"] == "schema" for f in expected_findings)  # the reasonless ignore

    cold = DataFolder(township).load()  # fills the cache
    assert contents(cold) == expected_records
    parsed = spy_parse(monkeypatch)
    warm = DataFolder(township).load()
    assert parsed == []  # everything came from the cache
    assert contents(warm) == expected_records
    assert [f.as_dict() for f in warm.findings] == expected_findings
    assert outcome(rules.run(warm, today=TODAY)) == expected
    assert [r.model_dump() for r in warm.households.values()] == [
        r.model_dump() for r in fresh.households.values()
    ]


REAL_FORK = getattr(os, "fork", None)


def spy_forks(monkeypatch: pytest.MonkeyPatch, module: Any) -> list[int]:
    """The children forked through ``module.fork`` from now on (the parent's side)."""
    forks: list[int] = []

    def fork() -> int:
        pid = REAL_FORK()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(module, "fork", fork)
    return forks


@pytest.mark.skipif(
    not hasattr(os, "fork") or load_module.cores() < 2, reason="a cold load forks on POSIX only"
)
def test_a_cold_load_through_workers_equals_a_warm_load_and_no_cache(township, monkeypatch):
    """The cold path: the files are parsed and validated in two processes, each writing the
    entries; this process then restores every file from the fresh entries. Records, findings
    and the rules' verdict are those of ``--no-cache`` (one process, no cache) and of a warm
    run."""
    fresh = DataFolder(township, cache=False).load()
    expected = (contents(fresh), [f.as_dict() for f in fresh.findings])
    expected_outcome = outcome(rules.run(fresh, today=TODAY))
    forks = spy_forks(monkeypatch, os)
    looked_up = spy_get(monkeypatch)
    cold = DataFolder(township).load()
    monkeypatch.setattr(os, "fork", REAL_FORK)
    files = len(cold.files)
    assert len(forks) == 1 and files >= load_module.PARALLEL_FILES
    # every file comes back from its fresh entry, none parsed again by this process
    assert len(looked_up) == files and all(used for used, _ in looked_up.values())
    assert (contents(cold), [f.as_dict() for f in cold.findings]) == expected
    assert outcome(rules.run(cold, today=TODAY)) == expected_outcome
    assert len(entries(township)) == files  # both processes wrote their entries
    parsed = spy_parse(monkeypatch)
    warm = DataFolder(township).load()
    assert parsed == []
    assert (contents(warm), [f.as_dict() for f in warm.findings]) == expected


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the rules fork a second process on POSIX only")
def test_two_processes_give_what_one_gives(township_source, monkeypatch):
    records = DataFolder(township_source, cache=False).load()
    monkeypatch.setenv("LINGBI_JOBS", "1")
    sequential = outcome(rules.run(records, today=TODAY))

    forks = spy_forks(monkeypatch, run_module.os)
    monkeypatch.setenv("LINGBI_JOBS", "2")
    forked = outcome(rules.run(records, today=TODAY))
    assert len(forks) == 1  # the second process really ran half of the rules
    assert forked[0] == sequential[0]
    # The ignored findings come back grouped by rule in the order the rules ran, which differs
    # between one process and two (and is not sorted by place): compare them as a set.
    assert sorted(forked[1], key=repr) == sorted(sequential[1], key=repr)
    assert sequential[0] and len({f["rule"] for f, _ in sequential[1]}) >= 3


# --- 5. the fast reader reads exactly what the full reader reads, or declines ---------------------


def both(text: str) -> tuple[list | None, list, list]:
    fast = read_records_fast(text) or None  # no records: the loader asks the full reader
    full, problems = read_records(text.encode("utf-8"))

    def plain(raws):
        return [(r.values, r.line, r.column, r.keys) for r in raws]

    return (None if fast is None else plain(fast)), plain(full), problems


def test_fast_reader_equals_full_reader_on_every_generated_file(township_source):
    fast_files = 0
    for path in record_files(township_source):
        fast, full, problems = both(path.read_text(encoding="utf-8"))
        if fast is not None:
            fast_files += 1
            assert problems == [], path
            assert fast == full, path
    activity_files = list(township_source.glob("townships/*/activities/*.yaml"))
    assert fast_files >= len(activity_files) > 20  # the bulk goes through the fast reader


RECORD = "- id: yangtuan-a201905-001\n  date: 2019-05-08\n"

# (name, text, must the fast reader read it?)
TRICKY = [
    ("single quotes", "  summary: 'it''s 好'\n", True),
    ("empty single quotes", "  summary: ''\n", True),
    ("double quotes", "  summary: \"走访 '一' 户\"\n", True),
    ("empty double quotes", '  summary: ""\n', True),
    ("comment after plain", "  summary: 走访 # 备注\n", True),
    ("comment after quoted", "  summary: 'a # b' # 备注\n", True),
    ("hash without space", "  summary: 第#3户\n", True),
    ("quoted colon", "  summary: 'a: b'\n", True),
    ("yes", "  summary: yes\n", True),
    ("leading zero", "  summary: 010\n", True),
    ("tilde", "  summary: ~\n", True),
    ("null", "  summary: null\n", True),
    ("Null", "  summary: Null\n", True),
    ("empty", "  summary:\n", True),
    ("empty with spaces", "  summary:   \n", True),
    ("flow list", "  deputies: [a, b]\n", True),
    ("empty flow list", "  deputies: []\n", True),
    ("flow list with comment", "  deputies: [a, b] # 两人\n", True),
    ("trailing spaces", "  summary: 走访   \n", True),
    ("two spaces after colon", "  summary:  走访\n", True),
    ("two spaces before a list", "  deputies:  [a, b]\n", True),
    ("two spaces before quotes", "  summary:  'x'\n", True),
    ("CRLF", "  summary: 走访\r\n  kind: 串门\r\n", True),
    ("unicode with full-width colon", "  summary: 会议：研究脱贫　措施\n", True),
    ("colon inside a word", "  summary: 12:30\n", True),
    ("quoted item", "  deputies: ['x']\n", False),
    ("double-quoted escape", '  summary: "a\\tb"\n', False),
    ("tab", "  summary:\t走访\n", False),
    ("tab inside", "  summary: a\tb\n", False),
    ("block list", "  deputies:\n    - a\n    - b\n", False),
    ("folded", "  summary: >-\n    走访\n    了解\n", False),
    ("literal", "  summary: |\n    走访\n", False),
    ("multi-line plain", "  summary: 走访\n    了解情况\n", False),
    ("duplicate key", "  date: 2019-05-09\n", False),
    ("anchor", "  summary: &s 走访\n  focus: *s\n", False),
    ("uppercase key", "  Summary: 走访\n", False),
    ("full-width colon as separator", "  summary：走访\n", False),
    ("unquoted colon", "  summary: a: b\n", False),
    ("key with space before colon", "  summary : 走访\n", False),
    ("directive-like value", "  summary: %x\n", False),
    ("lone CR", "  summary: a\rb\n", False),
    ("line separator", "  summary: a\u2028b\n", False),
    ("next line", '  summary: "a\x85b"\n', False),
    ("vertical tab", "  summary: a\x0bb\n", False),
    ("control character in a comment", "# a\x07\n", False),
    ("bracket in an item", "  deputies: [a]b]\n", False),
    ("brace in an item", "  deputies: [a{b}]\n", False),
    ("dash item", "  deputies: [- a]\n", False),
    ("colon-ended item", "  deputies: [a:]\n", False),
    ("comment inside a list", "  deputies: [a #b] # c\n", False),
    ("no-break space in a list", "  deputies: [a\u00a0]\n", False),
    ("ideographic space in a list", "  deputies: [\u3000a, b]\n", False),
]
WHOLE = [
    ("4-space indented record", "-   id: a\n    date: 2019-05-08\n", False),
    ("top-level mapping", "id: a\ndate: 2019-05-08\n", False),
    ("indented list", "  - id: a\n    date: 2019-05-08\n", False),
    ("document marker", "---\n- id: a\n", False),
    ("two records", "- id: a\n  date: x\n\n# 第二条\n- id: b\n  date: y\n", True),
    ("only comments", "# 空\n", False),
]


@pytest.mark.parametrize(
    ("text", "fast_reads"),
    [pytest.param(RECORD + rest, must, id=name) for name, rest, must in TRICKY]
    + [pytest.param(text, must, id=name) for name, text, must in WHOLE],
)
def test_fast_reader_reads_tricky_text_like_the_full_reader_or_declines(text, fast_reads):
    fast, full, problems = both(text)
    if fast_reads:
        assert fast is not None
    if fast is not None:
        assert problems == []
        assert fast == full


def test_fast_reader_never_disagrees_on_random_lines():
    """Seeded random values and keys, in and out of the simple shape."""
    rng = random.Random(2018)
    pieces = [
        *" #:'\"[],-{}?!&*|>%@`~\\\t\r",
        "\u3000",
        "\xa0",
        "\u2028",
        "\x85",
        "\x0b",
        "a",
        "b",
        "张",
        "1",
        " ",
        "null",
        "yes",
    ]
    agreed = 0
    for _ in range(3000):
        value = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        shape = rng.random()
        if shape < 0.3:
            value = (
                "["
                + ", ".join(
                    "".join(rng.choice(pieces) for _ in range(rng.randint(0, 3)))
                    for _ in range(rng.randint(0, 3))
                )
                + "]"
                + rng.choice(["", " ", " # c"])
            )
        elif shape < 0.45:
            value = rng.choice("'\"") + value + rng.choice(["'", '"', "' # c", "'#"])
        colon = rng.choice([": ", ": ", ":  ", ":"])
        text = f"- id: a\n  {rng.choice(['n', 'name', 'N'])}{colon}{value}\n"
        fast, full, problems = both(text)
        if fast is not None:
            assert (problems, fast) == ([], full), repr(text)
            agreed += 1
    assert agreed > 300  # the fast reader did read a good share of them


# --- 6. the whole-run result --------------------------------------------------------------------


def test_check_result_is_reused_only_while_no_file_changed(tiny, monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2019-06-30")
    age(tiny)
    loads = spy_load(monkeypatch)
    ran: list[bool] = []  # for each check: whether it loaded records (all, or parts)

    def check(cache: bool = True) -> tuple[list, list]:
        before = len(loads)
        found = outcome(rules.check_folder(DataFolder(tiny, cache=cache)))
        ran.append(len(loads) > before)
        return found

    first = check()
    assert ran == [True] and all(loads)
    assert len(list((tiny / CACHE_DIR / "results").glob("*.pickle"))) == 1

    def refuse(*args, **kwargs):
        raise AssertionError("loaded although nothing changed")

    monkeypatch.setattr(DataFolder, "load", refuse)
    assert outcome(rules.check_folder(DataFolder(tiny))) == first

    path = tiny / ACTIVITIES
    loads = spy_load(monkeypatch)
    ran.clear()
    os.utime(path)  # touched just now: too recent to judge by its time
    assert check() == first
    assert check() == first
    assert ran == [True, True]

    age(tiny, path, ns_ago=HOUR // 2)  # touched, and old enough: a new key, stored once
    assert check() == first
    assert check() == first
    assert ran == [True, True, True, False]

    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: 串门", "kind: 串户"), encoding="utf-8")  # same size
    age(tiny, path, ns_ago=HOUR // 4)
    changed = check()
    assert ran[-1]
    assert [(f["rule"], f["file"], f["line"]) for f in changed[0]] == [
        ("schema", ACTIVITIES, 4)
    ]  # line 4 of the file: kind

    results = sorted((tiny / CACHE_DIR / "results").iterdir())
    assert check(cache=False) == changed
    assert loads[-1] is False
    assert sorted((tiny / CACHE_DIR / "results").iterdir()) == results


# --- 7. the command line ------------------------------------------------------------------------


def test_cache_clear_removes_every_entry(tiny, cli, monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2019-06-30")
    age(tiny)
    assert cli("--data", str(tiny), "check").exit_code == 0
    assert cli("--data", str(tiny), "stats").exit_code == 0
    journal = tiny / CACHE_DIR / "journal" / "kept"
    journal.parent.mkdir()
    journal.write_text("a write, for undo: not a cache")
    cached = CACHE_DIR / Path("*")
    stored = [p for p in tiny.glob(f"{cached}/*") if p.parent.name != "journal"]
    stored.append(tiny / CACHE_DIR / "summaries.pickle")
    kinds = {p.parent.name for p in stored}
    assert {"files", "results", "answers", "townships", "totals"} <= kinds
    files = len(record_files(tiny))
    assert len(entries(tiny)) == files == 6

    result = cli("--data", str(tiny), "cache", "clear")
    assert result.exit_code == 0, result.stdout
    assert f"已删除 {len(stored)} 个" in result.stdout
    assert not any(p.exists() for p in stored)
    assert journal.exists()
    parsed = spy_parse(monkeypatch)
    DataFolder(tiny).load()
    assert len(parsed) == files


def test_check_no_cache_neither_reads_nor_writes_the_cache(tiny, cli, monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2019-06-30")
    age(tiny)
    assert cli("check", str(tiny)).exit_code == 0
    # Plant a stored result that says something the files do not.
    (stored,) = (tiny / CACHE_DIR / "results").glob("*.pickle")
    planted = Finding("schema", Level.error, ACTIVITIES, 9, 1, "缓存里的假问题")
    always = (dt.date.min, dt.date.max)
    planted_bytes = pickle.dumps((stored.stem, [(always, always, CheckResult([planted]).packed())]))
    stored.write_bytes(planted_bytes)
    shutil.rmtree(tiny / CACHE_DIR / "answers")  # the answer printed before: now from the result
    cached = cli("check", str(tiny))
    assert cached.exit_code == 1 and "缓存里的假问题" in cached.stdout  # the CLI uses the cache

    shutil.rmtree(tiny / CACHE_DIR / "files")
    shutil.rmtree(tiny / CACHE_DIR / "answers")
    fresh = cli("--data", str(tiny), "check", "--no-cache")
    assert fresh.exit_code == 0, fresh.stdout
    assert "缓存里的假问题" not in fresh.stdout and "没有发现问题" in fresh.stdout
    assert not (tiny / CACHE_DIR / "files").exists()
    assert not (tiny / CACHE_DIR / "answers").exists()
    assert (tiny / CACHE_DIR / "results" / stored.name).read_bytes() == planted_bytes


def test_the_code_digest_changes_with_any_edit_of_a_source_file(tmp_path, monkeypatch):
    package = tmp_path / "lingbi_cli"
    (package / "rules").mkdir(parents=True)
    rule = package / "rules" / "six_ones.py"
    rule.write_text("LIMIT = 6\n")
    (package / "periods.py").write_text("YEARS = 3\n")
    monkeypatch.setattr(stored_module, "PACKAGE", package)

    def digest() -> str:
        stored_module.code_digest.cache_clear()
        return stored_module.code_digest()

    before = digest()
    assert digest() == before
    st = rule.stat()
    rule.write_text("LIMIT = 7\n")  # same size: the modification time tells
    os.utime(rule, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    edited = digest()
    assert edited != before
    rule.write_text("LIMIT = 16\n")
    os.utime(rule, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # the size tells
    assert digest() not in (before, edited)
    stored_module.code_digest.cache_clear()


def test_stored_results_keep_the_last_few_and_look_at_their_ages_seldom(tmp_path, monkeypatch):
    """``Stored`` keeps at most ``keep`` entries (and the one being put), dropping the oldest
    first; it looks at the entries' ages only when they fill the room, and then frees a fifth
    of it."""
    store = stored_module.Stored(tmp_path, "results", keep=10, unpickler=cache.SafeUnpickler)
    span = (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    full: list[int] = []  # how many entries there were each time the room was full
    real = stored_module.Stored._evict

    def spy(self):
        count = len(list(self.dir.iterdir()))
        if count >= self.keep:
            full.append(count)
        return real(self)

    monkeypatch.setattr(stored_module.Stored, "_evict", spy)
    for number in range(30):
        store.put(f"k{number:02d}", span, span, number)
        entry = store.dir / f"k{number:02d}.pickle"
        os.utime(entry, ns=(10**18 + number, 10**18 + number))  # strictly in put order
        assert len(list(store.dir.iterdir())) <= 11
    kept = sorted(p.stem for p in store.dir.iterdir())
    assert kept == [f"k{n:02d}" for n in range(30 - len(kept), 30)]  # the newest, in a row
    assert store.get("k29", span[0], span[0]) == 29
    assert 0 < len(full) <= 30 // 3  # every third put at most, not every put
