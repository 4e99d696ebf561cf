"""JSON Schemas of the record files, for editors and validators (``lingbi schema``, ``schemas/``).

One file per record kind, ``schemas/<kind>.json``: valid JSON Schema (draft 2020-12) of a record
file — a list of records, or nothing — with every definition in ``$defs`` at the root, where
``#/$defs/…`` references look for them. Each is made from the Pydantic model and then adjusted
to accept exactly what ``lingbi check``'s schema tier accepts:

* scalars as a YAML reader gives them to a validator (``schema_scalars``);
* ``township`` may be left out of records under ``townships/<乡镇>/`` (the folder says it);
* an enumeration takes its English member names as well as its Chinese words;
* the rules between fields that JSON Schema can say (a visit needs a household, a finished
  pairing its reason …) as ``if``/``then``; those that compare two dates are lingbi's alone.

A record file names its schema on its first line, relative to itself (``modeline``), so that
yaml-language-server (VS Code's YAML extension) finds it with no settings at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lingbi_cli import models
from lingbi_cli.store.layout import TOWNSHIP_FILES
from lingbi_cli.store.schema_scalars import AS_LIST, enum_names, nullable_list, widen

Schema = dict[str, Any]
DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schemas"
# Record kinds that live under townships/<乡镇>/, whose ``township`` comes from the folder.
IN_TOWNSHIP_FOLDER = frozenset({*TOWNSHIP_FILES.values(), models.Activity})
UNIQUE_ITEMS = frozenset({"deputies", "levels"})  # lingbi refuses a deputy or level named twice


def modeline(rel: str, kind: str) -> str:
    """The first line of a record file at ``rel``: where its schema is, relative to it."""
    return f"# yaml-language-server: $schema={'../' * rel.count('/')}{SCHEMA_DIR}/{kind}.json\n"


def _record(model: type[models.Record], defs: dict[str, Schema]) -> Schema:
    """The schema of one record of ``model``; its definitions are added to ``defs``."""
    raw = model.model_json_schema(mode="validation", by_alias=True)
    for name, node in raw.pop("$defs", {}).items():
        defs[name] = enum_names(node)
    properties: dict[str, Schema] = {}
    required = list(raw.get("required", []))
    minimum = {key: node.get("minItems", 0) for key, node in raw["properties"].items()}
    for key, node in raw["properties"].items():
        notes = {k: node[k] for k in ("description", "default") if k in node}
        body = {k: v for k, v in node.items() if k not in ("title", "description", "default")}
        body = widen(body, key)
        if key in AS_LIST and not minimum[key]:
            body = nullable_list(body)
        properties[key] = {**notes, **body}
    if model in IN_TOWNSHIP_FOLDER and "township" in properties:
        required.remove("township")
        properties["township"] = nullable_list(properties["township"])
    record: Schema = {
        "title": f"{model.kind_label}（{model.kind_name}）",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "required": required,
    }
    if model.__doc__:
        record["description"] = model.__doc__.strip().splitlines()[0]
    rules = CROSS_FIELD.get(model.kind_name)
    if rules:
        record["allOf"] = rules()
    for key in UNIQUE_ITEMS & set(properties):
        for branch in properties[key].get("anyOf", [properties[key]]):
            if branch.get("type") == "array":
                branch["uniqueItems"] = True
    return record


def file_schema(model: type[models.Record]) -> Schema:
    """``schemas/<kind>.json``: a file of records of ``model`` (or an empty file)."""
    defs: dict[str, Schema] = {}
    defs[model.__name__] = _record(model, defs)
    return {
        "$schema": DRAFT,
        "title": f"lingbi：{model.kind_label}（{model.kind_name}）记录文件",
        "description": "记录列表，每条以“- id: …”开头；lingbi check 做完整的检查",
        "type": ["array", "null"],
        "items": {"$ref": f"#/$defs/{model.__name__}"},
        "$defs": dict(sorted(defs.items())),
    }


def bundle() -> Schema:
    """Every kind in one document (``lingbi schema``): a record file of any kind."""
    defs: dict[str, Schema] = {}
    for model in models.RECORD_KINDS:
        defs[model.__name__] = _record(model, defs)
    return {
        "$schema": DRAFT,
        "title": "lingbi 记录文件",
        "anyOf": [
            {"type": "array", "items": {"$ref": f"#/$defs/{m.__name__}"}}
            for m in models.RECORD_KINDS
        ],
        "$defs": dict(sorted(defs.items())),
    }


def schema_text(schema: Schema) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path, *, only_missing: bool = False) -> list[Path]:
    """``schemas/<kind>.json`` for every kind; the files written (unchanged ones are not)."""
    target = folder / SCHEMA_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for model in models.RECORD_KINDS:
        path = target / f"{model.kind_name}.json"
        if only_missing and path.exists():
            continue
        text = schema_text(file_schema(model))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(path)
    return written


# --- rules between fields ----------------------------------------------------------------


def _present(*keys: str) -> Schema:
    """Each of ``keys`` is there with a value (lingbi reads ``key:`` with nothing as absent)."""
    return {"required": list(keys), "properties": {k: {"not": {"type": "null"}} for k in keys}}


def _absent(key: str) -> Schema:
    return {"not": _present(key)}


def _one_of(key: str, *members: models.ChineseEnum) -> Schema:
    words = [w for m in members for w in (m.value, m.name)]
    return {"required": [key], "properties": {key: {"enum": words}}}


def _if(condition: Schema, *then: Schema) -> Schema:
    return {"if": condition, "then": then[0] if len(then) == 1 else {"allOf": list(then)}}


def _deputy() -> list[Schema]:
    e = models.EmployerType
    return [_if(_one_of("employer", e.organ, e.institution), _present("unit"))]


def _household() -> list[Schema]:
    return [
        _if(_one_of("status", models.HouseholdStatus.exited), _present("exit_year")),
        _if(_present("status_history"), _absent("status"), _absent("exit_year")),
    ]


def _pairing() -> list[Schema]:
    return [
        _if(_present("end"), _present("end_reason")),
        _if(_present("end_reason"), _present("end")),
    ]


def _activity() -> list[Schema]:
    specific = set().union(*(r | o for r, o in models.ACTIVITY_FIELDS.values()))
    rules = []
    for kind, (required, optional) in models.ACTIVITY_FIELDS.items():
        then = [_present(k) for k in sorted(required)]
        then += [_absent(k) for k in sorted(specific - required - optional)]
        if kind is models.ActivityKind.donation:
            then.append({"properties": {"amount": {"not": {"enum": [0]}}}})
        rules.append(_if(_one_of("kind", kind), *then))
    return rules


def _proposal() -> list[Schema]:
    unhappy = _one_of("satisfaction", models.Satisfaction.unsatisfied)
    return [
        _if(_present("assigned"), _present("department")),
        _if(_present("reply"), _present("assigned"), _present("result")),
        _if(_present("result"), _present("reply")),
        _if(_present("satisfaction"), _present("reply")),
        _if(_present("rehandled"), unhappy),
    ]


def _filing() -> list[Schema]:
    f = models.FilingKind

    def period(pattern: str) -> Schema:
        return {"properties": {"period": {"type": "string", "pattern": pattern}}}

    year = {"properties": {"period": {"not": {"type": "string", "pattern": "H"}}}}
    return [
        _if(_one_of("kind", f.h1_report), period(r"^\d{4}H1$")),
        _if(_one_of("kind", f.h2_report), period(r"^\d{4}H2$")),
        _if(_one_of("kind", f.plan, f.pairing_list, f.year_summary), year),
    ]


def _award() -> list[Schema]:
    a = models.AwardCategory
    who = ("township", "deputy", "person")
    rules = []
    for wanted, members in (
        ("township", (a.unit,)),
        ("deputy", (a.star, a.caring_deputy)),
        ("person", (a.caring_person,)),
    ):
        then = [_present(wanted), *(_absent(k) for k in who if k != wanted)]
        rules.append(_if(_one_of("category", *members), *then))
    return rules


CROSS_FIELD = {
    "deputy": _deputy,
    "household": _household,
    "pairing": _pairing,
    "activity": _activity,
    "proposal": _proposal,
    "filing": _filing,
    "award": _award,
}
