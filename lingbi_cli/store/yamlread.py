"""Reading one YAML file into plain values with their line numbers, and nothing more.

The file is decoded strictly as UTF-8 (a BOM is accepted), parsed with libyaml through PyYAML's
``CSafeLoader`` into a node tree, and turned into Python values by our own walk, which:

* keeps every scalar as a string (or ``None`` for an empty/null value), so ``no`` stays ``no``,
  ``010`` stays ``010`` and dates are judged by the schema, never by YAML 1.1's resolver;
* refuses anchors and aliases outright, so an alias bomb costs nothing;
* reports a duplicate key instead of silently keeping the last one;
* records the line and column of every record and every key (1-based).

Problems are returned as ``RawProblem`` values; the caller turns them into findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is in every PyYAML wheel for common platforms; fall back gracefully.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_NULL_TAG = "tag:yaml.org,2002:null"
# The largest record file lingbi reads or writes: a month file of the whole county at its
# busiest is about 1 MB; a file 16 times that is not one a clerk keeps, and reading it would
# take memory by the gigabyte (README, "Bad input"; docs/BAD-INPUT.md).
MAX_FILE_BYTES = 16 * 1024 * 1024


@dataclass(slots=True)
class RawProblem:
    """A problem met while reading; ``rule`` is ``yaml-syntax`` or ``schema``."""

    rule: str
    line: int
    column: int
    message: str
    hint: str = ""
    warning: bool = False


@dataclass(slots=True)
class RawRecord:
    """One mapping of the top-level list, with the position of the record and of each key."""

    values: dict[str, Any]
    line: int
    column: int
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)


class _Refused(Exception):
    def __init__(self, problem: RawProblem) -> None:
        self.problem = problem


def decode(data: bytes) -> tuple[str | None, RawProblem | None]:
    """Strict UTF-8 (BOM allowed); a clear problem naming the first bad byte otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    wide = _wide_encoding(data)
    if wide:
        return None, RawProblem(
            "yaml-syntax",
            1,
            1,
            f"文件不是 UTF-8 编码，看起来是 {wide} 编码，整个文件未读取",
            "请用“另存为”选择 UTF-8 编码（例如 WPS/记事本/VS Code 中选择 UTF-8），然后再运行",
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = ""
        try:
            data.decode("gb18030")
            guess = "，看起来是 GBK/GB18030 编码"
        except UnicodeDecodeError:
            pass
        return None, RawProblem(
            "yaml-syntax",
            line,
            column,
            f"文件不是 UTF-8 编码{guess}（第 {line} 行有无法按 UTF-8 读取的字节）"
            f"{_field_on(data.decode('utf-8', 'replace'), line)}",
            "请用“另存为”选择 UTF-8 编码（例如 WPS/记事本/VS Code 中选择 UTF-8），然后再运行",
        )


def _wide_encoding(data: bytes) -> str:
    """ "UTF-16" or "UTF-32" when ``data`` looks like it (a BOM, or zero bytes in every second
    or fourth place), else ""."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = data[:400]
    if len(head) >= 8 and head.count(0) * 4 >= len(head):
        return "UTF-32" if head.count(0) * 4 >= len(head) * 3 else "UTF-16"
    return ""


def _first_alias(text: str) -> RawProblem | None:
    """The first anchor or alias in ``text``, found from the event stream without composing.

    Only run when ``&`` or ``*`` occurs at all, so ordinary files pay nothing.
    """
    if "&" not in text and "*" not in text:
        return None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            mark = event.start_mark
            if anchor is not None and mark is not None:
                return RawProblem(
                    "yaml-syntax",
                    mark.line + 1,
                    mark.column + 1,
                    f"不支持 YAML 锚点和别名（&{anchor} / *{anchor}）"
                    f"{_field_on(text, mark.line + 1)}，整个文件未读取",
                    "请把被引用的内容直接写出来",
                )
    except yaml.YAMLError:
        return None  # the parser proper reports the syntax error with its place
    return None


def parse_text(text: str) -> tuple[Any, RawProblem | None]:
    """Parse one YAML document into a node tree (or None for an empty file)."""
    refused = _first_alias(text)
    if refused is not None:
        return None, refused
    loader = _Loader(text)
    try:
        return loader.get_single_node(), None
    except yaml.MarkedYAMLError as exc:
        from lingbi_cli.store import messages  # only on the way out of a broken file

        wide = messages.wide_colon(text)
        if wide is not None:  # `name：冯庙镇`: the parser trips a line later, on something else
            message, hint = messages.wide_colon_message(wide[2])
            return None, RawProblem("yaml-syntax", wide[0], wide[1], message, hint)
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and (exc.context or "").startswith(_OPENED):
            mark = exc.context_mark  # where the unclosed quote or bracket, or the key, began
        line = mark.line + 1 if mark else 0
        column = mark.column + 1 if mark else 0
        what = _translate_yaml_error(exc.problem or "", exc.context or "")
        return None, RawProblem(
            "yaml-syntax",
            line,
            column,
            f"YAML 语法错误{_field_on(text, line)}：{what}",
            "检查这一行及上一行的缩进、冒号后的空格和引号是否配对",
        )
    except yaml.YAMLError:  # libyaml's reader: "control characters are not allowed", no line
        bad = _NOT_PRINTABLE.search(text)
        if bad is not None:
            return None, _control_character(text, bad.start())
        return None, RawProblem(
            "yaml-syntax", 1, 1, "YAML 语法错误：文件无法读取"
        )  # pragma: no cover
    finally:
        loader.dispose()


# libyaml's contexts whose mark is where the trouble began, a line or more above its problem
_OPENED = ("while parsing a flow", "while scanning a quoted scalar", "while scanning a simple key")
# What YAML (1.1 and 1.2) allows in a file: printable characters, tab and the line breaks.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROL_NAMES = {0: "NUL 空字符", 0x7F: "DEL 删除符", 0x1B: "ESC 转义符", 0x0B: "垂直制表符"}
_KEY_LINE = re.compile(r"\s*(?:-\s+)*([A-Za-z_][A-Za-z0-9_-]*)\s*[:：]")


def _field_on(text: str, line: int) -> str:
    """``，字段 summary`` when line ``line`` (or the nearest line above it) starts with a key."""
    lines = text.splitlines()[: max(line, 0)]
    for candidate in reversed(lines[-3:] if lines else []):
        match = _KEY_LINE.match(candidate)
        if match:
            return f"（字段 {match[1]}）"
    return ""


def _control_character(text: str, at: int) -> RawProblem:
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    code = ord(text[at])
    name = _CONTROL_NAMES.get(code, "控制字符" if code < 0xA0 else "非字符")
    return RawProblem(
        "yaml-syntax",
        line,
        column,
        f"有不允许出现的字符 U+{code:04X}（{name}）{_field_on(text, line)}，整个文件未读取",
        "这种字符通常来自复制粘贴；请在编辑器中删除它（VS Code 会把它显示为红色的小方块）",
    )


_YAML_PHRASES = {
    "expected a single document in the stream": "一个文件只能有一个 YAML 文档（不要用 --- 分隔）",
    "but found another document": "一个文件只能有一个 YAML 文档（不要用 --- 分隔）",
    "did not find expected <document start>": "文档结束标记 ... 之后还有内容",
    "found unexpected document indicator": "值中出现了文档分隔符 --- 或 ...（请给值加引号）",
    "mapping values are not allowed": "此处不允许出现冒号（值里有冒号时请加引号，或检查缩进）",
    "found character that cannot start any token": "出现了不能开始任何内容的字符（如 @ `）",
    "could not find expected ':'": "缺少冒号 :",
    "did not find expected key": "缺少键（可能是缩进不对）",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
    "did not find expected '-' indicator": "列表项缺少 -（可能是缩进不对）",
    "block sequence entries are not allowed": "此处不允许列表项 -（可能是缩进不对）",
    "did not find expected node content": "缺少内容（可能多了 - 、冒号或逗号）",
    "found undefined alias": "使用了未定义的别名 *",
    "did not find expected alphabetic or numeric character": "& 或 * 后缺少名称（请给值加引号）",
    "found unknown escape character": "双引号中有未知的转义字符（反斜杠）",
    "found invalid Unicode character escape code": "双引号中的 \\u 转义不是有效的字符",
    "did not find expected hexdecimal number": "双引号中的 \\x 或 \\u 转义后缺少十六进制数字",
    "did not find expected ',' or ']'": "方括号 [ ] 没有闭合，或缺少逗号",
    "did not find expected ',' or '}'": "花括号 { } 没有闭合，或缺少逗号",
    "found a tab character": "不能用制表符（Tab）缩进，请用空格",
    "exceeded maximum nesting depth": "括号或缩进嵌套过深",
    "found duplicate %YAML directive": "%YAML 指令重复",
    "found incompatible YAML document": "不支持的 YAML 版本",
    "found undefined tag handle": "使用了未定义的标签（!…!）",
    "did not find expected tag URI": "标签（!）的写法有误",
    "did not find URI escaped octet": "标签（!）的写法有误",
    "did not find expected comment or line break": "值之后多了内容（引号或括号之后不能再写文字）",
    "did not find expected whitespace or line break": "缺少空格或换行",
    "found unexpected ':'": "此处不允许出现冒号（值里有冒号时请加引号）",
    "expected <block end>": "缩进不对（这一行与上下行没有对齐）",
    "expected <document start>": "文件开头的格式不对",
    "found unacceptable character": "文件里有不可见的控制字符",
    "while scanning a quoted scalar": "引号未闭合",
    "while scanning a simple key": "缺少冒号 :",
    "while parsing a block mapping": "缩进不对（这一行与上下行没有对齐）",
}


def _translate_yaml_error(problem: str, context: str = "") -> str:
    """libyaml's English in Chinese; what is not known is said in general terms, never in
    English (the hint says where to look)."""
    for text in (problem, context):
        for english, chinese in _YAML_PHRASES.items():
            if text.startswith(english):
                return chinese
    return "格式不对（检查缩进、冒号和引号）"


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _value(node: yaml.Node, seen: set[int]) -> Any:
    """A node's value: strings, None, lists and dicts; refuses aliases."""
    if id(node) in seen:
        line, column = _pos(node)
        raise _Refused(
            RawProblem(
                "yaml-syntax",
                line,
                column,
                "不支持 YAML 锚点和别名（& 与 *）",
                "请把被引用的内容直接写出来",
            )
        )
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL_TAG and node.value in ("", "~", "null", "Null", "NULL"):
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_value(item, seen) for item in node.value]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = _key(key_node)
        if key in result:
            line, column = _pos(key_node)
            raise _Refused(RawProblem("schema", line, column, f"键 {key} 重复出现"))
        result[key] = _value(value_node, seen)
    return result


