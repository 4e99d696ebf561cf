"""The integrity tier: rules that say whether the records can be trusted at all.

``yaml-syntax``, ``schema`` and ``duplicate-id`` are applied by the loader and only documented
here; ``unknown-ref``, ``id-number``, ``date-range``, ``pairing-window`` and ``inactive-deputy``
run over the loaded county.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from lingbi_cli import models
from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, loader_rule, rule
from lingbi_cli.store.rows import Loaded

loader_rule(
    "yaml-syntax",
    level=Level.error,
    summary="文件不是合法的 YAML，或不是 UTF-8 编码",
    doc="""
    What: a file that cannot be read as YAML — a syntax error (with line and column), a file
    that is not UTF-8 (for example saved as GBK by Excel or Notepad), several documents in one
    file, or YAML anchors and aliases (``&``/``*``), which lingbi refuses so that an "alias bomb"
    cannot exhaust memory.
    Why: nothing in such a file can be checked or counted; saying so beats silently skipping it.
    Example: ``- id: yangtuan-d001`` followed by ``  name: "张伟`` (the quote never closes).
    """,
    example='- id: yangtuan-d001\n  name: "张伟\n',
)

loader_rule(
    "schema",
    level=Level.error,
    summary="字段缺失、类型不对、取值不在可选范围内，或有不认识的字段",
    doc="""
    What: a record whose fields do not fit its kind: a required field missing, a date that does
    not exist (2021-02-30), a number where text belongs, a value outside its list of choices, or
    a key lingbi does not know (a typo such as ``dputies``). Also: a file whose top level is not
    a list of records, an empty file (warning), and a YAML file lingbi does not know (warning).
    Why: a typo in a key would otherwise silently drop the value; the tool must never guess.
    Example: an activity with ``date: 2021-02-30``.
    """,
    example=(
        "- id: yangtuan-a201905-001\n  date: 2019-02-30\n  kind: 串门\n"
        "  deputies: [yangtuan-d001]\n  household: yangtuan-h0001\n  summary: 入户走访\n"
    ),
)

loader_rule(
    "duplicate-id",
    level=Level.error,
    summary="同一编号出现两次（同一文件或不同文件）",
    doc="""
    What: two records of the same kind with the same ``id``, in one file or in two.
    Why: every command and every report refers to records by id; two records under one id make
    every reference ambiguous. The first one read is kept, the second is reported.
    Example: two deputies ``yangtuan-d001`` in ``townships/yangtuan/deputies.yaml``.
    """,
    example="- id: yangtuan-d001\n  name: 张伟\n  # …\n- id: yangtuan-d001\n  name: 李娜\n",
)


def _ref(
    ctx: Context,
    record: Loaded,
    field: str,
    value: str | None,
    table: Mapping[str, object],
    label: str,
) -> Finding | None:
    if value is None or value in table:
        return None
    return ctx.finding(
        record,
        f"{record.kind_label} {record.id} 的 {field} 指向不存在的{label} {value}",
        f"检查编号是否写错；可用 lingbi stats 或查看对应文件找到正确的{label}编号",
    )


@rule(
    "unknown-ref",
    level=Level.error,
    summary="引用了不存在的代表、贫困户、乡镇、单位",
    example=(
        "# townships/yangtuan/activities/2019-05.yaml\n- id: yangtuan-a201905-001\n"
        "  date: 2019-05-08\n  kind: 串门\n  deputies: [yangtuan-d999]  # 没有这位代表\n"
        "  household: yangtuan-h0001\n  summary: 入户走访\n"
    ),
)
def unknown_ref(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a record that refers to a deputy, household, township or unit that does not exist:
    an activity's ``deputies`` or ``household``, a pairing's ends, a proposal's ``lead`` and
    ``cosigners``, a unit's ``households``, a township's ``liaison`` leaders, an award's
    recipient, a deputy's ``unit``.
    Why: a reference to nothing is almost always a typo in an id; counted as it is, the work
    would be credited to nobody and the figures of the report would be wrong.
    Example: an activity with ``deputies: [yangtuan-d999]`` when there is no such deputy.
    """
    c = ctx.county
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
    for award in c.awards.values():
        yield _ref(ctx, award, "township", award.township, t, "乡镇")
        yield _ref(ctx, award, "deputy", award.deputy, d, "代表")


