"""The bad-input catalogue: every kind of bad input lingbi is known to meet, what it does with
each, and where it says so. One table, read by tests/test_bad_inputs.py (which runs every case
on the tiny county, under a memory cap, and checks the exit status and that the Chinese message
names the file, the line and the field) and written out as docs/BAD-INPUT.md:

    python tests/bad_inputs.py        # rewrites docs/BAD-INPUT.md (a test fails when stale)

A case changes one file of the tiny county (tests/conftest.py TINY) — its new bytes, or a
change on disk (a folder, a link, a huge file) — runs a command (``check`` unless said), and
expects an exit status and a finding (or a refusal) at ``where`` (``file:line``, or the file
alone for what concerns the whole file) whose message holds ``said`` and the field's key.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import TINY  # noqa: E402

DEP = "townships/yangtuan/deputies.yaml"
HH = "townships/yangtuan/households.yaml"
MONTH = "townships/yangtuan/activities/2019-05.yaml"
PROPOSALS = "townships/yangtuan/proposals.yaml"
LOG = ("log", "visit", "-D", "yangtuan-d001", "-H", "yangtuan-h0001", "--date", "2019-05-30")
LOG = (*LOG, "-s", "入户走访")


def text(rel: str) -> str:
    return textwrap.dedent(TINY[rel]).lstrip("\n")


def edited(rel: str, old: str, new: str) -> bytes:
    """The tiny county's ``rel`` with ``old`` (which must be there) replaced by ``new``."""
    base = text(rel)
    assert old in base, (rel, old)
    return base.replace(old, new, 1).encode("utf-8")


Setup = Callable[[Path], None]


def folder_named(rel: str) -> Setup:
    def make(root: Path) -> None:
        (root / rel).unlink()
        (root / rel).mkdir()

    return make


def link_loop(rel: str) -> Setup:
    def make(root: Path) -> None:
        (root / rel).unlink()
        os.symlink(root / rel, root / rel)

    return make


def broken_link(rel: str) -> Setup:
    def make(root: Path) -> None:
        (root / rel).unlink()
        os.symlink(root / "nowhere.yaml", root / rel)

    return make


