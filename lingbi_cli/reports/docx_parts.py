"""The GB/T 9704 page and type of the Word reports: page setup, styles, fonts on every run,
indents in characters, page-number footers, and title lines broken at word boundaries.
python-docx has no API for several of these OOXML elements, so this module writes them."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Emu, Length, Mm, Pt, Twips
from docx.text.paragraph import Paragraph

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
LINE_PITCH = 579  # twips: 225 mm of text block / 22 lines, rounded down as Word's 公文 templates do
CHARS_PER_LINE = 28
PAGE_NUMBER_GAP = Mm(7)  # GB/T 9704 7.5: the page number's dash sits 7 mm below the text block
FOOTER_LINE = Pt(18)

LATIN = "Times New Roman"
TITLE_FONT, HEI, KAI, SONG = "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"
FANGSONG = "仿宋_GB2312"
TITLE_PT, BODY_PT = 22.0, 16.0

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
    "pBdr": "top left bottom right between bar",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection"
    " tcFitText vAlign hideMark",
    "tcBorders": "top start left bottom end right insideH insideV tl2br tr2bl",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader"
    " tblCellSpacing jc hidden",
}


def child(parent: BaseOxmlElement, tag: str, **attrs: str) -> BaseOxmlElement:
    """Get or add ``parent``'s child ``w:tag`` (in schema order) and set its ``w:`` attributes."""
    element: BaseOxmlElement | None = parent.find(qn(f"w:{tag}"))
    if element is None:
        element = OxmlElement(f"w:{tag}")
        order = _ORDER[parent.tag.rsplit("}", 1)[1]].split()
        later = {qn(f"w:{t}") for t in order[order.index(tag) + 1 :]}
        successor = next((c for c in parent if c.tag in later), None)
        if successor is None:
            parent.append(element)
        else:
            successor.addprevious(element)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def append(parent: BaseOxmlElement, tag: str, **attrs: str) -> BaseOxmlElement:
    """Append ``w:tag``, for parents whose children this module writes in order."""
    element = OxmlElement(f"w:{tag}", attrs={qn(f"w:{k}"): v for k, v in attrs.items()})
    parent.append(element)
    return element


def set_font(rpr: BaseOxmlElement, east_asia: str, size: float, latin: str = LATIN) -> None:
    """Name the East Asian and Latin fonts (dropping theme fonts) and size both scripts."""
    fonts = child(rpr, "rFonts", ascii=latin, hAnsi=latin, cs=latin, eastAsia=east_asia)
    fonts.set(qn("w:hint"), "eastAsia")  # quotes and dashes from the Chinese font, full width
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    child(rpr, "sz", val=str(round(size * 2)))
    child(rpr, "szCs", val=str(round(size * 2)))


def text_width(section: Section) -> int:
    """The text block's width in twips."""
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    return int(Length(width).twips)


def set_up_page(section: Section, landscape: bool = False) -> None:
    """A4 with GB/T 9704's margins and the 22 x 28 grid; a landscape page turns the margins
    with it, so that its head lies on the binding side."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
        section.top_margin, section.bottom_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.left_margin, section.right_margin = MARGIN_BOTTOM, MARGIN_TOP
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    bottom = Length(section.bottom_margin or 0)
    section.footer_distance = Emu(bottom - PAGE_NUMBER_GAP - FOOTER_LINE // 2)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = append(section._sectPr, "docGrid")
    width = text_width(section)
    # Word's character pitch is the Normal font size plus charSpace/4096 pt.
    char_space = math.floor((width / 20 / CHARS_PER_LINE - BODY_PT) * 4096)
    grid.set(qn("w:type"), "lines" if landscape else "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    if landscape:
        grid.attrib.pop(qn("w:charSpace"), None)
    else:
        grid.set(qn("w:charSpace"), str(char_space))


def set_up_styles(doc: Document) -> None:
    """Defaults and Normal in 3号 仿宋, zh-CN, at the exact pitch: nothing falls back to Calibri."""
    width = int(Length(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT).twips)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_font(rpr, FANGSONG, BODY_PT)
    child(rpr, "lang", val="en-US", eastAsia="zh-CN")
    child(defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}"), "spacing", after="0", line="240")
    normal = doc.styles["Normal"]
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Twips(LINE_PITCH)
    fmt.widow_control = False  # keep exactly 22 lines on every page
    # LibreOffice cannot squeeze a 16 pt character into the grid's 15.8 pt cell and gives it two
    # cells, spreading every line; so paragraphs leave the grid, and a letter spacing just under
    # the grid's keeps 28 characters a line in both Word and LibreOffice.
    child(normal.element.get_or_add_pPr(), "snapToGrid", val="0")
    set_font(normal.element.get_or_add_rPr(), FANGSONG, BODY_PT)
    spacing = math.floor(width / CHARS_PER_LINE - BODY_PT * 20) - 1  # 1/20 pt
    child(normal.element.rPr, "spacing", val=str(spacing))
    doc.settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")


def indent(paragraph: Paragraph, size: float, **chars: int) -> None:
    """Indent in characters (firstLine=200 is exactly two; also left, right, hanging), with
    twips for readers that ignore the character units."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    for side, hundredths in chars.items():
        ind.set(qn(f"w:{side}Chars"), str(hundredths))
        ind.set(qn(f"w:{side}"), str(round(size * 20 * hundredths / 100)))


