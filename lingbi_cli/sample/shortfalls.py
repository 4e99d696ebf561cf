"""Where the county falls short of the campaign's rules, on purpose.

The sample county has a scripted handful — one of each kind a clerk should see ``lingbi check``
find — each described in ``County.deliberate``; the county scales draw a small random share
(``Profile.shortfall``) and count them. ``plan`` runs after the people are built and before
their activities; ``conclude`` after the paperwork.
"""

from __future__ import annotations

from lingbi_cli import models as m
from lingbi_cli.sample.days import (
    END,
    QUARTERS,
    START,
    YEARS,
    date,
    filing_due,
    first_meeting_due,
    half,
    ordinal,
)
from lingbi_cli.sample.drafts import County, Pairing
from lingbi_cli.sample.people import exit_and_relapse


def plan(county: County) -> None:
    """Decide the shortfalls the activities and filings are then made around."""
    if county.sample:
        _plan_deliberate(county)
        _sample_relapses(county)
    else:
        _random_shortfalls(county)


def conclude(county: County) -> None:
    """The sample's proposals at every stage; at county scales, the shortfalls counted."""
    if county.sample:
        _sample_proposals(county)
    else:
        county.deliberate += [
            SHORTFALL_TEXT[what].format(n=n) for what, n in sorted(county.shortfalls.items())
        ]


def _plan_deliberate(county: County) -> None:
    """Pick the sample's handful of shortfalls; each is listed in ``deliberate``."""
    townships = {t.id: t for t in county.townships}
    say = county.deliberate.append

    def steady(tid: str) -> list[Pairing]:
        return [
            p
            for p in townships[tid].pairs
            if p.start < START and p.end is None and p.dep.end is None and not p.dep.committee
        ]

    late = steady("lingcheng")[0]
    due = first_meeting_due(START)
    late.first = due + 8
    late.comment = "lingbi: ignore[first-meeting] 户主在外务工，五一后返乡才见面对接"
    met, by = date(late.first), date(due)
    say(
        f"{late.id}（灵城镇）首次见面对接 {met}，晚于 {by.month} 月 {by.day} 日，记录上注明"
        f" ignore[first-meeting] / {late.id} first meeting on {met}, after {by}; "
        "ignored by a `# lingbi: ignore[first-meeting]` comment on the pairing"
    )

    gap = ([p for p in steady("chaoyang") if len(p.dep.pairs) >= 2] or steady("chaoyang"))[0]
    y, q, qs, qe = QUARTERS[6]  # 2019Q3
    gap.blackout.append((qs, qe))
    gap.comment = "2019年7至9月户主外出就医，未能入户"
    say(
        f"{gap.id}（朝阳镇，代表 {gap.dep.id}）{y} 年第 {q} 季度没有走访 / {gap.id} has no "
        f"visit (no six-ones work at all) in {y}Q{q}"
    )

    yinji = [p.dep for p in steady("yinji") if p.dep.start < START]
    quiet = ([d for d in yinji if len(d.pairs) == 1] or yinji)[-1]
    quiet.silent.append(half(2019, 2))
    pairs = "、".join(sorted(p.id for p in quiet.pairs))
    say(
        f"{quiet.id}（尹集镇 {quiet.name}）2019 年下半年没有任何活动，其结对 {pairs} 因此"
        f" 2019 年第三、四季度也没有走访 / {quiet.id} silent in 2019H2, so its pairing {pairs} "
        "also has no visit in 2019Q3 and 2019Q4"
    )

    filed = filing_due(m.FilingKind.h1_report, 2019) + 5
    townships["yangtuan"].late_filing[(2019, m.FilingKind.h1_report)] = filed
    day = date(filed)
    say(
        f"杨疃镇 2019 年上半年报告 {day.month} 月 {day.day} 日才报送 / yangtuan filed its 2019H1 "
        f"report late ({day})"
    )

    townships["yuji"].short_trips.add(2020)
    say("虞姬乡 2020 年只组织了 2 次调研视察 / yuji held only 2 investigation trips in 2020")


