"""The Word output: a report's Markdown becomes a .docx laid out per GB/T 9704-2012."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from lingbi_cli.reports.docx import markdown_to_document, write_docx
from lingbi_cli.reports.docx_parts import title_lines

WIDE_HEADER = "| 乡镇 | " + " | ".join(f"指标{n}（人次）" for n in range(1, 15)) + " |"
WIDE_ROW = "| 杨疃镇 | " + " | ".join(str(1000 * n) for n in range(1, 15)) + " |"

SAMPLE = f"""
杨疃镇人大主席团文件

杨人〔2019〕5号

# 杨疃镇人大主席团关于2019年上半年“脱贫攻坚——人大代表在行动”活动开展情况的报告

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

（一）报告没有按时报送（《实施意见》第三部分第二条）。我镇上半年报告晚报了五天。

（二）个别代表半年没有参加活动。代表张伟下半年没有参加任何活动。

| 项目 | 数量 | 备注 |
| --- | ---: | --- |
| 结对户数 | 164 | 含A\\|B类 |
| 走访 | 1024 | **重点** |

附件：1.代表参加活动情况统计表
2.各乡镇情况表

杨疃镇人大主席团

2019年7月10日

---

附件1

# 代表参加活动情况统计表

| 序号 | 姓名 |
| --- | --- |
| 1 | 张伟 |

---

附件2

# 各乡镇情况表

{WIDE_HEADER}
|{"---|" * 15}
{WIDE_ROW}

---

抄送：县人大常委会代表工作委员会。

杨疃镇人大主席团办公室　　2019年7月10日印发
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


def test_letterhead_mark_in_red_and_number_over_a_red_rule(document: Document) -> None:
    mark, number = document.paragraphs[0], document.paragraphs[1]
    assert mark.text == "杨疃镇人大主席团文件"
    assert mark.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    assert east_asian_font(mark.runs[0]) == "方正小标宋简体"
    assert number.text == "杨人〔2019〕5号"
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"


def test_title_is_22pt_xiaobiaosong_centred_broken_at_word_boundaries(document: Document) -> None:
    title = paragraph(document, "杨疃镇人大主席团关于")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.size.pt == 22
    assert east_asian_font(title.runs[0]) == "方正小标宋简体"
    lines = title.text.split("\n")
    assert lines == [
        "杨疃镇人大主席团关于2019年上半年",
        "“脱贫攻坚——人大代表在行动”",
        "活动开展情况的报告",
    ]
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index(title.text) + 1] == ""  # a blank line below


def test_title_lines_never_break_inside_words() -> None:
    lines = title_lines("代表高山涛2019年度“脱贫攻坚——人大代表在行动”履职档案", 20)
    assert lines == ["代表高山涛2019年度", "“脱贫攻坚——人大代表在行动”履职档案"]
    assert title_lines("灵璧县2019年上半年“脱贫攻坚——人大代表在行动”活动开展情况汇总", 20) == [
        "灵璧县2019年上半年",
        "“脱贫攻坚——人大代表在行动”",
        "活动开展情况汇总",
    ]


def test_addressee_is_flush_left(document: Document) -> None:
    addressee = paragraph(document, "县人大常委会：")
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


def test_headings_take_the_font_of_their_numbering(document: Document) -> None:
    first, second = paragraph(document, "一、"), paragraph(document, "（一）结对帮扶")
    assert east_asian_font(first.runs[0]) == "黑体"
    assert not first.runs[0].bold
    assert east_asian_font(second.runs[0]) == "楷体_GB2312"
    assert first._p.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert first.paragraph_format.keep_with_next


def test_each_numbered_problem_is_its_own_paragraph_with_a_kaiti_lead(document: Document) -> None:
    one, two = paragraph(document, "（一）报告"), paragraph(document, "（二）个别代表")
    assert one.text.endswith("晚报了五天。") and "（二）" not in one.text
    assert [east_asian_font(r) for r in one.runs] == ["楷体_GB2312", "仿宋_GB2312"]
    assert one.runs[0].text == "（一）报告没有按时报送（《实施意见》第三部分第二条）。"
    assert two.text == "（二）个别代表半年没有参加活动。代表张伟下半年没有参加任何活动。"


def test_items_and_unknown_markdown_become_body_paragraphs(document: Document) -> None:
    assert paragraph(document, "走访贫困户").text == "走访贫困户1024人次。"
    assert paragraph(document, "五级标题").text == "五级标题不在子集之内"


