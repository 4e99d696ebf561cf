"""A rendered report's Markdown read as the parts of an official document (GB/T 9704-2012).

markdown-it-py parses the Markdown (CommonMark with pipe tables); this module then names each
block by what it is in a 公文, from its place and its words alone — no markers in the text:

- paragraphs before the first ``#`` heading: the 版头 (发文机关标志, then 发文字号);
- the first ``#`` heading: the title; a short paragraph ending in ``：`` right after it: the
  addressee (主送机关);
- a paragraph beginning ``附件：``: the 附件说明, one line per attachment;
- a paragraph that is a date alone (``2019年7月5日``): the 成文日期, and the short paragraph
  before it the 发文机关署名;
- a thematic break (``---``): a new page; a paragraph ``附件`` or ``附件2`` first on it: the
  attachment's label, and the ``#`` heading after it the attachment's title;
- after the last break, paragraphs beginning ``抄送：`` or ending in ``印发``: the 版记.

Every other heading and paragraph is body text; nothing is dropped except HTML comments. A
paragraph keeps its soft line breaks as ``lines`` (joined without a space in Chinese).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

Run = tuple[str, bool]  # (text, bold)
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
LABEL = re.compile(r"附件\d*")
SIGNER_MAX = 24  # characters: longer is a sentence, not a 署名
_ALIGN = re.compile(r"text-align:(left|right|center)")


@dataclass
class Block:
    kind: str  # see ROLES
    lines: list[list[Run]] = field(default_factory=list)
    level: int = 0  # heading level (2-6) for "heading"
    rows: list[list[list[Run]]] = field(default_factory=list)  # table cells
    aligns: list[str] = field(default_factory=list)  # per column: left, right, center

    @property
    def text(self) -> str:
        return join_lines(["".join(t for t, _ in line) for line in self.lines])

    def runs(self) -> list[Run]:
        """The paragraph's runs, its lines joined (no space in Chinese)."""
        out: list[Run] = []
        previous = ""
        for line in self.lines:
            if out and line and _latin(previous[-1:] + line[0][0][:1]):
                out.append((" ", False))
            out.extend(line)
            previous = "".join(t for t, _ in line) or previous
        return out


ROLES = (
    "mark number title addressee heading body attachments signer date page label "
    "attachment_title table cc printed"
).split()


def _latin(pair: str) -> bool:
    return len(pair) == 2 and all(ch.isascii() and ch.isalnum() for ch in pair)


def join_lines(lines: list[str]) -> str:
    text = ""
    for line in lines:
        text += (" " if text and line and _latin(text[-1] + line[0]) else "") + line
    return text


def parse(markdown: str) -> list[Block]:
    """The blocks of ``markdown``, each named by its role in the document."""
    parser = MarkdownIt("commonmark").enable("table")
    blocks = _blocks(parser.parse(markdown))
    _name_roles(blocks)
    return blocks


def _inline(token: Token) -> list[list[Run]]:
    """An inline token's text as lines of (text, bold) runs; HTML comments are dropped."""
    lines: list[list[Run]] = [[]]
    bold = 0
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            if child.content:
                lines[-1].append((child.content, bold > 0))
        elif child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold = max(0, bold - 1)
        elif child.type in ("softbreak", "hardbreak"):
            lines.append([])
        elif child.type == "image":
            lines[-1].append((child.content, bold > 0))
    merged: list[list[Run]] = []
    for line in lines:
        runs: list[Run] = []
        for text, strong in line:
            if runs and runs[-1][1] == strong:
                runs[-1] = (runs[-1][0] + text, strong)
            else:
                runs.append((text, strong))
        merged.append(runs)
    while merged and not merged[-1]:
        merged.pop()
    return merged


def _blocks(tokens: list[Token]) -> list[Block]:
    blocks: list[Block] = []
    table: Block | None = None
    row: list[list[Run]] = []
    prefix: list[str] = []  # an ordered list item's number, for its first paragraph
    heading = 0
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading = int(token.tag[1:])
        elif kind == "list_item_open":
            prefix.append(f"{token.info}{token.markup}" if token.info else "")
        elif kind == "hr":
            blocks.append(Block("page"))
        elif kind == "table_open":
            table = Block("table")
        elif kind == "table_close" and table is not None:
            blocks.append(table)
            table = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table is not None:
            table.rows.append(row)
        elif kind in ("th_open", "td_open") and table is not None and not table.rows:
            match = _ALIGN.search(str(token.attrs.get("style", "")))
            table.aligns.append(match[1] if match else "center")
        elif kind == "inline" and table is not None:
            lines = _inline(token)
            row.append([run for line in lines for run in line])
        elif kind == "inline":
            lines = _inline(token) or [[]]
            if prefix and prefix[-1]:
                lines[0].insert(0, (prefix[-1], False))
                prefix[-1] = ""
            if heading == 1:
                blocks.append(Block("title", lines))
            elif heading:
                blocks.append(Block("heading", lines, level=heading))
            elif any(lines):
                blocks.append(Block("body", lines))
        elif kind == "heading_close":
            heading = 0
        elif kind == "list_item_close":
            prefix.pop()
        elif kind in ("fence", "code_block"):
            blocks += [Block("body", [[(line, False)]]) for line in token.content.splitlines()]
    return blocks


def _name_roles(blocks: list[Block]) -> None:
    titles = [i for i, b in enumerate(blocks) if b.kind == "title"]
    first = titles[0] if titles else 0
    for k, block in enumerate(blocks[:first]):
        if block.kind == "body":
            block.kind = "mark" if k == 0 else "number"
    if titles and first + 1 < len(blocks):
        after = blocks[first + 1]
        if (
            after.kind == "body"
            and len(after.lines) == 1
            and re.fullmatch(r"[^。！？]{1,60}[：:]", after.text)
        ):
            after.kind = "addressee"
    page_start = True
    for k, block in enumerate(blocks):
        if block.kind == "page":
            page_start = True
            continue
        text = block.text
        if block.kind == "body" and page_start and LABEL.fullmatch(text):
            block.kind = "label"
            following = blocks[k + 1] if k + 1 < len(blocks) else None
            if following is not None and following.kind == "title":
                following.kind = "attachment_title"
        elif block.kind == "body" and text.startswith("附件："):
            block.kind = "attachments"
        elif block.kind == "body" and DATE.fullmatch(text):
            block.kind = "date"
            before = blocks[k - 1] if k else None
            if (
                before is not None
                and before.kind == "body"
                and len(before.text) <= SIGNER_MAX
                and not re.search(r"[。，；：！？]", before.text)
            ):
                before.kind = "signer"
        page_start = False
    last_page = max((i for i, b in enumerate(blocks) if b.kind == "page"), default=-1)
    for block in blocks[last_page + 1 :]:
        if block.kind == "body" and block.text.startswith("抄送："):
            block.kind = "cc"
        elif block.kind == "body" and block.text.endswith("印发"):
            block.kind = "printed"


def sections(blocks: list[Block]) -> list[list[Block]]:
    """The blocks page by page: each thematic break starts a new section."""
    out: list[list[Block]] = [[]]
    for block in blocks:
        if block.kind == "page":
            if out[-1]:
                out.append([])
        else:
            out[-1].append(block)
    return [s for s in out if s]
