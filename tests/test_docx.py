"""The Word output: a report's Markdown becomes a .docx laid out per GB/T 9704-2012."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from lingbi_cli.reports.docx import markdown_to_document, write_docx

WIDE_HEADER = "| 乡镇 | " + " | ".join(f"指标{n}" for n in range(1, 15)) + " |"
WIDE_ROW = "| 杨疃镇 | " + " | ".join(str(1000 * n) for n in range(1, 15)) + " |"

SAMPLE = f"""
# 杨疃镇人大主席团关于2019年上半年“脱贫攻坚—人大代表在行动”活动开展情况的报告

县人大常委会：

今年上半年，我镇人大主席团组织全镇各级人大代表
深入开展活动，现将有关情况报告如下。

## 一、基本情况

全镇共有各级人大代表**86名**，收入分为A\\|B两类，
其中参加活动的代表82名。

### （一）结对帮扶

- 走访贫困户1024人次。
<!-- 内部备注：不应出现 -->

##### 五级标题不在子集之内

| 项目 | 数量 | 备注 |
| --- | ---: | --- |
| 结对户数 | 164 | 含A\\|B类 |
| 走访 | 1024 | **重点** |

<!-- right -->
杨疃镇人大主席团
2019年7月10日

<!-- pagebreak -->
附件

{WIDE_HEADER}
|{"---|" * 15}
{WIDE_ROW}
"""


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    write_docx(SAMPLE, path)
    return docx.Document(str(path))


def paragraph(doc: Document, starts: str) -> Paragraph:
    """The first paragraph whose text starts with ``starts``."""
    return next(p for p in doc.paragraphs if p.text.startswith(starts))


def east_asian_font(run: Run) -> str | None:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


def test_page_is_a4_with_the_standard_margins(document: Document) -> None:
    section = document.sections[0]
    for actual, mm in [
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 37),
        (section.bottom_margin, 35),
        (section.left_margin, 28),
        (section.right_margin, 26),
    ]:
        assert actual is not None
        assert abs(Length(actual).mm - mm) < 0.1


def test_document_grid_is_22_lines_of_28_characters(document: Document) -> None:
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == "579"
    assert int(grid.get(qn("w:charSpace"))) < 0  # 28 characters are a little under 16 pt each


def test_title_is_22pt_xiaobiaosong_centred_then_a_blank_line(document: Document) -> None:
    title = document.paragraphs[0]
    assert title.text.startswith("杨疃镇人大主席团关于")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.size.pt == 22
    assert east_asian_font(title.runs[0]) == "方正小标宋简体"
    assert document.paragraphs[1].text == ""


def test_addressee_is_flush_left(document: Document) -> None:
    addressee = document.paragraphs[2]
    assert addressee.text == "县人大常委会："
    assert addressee.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert addressee._p.pPr.ind is None


def test_body_is_16pt_fangsong_indented_two_characters(document: Document) -> None:
    body = paragraph(document, "今年上半年")
    joined = "今年上半年，我镇人大主席团组织全镇各级人大代表深入开展活动，现将有关情况报告如下。"
    assert body.text == joined  # two source lines, joined without a space
    run = body.runs[0]
    assert run.font.size.pt == 16
    assert run.font.name == "Times New Roman"
    assert east_asian_font(run) == "仿宋_GB2312"
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body._p.pPr.ind.get(qn("w:firstLineChars")) == "200"


def test_inline_bold_and_escapes(document: Document) -> None:
    body = paragraph(document, "全镇共有")
    assert body.text == "全镇共有各级人大代表86名，收入分为A|B两类，其中参加活动的代表82名。"
    assert [(run.text, bool(run.bold)) for run in body.runs][:2] == [
        ("全镇共有各级人大代表", False),
        ("86名", True),
    ]


def test_headings_use_heiti_and_kaiti(document: Document) -> None:
    first, second = paragraph(document, "一、"), paragraph(document, "（一）")
    assert east_asian_font(first.runs[0]) == "黑体"
    assert not first.runs[0].bold
    assert east_asian_font(second.runs[0]) == "楷体_GB2312"
    assert first._p.pPr.ind.get(qn("w:firstLineChars")) == "200"


def test_items_and_unknown_markdown_become_body_paragraphs(document: Document) -> None:
    assert paragraph(document, "走访贫困户").text == "走访贫困户1024人次。"
    assert paragraph(document, "#####").text == "##### 五级标题不在子集之内"


def test_tables_are_real_tables_with_a_repeated_header(document: Document) -> None:
    assert len(document.tables) == 2
    small, wide = document.tables
    assert small.cell(1, 2).text == "含A|B类"
    assert small.cell(2, 2).paragraphs[0].runs[0].bold
    assert small.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert small.cell(1, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert east_asian_font(small.cell(0, 0).paragraphs[0].runs[0]) == "仿宋_GB2312"
    assert wide.cell(1, 14).text == "14000"
    assert wide.cell(1, 0).paragraphs[0].runs[0].font.size.pt == 10.5
    assert sum(Length(column.width).mm for column in wide.columns) <= 156.1


def test_signature_and_date_are_right_aligned_four_characters_in(document: Document) -> None:
    for text in ("杨疃镇人大主席团", "2019年7月10日"):
        signature = next(p for p in document.paragraphs if p.text == text)
        assert signature.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert signature._p.pPr.ind.get(qn("w:rightChars")) == "400"


def test_pagebreak_starts_the_next_paragraph_on_a_new_page(document: Document) -> None:
    assert paragraph(document, "附件").paragraph_format.page_break_before


def test_footers_hold_a_page_field_between_dashes(document: Document) -> None:
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    assert document.settings.element.find(qn("w:evenAndOddHeaders")) is not None
    for footer, alignment in [
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ]:
        xml = footer._element.xml
        assert "PAGE" in xml and "w:fldChar" in xml
        number = footer.paragraphs[0]
        assert number.text.startswith("— ") and number.text.endswith(" —")
        assert number.alignment == alignment
        assert number.runs[0].font.size.pt == 14


def test_normal_style_is_fangsong_16pt(document: Document) -> None:
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_no_markdown_is_left_in_the_text(document: Document) -> None:
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for leftover in ("**", "\\|", "<!--", "内部备注"):
        assert not [text for text in texts if leftover in text], leftover


def test_unpaired_bold_marker_is_kept_as_text() -> None:
    doc = markdown_to_document("一个**没有配对的标记")
    assert doc.paragraphs[0].text == "一个**没有配对的标记"
    assert not any(run.bold for run in doc.paragraphs[0].runs)


def test_writes_a_file_that_opens(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    write_docx("", path)
    width = docx.Document(str(path)).sections[0].page_width
    assert width is not None and abs(width.mm - 210) < 0.1  # stored in twips, not EMU