def test_tables_are_real_tables_with_a_repeated_header(document: Document) -> None:
    assert len(document.tables) == 4  # three in the text and attachments, and the 版记
    small = document.tables[0]
    assert small.cell(1, 2).text == "含A|B类"
    assert small.cell(2, 2).paragraphs[0].runs[0].bold
    assert small.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert small.rows[1]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert small.cell(1, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert east_asian_font(small.cell(0, 0).paragraphs[0].runs[0]) == "仿宋_GB2312"


def test_attachment_note_lines_align_under_the_first_name(document: Document) -> None:
    first, second = paragraph(document, "附件：1."), paragraph(document, "2.各乡镇")
    assert first._p.pPr.ind.get(qn("w:leftChars")) == "600"
    assert first._p.pPr.ind.get(qn("w:hangingChars")) == "400"  # starts two characters in
    assert second._p.pPr.ind.get(qn("w:hangingChars")) == "100"  # "2." under "1."
    assert first.paragraph_format.space_before  # one blank line below the text


def test_signature_kept_with_the_date_and_the_last_lines(document: Document) -> None:
    signer = next(p for p in document.paragraphs if p.text == "杨疃镇人大主席团")
    date = next(p for p in document.paragraphs if p.text == "2019年7月10日")
    before = paragraph(document, "2.各乡镇")
    assert signer.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert signer.paragraph_format.keep_with_next and before.paragraph_format.keep_with_next
    assert date.paragraph_format.keep_together
    # 署名 two characters from the right; the date starts two characters right of it
    assert signer._p.pPr.ind.get(qn("w:rightChars")) == "200"
    assert date._p.pPr.ind.get(qn("w:rightChars")) == "150"  # 8 - 2 - 6.5 + 2


def test_attachments_start_new_sections_and_a_wide_table_turns_the_page(document: Document) -> None:
    sections = document.sections
    assert len(sections) == 4  # text, attachment 1, attachment 2, 版记
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    wide = document.tables[2]
    assert wide.cell(1, 14).text == "14000"
    total = sum(Length(column.width).mm for column in wide.columns)
    assert 156 < total <= 225.1  # wider than a portrait page, within the landscape one
    header = wide.cell(0, 1).text
    assert header.split("\n") in (
        ["指标1（人次）"],
        ["指标1", "（人次）"],
    )  # never a character a line


def test_attachment_page_label_and_title(document: Document) -> None:
    label = paragraph(document, "附件1")
    assert east_asian_font(label.runs[0]) == "黑体"
    assert label.alignment == WD_ALIGN_PARAGRAPH.LEFT
    texts = [p.text for p in document.paragraphs]
    title = document.paragraphs[texts.index("附件1") + 2]  # the third line of the page
    assert title.text == "代表参加活动情况统计表"
    assert title.runs[0].font.size.pt == 22


def test_imprint_between_rules_on_the_last_page(document: Document) -> None:
    imprint = document.tables[-1]
    assert [row.cells[0].text for row in imprint.rows] == [
        "抄送：县人大常委会代表工作委员会。",
        "杨疃镇人大主席团办公室\t2019年7月10日印发",
    ]
    borders = imprint._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders.find(qn("w:top")).get(qn("w:sz")) == "8"  # thick first and last rules
    assert borders.find(qn("w:insideH")).get(qn("w:sz")) == "6"


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
    for leftover in ("**", "\\|", "<!--", "内部备注", "#", "---"):
        assert not [text for text in texts if leftover in text], leftover


def test_unpaired_bold_marker_is_kept_as_text() -> None:
    doc = markdown_to_document("一个**没有配对的标记")
    assert doc.paragraphs[0].text == "一个**没有配对的标记"
    assert not any(run.bold for run in doc.paragraphs[0].runs)


def test_a_date_alone_without_a_signer_is_still_the_date() -> None:
    doc = markdown_to_document("正文。\n\n2019年7月10日\n")
    date = doc.paragraphs[-1]
    assert date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date._p.pPr.ind.get(qn("w:rightChars")) == "400"


def test_writes_a_file_that_opens(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    write_docx("", path)
    width = docx.Document(str(path)).sections[0].page_width
    assert width is not None and abs(width.mm - 210) < 0.1  # stored in twips, not EMU
