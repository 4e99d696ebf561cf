"""Whatever text a command writes, every YAML reader reads back exactly (issue 10, item 3).

Hypothesis makes up text from YAML's hazards — words and numbers that some reader takes for
something else (``0o0``, ``yes``, ``1:30``, ``.inf``, ``~``, ``08``, ``0E0``, dates), indicators,
quotes, flow punctuation, line breaks of every kind (LF, CR, NEL, U+2028, U+2029), control
characters, BOMs — mixed with Chinese and any other text. Each command that writes free text
writes it: ``log`` (summary, findings, villages, a story's title), ``proposal add`` and
``assign`` (title, department), ``unpair`` (reason), ``import`` (a summary in a CSV). Then every
reader of tests/yamlreaders.py — PyYAML, ruamel.yaml safe and round trip in YAML 1.2 and 1.1,
the YAML 1.2 core schema of yq, Go and JavaScript, lingbi's fast and full readers — reads the
file, and each must read exactly the text the record holds. A value written once must be
editable again by lingbi (``set_fields``). The store's writers are tested the same way with
many more examples, and so is every file of the sample generator.

``LINGBI_ROUNDTRIP_EXAMPLES=N`` runs N examples per test instead of the few CI runs.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import tempfile
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yamlreaders
from conftest import TINY, write_folder
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict
from typer.testing import CliRunner

from lingbi_cli import models
from lingbi_cli.cli import app
from lingbi_cli.sample import generate
from lingbi_cli.sheets import values
from lingbi_cli.store import edit, fastread, quote
from lingbi_cli.store.layout import scan
from lingbi_cli.store.yamlread import read_records

EXAMPLES = int(os.environ.get("LINGBI_ROUNDTRIP_EXAMPLES", "0"))
MONTH = "townships/yangtuan/activities/2019-05.yaml"
PAIRINGS = "townships/yangtuan/pairings.yaml"
PROPOSALS = "townships/yangtuan/proposals.yaml"

HAZARDS = (
    *("2019H1", "12X", "0X1", "0Bx", "1E", "9e9", "0o", "0x"),
    *("0o0", "0o17", "0x1F", "0X1f", "0b101", "1_000", "08", "010", "0E0", "1e3", "+1", "-2"),
    *(".5", "1.", ".inf", "-.Inf", ".NaN", "~", "null", "Null", "NULL", "yes", "No", "ON"),
    *("off", "y", "N", "true", "False", "1:30", "190:20:30.15", "2019-05-08", "=", "<<"),
    *("2001-12-14t21:59:43.10-05:00", "-", "---", "...", "?", "? ", ": ", ":", "#", " #"),
    *("&a", "*a", "!", "!!str", "|", ">", "%", "@", "`", "'", '"', "''", "[", "]", "{", "}"),
    *(",", "0[", "0]", "0{", "\\", "\\n", " ", "\t", "\n", "\r", "\r\n", "\x85", "\u2028"),
    *("\u2029", "\x0b", "\x0c", "\ufeff", "\x00", "\x07", "\x1b", "\x1c", "\x7f", "\x9f"),
    *("\xa0", "\u3000", "\u200b", "\U0001f600", "\ue000", "\ufffd", "<!--", "-->", "|---|"),
)
CHINESE = ("甲村", "到王伟家串门", "了解生产生活情况", "县交通运输局", "，", "：", "（二）")
PIECE = st.one_of(st.sampled_from(HAZARDS), st.sampled_from(CHINESE), st.text(max_size=4))


class _Stripped(BaseModel):
    """A record's text as the schema keeps it (strings are stripped)."""

    model_config = ConfigDict(str_strip_whitespace=True)
    value: str


def kept(text: str) -> str:
    return _Stripped(value=text).value


def texts(longest: int) -> st.SearchStrategy[str]:
    """Text the schema accepts: not blank, at most ``longest`` characters once stripped —
    and stripped alike by the command line (Python's ``strip``) and the schema (pydantic's):
    they differ on the information separators U+001C-U+001F at the ends of a text, which
    Python takes for spaces (a known difference, left in the closing note)."""
    joined = st.lists(PIECE, min_size=1, max_size=6).map("".join)
    return joined.filter(lambda t: 0 < len(kept(t)) <= longest and t.strip() == kept(t))


def villages() -> st.SearchStrategy[str]:
    """A ``--village`` value: names, maybe several separated by commas, one at least."""
    return texts(40).filter(lambda t: any(kept(v.strip()) for v in re.split("[,，、]", t)))


