"""Pydantic's validation errors, told in Chinese for the clerk."""

from __future__ import annotations

import enum
import re
from typing import Any

from pydantic_core import ErrorDetails

from lingbi_cli import dates, models

_TEMPLATES: dict[str, str] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不认识的字段（是否拼写错误？）",
    "string_type": "应当是文字",
    "string_too_short": "不能为空",
    "string_too_long": "太长（最多 {max_length} 个字）",
    "string_pattern_mismatch": "格式不对",
    "int_parsing": "应当是整数",
    "int_type": "应当是整数",
    "int_from_float": "应当是整数",
    "float_parsing": "应当是数字",
    "decimal_parsing": "应当是金额数字（单位：元）",
    "decimal_type": "应当是金额数字（单位：元）",
    "decimal_max_places": "金额最多保留两位小数",
    "decimal_max_digits": "金额太大",
    "bool_parsing": "应当是 true 或 false",
    "bool_type": "应当是 true 或 false",
    "date_parsing": "应当是日期，写成 2019-05-01",
    "date_from_datetime_parsing": "不是有效的日期（写成 2019-05-01，且这一天要存在）",
    "date_from_datetime_inexact": "应当是日期，不要带时间",
    "date_type": "应当是日期，写成 2019-05-01",
    "list_type": "应当是列表，例如 [a, b]",
    "dict_type": "应当是 键: 值 的映射",
    "model_type": "应当是 键: 值 的映射",
    "model_attributes_type": "应当是 键: 值 的映射",
    "too_short": "至少要有 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "greater_than_equal": "不能小于 {ge}",
    "greater_than": "必须大于 {gt}",
    "less_than_equal": "不能大于 {le}",
    "less_than": "必须小于 {lt}",
    "tuple_type": "格式不对",
    "decimal_whole_digits": "金额太大",
    "finite_number": "应当是有限的数字",
    "literal_error": "不在可选范围内：{expected}",
    "date_future": "不能是未来的日期",
    "float_type": "应当是数字",
    "none_required": "这里不应填写",
}


def _enum_for(loc: tuple[int | str, ...], model: type[models.Record] | None) -> type | None:
    if model is None or not loc:
        return None
    key = str(loc[0])  # the record's key: a field's alias where it has one
    info = next((i for n, i in model.model_fields.items() if (i.alias or n) == key), None)
    if info is None:
        return None
    for candidate in _walk_types(info.annotation):
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return candidate
    return None


def _walk_types(annotation: Any) -> list[Any]:
    found = [annotation]
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_walk_types(arg))
    return found


# Fields whose values are personal data: a message about them never repeats the value.
PERSONAL = frozenset({"id_number", "phone", "causes", "head"})


