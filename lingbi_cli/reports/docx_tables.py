"""Tables in the Word reports: column widths from their content, landscape when a table needs
it, and the 版记 (GB/T 9704 7.4) as a borderless table between rules at the foot of the page.

A column is never narrower than its longest number or Latin word, its longest short text (a
name, a kind) or four characters of a longer one, and four characters of its header (the
unit, ``（人次）``, on a line of its own): so no header wraps one character a line. Spare
room then goes first to keeping body cells on one line, then headers on one line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.shared import Length, Mm, Pt, Twips

from lingbi_cli.reports.blocks import Block
from lingbi_cli.reports.docx_parts import (
    FANGSONG,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    append,
    child,
    fill,
    indent,
)

_UNBREAKABLE = re.compile(r"[!-~]+")  # digits and Latin words wrap only between themselves
_ALIGNS = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}
PORTRAIT = int(Length(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT).twips)
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
LANDSCAPE = int(Length(PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM).twips)
WRAP_AT = 4.0  # characters: the narrowest a long text may get
HEAD_AT = 3.0  # characters: the narrowest a wrapping header may get
ROOM = 0.3  # characters added to each column, for bold text and rounding
SHORT = 6.0  # characters: cells no longer than this (names, kinds, dates) never wrap
IMPRINT_PT = 14.0  # 4号


def _chars(text: str) -> float:
    """Width in characters of the body font: digits and Latin letters about half, % more, and
    a quarter where Chinese meets digits (Word and LibreOffice space them apart)."""
    width = sum(1.0 if not ch.isascii() else 0.85 if ch in "%MW@" else 0.56 for ch in text)
    meets = sum(a.isascii() != b.isascii() for a, b in itertools.pairwise(text))
    return width + 0.25 * meets


def _text(cell: Iterable[tuple[str, bool]]) -> str:
    return "".join(t for t, _ in cell)


def _margin(size: float) -> int:
    """Cell margin (twips each side) at a font size."""
    return {14.0: 108, 12.0: 85}.get(size, 45)


def layout(block: Block) -> tuple[bool, float]:
    """(landscape, font size): the largest size — 4号 for a few columns, else 小四, down to
    小五 on a landscape page for the widest — at which the table's least widths fit the
    portrait text block, else the landscape one."""
    start = 14.0 if len(block.rows[0]) <= 4 else 12.0
    least = _measures(block)[0]
    steps = [(False, start), (False, 12.0), (True, 12.0), (True, 10.5), (True, 9.0)]
    for landscape, size in steps:
        needed = sum(w * size * 20 + 2 * _margin(size) for w in least)
        if needed <= (LANDSCAPE if landscape else PORTRAIT):
            return landscape, size
    return True, 9.0


def _measures(block: Block) -> tuple[list[float], list[float], list[float]]:
    """Per column, in characters: the least width, the width keeping body cells on one line,
    and the width keeping the header on one line too (a little room added to each)."""
    columns = len(block.rows[0])
    texts = [[_text(row[c]) if c < len(row) else "" for row in block.rows] for c in range(columns)]
    least, body, full = [], [], []
    for column in texts:
        head, cells = column[0], column[1:]
        label, _, unit = head.partition("（")
        unit_width = _chars("（" + unit) if unit else 0.0
        words = [w for text in column for w in _UNBREAKABLE.findall(text)]
        shortest = max([_chars(w) for w in words] + [2.0])
        short_text = max((_chars(t) for t in cells), default=0.0)
        head_least = max(min(_chars(label), HEAD_AT), unit_width)
        text_least = short_text if short_text <= SHORT else min(short_text, WRAP_AT)
        least.append(max(shortest, text_least, head_least) + ROOM)
        body.append(max(least[-1], max(short_text, _chars(label), unit_width) + ROOM))
        full.append(max(body[-1], _chars(head) + ROOM))
    return least, body, full


def needs_landscape(block: Block) -> bool:
    """Whether the table fits only a landscape page."""
    return layout(block)[0]


def column_widths(block: Block, available: int, size: float) -> list[int]:
    """Twips per column at font ``size``, filling ``available``."""
    margin = _margin(size)

    def twips(widths: list[float]) -> list[float]:
        return [w * size * 20 + 2 * margin for w in widths]

    least, body, full = (twips(m) for m in _measures(block))
    widths = list(least)
    for target in (body, full):
        grow = [t - w for t, w in zip(target, widths, strict=True)]
        spare = available - sum(widths)
        if sum(grow) <= spare:
            widths = list(target)
            continue
        for c in sorted(range(len(widths)), key=lambda c: grow[c]):  # whole steps, cheapest first
            if 0 < grow[c] <= spare:
                widths[c], spare = target[c], spare - grow[c]
        short = [c for c in range(len(widths)) if target[c] > widths[c]]
        wanted = sum(target[c] - widths[c] for c in short)
        for c in short:  # what is left, in proportion (long text wraps anyway)
            widths[c] += max(spare, 0) * (target[c] - widths[c]) / wanted
        break
    return [int(w * available / sum(widths)) for w in widths]


def header_lines(text: str, room: float) -> list[str]:
    """A header in lines of at most ``room`` characters: whole if it fits, else its label in
    even pieces and its unit (``（人次）``) on a line of its own."""
    if _chars(text) <= room:
        return [text]
    label, _, unit = text.partition("（")
    pieces = max(1, -(-int(_chars(label) * 100) // int(max(room, 1.0) * 100)))
    size = -(-len(label) // pieces)
    lines = [label[i : i + size] for i in range(0, len(label), size)]
    return [*lines, f"（{unit}"] if unit else lines


def add_table(doc: Document, block: Block, available: int) -> None:
    columns = max(len(row) for row in block.rows)
    rows = [row + [[]] * (columns - len(row)) for row in block.rows]
    shape = Block("table", rows=rows)
    size = layout(shape)[1]
    margin = _margin(size)
    widths = column_widths(shape, available, size)
    table = doc.add_table(rows=len(rows), cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    child(tbl_pr, "tblW", w=str(sum(widths)), type="dxa")
    borders = child(tbl_pr, "tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        append(borders, edge, val="single", sz="4", space="0", color="000000")
    cell_margins = child(tbl_pr, "tblCellMar")
    for edge in ("left", "right"):
        append(cell_margins, edge, w=str(margin), type="dxa")
    child(tbl_pr, "tblLayout", type="fixed")
    aligns = [_ALIGNS.get(a, WD_ALIGN_PARAGRAPH.CENTER) for a in block.aligns]
    aligns += [WD_ALIGN_PARAGRAPH.CENTER] * columns
    for c, width in enumerate(widths):
        table.columns[c].width = Twips(width)
    for r, row in enumerate(rows):
        properties = table.rows[r]._tr.get_or_add_trPr()
        child(properties, "cantSplit")  # a row never breaks across pages
        if r == 0:
            child(properties, "tblHeader")  # the header row repeats on every page
        for c, runs in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Twips(widths[c])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            if r == 0:
                room = (widths[c] - 2 * margin) / (size * 20) + 0.05
                for k, line in enumerate(header_lines(_text(runs), room)):
                    fill(paragraph, [(line, True)], FANGSONG, size)
                    if k:
                        paragraph.runs[-1]._r.addprevious(_line_break())
            else:
                fill(paragraph, runs, FANGSONG, size)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 else aligns[c]
            paragraph.paragraph_format.line_spacing = 1.0
    doc.add_paragraph().paragraph_format.line_spacing = Pt(size)  # Word needs text after it


def _line_break() -> object:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run


def add_imprint(doc: Document, lines: list[str], available: int) -> None:
    """The 版记 at the foot of the page: each line between rules, thick first and last, thin
    between; 4号 仿宋, one character in from either side (GB/T 9704 7.4)."""
    pitch = Pt(IMPRINT_PT * 1.8)
    spacer = doc.add_paragraph()  # pushes the 版记 down to the foot of the text block
    fmt = spacer.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(1)
    fmt.space_before = Length(TEXT_HEIGHT - len(lines) * (pitch + Pt(1)) - Mm(4))
    table = doc.add_table(rows=len(lines), cols=1)
    tbl_pr = table._tbl.tblPr
    child(tbl_pr, "tblW", w=str(available), type="dxa")
    borders = child(tbl_pr, "tblBorders")
    append(borders, "top", val="single", sz="8", space="0", color="000000")
    append(borders, "bottom", val="single", sz="8", space="0", color="000000")
    append(borders, "insideH", val="single", sz="6", space="0", color="000000")
    child(tbl_pr, "tblLayout", type="fixed")
    for r, line in enumerate(lines):
        cell = table.cell(r, 0)
        cell.width = Twips(available)
        paragraph = cell.paragraphs[0]
        printer, _, date = line.partition("　　")
        if date:  # 印发机关 left, 印发日期 right, on one line
            fill(paragraph, [(printer, False)], FANGSONG, IMPRINT_PT)
            paragraph.add_run("\t")
            fill(paragraph, [(date, False)], FANGSONG, IMPRINT_PT)
            stops = paragraph.paragraph_format.tab_stops
            stops.add_tab_stop(Twips(available - 2 * IMPRINT_PT * 20), WD_TAB_ALIGNMENT.RIGHT)
        else:
            fill(paragraph, [(line, False)], FANGSONG, IMPRINT_PT)
        indent(paragraph, IMPRINT_PT, left=100, right=100)
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, pitch
