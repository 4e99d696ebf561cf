"""The activity shortcut (``store.fastvalid``) gives exactly what the schema gives, or declines.

Whatever it takes, pydantic must take too, with the same values (type and text alike); whatever
pydantic refuses, it must decline. Checked on every activity of a generated township and on
activities written every other way: spaces, other scripts' digits, leading zeros, impossible
dates, English or unknown words, missing, extra and forbidden keys, lists where a text belongs.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from lingbi_cli import models
from lingbi_cli.sample import generate
from lingbi_cli.store import load as load_module
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.fastvalid import (
    activity_values,
    read_plain_activities,
    read_plain_households,
)
from lingbi_cli.store.layout import RecordFile, record_file, scan
from lingbi_cli.store.load import FileResult, _activity_values, parse_file, validate_record
from lingbi_cli.store.yamlread import RawRecord

SOURCE = record_file("townships/yangtuan/activities/2019-05.yaml")
assert SOURCE is not None


def schema(
    values: dict[str, object], township: str | None = "yangtuan"
) -> tuple[object, ...] | None:
    """What the schema makes of ``values`` (None: refused), read in ``township``'s folder."""
    assert SOURCE is not None
    source = RecordFile(SOURCE.rel, models.Activity, township, SOURCE.month)  # None: not filled
    record, _findings = validate_record(RawRecord(values, 2, 1, {}), source, SOURCE.rel)
    return None if record is None else _activity_values(record.__dict__)


def same(fast: tuple[object, ...], slow: tuple[object, ...]) -> bool:
    return [(type(v), repr(v)) for v in fast] == [(type(v), repr(v)) for v in slow]


def judge(values: dict[str, object], township: str | None = "yangtuan") -> bool:
    """Whether the shortcut took ``values``; fails if it differs from the schema."""
    fast = activity_values(values, township)
    slow = schema(values, township)
    if fast is None:
        return False
    assert slow is not None, f"taken, but the schema refuses: {values!r}"
    assert same(fast, slow), f"{values!r}: {fast!r} != {slow!r}"
    return True


BASE: list[dict[str, object]] = [
    {
        "id": "yangtuan-a201905-001",
        "date": "2019-05-01",
        "kind": "串门",
        "deputies": ["yangtuan-d016"],
        "household": "yangtuan-h0935",
        "summary": "入户走访，询问老人身体状况",
    },
    {
        "id": "yangtuan-a201905-002",
        "date": "2019-05-02",
        "kind": "谈心",
        "deputies": ["yangtuan-d010", "yangtuan-d016"],
        "household": "yangtuan-h0249",
        "aid": "信息",
        "focus": "产业扶贫",
        "summary": "介绍致富信息",
    },
    {
        "id": "yangtuan-a201905-003",
        "date": "2019-05-03",
        "kind": "捐资",
        "deputies": ["yangtuan-d001"],
        "household": "yangtuan-h0001",
        "amount": "1500.00",
        "summary": "捐助学费",
    },
    {
        "id": "yangtuan-a201905-004",
        "date": "2019-05-04",
        "kind": "模范带头",
        "deputies": ["yangtuan-d002"],
        "funds": "300000",
        "jobs": "12",
        "projects": "1",
        "cooperatives": "0",
        "trainees": "40",
        "summary": "引进项目",
    },
    {
        "id": "yangtuan-a201905-005",
        "date": "2019-05-05",
        "kind": "讲课",
        "deputies": ["yangtuan-d003"],
        "household": "yangtuan-h0002",
        "participants": "24",
        "summary": "讲种植技术",
    },
    {
        "id": "yangtuan-a201905-006",
        "date": "2019-05-06",
        "kind": "调研视察",
        "deputies": ["yangtuan-d004", "yangtuan-d005"],
        "villages": ["张庄村"],
        "form": "专题调研",
        "findings": "道路失修",
        "summary": "调研道路",
    },
    {
        "id": "yangtuan-a201905-007",
        "date": "2019-05-07",
        "kind": "督查",
        "deputies": ["yangtuan-d001"],
        "summary": "督查",
    },
]