def huge(rel: str) -> Setup:
    def make(root: Path) -> None:
        line = "# " + "很长的注释" * 100 + "\n"
        with open(root / rel, "a", encoding="utf-8") as handle:
            for _ in range(17 * 1024 * 1024 // len(line.encode()) + 1):
                handle.write(line)

    return make


@dataclass(frozen=True)
class Case:
    group: str  # 编码 / YAML 写法 / Unicode / 结构 / 取值 / 写入
    what: str  # the bad input, in Chinese, for docs/BAD-INPUT.md
    file: str
    content: bytes | Setup
    where: str  # file:line, or the file alone (the whole file)
    field: str | None
    said: str  # what the message says, in part
    exit: int
    command: tuple[str, ...] = ("check",)


def _cases() -> list[Case]:
    dep, hh, month = text(DEP), text(HH), text(MONTH)
    c: list[Case] = []

    def add(*args: object, **kwargs: object) -> None:
        c.append(Case(*args, **kwargs))  # type: ignore[arg-type]

    # --- encodings
    add("编码", "GBK 编码的文件", DEP, dep.encode("gbk"), f"{DEP}:2", "name", "GBK", 1)
    add("编码", "GB18030 编码", HH, hh.encode("gb18030"), f"{HH}:2", "head", "不是 UTF-8", 1)
    add("编码", "UTF-16（带 BOM）", DEP, dep.encode("utf-16"), f"{DEP}:1", None, "UTF-16", 1)
    add("编码", "UTF-16 BE（无 BOM）", DEP, dep.encode("utf-16-be"), f"{DEP}:1", None, "UTF-16", 1)
    add("编码", "UTF-32", DEP, dep.encode("utf-32"), f"{DEP}:1", None, "UTF-32", 1)
    latin = dep.encode().replace("第一选区".encode(), b"Caf\xe9")
    add("编码", "Latin-1 字节（é 写成 0xE9）", DEP, latin, f"{DEP}:5", "district", "UTF-8", 1)
    cut = dep.encode().replace("张伟".encode(), "张".encode() + "伟".encode()[:2])
    add("编码", "被截断的多字节字符", DEP, cut, f"{DEP}:2", "name", "UTF-8", 1)
    overlong = dep.encode().replace(b"yangtuan-d002", b"yangtuan\xc0\xadd002")
    add("编码", "超长编码（0xC0 0xAD）", DEP, overlong, f"{DEP}:12", "id", "UTF-8", 1)
    surrogate = dep.encode().replace("李秀英".encode(), b"\xed\xa0\x80")
    add("编码", "UTF-8 编码的代理项", DEP, surrogate, f"{DEP}:13", "name", "UTF-8", 1)
    mixed = dep.encode().replace("李秀英".encode(), "李秀英".encode("gbk"))
    add("编码", "一行 GBK、其余 UTF-8", DEP, mixed, f"{DEP}:13", "name", "UTF-8", 1)
    # --- YAML hazards
    add(
        "YAML 写法",
        "用 Tab 缩进",
        DEP,
        edited(DEP, "  gender: 男", "\tgender: 男"),
        f"{DEP}:3",
        "gender",
        "制表符",
        1,
    )
    add(
        "YAML 写法",
        "引号未闭合",
        DEP,
        edited(DEP, "  district: 第三选区", "  district: '第三选区"),
        f"{DEP}:16",
        "district",
        "引号或括号未闭合",
        1,
    )
    add(
        "YAML 写法",
        "方括号未闭合",
        DEP,
        edited(DEP, "levels: [县]", "levels: [县"),
        f"{DEP}:4",
        "levels",
        "方括号",
        1,
    )
    add(
        "YAML 写法",
        "花括号未闭合",
        DEP,
        edited(DEP, "levels: [县]", "levels: {县"),
        f"{DEP}:4",
        "levels",
        "花括号",
        1,
    )
    add(
        "YAML 写法",
        "两个 YAML 文档（---）",
        DEP,
        edited(DEP, "- id: yangtuan-d002", "---\n- id: yangtuan-d002"),
        f"{DEP}:12",
        None,
        "一个文件只能有一个 YAML 文档",
        1,
    )
    add(
        "YAML 写法",
        "文档结束标记 ... 之后还有内容",
        DEP,
        edited(DEP, "- id: yangtuan-d002", "...\nid: yangtuan-d002"),
        f"{DEP}:13",
        "id",
        "文档结束标记",
        1,
    )
    add(
        "YAML 写法",
        "值中有冒号加空格",
        DEP,
        edited(DEP, "district: 第一选区", "district: 第一: 选区"),
        f"{DEP}:5",
        "district",
        "冒号",
        1,
    )
    add(
        "YAML 写法",
        "缩进不齐",
        DEP,
        edited(DEP, "  gender: 男", "   gender: 男"),
        f"{DEP}:3",
        "gender",
        "冒号",
        1,
    )
    add(
        "YAML 写法",
        "锚点与别名",
        DEP,
        edited(DEP, "district: 第一选区", "district: &d 第一选区"),
        f"{DEP}:5",
        "district",
        "锚点和别名",
        1,
    )
    bomb = "a: &a [x, x]\n" + "".join(
        f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}, *{'a' if i == 0 else f'b{i - 1}'}]\n"
        for i in range(30)
    )
    add("YAML 写法", "别名炸弹", HH, bomb.encode(), f"{HH}:1", None, "锚点和别名", 1)
    add(
        "YAML 写法",
        "同一记录中键重复",
        DEP,
        edited(DEP, "  gender: 男", "  gender: 男\n  gender: 女"),
        f"{DEP}:4",
        "gender",
        "重复",
        1,
    )
    add(
        "YAML 写法",
        "双引号中未知的转义",
        DEP,
        edited(DEP, "district: 第一选区", 'district: "第一\\q选区"'),
        f"{DEP}:5",
        "district",
        "转义",
        1,
    )
    add(
        "YAML 写法",
        "无效的 \\u 转义",
        DEP,
        edited(DEP, "district: 第一选区", 'district: "\\ud800"'),
        f"{DEP}:5",
        "district",
        "转义",
        1,
    )
    add(
        "YAML 写法",
        "嵌套过深",
        DEP,
        edited(DEP, "levels: [县]", "levels: " + "[" * 5000 + "]" * 5000),
        f"{DEP}:4",
        "levels",
        "嵌套过深",
        1,
    )
    add(
        "YAML 写法",
        "重复的 %YAML 指令",
        DEP,
        ("%YAML 1.1\n%YAML 1.1\n---\n" + dep).encode(),
        f"{DEP}:2",
        None,
        "%YAML",
        1,
    )
    add(
        "YAML 写法",
        "未定义的标签",
        DEP,
        edited(DEP, "district: 第一选区", "district: !x!y 第一选区"),
        f"{DEP}:5",
        "district",
        "标签",
        1,
    )
    add(
        "YAML 写法",
        "值以 @ 开头",
        DEP,
        edited(DEP, "district: 第一选区", "district: @第一选区"),
        f"{DEP}:5",
        "district",
        "不能开始",
        1,
    )
    add(
        "YAML 写法",
        "& 后没有名字",
        DEP,
        edited(DEP, "district: 第一选区", "district: & 第一选区"),
        f"{DEP}:5",
        "district",
        "& 或 *",
        1,
    )
    add(
        "YAML 写法",
        "顶层是映射而不是列表",
        DEP,
        b"id: yangtuan-d001\nname: \xe5\xbc\xa0\n",
        f"{DEP}:1",
        None,
        "顶层应当是记录列表",
        1,
    )
    add("YAML 写法", "顶层是行内列表", DEP, b"[{id: yangtuan-d001}]\n", f"{DEP}:1", None, "字段", 1)
    add(
        "YAML 写法",
        "列表项不是记录",
        DEP,
        edited(DEP, "- id: yangtuan-d002", "- 李秀英\n- id: yangtuan-d002"),
        f"{DEP}:12",
        None,
        "都应当是一条记录",
        1,
    )
    add(
        "YAML 写法",
        "键不是文字",
        DEP,
        edited(DEP, "  gender: 男", "  ? [a]\n  : 男"),
        f"{DEP}:3",
        None,
        "键必须是简单的文字",
        1,
    )
    add(
        "YAML 写法",
        "冒号后缺少空格",
        DEP,
        edited(DEP, "  gender: 男", "  gender:男"),
        f"{DEP}:3",
        "gender",
        "缺少冒号",
        1,
    )
    add(
        "YAML 写法",
        "全角冒号",
        DEP,
        edited(DEP, "  gender: 男", "  gender：男"),
        f"{DEP}:3",
        "gender",
        "全角冒号“：”",
        1,
    )
    # --- Unicode
    for code, name in (
        (0x00, "NUL"),
        (0x07, "BEL"),
        (0x1B, "ESC"),
        (0x7F, "DEL"),
        (0x80, "C1 控制字符"),
        (0x08, "退格"),
        (0xFFFE, "非字符 U+FFFE"),
        (0xFFFF, "非字符 U+FFFF"),
    ):
        add(
            "Unicode",
            f"值中夹着 {name}（U+{code:04X}）",
            DEP,
            edited(DEP, "name: 张伟", f"name: 张{chr(code)}伟"),
            f"{DEP}:2",
            "name",
            f"U+{code:04X}",
            1,
        )
    add(
        "Unicode",
        "编号中的零宽空格",
        DEP,
        edited(DEP, "- id: yangtuan-d001", "- id: yangtuan-d0\u200b01"),
        f"{DEP}:1",
        "id",
        "编号只能用小写字母",
        1,
    )
    add(
        "Unicode",
        "全角数字的日期",
        DEP,
        edited(DEP, "term_start: 2016-11-20", "term_start: ２０１６-11-20"),
        f"{DEP}:11",
        "term_start",
        "日期要写成",
        1,
    )
    add(
        "Unicode",
        "不换行空格缩进",
        DEP,
        edited(DEP, "  gender: 男", "\xa0 gender: 男"),
        f"{DEP}:",
        None,
        "列表项缺少 -",
        1,
    )
    add(
        "Unicode",
        "全角空格缩进",
        DEP,
        edited(DEP, "  gender: 男", "\u3000gender: 男"),
        f"{DEP}:",
        None,
        "列表项缺少 -",
        1,
    )
    add(
        "Unicode",
        "电话号码中的全角数字",
        DEP,
        edited(DEP, "'13800001234'", "'１３８００００１２３４'"),
        f"{DEP}:10",
        "phone",
        "电话号码应为",
        1,
    )
    add(
        "Unicode",
        "身份证号中的全角 Ｘ",
        HH,
        edited(HH, "'34132319650315013X'", "'34132319650315013Ｘ'"),
        f"{HH}:1",
        "身份证号",
        "应为 18 位",
        1,
    )
    # --- structure
    add("结构", "名为 deputies.yaml 的文件夹", DEP, folder_named(DEP), DEP, None, "文件夹", 1)
    add("结构", "循环的符号链接", DEP, link_loop(DEP), DEP, None, "符号链接循环", 1)
    add("结构", "断开的符号链接", HH, broken_link(HH), HH, None, "文件不存在", 1)
    add("结构", "超过上限（16 MB）的月份文件", MONTH, huge(MONTH), MONTH, None, "文件过大", 1)
    add("结构", "空文件", DEP, b"", f"{DEP}:1", None, "文件是空的", 1)
    add(
        "结构",
        "lingbi.yaml 语法错误",
        "lingbi.yaml",
        b"county: [\n",
        "lingbi.yaml:2",
        "county",
        "YAML 语法错误",
        2,
    )
    add(
        "结构",
        "lingbi.yaml 顶层是列表",
        "lingbi.yaml",
        b"- county\n",
        "lingbi.yaml:1",
        None,
        "映射",
        2,
    )
    add(
        "结构",
        "活动记在别的月份的文件中",
        MONTH,
        edited(MONTH, "date: 2019-05-08", "date: 2019-06-08"),
        f"{MONTH}:2",
        "日期",
        "不在本文件所属的月份",
        1,
    )
    add(
        "结构",
        "编号重复",
        DEP,
        edited(DEP, "- id: yangtuan-d002", "- id: yangtuan-d001"),
        f"{DEP}:12",
        "id",
        "重复，第一次出现在",
        1,
    )
    # --- values
    add(
        "取值",
        "未知的字段",
        DEP,
        edited(DEP, "  gender: 男", "  gender: 男\n  sex: 男"),
        f"{DEP}:4",
        "sex",
        "不认识的字段",
        1,
    )
    add(
        "取值",
        "缺少必填字段",
        DEP,
        edited(DEP, "  name: 张伟\n", ""),
        f"{DEP}:1",
        "name",
        "缺少必填字段",
        1,
    )
    add(
        "取值",
        "不在可选值中",
        DEP,
        edited(DEP, "gender: 男", "gender: 未知"),
        f"{DEP}:3",
        "gender",
        "不在可选范围内",
        1,
    )
    add(
        "取值",
        "不存在的日期",
        DEP,
        edited(DEP, "term_start: 2016-11-20", "term_start: 2016-02-30"),
        f"{DEP}:11",
        "term_start",
        "不是有效的日期",
        1,
    )
    add(
        "取值",
        "日期写成数字",
        DEP,
        edited(DEP, "term_start: 2016-11-20", "term_start: 20161120"),
        f"{DEP}:11",
        "term_start",
        "应当是日期",
        1,
    )
    add(
        "取值",
        "编号不合格式",
        DEP,
        edited(DEP, "- id: yangtuan-d001", "- id: Yangtuan D001"),
        f"{DEP}:1",
        "id",
        "编号只能用小写字母",
        1,
    )
    add(
        "取值",
        "身份证号校验位错误",
        HH,
        edited(HH, "'34132319650315013X'", "'341323196503150131'"),
        f"{HH}:1",
        "身份证号",
        "校验码错误",
        1,
    )
    add(
        "取值",
        "电话号码位数不对",
        DEP,
        edited(DEP, "'13800001234'", "'1380000123'"),
        f"{DEP}:10",
        "phone",
        "电话号码应为",
        1,
    )
    add(
        "取值",
        "人数为负",
        HH,
        edited(HH, "members: 4", "members: -4"),
        f"{HH}:6",
        "members",
        "不能小于 1",
        1,
    )
    add(
        "取值",
        "人数写成文字",
        HH,
        edited(HH, "members: 4", "members: 四口"),
        f"{HH}:6",
        "members",
        "应当是整数",
        1,
    )
    add(
        "取值",
        "金额有三位小数",
        MONTH,
        edited(MONTH, "amount: 500.00", "amount: 500.001"),
        f"{MONTH}:",
        "amount",
        "最多保留两位小数",
        1,
    )
    add(
        "取值",
        "金额为负",
        MONTH,
        edited(MONTH, "amount: 500.00", "amount: -500"),
        f"{MONTH}:",
        "amount",
        "不能小于 0",
        1,
    )
    add(
        "取值",
        "姓名超过 40 字",
        DEP,
        edited(DEP, "name: 张伟", "name: " + "张" * 41),
        f"{DEP}:2",
        "name",
        "太长（最多 40 个字）",
        1,
    )
    add(
        "取值",
        "摘要超过 2000 字",
        MONTH,
        edited(MONTH, "summary: 捐助化肥款", "summary: " + "款" * 2001),
        f"{MONTH}:",
        "summary",
        "太长（最多 2000 个字）",
        1,
    )
    add(
        "取值",
        "空的姓名",
        DEP,
        edited(DEP, "name: 张伟", "name: ''"),
        f"{DEP}:2",
        "name",
        "不能为空",
        1,
    )
    add(
        "取值",
        "该写一个值处写了列表",
        DEP,
        edited(DEP, "name: 张伟", "name: [张伟, 李四]"),
        f"{DEP}:2",
        "name",
        "应当是文字",
        1,
    )
    add(
        "取值",
        "该写一个值处写了映射",
        DEP,
        edited(DEP, "name: 张伟", "name: {姓: 张}"),
        f"{DEP}:2",
        "name",
        "应当是文字",
        1,
    )
    add(
        "取值",
        "是否写成了别的词",
        DEP,
        edited(DEP, "committee_member: true", "committee_member: 也许"),
        f"{DEP}:9",
        "committee_member",
        "应当是 true 或 false",
        1,
    )
    add(
        "取值",
        "年份超出范围",
        HH,
        edited(HH, "registered: 2016", "registered: 1800"),
        f"{HH}:9",
        "registered",
        "不能小于 2000",
        1,
    )
    add(
        "取值",
        "引用不存在的代表",
        MONTH,
        edited(MONTH, "deputies: [yangtuan-d001]", "deputies: [yangtuan-d009]"),
        f"{MONTH}:2",
        "deputies",
        "指向不存在的代表",
        1,
    )
    # --- write shapes: a write command meets a file it must not write
    add(
        "写入",
        "月份文件是行内列表",
        MONTH,
        b"[{id: yangtuan-a201905-001}]\n",
        MONTH,
        None,
        "块状列表",
        1,
        LOG,
    )
    add(
        "写入",
        "月份文件有语法错误",
        MONTH,
        edited(MONTH, "summary: 捐助化肥款", "summary: '捐助化肥款"),
        f"{MONTH}:",
        "summary",
        "引号或括号未闭合",
        1,
        LOG,
    )
    add("写入", "月份文件不是 UTF-8", MONTH, month.encode("gbk"), f"{MONTH}:1", None, "GBK", 1, LOG)
    add(
        "写入",
        "月份文件中有 NUL",
        MONTH,
        edited(MONTH, "捐助化肥款", "捐助\x00化肥款"),
        f"{MONTH}:",
        "summary",
        "U+0000",
        1,
        LOG,
    )
    add("写入", "超过上限的月份文件", MONTH, huge(MONTH), MONTH, None, "过大", 1, LOG)
    # refused by the write, like every write not made (exit 1); a check reports the same link
    # as a file it cannot read (exit 1 too, "循环的符号链接" above)
    add("写入", "月份文件是循环的符号链接", MONTH, link_loop(MONTH), MONTH, None, "循环", 1, LOG)
    proposal = (
        "- id: yangtuan-j2019-01\n  type: 建议\n  title: 修路\n  lead: yangtuan-d001\n"
        "  date: 2019-03-10\n  session: 闭会期间\n  department: |\n    县交通\n    运输局\n"
    )
    assign = ("proposal", "assign", "yangtuan-j2019-01", "--department", "县水利局")
    add(
        "写入",
        "要改的字段占了多行",
        PROPOSALS,
        proposal.encode(),
        PROPOSALS,
        "department",
        "占了多行",
        1,
        (*assign, "--date", "2019-03-20"),
    )
    return c