def _key(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        line, column = _pos(node)
        raise _Refused(RawProblem("schema", line, column, "键必须是简单的文字"))
    return str(node.value)


def read_records(data: bytes) -> tuple[list[RawRecord], list[RawProblem]]:
    """Read a file that holds a list of records (mappings).

    Never raises on bad input: every problem is returned, and every readable record of the list
    is returned even when its neighbours are broken.
    """
    text, problem = decode(data)
    if problem is not None or text is None:
        return [], [problem] if problem else []
    root, problem = parse_text(text)
    if problem is not None:
        return [], [problem]
    if root is None:
        if _header_only(text):  # a file made ready for its first record (lingbi init)
            return [], []
        return [], [
            RawProblem("schema", 1, 1, "文件是空的，没有任何记录", "不需要的话请删除这个文件", True)
        ]
    if not isinstance(root, yaml.SequenceNode):
        line, column = _pos(root)
        return [], [
            RawProblem(
                "schema",
                line,
                column,
                "文件的顶层应当是记录列表（每条记录以“- ”开头），这里却不是列表",
                "每条记录写成“- id: …”，其余字段缩进两格",
            )
        ]
    records: list[RawRecord] = []
    problems: list[RawProblem] = []
    seen: set[int] = {id(root)}
    for item in root.value:
        line, column = _pos(item)
        if not isinstance(item, yaml.MappingNode):
            if id(item) in seen:
                problems.append(
                    RawProblem("yaml-syntax", line, column, "不支持 YAML 锚点和别名（& 与 *）")
                )
            else:
                problems.append(
                    RawProblem(
                        "schema", line, column, "列表中的每一项都应当是一条记录（键: 值 的映射）"
                    )
                )
            continue
        try:
            keys: dict[str, tuple[int, int]] = {}
            for key_node, _ in item.value:
                keys.setdefault(_key(key_node), _pos(key_node))
            values = _value(item, seen)
        except _Refused as refused:
            problems.append(refused.problem)
            continue
        records.append(RawRecord(values, line, column, keys))
    return records, problems


def _header_only(text: str) -> bool:
    """Comments and nothing else (not even ``---``), at least one of them."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return bool(lines) and all(line.startswith("#") for line in lines)


def read_mapping(
    data: bytes,
) -> tuple[dict[str, Any], dict[str, tuple[int, int]], RawProblem | None]:
    """Read a settings file: one mapping; returns values, the line of each dotted key path."""
    text, problem = decode(data)
    if problem is not None or text is None:
        return {}, {}, problem
    root, problem = parse_text(text)
    if problem is not None:
        return {}, {}, problem
    if root is None:
        return {}, {}, None
    if not isinstance(root, yaml.MappingNode):
        line, column = _pos(root)
        return {}, {}, RawProblem("schema", line, column, "设置文件的顶层应当是 键: 值 的映射")
    lines: dict[str, tuple[int, int]] = {}

    def walk(node: yaml.Node, prefix: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                path = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
                lines.setdefault(path, _pos(key_node))
                walk(value_node, path)

    try:
        walk(root, "")
        values = _value(root, set())
    except _Refused as refused:
        return {}, {}, refused.problem
    return values, lines, None