# Texts written every other way, tried in every field
ODD = [
    "",
    " ",
    "~",
    "null",
    "0",
    "00",
    "007",
    "+5",
    "-1",
    "1.5",
    "1.505",
    "1e3",
    "1_000",
    "５",
    "٣",
    "12",
    "999999999",
    "1000000000",
    "123456789012",
    "1234567890123",
    "123456789012.34",
    "0.00",
    "0.01",
    "2019-05-01",
    " 2019-05-01",
    "2019-05-01 ",
    "2019-5-1",
    "2019-02-29",
    "2020-02-29",
    "2019-13-01",
    "1899-12-31",
    "1900-01-01",
    "2099-12-31",
    "2100-01-01",
    "２０１９-05-01",
    "2019-０5-01",
    "20190501",
    "2019-05-01T00:00:00",
    "串门",
    "visit",
    "谈心 ",
    "捐资",
    "donation",
    "信息",
    "information",
    "产业扶贫",
    "yangtuan",
    "yangtuan-h0001",
    "Yangtuan-h0001",
    "yangtuan_h0001",
    "-yangtuan",
    "yangtuan-d016",
    " yangtuan-d016",
    "a" * 64,
    "a" * 65,
    "x" * 2000,
    "x" * 2001,
    "\u3000文字",
    "文字\u3000",
    "文字\x1c",
    "\x1c文字",
    "文字\u200b",
    "\u00a0文字",
    "文字\n",
    "多 字",
]
ODD_LISTS: list[object] = [
    [],
    ["yangtuan-d016"],
    ["yangtuan-d016", "yangtuan-d016"],
    ["yangtuan-d016", "yangtuan-d017"],
    ["Yangtuan-d016"],
    [" yangtuan-d016"],
    ["yangtuan-d016", ""],
    [{"a": "b"}],
    ["a" * 65],
    None,
    "yangtuan-d016",
]
KEYS = [
    "id",
    "date",
    "kind",
    "township",
    "deputies",
    "household",
    "focus",
    "form",
    "aid",
    "summary",
    "amount",
    "funds",
    "jobs",
    "projects",
    "cooperatives",
    "trainees",
    "participants",
    "villages",
    "findings",
    "follow_up",
    "outlet",
    "title",
    "observations",
    "note",
]