def examples(few: int) -> Any:
    return settings(
        max_examples=EXAMPLES or few,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


@contextmanager
def tiny_folder() -> Iterator[Path]:
    """A fresh tiny county for one example (Hypothesis runs many in one test)."""
    root = Path(tempfile.mkdtemp())
    try:
        yield write_folder(root / "data", TINY)
    finally:
        shutil.rmtree(root)


def lingbi(folder: Path, *args: str) -> None:
    result = CliRunner().invoke(app, ["--data", str(folder), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def read_alike(path: Path, record_id: str, meant: dict[str, Any]) -> None:
    """Every reader reads the record ``record_id`` of ``path`` with the fields ``meant``."""
    text = path.read_text(encoding="utf-8")
    raws, _ = read_records(text.encode("utf-8"))
    everything = [dict(r.values) for r in raws]
    index = next(i for i, r in enumerate(everything) if r.get("id") == record_id)
    everything[index].update(meant)
    assert yamlreaders.disagreements(text, everything, meant) == []


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINGBI_TODAY", "2020-01-15")


@examples(40)
@given(summary=texts(2000), findings=texts(2000), village=villages(), other=villages())
def test_log_trip(summary: str, findings: str, village: str, other: str) -> None:
    with tiny_folder() as folder:
        lingbi(
            folder,
            *("log", "trip", "-D", "yangtuan-d001", "--date", "2019-05-28"),
            *(f"--summary={summary}", f"--findings={findings}"),
            *(f"--village={village}", f"--village={other}"),
        )
        meant = {"summary": kept(summary), "findings": kept(findings)}
        names = [kept(v.strip()) for v in re.split("[,，、]", f"{village},{other}")]
        meant["villages"] = [name for name in names if name]
        read_alike(folder / MONTH, "yangtuan-a201905-004", meant)


def test_a_village_option_with_commas_names_several_villages(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "data", TINY)
    lingbi(
        folder,
        *("log", "trip", "-D", "yangtuan-d001", "--date", "2019-05-28", "--summary=调研"),
        *("--village=甲村,乙村", "--village", "丙村、丁村，戊村"),
    )
    text = (folder / MONTH).read_text(encoding="utf-8")
    assert "villages: [甲村, 乙村, 丙村, 丁村, 戊村]\n" in text


@examples(25)
@given(title=texts(2000))
def test_log_publicity_title(title: str) -> None:
    with tiny_folder() as folder:
        lingbi(
            folder,
            *("log", "publicity", "-D", "yangtuan-d001", "--date", "2019-05-28"),
            *("--outlet", "网络", "--summary=报道", f"--title={title}"),
        )
        read_alike(folder / MONTH, "yangtuan-a201905-004", {"title": kept(title)})


@examples(25)
@given(title=texts(2000), department=texts(40))
def test_proposal_add_and_assign(title: str, department: str) -> None:
    with tiny_folder() as folder:
        lingbi(
            folder,
            *("proposal", "add", f"--title={title}", "--lead", "yangtuan-d001"),
            *("--date", "2019-03-10"),
        )
        proposal = "yangtuan-j2019-01"
        lingbi(folder, "proposal", "assign", proposal, f"--department={department}")
        read_alike(
            folder / PROPOSALS, proposal, {"title": kept(title), "department": kept(department)}
        )


@examples(25)
@given(reason=texts(2000))
def test_unpair_reason(reason: str) -> None:
    with tiny_folder() as folder:
        lingbi(
            folder,
            *("unpair", "yangtuan-d002", "yangtuan-h0002", "--date", "2019-12-31"),
            f"--reason={reason}",
        )
        read_alike(folder / PAIRINGS, "yangtuan-p0002", {"end_reason": kept(reason.strip())})


@examples(25)
@given(summary=texts(2000).filter(lambda t: "\x00" not in t and "\r" not in t))
def test_import_a_summary_from_a_csv(summary: str) -> None:
    with tiny_folder() as folder:
        sheet = folder.parent / "活动.csv"
        with open(sheet, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["日期", "类别", "代表编号", "内容摘要", "村"])
            writer.writerow(["2019-05-28", "调研视察", "yangtuan-d001", summary, "前庄村"])
        meant = kept(values.text(summary))
        if not meant.strip():
            return  # a summary of nothing but spaces (Python's, \x1c-\x1f too) is refused
        lingbi(folder, "import", "activities", str(sheet))
        read_alike(folder / MONTH, "yangtuan-a201905-004", {"summary": meant})


HAND_WRITTEN = """\
# 手工维护的文件
-   id: yangtuan-a201905-001   # 缩进四格
    date: 2019-05-08
    kind: 串门
    deputies: [yangtuan-d001]
    household: yangtuan-h0001
    summary: 入户走访
"""


@examples(300)
@given(first=texts(2000), second=texts(2000), items=st.lists(texts(40), min_size=1, max_size=3))
def test_appended_and_edited_text_reads_back_and_can_be_edited_again(
    first: str, second: str, items: list[str]
) -> None:
    record = {"id": "yangtuan-a201905-002", "summary": first, "villages": items}
    text = edit.append_record(HAND_WRITTEN, record)
    meant = [{"summary": "入户走访"}, {"summary": first, "villages": items}]
    assert yamlreaders.disagreements(text, meant, ["summary", "villages"]) == []
    for value in (second, first):  # and once more: a value lingbi wrote is never "多行"
        text = edit.set_fields(text, "yangtuan-a201905-002", {"summary": value})
        meant[1]["summary"] = value
        assert yamlreaders.disagreements(text, meant, ["summary", "villages"]) == []
    assert text.startswith(HAND_WRITTEN)


def test_a_value_written_across_lines_by_an_older_lingbi_can_be_edited() -> None:
    old = HAND_WRITTEN.replace("summary: 入户走访", "summary: '入户\u2028  走访'")
    text = edit.set_fields(old, "yangtuan-a201905-001", {"summary": "入户\u2028走访"})
    assert text == HAND_WRITTEN.replace("summary: 入户走访", 'summary: "入户\\u2028走访"')


def text_fields(model: type[models.Record]) -> list[str]:
    """The keys of ``model``'s fields that hold text or lists of text (not dates, numbers)."""
    keys = []
    for name, info in model.model_fields.items():
        shown = repr(info.annotation)
        nested = any(  # a list of records within the record (a household's status history)
            isinstance(arg, type) and issubclass(arg, BaseModel)
            for arg in typing.get_args(info.annotation)
        )
        if not nested and not any(word in shown for word in ("date", "int", "Decimal", "bool")):
            keys.append(model.field_key(name))
    return keys


def test_every_file_of_the_sample_generator_reads_alike(tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    generate(folder, "sample")
    files, _ = scan(folder)
    assert len(files) > 150
    # every kind of file; of the month files (most of the sample, and all alike) one township's
    first = next(f.township for f in files if f.month is not None)
    files = [f for f in files if f.month is None or f.township == first]
    checked = 0
    for source in files:
        text = (folder / source.rel).read_text(encoding="utf-8")
        raws, problems = read_records(text.encode("utf-8"))
        assert problems == [], source.rel
        fields = text_fields(source.model)
        assert {"id"} < set(fields), source.rel
        meant = [r.values for r in raws]
        assert yamlreaders.disagreements(text, meant, fields) == [], source.rel
        checked += sum(len([k for k in r if k in fields]) for r in meant)
    assert checked > 4_000


@examples(25)
@given(name=texts(40))
@example(name="2019H1\x1c")  # Python's strip() takes U+001C for a space; the schema does not
def test_init_township_name(name: str) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        result = CliRunner().invoke(app, ["init", str(root), "--township", name, "--id", "xinzhen"])
        if not kept(name).isprintable():
            assert result.exit_code == 2 and "乡镇名称" in result.output
            return
        assert result.exit_code == 0, result.output
        read_alike(root / "county/townships.yaml", "xinzhen", {"name": kept(name)})
        for path in (root / "townships/xinzhen").glob("*.yaml"):
            lines = path.read_text(encoding="utf-8").splitlines()  # comments stay comments
            assert [line for line in lines if line and not line.startswith("#")] == [], path
    finally:
        shutil.rmtree(root)


# YAML's printable characters less the line breaks of either version and the BOM, as ranges:
# what the quoting's and the fast reader's character classes mean; they are written as their
# complements, which compile in a fraction of the time (at every start of lingbi)
BEYOND_LATIN1 = r"\u0100-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        (f"[^{quote._NOT_RAW}]", rf"[\x20-\x7e\xa0-\xff{BEYOND_LATIN1}]"),
        (quote._LETTER, rf"[A-Za-z_\xa0-\xff{BEYOND_LATIN1}]"),
        (quote._AFTER_DIGITS, rf"[G-Zg-z\xc0-\xff{BEYOND_LATIN1}]"),
        (
            quote._INSIDE,
            r"[\x20-\x22\x24-\x2b\x2d-\x39\x3b-\x3e\x40-\x5a\x5c\x5e-\x7a\x7c\x7e\xa0-\xff"
            rf"{BEYOND_LATIN1}]",
        ),
        (fastread.UNUSUAL.pattern, rf"[^\t\n\r\x20-\x7e\xa0-\xff{BEYOND_LATIN1}]"),
    ],
)
def test_the_character_classes_hold_the_characters_they_mean(written: str, meant: str) -> None:
    every = "".join(map(chr, range(0x110000)))
    assert re.findall(written, every) == re.findall(meant, every)
