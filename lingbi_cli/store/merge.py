"""Merging two versions of a record file by record id (the git merge driver's logic).

A record file is cut into its head (text before the first record), one chunk per record — the
record's lines and the comments above it, exactly as written — and its tail. Two versions
(ours, theirs) of a common ancestor (base) are merged record by record:

* a record only one side changed takes that side's text; both sides' new records are kept;
* a record both sides changed is merged field by field, splicing their values into our text;
  only a field both changed, differently, is a conflict (shown with conflict markers);
* two new records with the same id (two clones logging in one township and month) are both
  kept: the local side's is renumbered after the highest number of its kind, with its
  references among the local side's new records — for kinds no other file refers to
  (activities, pairings, proposals, filings, donors, awards). For townships, units, deputies and
  households a renumbering would silently re-point other files' references, so it is a
  conflict for the clerk to resolve.

Records nobody touched keep their bytes, comments and blank lines. A file that is not a block
list of records with unique ids cannot be merged this way (``CannotMerge``): the caller falls
back to git's line merge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from lingbi_cli.store.yamlread import parse_text

OURS_MARK, THEIRS_MARK = "<<<<<<< 本地", ">>>>>>> 对方"
_MISSING = object()
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


class CannotMerge(Exception):
    """The file's shape does not allow a merge by record."""


@dataclass
class Chunk:
    """One record's text, its values, and where each key's line and value lie in the text."""

    id: str
    text: str
    values: dict[str, Any]
    value_spans: dict[str, tuple[int, int]]
    key_lines: dict[str, tuple[int, int]]  # whole "key: value" line(s), newline included
    single_line: set[str]
    content_end: int  # end of the record's last line of content


@dataclass
class Parsed:
    head: str
    chunks: list[Chunk]
    tail: str

    def by_id(self) -> dict[str, Chunk]:
        return {c.id: c for c in self.chunks}


@dataclass
class Merged:
    text: str
    conflicts: list[str] = field(default_factory=list)  # Chinese, one per conflict
    renumbered: list[tuple[str, str]] = field(default_factory=list)


def _plain(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        null = node.tag.endswith(":null") and node.value in ("", "~", "null", "Null", "NULL")
        return None if null else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(n) for n in node.value]
    return {str(k.value): _plain(v) for k, v in node.value}


def _last_end(node: yaml.Node) -> int:
    if isinstance(node, yaml.ScalarNode) or not node.value or getattr(node, "flow_style", False):
        return int(node.end_mark.index)
    if isinstance(node, yaml.SequenceNode):
        return max(_last_end(n) for n in node.value)
    return max(max(_last_end(k), _last_end(v)) for k, v in node.value)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end == -1 else end + 1


def parse(text: str) -> Parsed:
    root, problem = parse_text(text)
    if problem is not None:
        raise CannotMerge(problem.message)
    if root is None:
        return Parsed(text, [], "")
    if not isinstance(root, yaml.SequenceNode) or root.flow_style:
        raise CannotMerge("文件的顶层不是记录列表")
    chunks: list[Chunk] = []
    head_end = _line_start(text, root.value[0].start_mark.index) if root.value else len(text)
    begin = head_end
    for item in root.value:
        if not isinstance(item, yaml.MappingNode) or item.flow_style:
            raise CannotMerge("列表中有一项不是记录")
        end = _line_end(text, max(_last_end(item) - 1, item.start_mark.index))
        values, spans, lines, single = {}, {}, {}, set()
        for key_node, value_node in item.value:
            key = str(key_node.value)
            values[key] = _plain(value_node)
            spans[key] = (value_node.start_mark.index - begin, value_node.end_mark.index - begin)
            last = max(_last_end(value_node) - 1, key_node.start_mark.index)
            lines[key] = (
                _line_start(text, key_node.start_mark.index) - begin,
                _line_end(text, last) - begin,
            )
            if value_node.start_mark.line == value_node.end_mark.line == key_node.start_mark.line:
                single.add(key)
        record_id = values.get("id")
        if not isinstance(record_id, str) or not record_id:
            raise CannotMerge("有一条记录没有编号")
        chunk_text = text[begin:end]
        chunks.append(Chunk(record_id, chunk_text, values, spans, lines, single, end - begin))
        begin = end
    if chunks and not chunks[-1].text.endswith("\n") and begin == len(text):
        chunks[-1].text += "\n"  # so that a line can follow it
        chunks[-1].content_end += 1
    if len({c.id for c in chunks}) != len(chunks):
        raise CannotMerge("同一编号出现了两次")
    return Parsed(text[:head_end], chunks, text[begin:])


def _three_way(base: str, ours: str, theirs: str) -> str | None:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return None


def _conflict_block(ours: str, theirs: str) -> str:
    return f"{OURS_MARK}\n{_nl(ours)}=======\n{_nl(theirs)}{THEIRS_MARK}\n"


