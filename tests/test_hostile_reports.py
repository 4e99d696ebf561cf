"""Record text cannot break a report (issue 10, item 4).

Every free-text field of the sample county — names of deputies, households, townships and
units, villages, summaries, findings, titles, departments, reasons — gets a hostile text put
inside it: HTML comments (``<!-- pagebreak -->``), line breaks of every kind (``\\r``, VT, FF,
NEL, U+2028, U+2029), control characters, Markdown (``|``, ``#``, ``*``, ``---``, links),
HTML, and words the Word layout reads as a document part (``附件：``, ``抄送：``, a date). Then
every report kind is rendered, from the hostile sample and from the sample as it is, to
Markdown and to Word, and the two must have the same shape: the same headings, the same tables
with the same number of rows and columns, the same number of sections and paragraphs; and no
line-breaking or control character reaches either.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zlib
from pathlib import Path

import pytest

from lingbi_cli import periods, reports
from lingbi_cli.reports import ReportKind
from lingbi_cli.reports.docx import markdown_to_document
from lingbi_cli.reports.render import render_markdown
from lingbi_cli.store import quote
from lingbi_cli.store.folder import DataFolder

SAMPLE = Path(__file__).resolve().parent.parent / "data"
HOSTILE = (
    "<!-- pagebreak -->",
    "<!-- right -->",
    "a\x0bb",
    "a\rb",
    "a\r\nb",
    "a\x0cb",
    "a\x85b",
    "a\u2028b",
    "a\u2029b",
    "a\x00\x07\x1b\x7fb",
    "|",
    "a | b |",
    "# 标题",
    "*斜*",
    "**粗**",
    "_x_",
    "`代码`",
    "[链接](http://x)",
    "<b>粗</b>",
    "<script>x</script>",
    "&amp;",
    "\\",
    "\n---\n",
    "\n\n附件：1. 假附件",
    "\n抄送：某某\n",
    "\n2019年7月5日\n",
    "\n- 列表\n",
    "\n1. 列表\n",
    "\n> 引用\n",
    "\n    缩进代码\n",
    "\n```\n",
    "\t制表\t",
    "\ufeff",
    "\U0001f600",
)
# the text fields of the record files, written on one line by the sample generator
FIELDS = re.compile(
    r"^(\s*(?:- )?\s*(?:name|head|summary|findings|title|department|end_reason|village|group"
    r"|note|notes|reason): )(.+)$",
    re.M,
)
LIST_FIELDS = re.compile(r"^(\s*(?:- )?\s*(?:villages|points): )\[(.+)\]$", re.M)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _poison(text: str, counter: list[int]) -> str:
    def hostile(value: str) -> str:
        counter[0] += 1
        value = value.strip("'\"")
        # the same text gets the same poison wherever it stands (a village in a household and
        # in its township's points), so that the records still mean what they meant; and a
        # table cell's separator in every one
        poison = HOSTILE[zlib.crc32(value.encode()) % len(HOSTILE)]
        return quote.text(value[:1] + poison + "|" + value[1:])

    def one(match: re.Match[str]) -> str:
        return match[1] + hostile(match[2])

    def items(match: re.Match[str]) -> str:
        return match[1] + "[" + ", ".join(hostile(v) for v in match[2].split(", ")) + "]"

    return LIST_FIELDS.sub(items, FIELDS.sub(one, text))


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    root = tmp_path_factory.mktemp("hostile")
    plain, hostile = root / "plain", root / "hostile"
    shutil.copytree(SAMPLE, plain)
    shutil.copytree(SAMPLE, hostile)
    counter = [0]
    for path in hostile.rglob("*.yaml"):
        if "schemas" not in path.parts and path.name != "lingbi.yaml":
            path.write_text(_poison(path.read_text(encoding="utf-8"), counter), encoding="utf-8")
    return plain, hostile, counter[0]


def _kinds(folder: DataFolder) -> list[tuple[ReportKind, str, str | None, str | None]]:
    records = folder.load()
    township = sorted(records.townships)[0]
    deputy = sorted(d for d in records.deputies if d.startswith(township))[0]
    return [
        (ReportKind.half, "2019H1", township, None),
        (ReportKind.county, "2019H2", None, None),
        (ReportKind.year, "2019", township, None),
        (ReportKind.year, "2019", None, None),
        (ReportKind.deputy, "2019", None, deputy),
    ]


def _shape(markdown: str) -> dict[str, object]:
    """What must not change: headings, tables (rows x columns), sections and paragraphs."""
    lines = markdown.splitlines()
    doc = markdown_to_document(markdown)
    text = "".join(p.text for p in doc.paragraphs) + "".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert not CONTROL.search(markdown), CONTROL.search(markdown)
    assert not CONTROL.search(text), CONTROL.search(text)
    return {
        "shown": {h for h in HOSTILE if not CONTROL.search(h) and h.strip() in text},
        "markdown headings": [len(m[1]) for line in lines if (m := re.match(r"(#+) ", line))],
        "markdown table rows": sum(line.startswith("|") for line in lines),
        "markdown comments": len(re.findall(r"(?<!\\)<!--", markdown)),
        "word sections": len(doc.sections),
        "word paragraphs": len(doc.paragraphs),
        "word tables": [(len(t.rows), len(t.columns)) for t in doc.tables],
    }


def test_hostile_record_text_keeps_every_row_and_section(
    folders: tuple[Path, Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")
    plain, hostile, poisoned = folders
    assert poisoned > 1000
    day = dt.date(2021, 1, 10)
    kinds = _kinds(DataFolder(plain))
    rows, shown = 0, set()
    for kind, label, township, deputy in kinds:
        shapes = []
        for path in (plain, hostile):
            folder = DataFolder(path)
            made = reports.make(
                folder, kind, periods.parse(label), township=township, deputy=deputy, date=day
            )
            shapes.append(_shape(render_markdown(made, folder)))
        shown |= shapes[1].pop("shown")  # type: ignore[arg-type]
        shapes[0].pop("shown")
        assert shapes[1] == shapes[0], kind
        rows += sum(r for r, _ in shapes[0]["word tables"])  # type: ignore[attr-defined]
    assert rows > 80
    # the hostile text is in the Word file as the record holds it, as text
    markup = {"<!-- pagebreak -->", "<!-- right -->", "*斜*", "**粗**", "<b>粗</b>", "`代码`"}
    assert len(markup & shown) >= 3 and "|" in shown, shown
