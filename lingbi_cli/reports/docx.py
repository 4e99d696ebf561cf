"""Word output of a rendered report, laid out as a Chinese official document per GB/T 9704-2012.

Owns one step: the Markdown a report template rendered -> a ``.docx``. It knows nothing of records
or figures and imports nothing else from ``lingbi_cli``. The Markdown is a small, fixed subset; a
line outside it is kept as a body paragraph, never lost:

- ``# 标题``: title, 2号 (22 pt) 方正小标宋简体, centred, one blank line below.
- ``## 一、…``, ``### （一）…``, ``#### 1. …``: headings in 3号 黑体, 楷体_GB2312 and bold
  仿宋_GB2312, first line indented two characters.
- Paragraphs: non-blank lines joined without a space (but one between two Latin letters or
  digits); 3号 仿宋_GB2312, justified, first line indented two characters, 22 lines of 28
  characters a page. A one-line paragraph ending in ``：`` right after the title is the
  addressee (主送机关): flush left. ``- item`` is a body paragraph of the text after ``- ``.
- ``<!-- right -->``: the next paragraph is right-aligned four characters in, one blank line
  below the text, each of its lines a line of its own (署名, 成文日期).
- ``<!-- pagebreak -->``: the next block starts a page. Other ``<!-- … -->`` are dropped.
- Pipe tables (rows start with ``|``; the ``| --- |`` row may align a column with ``:--``,
  ``:-:``, ``--:``, centred by default): full-width Word tables, single borders, bold header
  row repeated on each page, 仿宋_GB2312 at 14, 12 or 10.5 pt for <= 4, <= 8 or more columns.
- Inline: ``**bold**``; a backslash before ASCII punctuation (``\\|``, ``\\*``…) is that character.

The page: A4, margins 37/35/28/26 mm (top/bottom/left/right), a 22 x 28 document grid, every
run naming its East Asian font and Times New Roman for Latin letters and digits, and ``— n —``
in 4号 宋体 in the footer, right on odd pages and left on even ones, one character in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import docx
from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Length, Mm, Pt, Twips
from docx.text.paragraph import Paragraph

__all__ = ["markdown_to_document", "write_docx"]

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
LINE_PITCH = 579  # twips: 225 mm of text block / 22 lines, rounded down as Word's 公文 templates do
CHARS_PER_LINE = 28
PAGE_NUMBER_GAP = Mm(7)  # GB/T 9704 7.5: the page number's dash sits 7 mm below the text block
FOOTER_LINE = Pt(18)

LATIN = "Times New Roman"
TITLE_FONT, HEI, KAI, SONG = "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"
FANGSONG = "仿宋_GB2312"
TITLE_PT, BODY_PT, PAGE_NUMBER_PT = 22.0, 16.0, 14.0

# Schema order of the children this module inserts itself (python-docx has no API for them).
_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr"
    " suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct"
    " topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind"
    " contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment"
    " textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint"
    " noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect"
    " bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc"
    " tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
}


class _Look(NamedTuple):
    font: str
    size: float
    bold: bool
    align: WD_ALIGN_PARAGRAPH
    indent: int  # first-line indent in hundredths of a character
    outline: int | None  # outline level, for Word's navigation pane


_J, _C = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER
_L, _R = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
_LOOKS = {
    "title": _Look(TITLE_FONT, TITLE_PT, False, _C, 0, None),
    "h1": _Look(HEI, BODY_PT, False, _J, 200, 0),
    "h2": _Look(KAI, BODY_PT, False, _J, 200, 1),
    "h3": _Look(FANGSONG, BODY_PT, True, _J, 200, 2),
    "body": _Look(FANGSONG, BODY_PT, False, _J, 200, None),
    "addressee": _Look(FANGSONG, BODY_PT, False, _L, 0, None),
    "right": _Look(FANGSONG, BODY_PT, False, _R, 0, None),
}
_HEADINGS = {1: "title", 2: "h1", 3: "h2", 4: "h3"}
_ALIGNS = {(True, False): _L, (False, True): _R}  # by the colons of a `| :-- |` cell

_MARKER = re.compile(r"<!--\s*(right|pagebreak)\s*-->", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"(#{1,4})\s+(.+?)(?:\s+#+)?")
_ITEM = re.compile(r"-\s+(.*)")
_SEPARATOR = re.compile(r"\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?")
_ADDRESSEE = re.compile(r"[^。！？]{1,60}[：:]")
_CELL = re.compile(r"((?:\\.|[^\\|])*)\|")
_INLINE = re.compile(r"\\([!-/:-@\[-`{-~])|(\*\*)")
_UNBREAKABLE = re.compile(r"[!-~]+")  # digits and Latin words wrap only between themselves


@dataclass
class _Block:
    kind: str  # a key of _LOOKS, "table" or "pagebreak"
    text: str = ""  # inline Markdown, escapes still in
    rows: list[list[str]] = field(default_factory=list)
    aligns: list[WD_ALIGN_PARAGRAPH] = field(default_factory=list)


def write_docx(markdown: str, path: Path) -> None:
    """Write the report ``markdown`` to ``path`` as a Word file laid out per GB/T 9704-2012."""
    markdown_to_document(markdown).save(str(path))


def markdown_to_document(markdown: str) -> Document:
    """Build the Word document for ``markdown`` (see the module docstring for the subset)."""
    doc = docx.Document()
    text_width = _set_up_page(doc)
    _set_up_styles(doc, text_width)
    _add_footers(doc)
    doc.core_properties.author, doc.core_properties.comments = "lingbi", ""  # not python-docx
    pending_break, previous = False, ""
    for block in _parse(markdown):
        if block.kind == "pagebreak":
            pending_break = previous != ""  # nothing to break away from yet
            continue
        if block.kind == "table":
            if pending_break:
                doc.add_paragraph().paragraph_format.page_break_before = True
            _add_table(doc, block, text_width)
        else:
            paragraph = _add_paragraph(doc, block, after_right=previous == "right")
            paragraph.paragraph_format.page_break_before = pending_break or None
            if block.kind == "title":
                doc.core_properties.title = doc.core_properties.title or paragraph.text
                doc.add_paragraph()  # GB/T 9704 7.3.3: one blank line below the title
        pending_break, previous = False, block.kind
    return doc


# -- parsing ---------------------------------------------------------------------------------


def _parse(markdown: str) -> list[_Block]:
    """Split the Markdown into blocks: paragraphs, headings, tables and page breaks."""
    text = _COMMENT.sub(lambda m: m[0] if _MARKER.fullmatch(m[0]) else "\0", markdown)
    # A line that held only a comment vanishes rather than splitting a paragraph in two.
    lines = [
        line.replace("\0", "").strip()
        for line in text.splitlines()
        if "\0" not in line or line.replace("\0", "").strip()
    ]
    blocks: list[_Block] = []
    para: list[str] = []
    right = False

    def flush() -> None:
        nonlocal right
        after_title = bool(blocks) and blocks[-1].kind == "title"
        if right:
            blocks.extend(_Block("right", line) for line in para)
        elif len(para) == 1 and after_title and _ADDRESSEE.fullmatch(para[0]):
            blocks.append(_Block("addressee", para[0]))
        elif para:
            blocks.append(_Block("body", _join(para)))
        right = right and not para
        para.clear()

    i = 0
    while i < len(lines):
        line, i = lines[i], i + 1
        marker = _MARKER.fullmatch(line)
        if not line or marker:
            flush()
            if marker:
                right = marker[1].lower() == "right"
                blocks += [] if right else [_Block("pagebreak")]
            continue
        line = _MARKER.sub("", line)  # a marker inside a line is only a comment
        heading = _HEADING.fullmatch(line)
        if heading or (line.startswith("|") and i < len(lines) and _SEPARATOR.fullmatch(lines[i])):
            flush()
            right = False
            if heading:
                blocks.append(_Block(_HEADINGS[len(heading[1])], heading[2]))
                continue
            aligns = [_ALIGNS.get((c[:1] == ":", c[-1:] == ":"), _C) for c in _cells(lines[i])]
            table = _Block("table", rows=[_cells(line)], aligns=aligns)
            i += 1
            while i < len(lines) and lines[i].startswith("|"):
                table.rows.append(_cells(lines[i]))
                i += 1
            blocks.append(table)
        elif item := _ITEM.fullmatch(line):
            flush()
            para.append(item[1])
        else:
            para.append(line)
    flush()
    return blocks


def _join(lines: list[str]) -> str:
    """Join a paragraph's lines: no space in Chinese, one between Latin letters or digits."""
    text = lines[0]
    for line in lines[1:]:
        latin = all(ch.isascii() and ch.isalnum() for ch in text[-1] + line[0])
        text += (" " if latin else "") + line
    return text


