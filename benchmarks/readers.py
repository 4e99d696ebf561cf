"""The YAML readers lingbi could parse record files with, measured on one whole data folder.

    python benchmarks/readers.py FOLDER [--runs 3] [--only NAME ...] [--check]
    python benchmarks/readers.py FOLDER --cold-load [--runs 3]

Reads every record file of FOLDER (``store.layout.scan``) into memory once, then, for each
reader, parses every file in this one process with the garbage collector off, and reports the
CPU time (``time.process_time``) of the whole folder: the median of ``--runs`` runs with its
minimum and maximum. Each file's result is dropped before the next file is parsed (the parse
alone, not the memory of a whole county). The readers:

* ``lingbi fast+fallback`` — what a cold run uses today: ``store.fastread`` (strict UTF-8
  decode, then the line reader), the full reader for the files it declines;
* ``lingbi full (libyaml walk)`` — ``store.yamlread.read_records``: libyaml through PyYAML's
  ``CSafeLoader`` composing a node tree, walked by our code keeping lines, columns, strings;
* ``PyYAML CSafeLoader load`` — the bare ``yaml.load`` of the issue's baseline (YAML 1.1 types:
  dates, ints, booleans; no line numbers);
* ``PyYAML CBaseLoader load`` — libyaml with every scalar a string (no line numbers);
* ``rapidyaml tree only`` — ``ryml.parse_in_arena``: the C++ tree, no Python value built
  (a lower bound for anything built on ryml);
* ``rapidyaml values`` — the tree walked into lingbi's values (strings, None, lists, dicts)
  through ryml's Python API (one SWIG call per node access), no line numbers;
* ``rapidyaml values+lines`` — the same, plus each record's and key's line and column found by
  searching the bytes for each key from a running cursor (ryml's Python API offers no node
  locations; this search is not exact for every YAML, only a cost estimate);
* ``yaml-rs loads`` — Rust (``yaml_rs.loads``, YAML 1.2 types, dates left as text; no lines).

``--check`` also compares every reader's values (and lines, where it gives them) with the full
reader's on every file, and prints how many files differ. Readers whose package is missing are
skipped with a note (``pip install rapidyaml yaml-rs`` to include them).

``--cold-load`` measures instead the installed lingbi's cold load, as a cold ``check`` does it,
and then its rules: each run in a new process, FOLDER's ``.lingbi-cache`` deleted first,
``DataFolder(FOLDER).load()`` on every core, then ``rules.run``; the CPU time of each (the
process and the workers it waited for), and the peak memory of the main process after the
load. Run it with the Python of each installation to compare two. Not part of the test run: a
county takes a few minutes.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from lingbi_cli.store import fastread, layout
from lingbi_cli.store.yamlread import read_records

COLD_LOAD = """
import resource, shutil, sys, time
from pathlib import Path
from lingbi_cli import rules
from lingbi_cli.store.folder import DataFolder
def cpu():
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + workers.ru_utime + workers.ru_stime
folder = Path(sys.argv[1])
shutil.rmtree(folder / ".lingbi-cache", ignore_errors=True)
start = cpu()
records = DataFolder(folder).load()
loaded = cpu()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
rules.run(records)
print(loaded - start, cpu() - loaded, peak)
"""

NULLS = frozenset(("", "~", "null", "Null", "NULL"))

Reader = Callable[[bytes], Any]


def lingbi_fast(data: bytes) -> Any:
    raws, _problems, _text = fastread._read_any(data)  # not read_any: no memo of recent files
    return [(r.values, r.line, r.column, r.keys) for r in raws]


def lingbi_full(data: bytes) -> Any:
    raws, _problems = read_records(data)
    return [(r.values, r.line, r.column, r.keys) for r in raws]


def pyyaml_safe(data: bytes) -> Any:
    return yaml.load(data, Loader=yaml.CSafeLoader)


def pyyaml_base(data: bytes) -> Any:
    return yaml.load(data, Loader=yaml.CBaseLoader)


def _ryml_readers() -> dict[str, Reader]:
    import ryml  # type: ignore[import-not-found]

    def tree_only(data: bytes) -> Any:
        return ryml.parse_in_arena(data)

    def values(data: bytes, lines: bool = False) -> Any:
        tree = ryml.parse_in_arena(data)
        first, after, key, val = tree.first_child, tree.next_sibling, tree.key, tree.val
        is_seq, is_map, quoted = tree.is_seq, tree.is_map, tree.is_val_quoted
        none = ryml.NONE

        def scalar(node: int) -> Any:
            raw = val(node)
            if raw is None:
                return None
            text = str(raw, "utf-8")
            return None if text in NULLS and not quoted(node) else text

        def value(node: int) -> Any:
            if is_seq(node):
                out = []
                child = first(node)
                while child != none:
                    out.append(value(child))
                    child = after(child)
                return out
            if is_map(node):
                mapping = {}
                child = first(node)
                while child != none:
                    mapping[str(key(child), "utf-8")] = value(child)
                    child = after(child)
                return mapping
            return scalar(node)

        records = []
        cursor, line, line_start = 0, 1, 0
        record = first(tree.root_id())
        while record != none:
            values: dict[str, Any] = {}
            keys: dict[str, tuple[int, int]] = {}
            child = first(record)
            while child != none:
                name = key(child)
                text = str(name, "utf-8")
                if lines:  # the key's place: the next "name:" after the previous key
                    at = data.find(bytes(name) + b":", cursor)
                    line += data.count(b"\n", cursor, at)
                    line_start = data.rfind(b"\n", 0, at) + 1
                    cursor = at + 1
                    keys[text] = (line, at - line_start + 1)
                values[text] = value(child)
                child = after(child)
            if lines:
                first_line, first_column = next(iter(keys.values()), (0, 0))
                records.append((values, first_line, first_column, keys))
            else:
                records.append(values)
            record = after(record)
        return records

    return {
        "rapidyaml tree only": tree_only,
        "rapidyaml values": values,
        "rapidyaml values+lines": lambda data: values(data, lines=True),
    }


def _yaml_rs_readers() -> dict[str, Reader]:
    import yaml_rs  # type: ignore[import-not-found]

    def loads(data: bytes) -> Any:
        return yaml_rs.loads(data.decode("utf-8"), parse_datetime=False)

    return {"yaml-rs loads": loads}


def readers() -> tuple[dict[str, Reader], list[str]]:
    found: dict[str, Reader] = {
        "lingbi fast+fallback": lingbi_fast,
        "lingbi full (libyaml walk)": lingbi_full,
        "PyYAML CSafeLoader load": pyyaml_safe,
        "PyYAML CBaseLoader load": pyyaml_base,
    }
    missing = []
    for name, extra in (("rapidyaml", _ryml_readers), ("yaml-rs", _yaml_rs_readers)):
        try:
            found.update(extra())
        except ImportError:
            missing.append(name)
    return found, missing


def measure(reader: Reader, files: list[bytes]) -> float:
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        for data in files:
            reader(data)
        return time.process_time() - start
    finally:
        gc.enable()


def differing(reader: Reader, files: list[bytes], full: list[Any]) -> tuple[int, str]:
    """How many files the reader reads otherwise than the full reader (values only, or values
    and places when it gives them); and the first difference seen."""
    count, first = 0, ""
    for data, expected in zip(files, full, strict=True):
        try:
            got = reader(data)
        except Exception as exc:  # noqa: BLE001 - a reader refusing a file differs too
            got = exc
        if got and isinstance(got, list) and isinstance(got[0], tuple):
            same = got == expected
        else:
            same = got == [values for values, *_ in expected]
        if not same:
            count += 1
            first = first or _first_difference(got, expected)
    return count, first


def _first_difference(got: Any, expected: list[Any]) -> str:
    if not isinstance(got, list):
        return repr(got)[:120]
    for mine, theirs in zip(got, expected, strict=False):
        theirs_values = theirs[0]
        mine_values = mine[0] if isinstance(mine, tuple) else mine
        if isinstance(mine_values, dict):
            for name, value in theirs_values.items():
                if mine_values.get(name) != value:
                    return f"{name}: {mine_values.get(name)!r} for {value!r}"
        if mine != theirs and isinstance(mine, tuple):
            return f"places {mine[1:3]} for {theirs[1:3]}"
    return f"{len(got)} records for {len(expected)}"


def cold_load(folder: Path, runs: int) -> None:
    load, judge, peak = [], [], []
    for _ in range(runs):
        average = os.getloadavg()[0]
        out = subprocess.run(
            [sys.executable, "-c", COLD_LOAD, str(folder)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        load.append(float(out[0]))
        judge.append(float(out[1]))
        peak.append(float(out[2]))
        print(
            f"cold load {load[-1]:.2f} s CPU, then the rules {judge[-1]:.2f} s; "
            f"main process {peak[-1]:.0f} MB after the load; load average {average:.1f}"
        )
    both = [a + b for a, b in zip(load, judge, strict=True)]
    for name, values in (("load", load), ("rules", judge), ("both", both)):
        print(
            f"{name}, median of {runs}: {statistics.median(values):.2f} s CPU "
            f"({min(values):.2f}–{max(values):.2f})"
        )
    print(f"main process after the load: {statistics.median(peak):.0f} MB (median)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None, help="readers whose name starts so")
    parser.add_argument("--check", action="store_true", help="compare with the full reader")
    parser.add_argument("--cold-load", action="store_true", help="measure lingbi's cold load")
    args = parser.parse_args()
    if args.cold_load:
        cold_load(args.folder, args.runs)
        return
    sources = layout.scan(args.folder).files
    files = [(args.folder / source.rel).read_bytes() for source in sources]
    declined = sum(1 for data in files if fastread.read_records_fast(data.decode()) is None)
    print(
        f"{args.folder}: {len(files)} record files, {sum(map(len, files)) / 1e6:.1f} MB; "
        f"the fast reader declines {declined}; Python {sys.version.split()[0]}; "
        f"PyYAML {yaml.__version__} (libyaml {yaml.__with_libyaml__})"
    )
    found, missing = readers()
    for name in missing:
        print(f"({name} is not installed: its readers are skipped)")
    if args.only:
        found = {n: r for n, r in found.items() if any(n.startswith(o) for o in args.only)}
    full = [lingbi_full(data) for data in files] if args.check else []
    print("| reader | CPU s, median | min–max | files read otherwise than the full reader |")
    print("| --- | --- | --- | --- |")
    for name, reader in found.items():
        times = [measure(reader, files) for _ in range(args.runs)]
        note = "—"
        if args.check and not name.endswith("tree only"):
            count, first = differing(reader, files, full)
            note = f"{count}" + (f" (e.g. {first})" if first else "")
        print(
            f"| {name} | {statistics.median(times):.2f} | "
            f"{min(times):.2f}–{max(times):.2f} | {note} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