def translate(error: ErrorDetails, model: type[models.Record] | None = None) -> str:
    """One pydantic error as a Chinese sentence (without the field name)."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if error["loc"] and error["loc"][0] in PERSONAL:
        error = {**error, "input": "（不显示）"}  # never echo personal data back
    if kind == "enum":
        choices = _enum_for(tuple(error["loc"]), model)
        wide = _wide_list(error.get("input"), choices)
        if wide is not None:
            return wide
        if choices is not None:
            allowed = "、".join(m.value for m in choices)  # type: ignore[attr-defined]
            return f"“{error['input']}”不在可选范围内，可选：{allowed}"
        return f"“{error['input']}”不在可选范围内：{ctx.get('expected', '')}"
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        return message
    hint = _nearly_right(kind, error.get("input"), tuple(error["loc"]), model)
    if hint is not None:
        return hint
    if kind == "string_pattern_mismatch" and error["loc"] and error["loc"][-1] in ("id",):
        return "编号只能用小写字母、数字和连字符 -，例如 yangtuan-d001"
    if kind == "string_pattern_mismatch" and any(
        p
        in (
            "deputies",
            "deputy",
            "household",
            "lead",
            "cosigners",
            "unit",
            "township",
            "households",
            "liaison",
        )
        for p in error["loc"]
    ):
        return f"“{error['input']}”不是有效的编号（只能用小写字母、数字和连字符 -）"
    template = _TEMPLATES.get(kind)
    if template is None:
        return f"取值不符合要求（{kind}）"
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


_MAPPING_KINDS = {"model_type", "dict_type", "model_attributes_type"}
_DATE_KINDS = {"date_parsing", "date_type", "date_from_datetime_parsing"}
_WIDE_SEPARATORS = re.compile(r"\s*[，、；]\s*")


def _nearly_right(
    kind: str, value: Any, loc: tuple[int | str, ...], model: type[models.Record] | None
) -> str | None:
    """The exact fix for a value that is almost what was meant: ``2019.5.8`` for a date."""
    if kind in _DATE_KINDS and isinstance(value, str):
        fixed = dates.fix(value)
        if fixed is not None and fixed != value:
            return f"日期要写成 {fixed}（年-月-日，月和日写两位），而不是 {value}"
    if kind in _MAPPING_KINDS and isinstance(value, str) and "：" in value:
        key = value.split("：")[0].strip()
        return f"{key} 后面用了全角冒号“：”，YAML 只认半角冒号：改成 {key}: "
    return None


def _wide_list(value: Any, choices: type | None) -> str | None:
    """``[县，乡]`` read as one word: say that the comma must be the half-width one."""
    if not isinstance(value, str) or not _WIDE_SEPARATORS.search(value):
        return None
    parts = [p for p in _WIDE_SEPARATORS.split(value) if p]
    allowed = {str(m.value) for m in choices} if choices is not None else set()  # type: ignore[attr-defined]
    if choices is not None and not all(p in allowed for p in parts):
        return None
    return f"“{value}”用了全角的“，”或“、”：列表要用半角逗号加空格分隔，写成 [{', '.join(parts)}]"


# Labels for the fields whose description does not begin with one.
_LABELS = {"kind": "类别", "session": "提出时间", "source": "来源", "chosen_by": "确定方式"}


def label_of(key: str, model: type[models.Record] | None) -> str | None:
    """The Chinese name of a record's field (``levels`` → ``代表层级``), from its description."""
    if model is None:
        return None
    info = next((i for n, i in model.model_fields.items() if (i.alias or n) == key), None)
    if info is None:
        return None
    if key in _LABELS:
        return _LABELS[key]
    text = (info.description or "").split(" / ")[0]
    label = re.split(r"[，（：(,]| 或 ", text)[0].strip()
    return label or None


def field_label(loc: tuple[int | str, ...], model: type[models.Record] | None = None) -> str:
    """A field for messages: ``代表层级（levels）第 1 项`` — the Chinese name, then the key as it
    is written in the file."""
    if not loc:
        return "(记录)"
    key = str(loc[0])
    label = label_of(key, model)
    head = f"{label}（{key}）" if label and label != key else key
    rest = "".join(f"第 {p + 1} 项" if isinstance(p, int) else f" {p}" for p in loc[1:])
    return head + rest


# A key written with a full-width colon: ``  name：冯庙镇`` or ``- id：yangtuan``.
_WIDE_COLON_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*：")


def wide_colon(text: str) -> tuple[int, int, str] | None:
    """(line, column, key) of the first key followed by ``：`` instead of ``:``."""
    for number, line in enumerate(text.splitlines(), start=1):
        found = _WIDE_COLON_KEY.match(line)
        if found:
            return number, len(found.group(1)) + len(found.group(2)) + 1, found.group(2)
    return None


def wide_colon_message(key: str) -> tuple[str, str]:
    """The message and hint for a full-width colon after ``key``."""
    return (
        f"{key} 后面用了全角冒号“：”，YAML 只认半角冒号",
        f"改成半角冒号加一个空格：{key}: ",
    )
