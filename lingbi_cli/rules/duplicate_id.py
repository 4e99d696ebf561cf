"""duplicate-id: one record twice — the same id, the same pairing, the same filing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lingbi_cli import models
from lingbi_cli.errors import Finding, Level
from lingbi_cli.rules.base import Context, Tier, rule
from lingbi_cli.store.rows import Loaded


def _read_order(record: Loaded) -> tuple[str, int]:
    return record.file, record.line


@rule(
    "duplicate-id",
    tier=Tier.integrity,
    order=3,
    level=Level.error,
    summary="同一编号出现两次，或同一结对、同一份报送登记了两次",
    what="""
    同一类记录中有两条用了同一个编号（在同一个文件或不同文件中），先读到的一条保留，报告后一条；
    同一位代表与同一户的两条结对在时间上重叠（同一结对登记了两次）；同一乡镇、同一期的同一种报送
    登记了两次。
    """,
    why="""
    每条命令、每份报告都靠编号找到记录：一个编号两条记录，所有引用都说不清指的是哪一条。同一结对
    或同一份报送记了两次，代表结对的户数、乡镇报送的情况都会算错。这样的重复多半来自两个人同时
    登记、git 合并或手工复制粘贴。
    """,
)
def check(ctx: Context) -> Iterator[Finding | None]:
    """
    What: two records of one kind under the same ``id``, in one file or in two (the loader keeps
    the first one read and sets the other aside in ``county.duplicates``); two pairings of the
    same deputy and household that overlap in time; two filings of the same township, kind and
    period. Of each pair, the one read later (by file, then line) is reported, so that a write
    judging a new record appended to its file sees the new one reported.
    Why: every command and report refers to records by id; two records under one id make every
    reference ambiguous. A pairing or filing recorded twice (two clerks at once, a git merge, a
    copy and paste) counts a deputy's households or a township's reports wrong.
    """
    for kept, again in ctx.records.duplicates:
        yield ctx.finding(
            again,
            f"{again.kind_label}编号 {again.id} 重复，第一次出现在 {kept.file}:{kept.line}",
            "给其中一条换一个新编号（编号一旦使用就不要再改）",
        )
    yield from _pairings(ctx)
    yield from _filings(ctx)


def _pairings(ctx: Context) -> Iterator[Finding | None]:
    pairs: dict[tuple[str, str], list[models.Pairing]] = {}
    for pairing in ctx.records.pairings.values():
        pairs.setdefault((pairing.deputy, pairing.household), []).append(pairing)
    for (deputy_id, household_id), same in pairs.items():
        if len(same) < 2:
            continue
        same.sort(key=_read_order)
        for number, later in enumerate(same[1:], start=1):
            last = later.end or dt.date.max
            earlier = next(
                (
                    p
                    for p in same[:number]
                    if p.start <= last and later.start <= (p.end or dt.date.max)
                ),
                None,
            )
            if earlier is None:
                continue
            deputy = ctx.records.deputies.get(deputy_id)
            household = ctx.records.households.get(household_id)
            who = f"{deputy.name}（{deputy_id}）" if deputy else deputy_id
            whom = f"{household.head}户（{household_id}）" if household else household_id
            yield ctx.finding(
                later,
                f"{who} 已经与 {whom} 结对（{earlier.id}，始于 {earlier.start}），"
                f"结对 {later.id} 在同一时间重复登记了这一结对",
                "删除重复的一条；若是结束后重新结对，先给前一条填上 end 和 end_reason",
            )


def _filings(ctx: Context) -> Iterator[Finding | None]:
    same: dict[tuple[str, models.FilingKind, str], list[models.Filing]] = {}
    for filing in ctx.records.filings.values():
        same.setdefault((filing.township, filing.kind, filing.period), []).append(filing)
    for (township_id, kind, period), filings in same.items():
        if len(filings) < 2:
            continue
        filings.sort(key=_read_order)
        first = filings[0]
        township = ctx.records.townships.get(township_id)
        name = township.name if township else township_id
        for later in filings[1:]:
            yield ctx.finding(
                later,
                f"{name} {period} 的{kind.value}已于 {first.date} 登记过（{first.id}），"
                f"报送 {later.id} 重复登记",
                "删除重复的一条；同一期的同一种材料只登记第一次报送",
            )
