"""schema: a record whose fields do not fit its kind.

What: a required field missing, a date that does not exist (2021-02-30), a number where text
belongs, a value outside its list of choices, or a key lingbi does not know (a typo such as
``dputies``); a record of a township's folder whose ``township`` names another. Also: a file
whose top level is not a list of records, an empty file (warning), a YAML file lingbi does not
know (warning), and a ``# lingbi: ignore[...]`` comment without a reason or naming no rule
(warning).
Why: a typo in a key would otherwise silently drop the value; the tool must never guess.

The loader applies this rule while it validates each record against the schemas
(``store.load.validate_record``); ignore comments are judged by ``store.load.parse_file`` and
``rules.run``. A ``schema`` finding cannot itself be ignored.
"""

from __future__ import annotations

from lingbi_cli.errors import Level
from lingbi_cli.rules.base import Tier, loader_rule

loader_rule(
    "schema",
    tier=Tier.integrity,
    order=2,
    level=Level.error,
    summary="字段缺失、类型不对、取值不在可选范围内，或有不认识的字段",
    what="""
    记录的字段与它的类别不符：缺少必填的字段；日期不存在（如 2021-02-30）；该写数字的地方写了
    文字；取值不在可选范围内；或者有 lingbi 不认识的字段（例如把 deputies 写成了 dputies）；
    乡镇文件夹里的记录，township 写的却是别的乡镇。此外还有：文件的顶层不是记录的列表；文件是
    空的（警告）；lingbi 不认识的 YAML 文件（警告）；lingbi: ignore 注释没有写原因，或写的规则
    不存在（警告）。
    """,
    why="""
    字段名写错了，它的值就会被悄悄丢掉；工具决不能去猜记录的意思。
    """,
    doc=__doc__ or "",
    module=__name__,
)