def test_it_takes_the_generated_activities_as_the_schema_does(tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    generate(folder, "sample")
    files, _ = scan(folder)
    taken = seen = 0
    for source in files:
        if source.model is not models.Activity:
            continue
        raws, problems, _text = read_any((folder / source.rel).read_bytes())
        assert problems == []
        for raw in raws:
            seen += 1
            fast = activity_values(raw.values, source.township)
            record, findings = validate_record(raw, source, source.rel)
            assert record is not None and findings == []
            if fast is not None:
                taken += 1
                assert same(fast, _activity_values(record.__dict__)), raw.values
    assert seen > 1_000 and taken > 0.9 * seen  # the shortcut is the common way


def test_every_value_written_another_way_is_taken_alike_or_declined() -> None:
    taken = declined = 0
    for base in BASE:
        for key in KEYS:
            for value in [*ODD, *ODD_LISTS]:
                values = {**base, key: value}
                if judge(values):
                    taken += 1
                else:
                    declined += 1
            without = {k: v for k, v in base.items() if k != key}
            taken += judge(without)
    assert taken > 300 and declined > 5_000


def test_random_activities_are_taken_alike_or_declined() -> None:
    rng = random.Random(2018)
    taken = 0
    for _ in range(4_000):
        values = dict(rng.choice(BASE))
        for _change in range(rng.randint(1, 3)):
            key = rng.choice(KEYS)
            if rng.random() < 0.2:
                values.pop(key, None)
            else:
                values[key] = rng.choice(ODD if rng.random() < 0.8 else ODD_LISTS)
        township = rng.choice(["yangtuan", "yangtuan", None, "chantang"])
        taken += judge(values, township)
    assert taken > 100


def test_the_folder_township_is_filled_in_and_another_one_is_left_to_the_loader() -> None:
    base = BASE[0]
    assert judge(base)
    assert judge({**base, "township": "yangtuan"})
    assert activity_values({**base, "township": "chantang"}, "yangtuan") is None
    assert activity_values(base, None) is None
    text = "- id: yangtuan-a201905-001\n  date: 2019-05-01\n  kind: 串门\n  township: chantang\n"
    text += "  deputies: [yangtuan-d016]\n  household: yangtuan-h0935\n  summary: 走访\n"
    result = parse_file(text.encode(), SOURCE)
    assert result.records == [] and [f.rule for f in result.findings] == ["schema"]
    assert "chantang" in result.findings[0].message


# --- the one-pass reading of a month file (``read_plain_activities``) -----------------------


def both_ways(
    data: bytes, monkeypatch: pytest.MonkeyPatch, source: RecordFile | None = SOURCE
) -> tuple[FileResult, FileResult]:
    """``parse_file`` of ``data`` (a month file of yangtuan unless told): in one pass where it
    can, and the usual way."""
    assert source is not None
    fast = parse_file(data, source)
    with monkeypatch.context() as patched:
        patched.setattr(load_module, "read_plain_activities", lambda *_args: None)
        patched.setattr(load_module, "read_plain_households", lambda *_args: None)
        usual = parse_file(data, source)
    return fast, usual


def alike(fast: FileResult, usual: FileResult) -> None:
    assert fast.findings == usual.findings
    assert [(repr(tuple(r)), r.file, r.line, r.ignores) for r in fast.records] == [
        (repr(tuple(r)), r.file, r.line, r.ignores) for r in usual.records
    ]
    assert fast.rows == usual.rows


def test_every_month_and_households_file_of_the_sample_is_read_in_one_pass_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "sample"
    generate(folder, "sample")
    files, _ = scan(folder)
    read = {models.Activity: read_plain_activities, models.Household: read_plain_households}
    chosen = [f for f in files if f.model in read]
    assert len(chosen) > 50 and {f.model for f in chosen} == set(read)
    taken = seen = 0
    for source in chosen:
        data = (folder / source.rel).read_bytes()
        plain = read[source.model](data, source.township)
        assert plain is not None, source.rel
        seen += len(plain)
        taken += sum(isinstance(r, tuple) for r in plain)  # the rest read by the line reader
        alike(*both_ways(data, monkeypatch, source))
    assert taken > 0.9 * seen


MONTH = """# yaml-language-server: $schema=../../../schemas/activity.json
- id: yangtuan-a201905-001
  date: 2019-05-01
  kind: 串门
  deputies: [yangtuan-d016]
  household: yangtuan-h0935
  summary: 入户走访，询问老人身体状况
- id: yangtuan-a201905-002
  date: 2019-05-02
  kind: 谈心
  deputies: [yangtuan-d010, yangtuan-d016]
  household: yangtuan-h0249
  aid: 信息
  summary: 介绍致富信息
- id: yangtuan-a201905-003
  date: 2019-05-03
  kind: 捐资
  deputies: [yangtuan-d001]
  household: yangtuan-h0001
  amount: 1500
  summary: 捐助学费
- id: yangtuan-a201905-004
  date: 2019-05-04
  kind: 调研视察
  form: 专题调研
  deputies: [yangtuan-d004, yangtuan-d005]
  villages: [张庄村]
  participants: 12
  focus: 乡村道路畅通
  summary: 调研道路
  findings: 道路失修
- id: yangtuan-a201905-005
  date: 2019-05-05
  kind: 讲课
  deputies: [yangtuan-d003]
  household: yangtuan-h0002
  participants: 24
  focus: 富民产业培育
  summary: 讲种植技术
- id: yangtuan-a201905-006
  date: 2019-05-06
  kind: 模范带头
  deputies: [yangtuan-d002]
  funds: 300000
  projects: 1
  focus: 富民产业培育
  summary: 引进项目
"""

# Lines to put in, and edits to make, anywhere in a month file
EXTRA_LINES = [
    "",
    "  ",
    "# 备注",
    "  # 备注",
    "# lingbi: ignore[six-ones] 已说明",
    "  amount: 5",
    "  summary: 重复",
    "  township: yangtuan",
    "  township: chantang",
    "  household:",
    "  household: null",
    "- id: yangtuan-a201905-099",
    "  villages:",
    "    - 张庄村",
    "\tsummary: x",
    "  summary: |",
    "    多行",
    "  note: 其他",
    "- [a, b]",
    "key: value",
    "  deputies: []",
    "  summary: 'quoted'",
    '  summary: "quoted"',
    "  participants: 012",
    "  aid: information",
    "  kind: visit",
    "  date: 2019-02-30",
]
VALUE_EDITS = [
    (": ", ":  "),
    ("串门", "visit"),
    ("2019-05-0", "2019-5-"),
    ("1500", "0"),
    ("1500", "1500.005"),
    ("[yangtuan-d001]", "yangtuan-d001"),
    ("[yangtuan-d001]", "[yangtuan-d001, yangtuan-d001]"),
    ("[yangtuan-d001]", "[ yangtuan-d001 ]"),
    ("[yangtuan-d001]", "[yangtuan-d001,yangtuan-d002]"),
    ("yangtuan-h0001", "Yangtuan-h0001"),
    ("yangtuan-h0001", "null"),
    ("捐助学费", "捐助 学费"),
    ("捐助学费", "捐助学费 # 注"),
    ("捐助学费", "捐助:学费"),
    ("捐助学费", "~"),
    ("信息", "信息 "),
    ("24", "２４"),
    ("2019-05-04", "２019-05-04"),
    ("- id", "-  id"),
    ("  date", "   date"),
    ("household", "households"),
    ("yangtuan-a201905-001", "null"),
    ("捐助学费", "null"),
    ("捐助学费", "Null"),
    ("捐助学费", "捐" * 2001),
    ("捐助学费", "捐" * 2000),
    ("[yangtuan-d001]", "[null]"),
    ("[yangtuan-d001]", "[yangtuan-d001, ~]"),
]


def edited(
    text: str, extra: list[str], edits: list[tuple[str, str]], rng: random.Random
) -> list[str]:
    """The lines of ``text`` after one to three random edits: a line of ``extra`` put in, a
    line taken out, two lines swapped, or a value rewritten (one of ``edits``)."""
    lines = text.split("\n")[:-1]
    for _edit in range(rng.randint(1, 3)):
        choice = rng.random()
        at = rng.randrange(len(lines) + 1)
        if choice < 0.35:
            lines.insert(at, rng.choice(extra))
        elif choice < 0.5 and lines:
            del lines[min(at, len(lines) - 1)]
        elif choice < 0.6 and len(lines) > 1:
            i, j = rng.sample(range(len(lines)), 2)
            lines[i], lines[j] = lines[j], lines[i]
        else:
            old, new = rng.choice(edits)
            spots = [i for i, line in enumerate(lines) if old in line]
            if spots:
                i = rng.choice(spots)
                lines[i] = lines[i].replace(old, new, 1)
    return lines


def test_a_month_file_written_any_other_way_is_read_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(2019)
    pass_taken = 0
    for _ in range(2_500):
        lines = edited(MONTH, EXTRA_LINES, VALUE_EDITS, rng)
        text = "\n".join(lines) + rng.choice(["\n", "\n", "\n", "", "\n\n"])
        if rng.random() < 0.05:
            text = text.replace("\n", "\r\n")
        data = text.encode()
        if rng.random() < 0.05:
            data = b"\xef\xbb\xbf" + data
        fast, usual = both_ways(data, monkeypatch)
        alike(fast, usual)
        pass_taken += read_plain_activities(data, "yangtuan") is not None
    assert pass_taken > 500  # the one pass took many of them; the rest went the usual way


HOUSEHOLDS = """# yaml-language-server: $schema=../../schemas/household.json
# 杨疃镇建档立卡贫困户
- id: yangtuan-h0001
  head: 叶凤梅
  id_number: '341323197406180200'
  village: 杨疃社区
  group: 一组
  members: 5
  attribute: 一般贫困户
  causes: [因病, 缺劳力, 自身发展动力不足]
  registered: 2016
  status_history: [{date: 2020-12-03, status: 已脱贫}]
  source: 单位帮扶户
  unit: u-yangtuan-zf
  phone: '18518020073'
- id: yangtuan-h0002
  head: 苏庆林
  id_number: 34132319330522585X
  village: 杨疃社区
  members: 2
  attribute: 低保贫困户
  causes: [因残]
  registered: 2014
  status_history: [{date: 2018-11-19, status: 已脱贫}, {date: 2019-03-02, status: 返贫}]
  source: 乡镇帮扶点
  phone: 0557-6012345
- id: yangtuan-h0003
  head: 胡良峰
  id_number: '341323195601173736'
  village: 杨疃社区
  group: 二组
  members: 30
  attribute: 特困供养贫困户
  causes: [缺技术]
  registered: 2100
  status_history: []
  source: 乡镇帮扶点
"""

HOUSEHOLD_LINES = [
    "",
    "# 备注",
    "  # 备注",
    "  status: 已脱贫",
    "  exit_year: 2019",
    "  township: yangtuan",
    "  township: chantang",
    "  phone:",
    "  note: 其他",
    "  unit: u-fupinju",
    "  group: null",
    "  causes:",
    "    - 因病",
    "  members: 0",
    "  head: 'x'",
    "  id_number: '12345'",
    "- id: yangtuan-h0099",
    "  registered: 1999",
]
HOUSEHOLD_EDITS = [
    ("5", "05"),
    ("5", "31"),
    ("30", "31"),
    ("2016", "2000"),
    ("2016", "1999"),
    ("2100", "2101"),
    ("一般贫困户", "ordinary"),
    ("一般贫困户", "一般"),
    ("因病, ", "因病,"),
    ("[因残]", "因残"),
    ("[因残]", "[]"),
    ("[因残]", "[因残, 因残]"),
    ("[因残]", "[null]"),
    ("已脱贫}", "未脱贫}"),
    ("{date: 2018-11-19, status: 已脱贫}", "{status: 已脱贫, date: 2018-11-19}"),
    ("2020-12-03", "2020-02-30"),
    ("2020-12-03", "２020-12-03"),
    ("date: ", "date:  "),
    ("'18518020073'", "'1851802007'"),
    ("'18518020073'", "'+8618518020073'"),
    ("'18518020073'", '"18518020073"'),
    ("'18518020073'", "18518020073"),
    ("0557-6012345", "05576012345"),
    ("0557-6012345", "0557 6012345"),
    ("34132319330522585X", "34132319330522585x"),
    ("'341323197406180200'", "341323197406180200"),
    ("'341323197406180200'", "'34132319740618020'"),
    ("'341323197406180200'", "' 341323197406180200'"),
    ("叶凤梅", "叶凤梅 "),
    ("叶凤梅", "null"),
    ("叶凤梅", "叶" * 41),
    ("叶凤梅", "叶" * 40),
    ("杨疃社区", "杨疃 社区"),
    ("单位帮扶户", "乡镇帮扶点"),
    ("乡镇帮扶点", "单位帮扶户"),
    ("u-yangtuan-zf", "U-yangtuan-zf"),
    ("u-yangtuan-zf", "null"),
    ("yangtuan-h0001", "null"),
    ("members: 5", "members: 0"),
    ("'18518020073'", "'18518020073"),
    ("'18518020073'", "'185180200733"),
    ("'18518020073'", "'12518020073'"),
    ("status_history", "history"),
    ("  ", "   "),
]


def test_a_households_file_written_any_other_way_is_read_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = record_file("townships/yangtuan/households.yaml")
    rng = random.Random(2020)
    taken = 0
    for _ in range(1_500):
        lines = edited(HOUSEHOLDS, HOUSEHOLD_LINES, HOUSEHOLD_EDITS, rng)
        data = ("\n".join(lines) + rng.choice(["\n", "\n", ""])).encode()
        alike(*both_ways(data, monkeypatch, source))
        plain = read_plain_households(data, "yangtuan")
        taken += plain is not None and any(isinstance(r, tuple) for r in plain)
    assert taken > 300
