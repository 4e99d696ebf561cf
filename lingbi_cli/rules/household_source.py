"""household-source: a paired household that did not come from where §2.3(3) says."""

from __future__ import annotations

from collections.abc import Iterator

from lingbi_cli import models
from lingbi_cli.errors import Finding, Level
from lingbi_cli.models import ChosenBy
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.rules.labels import Q3_3, pairing_label


@rule(
    "household-source",
    tier=Tier.campaign,
    order=2,
    level=Level.warning,
    clause=Q3_3,
    quote=(
        "机关、事业单位的人大代表从所在单位已落实的联系帮扶户中确定,企业、农村的人大代表"
        "由代表会同所在乡镇人大主席团从所在乡镇帮扶点中推荐确定"
    ),
    summary="结对的贫困户来源不符：机关事业单位代表应从本单位帮扶户中确定，企业、农村代表应由乡镇推荐",
    what="""
    结对的贫困户来源不符合 §2.3(3)：机关、事业单位的代表，结对的户必须在他所在单位（unit）的
    帮扶户名单（households）中，结对写 chosen_by: 单位名单；企业、农村和其他单位的代表（文件
    没有提到“其他”，lingbi 按企业、农村对待），结对的户必须由乡镇推荐（chosen_by: 乡镇推荐，
    贫困户的 source 为 乡镇帮扶点），并且在代表所在的乡镇、在乡镇帮扶点（乡镇的 points，写了才
    核对）所在的村。
    """,
    why="""
    条款这样分工，是让各单位继续帮扶已经落实的帮扶户，其余的由乡镇人大主席团统筹推荐。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a pairing whose household did not come from where §2.3(3) says: for a deputy of an
    organ or public institution (机关、事业单位), the household must be on the ``households`` list
    of the deputy's ``unit`` and the pairing ``chosen_by: 单位名单``; for a deputy of an
    enterprise, a village, or another employer (其他, which the seed does not name and lingbi
    treats like 企业、农村), the household must be recommended by the township
    (``chosen_by: 乡镇推荐``, household ``source: 乡镇帮扶点``), live in the deputy's township
    and in one of its assistance points (the township's ``points``, when it lists any).
    Why: the clause divides the work so that units keep helping the households they already
    help, and the township presidium keeps the overview of the rest.
    """
    records = ctx.records
    for pairing in records.pairings.values():
        deputy = records.deputies.get(pairing.deputy)
        household = records.households.get(pairing.household)
        if deputy is None or household is None or not ctx.in_scope(deputy.township):
            continue
        problem = ""
        if deputy.employer.takes_unit_households:
            unit = records.units.get(deputy.unit or "")
            if unit is not None and household.id not in records.unit_households(unit.id):
                problem = f"该户不在代表所在单位“{unit.name}”已落实的帮扶户名单中"
            elif pairing.chosen_by is not ChosenBy.unit_list:
                problem = "机关、事业单位代表的结对应从单位名单确定（chosen_by: 单位名单）"
        elif pairing.chosen_by is not ChosenBy.township:
            problem = f"{deputy.employer.value}代表的结对应由乡镇推荐（chosen_by: 乡镇推荐）"
        elif household.source is not models.HouseholdSource.township:
            problem = "该户不是乡镇帮扶点的贫困户（source 不是 乡镇帮扶点）"
        elif household.township != deputy.township:
            problem = f"该户在 {household.township}，不在代表所在乡镇 {deputy.township}"
        elif not records.at_point(household):
            problem = f"该户所在的{household.village}不是本乡镇的帮扶点（乡镇的 points）"
        if problem:
            yield ctx.finding(
                pairing,
                f"{pairing_label(ctx, pairing)}：{problem}",
                "按《实施意见》§2.3(3) 重新确定结对户，或核对代表的单位性质（employer）和单位名单",
            )
