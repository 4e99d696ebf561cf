"""The JSON Schemas in schemas/: valid draft 2020-12, current, and agreeing with lingbi check.

Record files are read here as an editor's validator reads them — YAML 1.2's core schema, dates
as strings (check-jsonschema and yaml-language-server both do so) — and validated with the
``jsonschema`` library; ``check-jsonschema`` itself runs once on the sample.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from lingbi_cli import models
from lingbi_cli.store.layout import COUNTY_FILES, TOWNSHIP_FILES, RecordFile, scan
from lingbi_cli.store.load import parse_file
from lingbi_cli.store.schema import bundle, file_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
KINDS = {m.kind_name: m for m in models.RECORD_KINDS}


class Core12(yaml.CSafeLoader):
    """YAML 1.2 core schema (as yaml-language-server reads): no timestamps, no yes/no."""


Core12.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("null", r"~|null|Null|NULL|", "~nN"),
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        "float",
        r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",
        "-+.0123456789",
    ),
):
    Core12.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}",
        re.compile(f"^(?:{_pattern})$"),
        [*_first, *([""] if _tag == "null" else [])],
    )


def validator(kind: str) -> Draft202012Validator:
    schema = file_schema(KINDS[kind])
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(kind: str, text: str, loader: Any = None) -> list[str]:
    data = loader(text) if loader else yaml.load(text, Loader=Core12)  # noqa: S506
    return [e.message for e in validator(kind).iter_errors(data)]


def source_of(rel: str) -> RecordFile:
    """What lingbi's layout makes of a file at ``rel``."""
    if rel in COUNTY_FILES:
        return RecordFile(rel, COUNTY_FILES[rel])
    parts = rel.split("/")
    if parts[2] == "activities":
        year, month = parts[3].removesuffix(".yaml").split("-")
        return RecordFile(rel, models.Activity, parts[1], (int(year), int(month)))
    return RecordFile(rel, TOWNSHIP_FILES[parts[2]], parts[1])


def lingbi_errors(rel: str, text: str) -> list[str]:
    result = parse_file(text.encode("utf-8"), source_of(rel))
    return [
        f.message
        for f in result.findings
        if f.rule in ("schema", "yaml-syntax") and f.level.value == "error"
    ]


# --- the schemas themselves --------------------------------------------------------------


def test_shipped_schemas_are_the_generated_ones() -> None:
    for kind, model in KINDS.items():
        shipped = (SAMPLE / "schemas" / f"{kind}.json").read_text(encoding="utf-8")
        assert shipped == schema_text(file_schema(model)), (
            f"data/schemas/{kind}.json is stale: run `lingbi --data data schema --write`"
        )


def test_schemas_are_valid_draft_2020_12_with_defs_at_the_root() -> None:
    for schema in [bundle(), *(file_schema(m) for m in models.RECORD_KINDS)]:
        Draft202012Validator.check_schema(schema)
        refs = re.findall(r'"\$ref": "#/\$defs/([^"]+)"', json.dumps(schema))
        assert refs and set(refs) <= set(schema["$defs"])


def test_the_findings_key_keeps_its_name() -> None:
    fields = file_schema(models.Activity)["$defs"]["Activity"]["properties"]
    assert "findings" in fields and "township" in fields


# --- every record lingbi accepts, the schema accepts -------------------------------------


def record_files(folder: Path, every_nth_month: int = 1) -> list[tuple[str, str]]:
    files, _ = scan(folder)
    months = [f for f in files if f.month]
    chosen = [f for f in files if not f.month] + months[::every_nth_month]
    return [(f.rel, f.model.kind_name) for f in chosen]


def assert_all_valid(folder: Path, every_nth_month: int = 1) -> int:
    checked = 0
    for rel, kind in record_files(folder, every_nth_month):
        text = (folder / rel).read_text(encoding="utf-8")
        assert not lingbi_errors(rel, text), rel
        errors = schema_errors(kind, text)
        assert not errors, f"{rel}: {errors[:3]}"
        checked += 1
    return checked


def test_every_record_file_of_the_sample_validates() -> None:
    assert assert_all_valid(SAMPLE) == len(scan(SAMPLE)[0]) > 150


