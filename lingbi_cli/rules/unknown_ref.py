"""unknown-ref: a reference to a deputy, household, township or unit that does not exist."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.store.rows import Loaded


def _ref(
    ctx: Context,
    record: Loaded,
    field: str,
    value: str | None,
    table: Mapping[str, object],
    label: str,
) -> Finding | None:
    if value is None or value in table or not ctx.shown(record):
        return None
    return ctx.finding(
        record,
        f"{record.kind_label} {record.id} 的 {field} 指向不存在的{label} {value}",
        f"检查编号是否写错；可用 lingbi stats 或查看对应文件找到正确的{label}编号",
    )


@rule(
    "unknown-ref",
    tier=Tier.integrity,
    order=4,
    level=Level.error,
    cost=3,
    summary="引用了不存在的代表、贫困户、乡镇、单位",
    what="""
    记录引用了不存在的代表、贫困户、乡镇或单位：活动的 deputies 或 household，结对的代表和
    贫困户，议案建议的领衔代表（lead）和附议代表（cosigners），单位的帮扶户名单（households），
    乡镇的联系领导（liaison），表彰的对象，爱心人士捐赠的受助户，代表和贫困户所在的单位（unit），
    以及各种记录所属的乡镇。
    """,
    why="""
    引用的编号不存在，几乎总是编号写错了；照原样统计，这份工作就记到了“没有人”的名下，报告里的
    数字也会出错。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a record that refers to a deputy, household, township or unit that does not exist:
    an activity's ``deputies`` or ``household``, a pairing's ends, a proposal's ``lead`` and
    ``cosigners``, a unit's ``households``, a household's ``unit``, a township's ``liaison``
    leaders, an award's recipient, a donor's household, a deputy's ``unit``, any record's
    ``township``.
    Why: a reference to nothing is almost always a typo in an id; counted as it is, the work
    would be credited to nobody and the figures of the report would be wrong.
    """
    c = ctx.records
    t, u, d, h = c.townships, c.units, c.deputies, c.households
    for town in t.values():
        for leader in town.liaison:
            yield _ref(ctx, town, "liaison", leader, d, "代表（联系领导）")
    for unit in u.values():
        for household in unit.households:
            yield _ref(ctx, unit, "households", household, h, "贫困户")
    for deputy in d.values():
        yield _ref(ctx, deputy, "township", deputy.township, t, "乡镇")
        yield _ref(ctx, deputy, "unit", deputy.unit, u, "单位")
    for household_record in h.values():
        yield _ref(ctx, household_record, "township", household_record.township, t, "乡镇")
        yield _ref(ctx, household_record, "unit", household_record.unit, u, "单位")
    for pairing in c.pairings.values():
        yield _ref(ctx, pairing, "deputy", pairing.deputy, d, "代表")
        yield _ref(ctx, pairing, "household", pairing.household, h, "贫困户")
    for activity in c.activities.values():
        # the common case first: everything resolves (a county has 250,000 of these)
        deputies = activity.deputies
        if (
            activity.township in t
            and (activity.household is None or activity.household in h)
            and (deputies[0] in d if len(deputies) == 1 else all(x in d for x in deputies))
        ):
            continue
        yield _ref(ctx, activity, "township", activity.township, t, "乡镇")
        for deputy_id in activity.deputies:
            yield _ref(ctx, activity, "deputies", deputy_id, d, "代表")
        yield _ref(ctx, activity, "household", activity.household, h, "贫困户")
    for proposal in c.proposals.values():
        yield _ref(ctx, proposal, "township", proposal.township, t, "乡镇")
        for deputy_id in proposal.deputies:
            yield _ref(ctx, proposal, "lead/cosigners", deputy_id, d, "代表")
    for filing in c.filings.values():
        yield _ref(ctx, filing, "township", filing.township, t, "乡镇")
    for donor in c.donors.values():
        yield _ref(ctx, donor, "township", donor.township, t, "乡镇")
        yield _ref(ctx, donor, "household", donor.household, h, "贫困户")
    for award in c.awards.values():
        yield _ref(ctx, award, "township", award.township, t, "乡镇")
        yield _ref(ctx, award, "deputy", award.deputy, d, "代表")