def _cells(line: str) -> list[str]:
    """The cells of one table row; an escaped ``\\|`` stays inside its cell, still escaped."""
    cells = [cell.strip() for cell in _CELL.findall(line.strip().removeprefix("|") + " |")]
    return cells[:-1] if len(cells) > 1 and not cells[-1] else cells  # after a closing bar


def _runs(text: str) -> list[tuple[str, bool]]:
    """Inline Markdown -> (text, bold) pieces; an unpaired ``**`` stays as it is."""
    tokens: list[str | None] = []  # None is a bold marker
    pos = 0
    for match in _INLINE.finditer(text):
        tokens += [text[pos : match.start()], match[1]]  # match[1] is None for "**"
        pos = match.end()
    tokens.append(text[pos:])
    markers = [k for k, token in enumerate(tokens) if token is None]
    if len(markers) % 2:
        tokens[markers[-1]] = "**"
    runs: list[tuple[str, bool]] = []
    bold, buffer = False, ""
    for token in [*tokens, None]:
        if token is not None:
            buffer += token
            continue
        if buffer:
            runs.append((buffer, bold))
        bold, buffer = not bold, ""
    return runs


# -- document building -----------------------------------------------------------------------


def _child(parent: BaseOxmlElement, tag: str, **attrs: str) -> BaseOxmlElement:
    """Get or add ``parent``'s child ``w:tag`` (in schema order) and set its ``w:`` attributes."""
    element: BaseOxmlElement | None = parent.find(qn(f"w:{tag}"))
    if element is None:
        element = OxmlElement(f"w:{tag}")
        order = _ORDER[parent.tag.rsplit("}", 1)[1]].split()
        parent.insert_element_before(element, *(f"w:{t}" for t in order[order.index(tag) + 1 :]))
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _append(parent: BaseOxmlElement, tag: str, **attrs: str) -> BaseOxmlElement:
    """Append ``w:tag``, for parents whose children this module writes in order."""
    element = OxmlElement(f"w:{tag}", attrs={qn(f"w:{k}"): v for k, v in attrs.items()})
    parent.append(element)
    return element