def test_a_generated_township_validates(tmp_path: Path, cli: Any) -> None:
    folder = tmp_path / "x"
    assert cli("generate", str(folder), "--scale", "township").exit_code == 0
    # each kind of file, and a spread of the 33 month files (the rest are made the same way)
    assert assert_all_valid(folder, every_nth_month=6) >= 10
    assert sorted(p.name for p in (folder / "schemas").iterdir()) == sorted(
        f"{k}.json" for k in KINDS
    )


@pytest.mark.skipif(
    shutil.which("check-jsonschema") is None
    and not (Path(sys.executable).parent / "check-jsonschema").exists(),
    reason="check-jsonschema is not installed (pip install '.[test]')",
)
def test_check_jsonschema_accepts_the_sample_and_rejects_a_bad_file(tmp_path: Path) -> None:
    tool = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    files = sorted(str(p) for p in SAMPLE.glob("townships/*/deputies.yaml"))
    schema = str(SAMPLE / "schemas" / "deputy.json")
    run = subprocess.run([tool, "--schemafile", schema, *files], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    bad = tmp_path / "deputies.yaml"
    bad.write_text(DEPUTY.replace("gender: 男", "gender: 男性"), encoding="utf-8")
    run = subprocess.run([tool, "--schemafile", schema, str(bad)], capture_output=True, text=True)
    assert run.returncode == 1 and "男性" in run.stdout


# --- one record at a time: the schema and lingbi agree -----------------------------------

DEPUTY = """\
- id: yangtuan-d001
  name: 张伟
  gender: 男
  levels: [县]
  district: 第一选区
  sector: 干部
  employer: 机关
  unit: u-jiaoyuju
  phone: '13800001234'
  term_start: 2016-11-20
"""
HOUSEHOLD = """\
- id: yangtuan-h0001
  head: 王建国
  id_number: '34132319650315013X'
  village: 前庄村
  members: 4
  attribute: 一般贫困户
  causes: [因病, 缺技术]
  registered: 2016
  source: 单位帮扶户
"""
VISIT = """\
- id: yangtuan-a201905-001
  date: 2019-05-08
  kind: 串门
  deputies: [yangtuan-d001]
  household: yangtuan-h0001
  summary: 入户走访
"""
TRIP = """\
- id: yangtuan-a201905-002
  date: 2019-05-28
  kind: 调研视察
  deputies: [yangtuan-d001, yangtuan-d002]
  villages: [前庄村]
  findings: 水管老化
  summary: 视察饮水工程
"""
PAIRING = """\
- id: yangtuan-p0001
  deputy: yangtuan-d001
  household: yangtuan-h0001
  start: 2018-03-25
  chosen_by: 单位名单
"""
PROPOSAL = """\
- id: yangtuan-j2019-01
  type: 建议
  title: 修路
  lead: yangtuan-d001
  date: 2019-03-01
  session: 大会期间
"""
FILING = """\
- id: yangtuan-f2019-01
  kind: 活动方案
  period: 2019
  date: 2019-03-20
"""
TOWNSHIP = """\
- id: yangtuan
  name: 杨疃镇
  liaison: [yangtuan-d001]
"""
AWARD = """\
- id: award-2019-01
  year: 2019
  category: 先进单位
  township: yangtuan
  reason: 活动扎实
"""
FILES = {
    "deputy": "townships/yangtuan/deputies.yaml",
    "household": "townships/yangtuan/households.yaml",
    "activity": "townships/yangtuan/activities/2019-05.yaml",
    "pairing": "townships/yangtuan/pairings.yaml",
    "proposal": "townships/yangtuan/proposals.yaml",
    "filing": "townships/yangtuan/filings.yaml",
    "township": "county/townships.yaml",
    "award": "county/awards.yaml",
}
BASE = {
    "deputy": DEPUTY,
    "household": HOUSEHOLD,
    "visit": VISIT,
    "trip": TRIP,
    "pairing": PAIRING,
    "proposal": PROPOSAL,
    "filing": FILING,
    "township": TOWNSHIP,
    "award": AWARD,
}


def variant(base: str, old: str, new: str) -> str:
    text = BASE[base]
    assert old in text, (base, old)
    return text.replace(old, new, 1)


def kind_of(base: str) -> str:
    return "activity" if base in ("visit", "trip") else base


# (what, base record, text replaced, replacement)
ACCEPTED = [
    ("as written", "deputy", "", ""),
    ("township left out", "deputy", "  district", "  district"),
    ("township given", "deputy", "  district", "  township: yangtuan\n  district"),
    ("township empty", "deputy", "  district", "  township:\n  district"),
    ("one level, not a list", "deputy", "levels: [县]", "levels: 县"),
    ("English enum name", "deputy", "sector: 干部", "sector: cadre"),
    ("unquoted mobile phone", "deputy", "phone: '13800001234'", "phone: 13800001234"),
    ("landline", "deputy", "phone: '13800001234'", "phone: 0557-6021234"),
    ("yes for true", "deputy", "  phone", "  committee_member: yes\n  phone"),
    ("true", "deputy", "  phone", "  committee_member: true\n  phone"),
    ("quoted year", "household", "registered: 2016", "registered: '2016'"),
    ("quoted count", "household", "members: 4", "members: '4'"),
    ("unquoted ID number", "household", "'34132319650315013X'", "341323196503150139"),
    ("numeric village", "household", "village: 前庄村", "village: 2"),
    ("one deputy, not a list", "visit", "deputies: [yangtuan-d001]", "deputies: yangtuan-d001"),
    ("the findings key", "trip", "", ""),
    ("quoted date", "visit", "date: 2019-05-08", "date: '2019-05-08'"),
    ("a year as period", "filing", "", ""),
    ("a quoted year as period", "filing", "period: 2019", "period: '2019'"),
    ("empty liaison", "township", "liaison: [yangtuan-d001]", "liaison:"),
    ("numeric id", "township", "id: yangtuan", "id: 123"),
    (
        "ended pairing",
        "pairing",
        "  chosen_by",
        "  end: 2019-01-01\n  end_reason: 脱贫\n  chosen_by",
    ),
    ("amount as text", "visit", "kind: 串门", "kind: 捐资\n  amount: '500'"),
    ("amount as number", "visit", "kind: 串门", "kind: 捐资\n  amount: 500.5"),
    ("unit award", "award", "", ""),
]
REJECTED = [
    ("unknown key", "deputy", "  district", "  dputies: x\n  district"),
    ("missing required field", "deputy", "  name: 张伟\n", ""),
    ("empty required field", "deputy", "name: 张伟", "name:"),
    ("blank name", "deputy", "name: 张伟", "name: '  '"),
    ("wrong enum value", "deputy", "gender: 男", "gender: 男性"),
    ("bad id pattern", "deputy", "id: yangtuan-d001", "id: Yangtuan-D001"),
    ("id with a space", "deputy", "id: yangtuan-d001", "id: yangtuan d001"),
    ("impossible date", "deputy", "term_start: 2016-11-20", "term_start: 2016-02-30"),
    ("date with slashes", "deputy", "term_start: 2016-11-20", "term_start: 2016/11/20"),
    ("short date", "deputy", "term_start: 2016-11-20", "term_start: 2016-1-2"),
    ("organ deputy without unit", "deputy", "  unit: u-jiaoyuju\n", ""),
    ("level twice", "deputy", "levels: [县]", "levels: [县, 县]"),
    ("no level", "deputy", "levels: [县]", "levels: []"),
    ("bad phone", "deputy", "phone: '13800001234'", "phone: 12345"),
    ("bad quoted phone", "deputy", "phone: '13800001234'", "phone: '1380000123x'"),
    ("not a boolean", "deputy", "  phone", "  committee_member: maybe\n  phone"),
    ("too many members", "household", "members: 4", "members: 31"),
    ("no members", "household", "members: 4", "members: 0"),
    ("members not whole", "household", "members: 4", "members: '4.5'"),
    ("year too early", "household", "registered: 2016", "registered: 1999"),
    ("no cause", "household", "causes: [因病, 缺技术]", "causes: []"),
    ("exited without year", "household", "  source", "  status: 已脱贫\n  source"),
    ("village as a list", "household", "village: 前庄村", "village: [前庄村]"),
    ("visit without household", "visit", "  household: yangtuan-h0001\n", ""),
    ("no deputies", "visit", "deputies: [yangtuan-d001]", "deputies:"),
    ("trip without villages", "trip", "  villages: [前庄村]\n", ""),
    ("trip with an amount", "trip", "  summary", "  amount: 5\n  summary"),
    ("villages as text", "trip", "villages: [前庄村]", "villages: 前庄村"),
    ("donation of nothing", "visit", "kind: 串门", "kind: 捐资\n  amount: 0"),
    ("negative amount", "visit", "kind: 串门", "kind: 捐资\n  amount: -5"),
    ("three decimals", "visit", "kind: 串门", "kind: 捐资\n  amount: '5.005'"),
    ("end without reason", "pairing", "  chosen_by", "  end: 2019-01-01\n  chosen_by"),
    ("reason without end", "pairing", "  chosen_by", "  end_reason: 脱贫\n  chosen_by"),
    ("result before reply", "proposal", "  session", "  result: A\n  session"),
    ("assigned to nobody", "proposal", "  session", "  assigned: 2019-03-05\n  session"),
    ("half report for a year", "filing", "kind: 活动方案", "kind: 上半年报告"),
    ("plan for a half", "filing", "period: 2019", "period: 2019H1"),
    (
        "H2 for the first half",
        "filing",
        "kind: 活动方案\n  period: 2019",
        "kind: 上半年报告\n  period: 2019H2",
    ),
    ("bad period", "filing", "period: 2019", "period: 19"),
    ("unit award to a deputy", "award", "township: yangtuan", "deputy: yangtuan-d001"),
    ("award to two", "award", "  reason", "  deputy: yangtuan-d001\n  reason"),
    ("points as text", "township", "  liaison", "  points: 前庄村\n  liaison"),
]


@pytest.mark.parametrize(("what", "base", "old", "new"), ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_records_lingbi_accepts_the_schema_accepts(
    what: str, base: str, old: str, new: str
) -> None:
    text = variant(base, old, new)
    kind = kind_of(base)
    assert lingbi_errors(FILES[kind], text) == [], what
    assert schema_errors(kind, text) == [], what


@pytest.mark.parametrize(("what", "base", "old", "new"), REJECTED, ids=[c[0] for c in REJECTED])
def test_records_lingbi_rejects_the_schema_rejects(
    what: str, base: str, old: str, new: str
) -> None:
    text = variant(base, old, new)
    kind = kind_of(base)
    assert lingbi_errors(FILES[kind], text), what
    assert schema_errors(kind, text), what


def test_check_jsonschemas_reader_agrees(tmp_path: Path) -> None:
    """The same verdicts with check-jsonschema's own YAML reader (ruamel.yaml)."""
    parsers = pytest.importorskip("check_jsonschema.parsers.yaml")
    load = parsers.construct_yaml_implementation(pure=True).load
    for what, base, old, new in ACCEPTED + REJECTED:
        errors = schema_errors(kind_of(base), variant(base, old, new), load)
        assert bool(errors) == ((what, base, old, new) in REJECTED), what


def test_an_empty_file_with_its_header_is_valid() -> None:
    text = "# yaml-language-server: $schema=../../schemas/deputy.json\n# 代表名册\n"
    assert schema_errors("deputy", text) == []
    assert lingbi_errors("townships/yangtuan/deputies.yaml", text) == []


def test_the_readme_settings_snippet_resolves() -> None:
    """The VS Code ``yaml.schemas`` snippet: every schema exists in a data folder and every
    glob matches exactly the files of that kind."""
    import fnmatch

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- vscode-settings")[1].split("```json\n")[1].split("```")[0]
    settings = json.loads(block)["yaml.schemas"]
    files, _ = scan(SAMPLE)
    assert len(settings) == len(KINDS)
    for schema, glob in settings.items():
        target = SAMPLE / schema
        assert target.is_file(), schema
        matched = {f.rel for f in files if fnmatch.fnmatch(f.rel, glob)}
        assert matched == {f.rel for f in files if f"{f.model.kind_name}.json" == target.name}
