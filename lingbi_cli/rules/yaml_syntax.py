"""yaml-syntax: a file that cannot be read as YAML.

What: a syntax error (with line and column), a file that is not UTF-8 (for example saved as
GBK by Excel or Notepad), several documents in one file, or YAML anchors and aliases
(``&``/``*``), which lingbi refuses so that an "alias bomb" cannot exhaust memory; a file that
cannot be read at all.
Why: nothing in such a file can be checked or counted; saying so beats silently skipping it.

The loader applies this rule while it reads a file (``store.yamlread``, ``store.fastread``,
``store.load.load_file``); this module registers and documents it.
"""

from __future__ import annotations

from lingbi_cli.errors import Level
from lingbi_cli.rules.base import Tier, loader_rule

loader_rule(
    "yaml-syntax",
    tier=Tier.integrity,
    order=1,
    level=Level.error,
    summary="文件不是合法的 YAML，或不是 UTF-8 编码",
    what="""
    文件无法按 YAML 读取：语法错误（指出所在的行和列）；文件不是 UTF-8 编码（例如用 Excel
    或记事本另存成了 GBK）；一个文件里有几个文档（出现了 ---）；用了 YAML 的锚点和别名
    （& 和 *）——lingbi 不接受它们，以免“别名炸弹”耗尽内存；或者文件根本无法打开。
    """,
    why="""
    这样的文件里什么都无法检查、无法统计；明确指出来，比悄悄跳过要好。
    """,
    doc=__doc__ or "",
    module=__name__,
)