@rule(
    "id-number",
    level=Level.error,
    summary="公民身份号码校验码错误、出生日期不存在，或两户重复",
    example=(
        "# townships/yangtuan/households.yaml\n- id: yangtuan-h0001\n  head: 王某\n"
        "  id_number: '341323198001010021'  # 校验码应为 X\n"
    ),
)
def id_number(ctx: Context) -> Iterator[Finding | None]:
    """
    What: a household head's citizen ID number (GB 11643-1999) that is not 18 characters, has an
    impossible birth date, or a wrong check digit (ISO 7064 MOD 11-2, ``X`` for 10); or the same
    number on two households.
    Why: the number is how the household is matched with the county's poverty register
    (建档立卡); a wrong digit means the household cannot be found there.
    Example: ``341323198001010021`` — the check digit should be ``X``.

    Each number is checked on its own while its file is read (``store.load.parse_file``, so the
    result is cached with the file); this function adds what needs every household at once.
    """
    flagged = {f.record for f in ctx.county.findings if f.rule == "id-number"}
    first_seen: dict[str, models.Household] = {}
    for household in ctx.county.households.values():
        if household.id in flagged:
            continue
        earlier = first_seen.setdefault(household.id_number, household)
        if earlier is not household:
            yield ctx.finding(
                household,
                f"贫困户 {household.id} 与 {earlier.id} 的身份证号相同",
                "同一户不应登记两次；核对两条记录，删除或改正其中一条",
            )


def _dated(
    ctx: Context, record: Loaded, day: dt.date, what: str, earliest: dt.date
) -> Finding | None:
    if day > ctx.today:
        return ctx.finding(
            record,
            f"{record.kind_label} {record.id} 的{what} {day} 在今天（{ctx.today}）之后",
            "未来的事情不能登记；检查年份和月份是否写错",
        )
    if not earliest <= day <= ctx.campaign.end:
        return ctx.finding(
            record,
            f"{record.kind_label} {record.id} 的{what} {day} 不在活动期间 "
            f"{earliest} 至 {ctx.campaign.end}",
            "检查日期是否写错；活动期间在 lingbi.yaml 的 campaign 中设置",
        )
    return None


@rule(
    "date-range",
    level=Level.error,
    clause="§2.1",
    quote="活动于今年4月正式启动,至2020年底结束。",
    summary="日期不在活动期间（2018年4月至2020年底）或在未来",
    example=(
        "# townships/yangtuan/activities/2021-01.yaml\n- id: yangtuan-a202101-001\n"
        "  date: 2021-01-05\n  kind: 串门\n  # …\n"
    ),
)
def date_range(ctx: Context) -> Iterator[Finding | None]:
    """
    What: an activity, proposal or pairing dated before the campaign began (April 2018) or
    after it ended (end of 2020), or any record dated after today; an activity in a month file
    it does not belong to (found while loading). Filings and pairings may date from 1 January of
    the first year, because the plan and the pairing list are due by 31 March, before the start.
    Why: §2.1 fixes the period; a date outside it is a typo, most often in the year.
    Example: an activity dated 2021-01-05.
    """
    start = ctx.campaign.start
    year_start = dt.date(start.year, 1, 1)
    last = min(ctx.campaign.end, ctx.today)
    for activity in ctx.county.activities.values():
        if not start <= activity.date <= last:  # the common case costs one comparison
            yield _dated(ctx, activity, activity.date, "日期", start)
    for proposal in ctx.county.proposals.values():
        yield _dated(ctx, proposal, proposal.date, "提出日期", start)
    for filing in ctx.county.filings.values():
        yield _dated(ctx, filing, filing.date, "报送日期", year_start)
    for pairing in ctx.county.pairings.values():
        yield _dated(ctx, pairing, pairing.start, "开始日期", year_start)
        if pairing.end is not None:
            yield _dated(ctx, pairing, pairing.end, "结束日期", year_start)


@rule(
    "pairing-window",
    level=Level.error,
    clause="§2.3(3)",
    quote="倡导每名代表结对联系1—3户贫困户……定期走访。",
    summary="对当天并未结对的贫困户登记了帮扶活动（六个一）",
    example=(
        "# townships/yangtuan/activities/2019-05.yaml\n- id: yangtuan-a201905-001\n"
        "  date: 2019-05-08\n  kind: 串门\n  deputies: [yangtuan-d001]\n"
        "  household: yangtuan-h0042   # 该代表从未与此户结对\n  summary: 入户走访\n"
    ),
)
def pairing_window(ctx: Context) -> Iterator[Finding | None]:
    """
    What: one of the six ones (串门、谈心、讲课、献计、捐资、出力) recorded for a household with
    which none of the activity's deputies had a pairing on that date — never paired, paired
    only later, or after the pairing ended. In joint work, one paired deputy is enough: the
    others are accompanying.
    Why: §2.3(3) counts the six ones as pairing work; crediting it to a household outside the
    pairing inflates the figures and hides a missing pairing record.
    Example: a 串门 by yangtuan-d001 at yangtuan-h0042 on 2019-05-08, when that deputy's pairing
    with the household began on 2019-06-01.
    """
    spans: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = {}
    for pairing in ctx.county.pairings.values():
        spans.setdefault((pairing.deputy, pairing.household), []).append(
            (pairing.start, pairing.end or dt.date.max)
        )
    six = frozenset(models.SIX_ONES)
    households = ctx.county.households
    for activity in ctx.county.activities.values():
        household = activity.household
        if household is None or activity.kind not in six or household not in households:
            continue  # not pairing work, or unknown-ref says so
        day = activity.date
        deputies = activity.deputies
        if len(deputies) == 1:  # the common case, without generators
            paired = False
            for start, end in spans.get((deputies[0], household), ()):
                if start <= day <= end:
                    paired = True
                    break
            if paired:
                continue
        elif any(
            start <= day <= end
            for deputy in deputies
            for start, end in spans.get((deputy, household), ())
        ):
            continue
        names = "、".join(activity.deputies)
        yield ctx.finding(
            activity,
            f"活动 {activity.id}（{activity.kind.value}，{activity.date}）：{names} "
            f"在这一天并未与贫困户 {household} 结对",
            "先用 lingbi pair 登记结对（注意开始日期），或改正活动的贫困户/代表",
        )


