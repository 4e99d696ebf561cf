"""id-number: a household head's citizen ID number that cannot be right, or is on two households.

The number of each household is judged on its own by ``check_file``, which the loader runs while
it reads ``households.yaml`` (so the finding is cached with the file); ``check`` adds what needs
every household at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lingbi_cli import models
from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.store.filecheck import FileContext
from lingbi_cli.store.rows import Loaded


def problem(number: str) -> str | None:
    """Why ``number`` is not a valid GB 11643-1999 citizen ID number, or None if it is (the
    check itself is the models' knowledge, shared with imports and the sample generator)."""
    return models.id_number_problem(number)


def check_file(ctx: FileContext, records: Sequence[Loaded]) -> Iterator[Finding]:
    """Each household's number on its own, while ``households.yaml`` is read."""
    if ctx.source.model is not models.Household:
        return
    for household in records:
        assert isinstance(household, models.Household)
        wrong = problem(household.id_number)
        if wrong is not None:
            yield ctx.finding(
                household,
                f"贫困户 {household.id} 的身份证号有误：{wrong}",
                "对照户口本或身份证核对号码（最后一位 X 用大写）",
            )


@rule(
    "id-number",
    tier=Tier.integrity,
    order=5,
    level=Level.error,
    cost=2,
    per_file=check_file,
    summary="公民身份号码校验码错误、出生日期不存在，或两户重复",
    what="""
    贫困户户主的公民身份号码（GB 11643-1999）不是 18 位、其中的出生日期不存在，或者最后一位
    校验码不对（按 ISO 7064 MOD 11-2 计算，余数对应 10 时写大写的 X）；或者两户登记了同一个号码。
    """,
    why="""
    身份证号是这一户与县里建档立卡系统对应的依据；错了一位，就在系统里找不到这一户。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a household head's citizen ID number (GB 11643-1999) that is not 18 characters, has
    an impossible birth date, or a wrong check digit (ISO 7064 MOD 11-2, ``X`` for 10); or the
    same number on two households (the first one read is kept, the second reported).
    Why: the number is how the household is matched with the county's poverty register
    (建档立卡); a wrong digit means the household cannot be found there.
    """
    flagged = {f.record for f in ctx.records.findings if f.rule == "id-number"}
    first_seen: dict[str, models.Household] = {}
    for household in ctx.records.households.values():
        if household.id in flagged:
            continue
        earlier = first_seen.setdefault(household.id_number, household)
        if earlier is not household:
            yield ctx.finding(
                household,
                f"贫困户 {household.id} 与 {earlier.id} 的身份证号相同",
                "同一户不应登记两次；核对两条记录，删除或改正其中一条",
            )