CASES = _cases()


def markdown() -> str:
    """docs/BAD-INPUT.md."""
    lines = [
        "# 坏输入目录（Bad-input catalogue）",
        "",
        "<!-- generated by `python tests/bad_inputs.py` from the table tests/test_bad_inputs.py"
        " runs; do not edit -->",
        "",
        f"lingbi 已知会遇到的 {len(CASES)} 种坏输入，每一种都由 `tests/test_bad_inputs.py`"
        "在一个小数据文件夹上实际运行（子进程内存上限 1 GB），检查退出状态，"
        "并检查中文提示写明了文件、行号和字段。"
        "退出状态：0 可以继续（只是警告），1 发现错误或拒绝写入，2 无法使用的输入。"
        "记录文件的大小上限为 16 MB：更大的文件不读取、不写入，报告为错误。",
        "",
        "| # | 类别 | 坏输入 | 命令 | 位置 | 字段 | 提示中包含 | 退出状态 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for number, case in enumerate(CASES, start=1):
        where = case.where if not case.where.endswith(":") else case.where + "（行号）"
        if ":" not in where:
            where += "（整个文件）"
        cells = [
            str(number),
            case.group,
            case.what,
            "`lingbi " + " ".join(case.command[:3]) + (" …`" if len(case.command) > 3 else "`"),
            f"`{where}`",
            f"`{case.field}`" if case.field else "",
            case.said,
            str(case.exit),
        ]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


DOC = Path(__file__).resolve().parent.parent / "docs" / "BAD-INPUT.md"

if __name__ == "__main__":
    DOC.write_text(markdown(), encoding="utf-8")
    print(f"wrote {DOC} ({len(CASES)} cases)")