def fill(paragraph: Paragraph, runs: Iterable[tuple[str, bool]], font: str, size: float) -> None:
    """Add ``runs`` of (text, bold); sizes other than the body's leave the grid."""
    for piece, strong in runs:
        if not piece:
            continue
        run = paragraph.add_run(piece)
        rpr = run._r.get_or_add_rPr()
        set_font(rpr, font, size)
        if strong:
            run.font.bold = True
            rpr.get_or_add_bCs()
        if size != BODY_PT:
            rpr.get_or_add_snapToGrid().set(qn("w:val"), "0")


def add_footers(doc: Document, size: float) -> None:
    """``— n —`` in 4号 宋体: odd pages right, even pages left, one character in (GB/T 9704 7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    section.even_page_footer.is_linked_to_previous = False
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = (
            WD_ALIGN_PARAGRAPH.RIGHT if side == "right" else WD_ALIGN_PARAGRAPH.LEFT
        )
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = FOOTER_LINE
        indent(paragraph, size, **{side: 100})
        paragraph.add_run("— ")
        for part in ("begin", "instrText", "separate", "1", "end"):  # a PAGE field Word updates
            run = paragraph.add_run(part if part == "1" else None)
            if part == "instrText":
                append(run._r, part).text = "PAGE"
            elif part != "1":
                append(run._r, "fldChar", fldCharType=part)
        paragraph.add_run(" —")
        for run in paragraph.runs:
            set_font(run._r.get_or_add_rPr(), SONG, size, latin=SONG)
            run._r.rPr.get_or_add_snapToGrid().set(qn("w:val"), "0")


# Where a title may break (GB/T 9704 7.3.1 词意完整): around the campaign's quoted name, before
# 关于, after a period (2019年上半年, 2019年度), after the issuer, before the document's kind.
_BREAKS = re.compile(
    r"(?=关于)|(?=“)|(?<=”)|(?<=半年)|(?<=年度)|(?<=主席团)|(?<=常委会)"
    r"|(?=活动开展)|(?=活动总结)|(?=履职档案)|(?=情况的报告)|(?=情况汇总)"
)


def _width(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


_LAST_RESORT = re.compile(r"(?<=——)")  # inside the campaign's name, only if nothing else fits


def title_lines(title: str, capacity: float) -> list[str]:
    """The title in lines of at most ``capacity`` characters, broken only where words end,
    as few lines as possible and as even as can be; a title with no such break is cut where
    the line is full."""
    for breaks in (
        _BREAKS.finditer(title),
        [*_BREAKS.finditer(title), *_LAST_RESORT.finditer(title)],
    ):
        lines = _balanced(title, capacity, sorted({m.start() for m in breaks}))
        if lines:
            return lines
    lines, line = [], ""
    for ch in title:
        if _width(line + ch) > capacity:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


def _balanced(title: str, capacity: float, breaks: list[int]) -> list[str]:
    """The fewest, most even lines breaking only at ``breaks``; [] if there are none."""
    points = sorted({0, len(title), *breaks})
    best: dict[int, tuple[float, list[str]]] = {0: (0.0, [])}
    for end in points[1:]:
        for start in [p for p in points if p < end and p in best]:
            line = title[start:end]
            if _width(line) > capacity:
                continue
            cost, lines = best[start]
            candidate = (cost + 1000 + (capacity - _width(line)) ** 2, [*lines, line])
            if end not in best or candidate[0] < best[end][0]:
                best[end] = candidate
    return best[len(title)][1] if len(title) in best else []