@rule(
    "inactive-deputy",
    level=Level.error,
    summary="记录日期不在代表任期之内",
    example=(
        "# townships/yangtuan/deputies.yaml\n- id: yangtuan-d007\n  term_start: 2016-11-20\n"
        "  term_end: 2019-06-30\n  # …\n"
        "# activities/2019-08.yaml: 2019-08-02 的活动列了 yangtuan-d007\n"
    ),
)
def inactive_deputy(ctx: Context) -> Iterator[Finding | None]:
    """
    What: an activity, proposal or pairing that names a deputy on a date outside their term
    (``term_start`` … ``term_end``); a pairing that is still open after the deputy's term ended.
    Why: a deputy who has left (or not yet taken office) cannot act as a deputy; the record is
    either misdated or credited to the wrong person, and a pairing must be handed over when its
    deputy leaves so that the household is not left without help.
    Example: an activity on 2019-08-02 naming a deputy whose term ended on 2019-06-30.
    """
    deputies = ctx.county.deputies

    def outside(deputy_id: str, day: dt.date) -> models.Deputy | None:
        deputy = deputies.get(deputy_id)
        return deputy if deputy is not None and not deputy.active_on(day) else None

    def term(deputy: models.Deputy) -> str:
        return f"{deputy.term_start} 至 {deputy.term_end or '今'}"

    terms = {d.id: (d.term_start, d.term_end or dt.date.max) for d in deputies.values()}
    always = (dt.date.min, dt.date.max)  # unknown deputies: unknown-ref says so
    for activity in ctx.county.activities.values():
        day = activity.date
        named = activity.deputies
        if len(named) == 1:  # the common case, without generators
            start, end = terms.get(named[0], always)
            if start <= day <= end:
                continue
        elif all(start <= day <= end for start, end in (terms.get(d, always) for d in named)):
            continue
        for deputy_id in activity.deputies:
            deputy = outside(deputy_id, activity.date)
            if deputy is not None:
                yield ctx.finding(
                    activity,
                    f"活动 {activity.id} 的日期 {activity.date} 不在代表 {deputy.name}"
                    f"（{deputy.id}）的任期（{term(deputy)}）内",
                    "检查日期或代表是否写错",
                )
    for proposal in ctx.county.proposals.values():
        for deputy_id in proposal.deputies:
            deputy = outside(deputy_id, proposal.date)
            if deputy is not None:
                yield ctx.finding(
                    proposal,
                    f"议案建议 {proposal.id} 的提出日期 {proposal.date} 不在代表 {deputy.name}"
                    f"（{deputy.id}）的任期（{term(deputy)}）内",
                    "检查日期或署名代表是否写错",
                )
    for pairing in ctx.county.pairings.values():
        deputy = deputies.get(pairing.deputy)
        if deputy is None:
            continue
        if not deputy.active_on(pairing.start):
            yield ctx.finding(
                pairing,
                f"结对 {pairing.id} 的开始日期 {pairing.start} 不在代表 {deputy.name}"
                f"（{deputy.id}）的任期（{term(deputy)}）内",
                "检查开始日期或代表是否写错",
            )
        elif (
            deputy.term_end is not None
            and deputy.term_end < ctx.as_of
            and (pairing.end is None or pairing.end > deputy.term_end)
        ):
            yield ctx.finding(
                pairing,
                f"代表 {deputy.name}（{deputy.id}）的任期已于 {deputy.term_end} 结束，"
                f"结对 {pairing.id} 却没有在那时结束",
                f"用 lingbi unpair {deputy.id} {pairing.household} --date {deputy.term_end} "
                "--reason 代表任期结束 结束结对，再为该户安排新的代表",
            )
