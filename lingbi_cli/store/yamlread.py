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

from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is in every PyYAML wheel for common platforms; fall back gracefully.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_NULL_TAG = "tag:yaml.org,2002:null"


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
            f"文件不是 UTF-8 编码{guess}（第 {line} 行有无法按 UTF-8 读取的字节）",
            "请用“另存为”选择 UTF-8 编码（例如 WPS/记事本/VS Code 中选择 UTF-8），然后再运行",
        )


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
                    f"不支持 YAML 锚点和别名（&{anchor} / *{anchor}），整个文件未读取",
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
        line = mark.line + 1 if mark else 0
        column = mark.column + 1 if mark else 0
        what = _translate_yaml_error(exc.problem or exc.context or str(exc))
        return None, RawProblem(
            "yaml-syntax",
            line,
            column,
            f"YAML 语法错误：{what}",
            "检查这一行及上一行的缩进、冒号后的空格和引号是否配对",
        )
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports marks for all we know
        return None, RawProblem("yaml-syntax", 0, 0, f"YAML 语法错误：{exc}")
    finally:
        loader.dispose()


_YAML_PHRASES = {
    "expected a single document in the stream": "一个文件只能有一个 YAML 文档（不要用 ---）",
    "mapping values are not allowed here": "此处不允许出现冒号（值里有冒号时请加引号）",
    "found character that cannot start any token": "出现了不能开始任何内容的字符（例如制表符）",
    "could not find expected ':'": "缺少冒号 :",
    "did not find expected key": "缺少键（可能是缩进不对）",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
    "did not find expected '-' indicator": "列表项缺少 -（可能是缩进不对）",
    "found undefined alias": "使用了未定义的别名 *",
    "while scanning a quoted scalar": "引号未闭合",
    "found unknown escape character": "双引号中有未知的转义字符（反斜杠）",
    "did not find expected ',' or ']'": "方括号 [ ] 没有闭合，或缺少逗号",
    "did not find expected ',' or '}'": "花括号 { } 没有闭合，或缺少逗号",
    "found a tab character": "不能用制表符（Tab）缩进，请用空格",
    "expected <block end>": "缩进不对（这一行与上下行没有对齐）",
    "expected <document start>": "文件开头的格式不对",
    "found unacceptable character": "文件里有不可见的控制字符",
    "while parsing a block mapping": "缩进不对（这一行与上下行没有对齐）",
    "while scanning a simple key": "缺少冒号 :",
    "found unexpected ':'": "此处不允许出现冒号（值里有冒号时请加引号）",
}


def _translate_yaml_error(problem: str) -> str:
    for english, chinese in _YAML_PHRASES.items():
        if problem.startswith(english):
            return chinese
    return "格式不对"  # the hint says where to look; the parser's English would not help a clerk


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