def _sample_proposals(county: County) -> None:
    """Every lifecycle stage, each result and each satisfaction, whatever the seed drew."""
    props = [p for t in county.townships for p in t.proposals]
    chaoyang = next(t for t in county.townships if t.id == "chaoyang").proposals
    stuck = next(
        (p for p in chaoyang if p.reply and ordinal(2020, 1, 1) <= p.date <= ordinal(2020, 8, 31)),
        None,
    ) or next(p for p in reversed(props) if p.reply)
    stuck.reply, stuck.result, stuck.satisfaction, stuck.rehandled = 0, None, None, 0
    stuck.comment = "已交办，承办单位至今未答复"
    county.deliberate.append(
        f"议案建议 {stuck.id} {date(stuck.assigned)} 交办{stuck.department}，至今未答复 / "
        f"proposal {stuck.id} assigned to {stuck.department} on {date(stuck.assigned)}, "
        "never replied"
    )
    replied = [p for p in props if p.reply]
    results = tuple(m.ProposalResult)
    for i, prop in enumerate(replied):
        prop.result = results[i % 4]
        prop.rehandled = 0
        prop.satisfaction = (m.Satisfaction.satisfied, m.Satisfaction.basically)[i // 4 % 2]
    pending = max(replied, key=lambda p: (p.reply, p.id))
    pending.satisfaction = None  # replied lately; the deputy has not said yet
    settled = [p for p in replied if p is not pending and p.reply + 30 < END]
    unhappy = settled[len(settled) // 2]
    unhappy.satisfaction, unhappy.rehandled = m.Satisfaction.unsatisfied, unhappy.reply + 14
    unhappy.comment = "代表对答复不满意，承办单位重新办理"


def _sample_relapses(county: County) -> None:
    """One or two households that left poverty and fell back (返贫)."""
    for tid, cause in (("yangtuan", "因病"), ("yuji", "因灾")):
        township = next(t for t in county.townships if t.id == tid)
        paired = [p.house for p in township.pairs] + township.houses
        house = next(
            h for h in paired if h.registered <= 2016 and h.exit_year and h.exit_year <= 2019
        )
        left = house.exit_year or 2018
        house.history = exit_and_relapse(house.id_number, left)
        house.comment = f"{left}年脱贫，{left + 1}年{cause}返贫，重新纳入帮扶"


SHORTFALL_TEXT = {
    "first-meeting": "{n} 个结对首次见面晚于期限 / {n} pairings met their household late",
    "regular-visits": "{n} 个结对有一个季度没有走访 / {n} pairings miss a quarter's visits",
    "six-ones": "{n} 个结对年度缺一种“六个一” / {n} pairing-years lack one of the six ones",
    "silent-deputy": "{n} 名代表有半年没有活动（其结对该半年也无走访） / {n} deputies silent "
    "for a half-year (their pairings unvisited then too)",
    "trips-per-year": "{n} 个乡镇年度只组织 2 次调研视察 / {n} township-years with only 2 trips",
    "filings": "{n} 份报送晚于期限 / {n} filings late",
    "proposal-reply": "{n} 件议案建议未答复或不满意后未重新办理 / {n} proposals never replied "
    "or not re-handled after 不满意",
    "liaison-supervision": "{n} 次联系领导年度督查缺失 / {n} liaison leader-years without a "
    "supervision visit",
}


def _random_shortfalls(county: County) -> None:
    """County scales: a small random share of pairings, deputies and townships fall short."""
    for township in county.townships:
        rng = county.rng(township.id, "short")
        for pair in township.pairs:
            if county.short(rng, "first-meeting", 0.5):
                pair.late_first = True
            if county.short(rng, "regular-visits"):
                _, _, qs, qe = rng.choice(QUARTERS[2:])
                pair.blackout.append((qs, qe))
        for dep in township.deps:
            year, number = rng.choice(YEARS[1:]), rng.choice((1, 2))
            a, b = half(year, number)
            if dep.active(a) and dep.active(b) and county.short(rng, "silent-deputy", 0.5):
                dep.silent.append((a, b))
        for year in YEARS:
            if county.short(rng, "trips-per-year"):
                township.short_trips.add(year)