def _nl(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def merge_record(base: Chunk, ours: Chunk, theirs: Chunk) -> tuple[str, list[str]]:
    """One record changed on both sides: our text with their changed fields spliced in, and
    the fields both sides changed differently (a conflict if any)."""
    simple = _three_way(base.text, ours.text, theirs.text)
    if simple is not None:
        return simple, []
    if ours.values == theirs.values:
        return ours.text, []
    splices: list[tuple[int, int, str]] = []
    clashes: list[str] = []
    for key in dict.fromkeys([*ours.values, *theirs.values]):
        o = base.values.get(key, _MISSING)
        a = ours.values.get(key, _MISSING)
        b = theirs.values.get(key, _MISSING)
        if a == b or b == o:
            continue
        if a != o:
            clashes.append(key)
        elif key in ours.values and key in theirs.values:
            if key not in ours.single_line or key not in theirs.single_line:
                clashes.append(key)
                continue
            start, end = ours.value_spans[key]
            t_start, t_end = theirs.value_spans[key]
            splices.append((start, end, theirs.text[t_start:t_end]))
        elif key in theirs.values:  # a field they added
            t_start, t_end = theirs.key_lines[key]
            splices.append((ours.content_end, ours.content_end, _nl(theirs.text[t_start:t_end])))
        else:  # a field they removed
            if key not in ours.single_line:
                clashes.append(key)
                continue
            splices.append((*ours.key_lines[key], ""))
    if clashes:
        return _conflict_block(ours.text, theirs.text), clashes
    text = ours.text
    for start, end, replacement in sorted(splices, key=lambda s: (s[0], s[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, []


def _renumber(record_id: str, taken: set[str]) -> str | None:
    match = _NUMBERED.match(record_id)
    if match is None:
        return None
    prefix, digits = match[1], match[2]
    numbers = [int(m[2]) for i in taken if (m := _NUMBERED.match(i)) and m[1] == prefix]
    return f"{prefix}{max(numbers, default=0) + 1:0{len(digits)}d}"


def _replace_id(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])", new, text)


def merge_texts(
    base_text: str,
    ours_text: str,
    theirs_text: str,
    *,
    renumber: bool,
    renumber_ours: bool = True,
) -> Merged:
    """Merge by record. ``renumber``: new records with the same id may be renumbered (the
    file's kind is referred to by no other file); ``renumber_ours``: the local side is ours
    (a merge), not theirs (a rebase replays the local commits as "theirs")."""
    if not renumber_ours:  # a rebase: the local side is "theirs"; merge as if it were ours
        return merge_texts(base_text, theirs_text, ours_text, renumber=renumber)
    base, ours, theirs = parse(base_text), parse(ours_text), parse(theirs_text)
    result = Merged("")
    b_ids, o_ids, t_ids = base.by_id(), ours.by_id(), theirs.by_id()
    taken = set(b_ids) | set(o_ids) | set(t_ids)
    head = _three_way(base.head, ours.head, theirs.head)
    if head is None:
        head = _conflict_block(ours.head, theirs.head)
        result.conflicts.append("文件开头的注释两边都改了")
    pieces: list[tuple[str, str]] = []  # (record id in the result, text)
    local_new: list[int] = []  # indexes in pieces of our new records (for renumbering)
    for chunk in ours.chunks:
        rid = chunk.id
        if rid in b_ids:
            if rid in t_ids:
                text, clashes = merge_record(b_ids[rid], chunk, t_ids[rid])
                if clashes:
                    result.conflicts.append(f"记录 {rid} 的 {'、'.join(clashes)} 两边都改了")
                pieces.append((rid, text))
            elif chunk.text != b_ids[rid].text:
                pieces.append((rid, _conflict_block(chunk.text, "")))
                result.conflicts.append(f"记录 {rid} 本地改了，对方删了")
            continue
        if rid in t_ids and t_ids[rid].values != chunk.values:
            new = _renumber(rid, taken) if renumber else None
            if new is None:
                pieces.append((rid, _conflict_block(chunk.text, t_ids[rid].text)))
                result.conflicts.append(f"两边新建的记录都用了编号 {rid}")
                continue
            taken.add(new)
            result.renumbered.append((rid, new))
        elif rid in t_ids:
            continue  # the same new record on both sides: theirs is placed below
        local_new.append(len(pieces))
        pieces.append((rid, chunk.text))
    for old, new in result.renumbered:
        for index in local_new:
            rid, text = pieces[index]
            pieces[index] = (new if rid == old else rid, _replace_id(text, old, new))
    for rid, chunk in b_ids.items():
        if rid not in o_ids and rid in t_ids and t_ids[rid].text != chunk.text:
            pieces.append((rid, _conflict_block("", t_ids[rid].text)))
            result.conflicts.append(f"记录 {rid} 本地删了，对方改了")
    # their new records go after the record that precedes them on their side
    after: str | None = None
    for chunk in theirs.chunks:
        if chunk.id not in b_ids:
            at = 0
            if after is not None:
                at = next((i + 1 for i, (r, _) in enumerate(pieces) if r == after), len(pieces))
            pieces.insert(at, (chunk.id, chunk.text))
        after = chunk.id
    tail = _three_way(base.tail, ours.tail, theirs.tail)
    if tail is None:
        tail = _conflict_block(ours.tail, theirs.tail)
        result.conflicts.append("文件末尾的注释两边都改了")
    body = "".join(_nl(text) for _, text in pieces[:-1]) + (pieces[-1][1] if pieces else "")
    if tail and body and not body.endswith("\n"):
        body += "\n"
    result.text = head + body + tail
    return result


# Record kinds that no other file refers to: a new one may be renumbered when merging.
_RENUMBERED = re.compile(
    r"(^|/)(townships/[^/]+/(activities/\d{4}-\d{2}|pairings|proposals|filings|donors)|county/awards)"
    r"\.yaml$"
)


def renumberable(path: str) -> bool:
    """Whether new records of the file at ``path`` (from the repository's root) may be
    renumbered: nothing outside the file refers to them."""
    return _RENUMBERED.search(path.replace("\\", "/")) is not None
