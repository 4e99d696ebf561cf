"""Word output of a rendered report, laid out as a Chinese official document per GB/T 9704-2012.

Owns one step: the Markdown a report template rendered -> a ``.docx``. It knows nothing of
records or figures. ``reports.blocks`` reads the Markdown (markdown-it-py) and names each part
(title, addressee, 署名, 成文日期, 附件说明, attachment pages, 版头, 版记); this module lays them
out:

- the page: A4, margins 37/35/28/26 mm (top/bottom/left/right), a 22 x 28 document grid, every
  run naming its East Asian font (and Times New Roman for Latin letters and digits), ``— n —``
  in 4号 宋体 at the foot, right on odd pages and left on even ones, one character in (7.5);
- 版头 (7.2, when the report has one): 发文机关标志 in red 小标宋 35 mm below the top of the text
  block, 发文字号 two lines below it, a red rule 4 mm under that, the title two lines lower;
- title (7.3.1): 2号 方正小标宋简体, centred, broken into lines at word boundaries (never
  inside 脱贫攻坚), the lines balanced; one blank line below;
- headings by their numbering: 一、 in 3号 黑体, （一） in 楷体, 1. in bold 仿宋 — also when a body
  paragraph opens with such a number (its first sentence takes the heading's font);
- body: 3号 仿宋_GB2312, justified, first line indented two characters, one paragraph per
  Markdown paragraph (its soft line breaks joined);
- 附件说明 (7.3.4): one blank line below the text, two characters in, one line per attachment,
  later lines aligned under the first attachment's name;
- 署名 and 成文日期 (7.3.5.2): one blank line below the text, the 署名 two characters from the
  right, the date starting two characters right of the 署名's start; kept on one page with
  each other and with the last lines of the text (keep-with-next, keep-lines-together);
- a thematic break starts a new section on a new page; a section whose table does not fit the
  portrait text block is landscape (the table's head on the binding side);
- attachment pages (8): ``附件2`` in 3号 黑体 flush left on the first line, the attachment's
  title centred on the third;
- tables: real Word tables, single borders, header row bold and repeated on each page, rows
  never split; column widths from their content: numbers and names never wrap, headers wrap
  at most once per four characters, with the unit on a line of its own;
- 版记 (7.4, when set): 抄送 and 印发 in 4号 仿宋 between rules at the foot of the last page.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph

from lingbi_cli.reports import blocks as parsing
from lingbi_cli.reports.blocks import Block, Run
from lingbi_cli.reports.docx_parts import (
    BODY_PT,
    FANGSONG,
    HEI,
    KAI,
    LINE_PITCH,
    TITLE_FONT,
    TITLE_PT,
    add_footers,
    child,
    fill,
    indent,
    set_up_page,
    set_up_styles,
    text_width,
    title_lines,
)
from lingbi_cli.reports.docx_tables import add_imprint, add_table, needs_landscape

__all__ = ["markdown_to_document", "write_docx"]

MARK_PT = 36.0  # 小初: the 发文机关标志's usual size
PAGE_NUMBER_PT = 14.0
RED = RGBColor(0xFF, 0x00, 0x00)
_J, _C = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER
_L, _R = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
NUMBERED = (  # a heading's numbering, and the font of its level (GB/T 9704 7.3.3)
    (re.compile(r"[一二三四五六七八九十]+、"), HEI, False),
    (re.compile(r"（[一二三四五六七八九十]+）"), KAI, False),
    (re.compile(r"\d+[.．]"), FANGSONG, True),
)
BY_LEVEL = {2: (HEI, False), 3: (KAI, False), 4: (FANGSONG, True)}


def write_docx(markdown: str, path: Path) -> None:
    """Write the report ``markdown`` to ``path`` as a Word file laid out per GB/T 9704-2012."""
    markdown_to_document(markdown).save(str(path))


def markdown_to_document(markdown: str) -> Document:
    """Build the Word document for ``markdown`` (see the module docstring)."""
    doc = docx.Document()
    set_up_styles(doc)
    add_footers(doc, PAGE_NUMBER_PT)
    doc.core_properties.author = doc.core_properties.comments = ""
    pages = parsing.sections(parsing.parse(markdown))
    imprint = [b for page in pages for b in page if b.kind in ("cc", "printed")]
    pages = [kept for page in pages if (kept := [b for b in page if b not in imprint])]
    for number, page in enumerate([*pages, *([imprint] if imprint else [])]):
        section = doc.sections[0] if number == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
        landscape = any(needs_landscape(b) for b in page if b.kind == "table")
        set_up_page(section, landscape)
        _Page(doc, section).add(page)
    if not pages and not imprint:
        set_up_page(doc.sections[0])
    return doc


class _Page:
    """Adds one section's blocks, remembering what came last (for blank lines and keeps)."""

    def __init__(self, doc: Document, section: Section) -> None:
        self.doc = doc
        self.width = text_width(section)
        self.last: Paragraph | None = None
        self.previous = ""

    def add(self, page: list[Block]) -> None:
        signer = next((b for b in page if b.kind == "signer"), None)
        imprint = [b.text for b in page if b.kind in ("cc", "printed")]
        if imprint:  # the 版记: a page of its own, at its foot (GB/T 9704 7.4)
            add_imprint(self.doc, imprint, self.width)
            return
        for block in page:
            getattr(self, f"_{block.kind}")(block, signer)
            self.previous = block.kind

    def _paragraph(self, runs: list[Run], font: str = FANGSONG, size: float = BODY_PT) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        fill(paragraph, runs, font, size)
        self.last = paragraph
        return paragraph

    def _mark(self, block: Block, _: Block | None) -> None:
        paragraph = self._paragraph(block.runs(), TITLE_FONT, MARK_PT)
        paragraph.alignment = _C
        fmt = paragraph.paragraph_format
        fmt.space_before = Mm(35) - Pt(MARK_PT)  # 7.2.2: upper edge 35 mm below the block's top
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(MARK_PT * 1.25)
        for run in paragraph.runs:
            run.font.color.rgb = RED

    def _number(self, block: Block, _: Block | None) -> None:
        paragraph = self._paragraph(block.runs())
        paragraph.alignment = _C
        paragraph.paragraph_format.space_before = Twips(2 * LINE_PITCH)  # 7.2.3: 空二行
        borders = child(paragraph._p.get_or_add_pPr(), "pBdr")
        rule = child(borders, "bottom", val="single", sz="8", color="FF0000")
        rule.set(qn("w:space"), str(round(Mm(4).pt)))  # 7.2.5: the red rule 4 mm below

    def _title(self, block: Block, _: Block | None) -> None:
        paragraph = self.doc.add_paragraph()
        lines = title_lines(block.text, self.width / 20 / TITLE_PT)
        for k, line in enumerate(lines):
            fill(paragraph, [(line, False)], TITLE_FONT, TITLE_PT)
            if k < len(lines) - 1:
                paragraph.runs[-1].add_break(WD_BREAK.LINE)
        paragraph.alignment = _C
        fmt = paragraph.paragraph_format
        fmt.keep_with_next = True
        if self.previous in ("number", "mark"):
            fmt.space_before = Twips(2 * LINE_PITCH)  # 7.3.1: two lines below the red rule
        self.doc.core_properties.title = self.doc.core_properties.title or block.text
        self.last = self.doc.add_paragraph()  # 7.3.3: one blank line below the title
        self.last.paragraph_format.keep_with_next = True

    def _attachment_title(self, block: Block, signer: Block | None) -> None:
        self.doc.add_paragraph()  # 8: the title on the third line, below the label
        self._title(block, signer)

    def _label(self, block: Block, _: Block | None) -> None:
        paragraph = self._paragraph(block.runs(), HEI)
        paragraph.alignment = _L
        paragraph.paragraph_format.keep_with_next = True

    def _addressee(self, block: Block, _: Block | None) -> None:
        self._paragraph(block.runs()).alignment = _L

    def _heading(self, block: Block, _: Block | None) -> None:
        text = block.text
        font, bold = next(
            ((f, b) for pattern, f, b in NUMBERED if pattern.match(text)),
            BY_LEVEL.get(block.level, (FANGSONG, True)),
        )
        paragraph = self._paragraph([(t, bold or strong) for t, strong in block.runs()], font)
        paragraph.alignment = _J
        indent(paragraph, BODY_PT, firstLine=200)
        paragraph.paragraph_format.keep_with_next = True
        child(paragraph._p.get_or_add_pPr(), "outlineLvl", val=str(max(block.level - 2, 0)))

    def _body(self, block: Block, _: Block | None) -> None:
        runs = block.runs()
        text = "".join(t for t, _ in runs)
        paragraph = self.doc.add_paragraph()
        numbered = next(((p, f, b) for p, f, b in NUMBERED if p.match(text)), None)
        if numbered is not None:  # a run-in heading: its first sentence in the heading's font
            end = text.find("。") + 1 or len(text)
            head, rest = _split(runs, end)
            fill(paragraph, [(t, s or numbered[2]) for t, s in head], numbered[1], BODY_PT)
            fill(paragraph, rest, FANGSONG, BODY_PT)
        else:
            fill(paragraph, runs, FANGSONG, BODY_PT)
        paragraph.alignment = _J
        indent(paragraph, BODY_PT, firstLine=200)
        self.last = paragraph

    def _attachments(self, block: Block, _: Block | None) -> None:
        """附件说明: "附件：1.名称" and later lines under the first name (7.3.4)."""
        if self.last is not None:  # the text's last lines, the 附件说明 and the 署名 stay together
            self.last.paragraph_format.keep_with_next = True
        lines = ["".join(t for t, _ in line) for line in block.lines]
        numbered = len(lines) > 1
        name_at = 500 + (100 if numbered else 0)  # "附件：" is 3 characters, "1." one more
        for k, line in enumerate(lines):
            paragraph = self._paragraph([(line, False)])
            paragraph.alignment = _J
            first = 200 if k == 0 else name_at - (100 if numbered else 0)
            indent(paragraph, BODY_PT, left=name_at, hanging=name_at - first)
            fmt = paragraph.paragraph_format
            fmt.keep_with_next = k < len(lines) - 1
            if k == 0:
                fmt.space_before = Twips(LINE_PITCH)

    def _signer(self, block: Block, _: Block | None) -> None:
        if self.last is not None:  # the last lines of the text stay with the signature
            self.last.paragraph_format.keep_with_next = True
            self.last.paragraph_format.keep_together = True
        paragraph = self._paragraph(block.runs())
        paragraph.alignment = _R
        fmt = paragraph.paragraph_format
        fmt.space_before = Twips(LINE_PITCH)  # 7.3.5.2: one blank line below the text
        fmt.keep_with_next = True

    def _date(self, block: Block, signer: Block | None) -> None:
        paragraph = self._paragraph(block.runs())
        paragraph.alignment = _R
        signer_room, date_room = _signature_indents(signer.text if signer else "", block.text)
        if self.previous == "signer" and self.last is not None:
            previous = self.doc.paragraphs[-2]
            indent(previous, BODY_PT, right=signer_room)
        else:
            paragraph.paragraph_format.space_before = Twips(LINE_PITCH)
        indent(paragraph, BODY_PT, right=date_room)
        paragraph.paragraph_format.keep_together = True

    def _table(self, block: Block, _: Block | None) -> None:
        add_table(self.doc, block, self.width)
        self.last = None


def _split(runs: list[Run], at: int) -> tuple[list[Run], list[Run]]:
    """Runs cut into the first ``at`` characters and the rest."""
    head: list[Run] = []
    rest: list[Run] = []
    seen = 0
    for text, bold in runs:
        if seen >= at:
            rest.append((text, bold))
        elif seen + len(text) <= at:
            head.append((text, bold))
        else:
            head.append((text[: at - seen], bold))
            rest.append((text[at - seen :], bold))
        seen += len(text)
    return head, [r for r in rest if r[0]]


def _chars(text: str) -> float:
    """Width in characters: digits and Latin letters are half a character."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _signature_indents(signer: str, date: str) -> tuple[int, int]:
    """Right indents (hundredths of a character) of the 署名 and the 成文日期 (7.3.5.2): the
    署名 two characters from the right, the date starting two characters right of the
    署名's start; if the date is the longer, the date four from the right instead."""
    s, d = _chars(signer), _chars(date)
    if not signer:
        return 0, 400
    if d > s:
        date_room = 4.0
        signer_room = date_room + d + 2 - s
    else:
        signer_room = 2.0
        date_room = max(signer_room + s - 2 - d, 0.0)
    return math.floor(signer_room * 100), math.floor(date_room * 100)