def _set_font(rpr: BaseOxmlElement, east_asia: str, size: float, latin: str = LATIN) -> None:
    """Name the East Asian and Latin fonts (dropping theme fonts) and size both scripts."""
    fonts = _child(rpr, "rFonts", ascii=latin, hAnsi=latin, cs=latin, eastAsia=east_asia)
    fonts.set(qn("w:hint"), "eastAsia")  # quotes and dashes from the Chinese font, full width
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    _child(rpr, "sz", val=str(round(size * 2)))
    _child(rpr, "szCs", val=str(round(size * 2)))


def _set_up_page(doc: Document) -> int:
    """A4, GB/T 9704 margins, the 22 x 28 grid; returns the text block's width in twips."""
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.footer_distance = Emu(MARGIN_BOTTOM - PAGE_NUMBER_GAP - FOOTER_LINE // 2)
    width = int(Length(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT).twips)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = _append(section._sectPr, "docGrid")
    # Word's character pitch is the Normal font size plus charSpace/4096 pt.
    char_space = math.floor((width / 20 / CHARS_PER_LINE - BODY_PT) * 4096)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.set(qn("w:charSpace"), str(char_space))
    return width


def _set_up_styles(doc: Document, text_width: int) -> None:
    """Defaults and Normal in 3号 仿宋, zh-CN, at the exact pitch: nothing falls back to Calibri."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _set_font(rpr, FANGSONG, BODY_PT)
    _child(rpr, "lang", val="en-US", eastAsia="zh-CN")
    _child(defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}"), "spacing", after="0", line="240")
    normal = doc.styles["Normal"]
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Twips(LINE_PITCH)
    fmt.widow_control = False  # keep exactly 22 lines on every page
    # LibreOffice cannot squeeze a 16 pt character into the grid's 15.8 pt cell and gives it two
    # cells, spreading every line; so paragraphs leave the grid, and a letter spacing just under
    # the grid's keeps 28 characters a line in both Word and LibreOffice.
    _child(normal.element.get_or_add_pPr(), "snapToGrid", val="0")
    _set_font(normal.element.get_or_add_rPr(), FANGSONG, BODY_PT)
    spacing = math.floor(text_width / CHARS_PER_LINE - BODY_PT * 20) - 1  # 1/20 pt
    _child(normal.element.rPr, "spacing", val=str(spacing))
    doc.settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")


def _indent(paragraph: Paragraph, size: float, **chars: int) -> None:
    """Indent in characters (firstLineChars=200 is exactly two), with twips for other readers."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    for side, hundredths in chars.items():
        ind.set(qn(f"w:{side}Chars"), str(hundredths))
        ind.set(qn(f"w:{side}"), str(round(size * 20 * hundredths / 100)))


def _fill(paragraph: Paragraph, text: str, font: str, size: float, bold: bool = False) -> None:
    """Add the runs of inline Markdown ``text``; sizes other than the body's leave the grid."""
    for piece, strong in _runs(text):
        run = paragraph.add_run(piece)
        rpr = run._r.get_or_add_rPr()
        _set_font(rpr, font, size)
        if bold or strong:
            run.font.bold = True
            rpr.get_or_add_bCs()
        if size != BODY_PT:
            rpr.get_or_add_snapToGrid().set(qn("w:val"), "0")


def _add_paragraph(doc: Document, block: _Block, after_right: bool) -> Paragraph:
    look = _LOOKS[block.kind]
    paragraph = doc.add_paragraph()
    _fill(paragraph, block.text, look.font, look.size, look.bold)
    fmt = paragraph.paragraph_format
    fmt.alignment = look.align
    if look.indent:
        _indent(paragraph, look.size, firstLine=look.indent)
    if look.outline is not None:
        _child(paragraph._p.get_or_add_pPr(), "outlineLvl", val=str(look.outline))
        fmt.keep_with_next = True
    if block.kind == "right":
        _indent(paragraph, look.size, right=400)  # GB/T 9704 7.3.5.1: 右空四字
        if not after_right:
            fmt.space_before = Twips(LINE_PITCH)  # one blank line below the text
    return paragraph


def _column_widths(rows: list[list[str]], size: float, text_width: int, margin: int) -> list[int]:
    """Twips per column: numbers and Latin words never wrap; then, as far as room allows, body
    cells keep to one line, headers hold two characters a line, and headers keep to one line."""
    texts = [["".join(piece for piece, _ in _runs(cell)) for cell in row] for row in rows]

    def width(pieces: Iterable[str]) -> float:  # a digit is half a character, and a bit more
        half_chars = [sum(1.1 if ch.isascii() else 2 for ch in piece) for piece in pieces]
        return max([2.0, *half_chars]) * size * 10 + 2 * margin

    def words(cells: Iterable[str]) -> list[str]:
        return [word for cell in cells for word in _UNBREAKABLE.findall(cell)]

    columns = list(zip(*texts, strict=True))
    widths = [width(words(column)) for column in columns]
    body = [width([*words(column[:1]), *column[1:]]) for column in columns]
    headed = [max(b, width([column[0][:2]])) for b, column in zip(body, columns, strict=True)]
    for target in (body, headed, [width(column) for column in columns]):
        grow = [t - w for t, w in zip(target, widths, strict=True)]
        spare = text_width - sum(widths)
        if sum(grow) > spare:  # not room for all of it: share out what there is
            widths = [w + max(spare, 0) * g / sum(grow) for w, g in zip(widths, grow, strict=True)]
            break
        widths = target
    return [math.floor(w * text_width / sum(widths)) for w in widths]  # fill the text block


def _add_table(doc: Document, block: _Block, text_width: int) -> None:
    columns = max(len(row) for row in block.rows)
    rows = [row + [""] * (columns - len(row)) for row in block.rows]
    size = 14.0 if columns <= 4 else 12.0 if columns <= 8 else 10.5
    margin = 108 if columns <= 8 else 40  # twips each side; narrow so 15 columns still fit
    aligns = block.aligns + [_C] * columns
    widths = _column_widths(rows, size, text_width, margin)
    table = doc.add_table(rows=len(rows), cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    _child(tbl_pr, "tblW", w=str(sum(widths)), type="dxa")
    borders = _child(tbl_pr, "tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _append(borders, edge, val="single", sz="4", space="0", color="000000")
    cell_margins = _child(tbl_pr, "tblCellMar")
    for edge in ("left", "right"):
        _append(cell_margins, edge, w=str(margin), type="dxa")
    header = table.rows[0]._tr.get_or_add_trPr()
    _append(header, "cantSplit")
    _append(header, "tblHeader")  # repeat the header row on every page
    for c, width in enumerate(widths):
        table.columns[c].width = Twips(width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Twips(widths[c])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            _fill(paragraph, text, FANGSONG, size, bold=r == 0)
            paragraph.alignment = _C if r == 0 else aligns[c]
            paragraph.paragraph_format.line_spacing = 1.0


def _add_footers(doc: Document) -> None:
    """``— n —`` in 4号 宋体: odd pages right, even pages left, one character in (GB/T 9704 7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    section.even_page_footer.is_linked_to_previous = False
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = _R if side == "right" else _L
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = FOOTER_LINE
        _indent(paragraph, PAGE_NUMBER_PT, **{side: 100})
        paragraph.add_run("— ")
        for part in ("begin", "instrText", "separate", "1", "end"):  # a PAGE field Word updates
            run = paragraph.add_run(part if part == "1" else None)
            if part == "instrText":
                _append(run._r, part).text = "PAGE"
            elif part != "1":
                _append(run._r, "fldChar", fldCharType=part)
        paragraph.add_run(" —")
        for run in paragraph.runs:
            _set_font(run._r.get_or_add_rPr(), SONG, PAGE_NUMBER_PT, latin=SONG)
            run._r.rPr.get_or_add_snapToGrid().set(qn("w:val"), "0")
