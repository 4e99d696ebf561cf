"""Activities: the six ones of every pairing, the townships' trips, the deputies' own
contributions and publicity, and the liaison leaders' supervision visits.

Each pairing meets its household by the first-meeting deadline (``days.first_meeting_due``),
is visited every quarter and does each of the six ones at least once a year, on days outside
any blackout the shortfalls planned. Activities are kept per township as record fields until
its month files are written.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from lingbi_cli import models as m
from lingbi_cli.sample.days import (
    END,
    QUARTERS,
    START,
    YEARS,
    count,
    date,
    first_meeting_due,
    ordinal,
    pick,
    weighted,
)
from lingbi_cli.sample.drafts import County, Deputy, Pairing, Township
from lingbi_cli.sample.words import (
    ADVICES,
    DONATIONS,
    FINDINGS,
    FIRSTS,
    FOCI,
    HEADLINES,
    INDUSTRIES,
    ITEMS,
    LABOURS,
    LESSONS,
    OUTLETS,
    SKILLS,
    TALKS,
    TOPICS,
    VISITS,
    WORKS,
    S,
)

K = m.ActivityKind
KIND_INDEX = {kind: i for i, kind in enumerate(K)}
OTHER_SIX = (K.talk, K.lesson, K.advice, K.donation, K.labour)
EXTRA_SIX = (
    (45, K.visit),
    (25, K.talk),
    (10, K.donation),
    (10, K.labour),
    (5, K.advice),
    (5, K.lesson),
)


def activities(county: County, township: Township) -> None:
    """All of one township's activities, from its own random stream."""
    rng = county.rng(township.id, "work")
    for pair in township.pairs:
        _pairing_work(county, township, rng, pair)
    _trips(county, township, rng)
    _contributions(county, township, rng)
    _supervision(county, township, rng)


def _act(
    township: Township,
    day: int,
    kind: m.ActivityKind,
    deps: list[str],
    summary: str,
    household: str = "",
    fields: Iterable[tuple[str, object]] = (),
    focus: m.FocusArea | None = None,
    findings: str = "",
) -> None:
    record: dict[str, object] = {"id": "", "date": date(day), "kind": kind, "deputies": deps}
    if household:
        record["household"] = household
    record.update(fields)
    if focus is not None:
        record["focus"] = focus
    record["summary"] = summary
    if findings:
        record["findings"] = findings
    township.acts.append((day, KIND_INDEX[kind], deps, household, record))


def _six(
    township: Township,
    rng: random.Random,
    pair: Pairing,
    kind: m.ActivityKind,
    day: int,
    first: bool = False,
) -> None:
    house = pair.house
    h, v = house.head, township.villages[house.village]
    deps = [pair.dep.id]
    if rng.random() < 0.04:
        other = rng.choice(township.deps)
        if other is not pair.dep and other.free(day):
            deps.append(other.id)
    fields: list[tuple[str, object]] = []
    focus = None
    if kind is K.visit:
        summary = rng.choice(FIRSTS if first else VISITS).format(h=h)
    elif kind is K.talk:
        summary = rng.choice(TALKS).format(h=h)
    elif kind is K.lesson:
        summary = rng.choice(LESSONS).format(h=h, v=v, x=rng.choice(SKILLS))
        if rng.random() < 0.6:
            fields.append(("participants", rng.randint(5, 40)))
        focus = m.FocusArea.industry
    elif kind is K.advice:
        summary = rng.choice(ADVICES).format(h=h, x=rng.choice(INDUSTRIES))
        focus = m.FocusArea.industry
    elif kind is K.donation:
        summary = rng.choice(DONATIONS).format(h=h, x=rng.choice(ITEMS))
        fields.append(("amount", rng.choice((200, 300, 500, 500, 800, 1000, 1500, 2000, 3000))))
    else:
        summary = rng.choice(LABOURS).format(h=h, x=rng.choice(WORKS))
    _act(township, day, kind, deps, summary, house.id, fields, focus)


def _pairing_work(county: County, township: Township, rng: random.Random, pair: Pairing) -> None:
    """The six ones of one pairing: a first meeting, a visit every quarter, each kind a year."""
    lo, hi = max(pair.start, START), min(pair.end or END, END)
    if lo > hi:
        return
    blocked = pair.blackout + pair.dep.silent
    if pair.first:
        first = pair.first
    else:
        deadline = first_meeting_due(lo)
        if pair.start < START:  # listed before the campaign: met in April, a few days early
            first = pick(rng, START, deadline - 3, blocked)
        else:
            quarter_end = next(q[3] for q in QUARTERS if q[2] <= lo <= q[3])
            first = pick(rng, lo, min(lo + 20, deadline, quarter_end, hi), blocked)
        if pair.late_first or first < 0:
            first = min(deadline + rng.randint(3, 20), hi)
    _six(township, rng, pair, K.visit, first, first=True)
    for _, _, qs, qe in QUARTERS:
        a, b = max(qs, lo, first + 1), min(qe, hi)
        if a <= b and not (qs <= first <= qe):
            day = pick(rng, a, b, blocked)
            if day > 0:
                _six(township, rng, pair, K.visit, day)
    for year in YEARS:
        a, b = max(ordinal(year, 1, 1), lo, first), min(ordinal(year, 12, 31), hi)
        if a > b:
            continue
        kinds = list(OTHER_SIX)
        if county.short(rng, "six-ones", 1.5):
            kinds.remove(rng.choice(kinds))
        extra = count(rng, county.profile.extra * (b - a + 1) / 365)
        kinds += [weighted(rng, EXTRA_SIX) for _ in range(extra)]
        for kind in kinds:
            day = pick(rng, a, b, blocked)
            if day > 0:
                _six(township, rng, pair, kind, day)


def _trips(county: County, township: Township, rng: random.Random) -> None:
    profile = county.profile
    for year in YEARS:
        lo, hi = max(START + 9, ordinal(year, 1, 10)), ordinal(year, 12, 15)
        n = 2 if year in township.short_trips else rng.randint(*profile.trips)
        width = (hi - lo + 1) // n
        days = [lo + i * width + rng.randint(width // 5, width - width // 5) for i in range(n)]
        members: list[list[Deputy]] = [[] for _ in days]
        for dep in township.deps:
            fits = [i for i, day in enumerate(days) if dep.free(day)]
            if fits:
                members[rng.choice(fits)].append(dep)
        for i, day in enumerate(days):
            free = [d for d in township.deps if d.free(day) and d not in members[i]]
            want = min(
                len(free),
                max(0, profile.trip_size + rng.randint(0, profile.trip_size) - len(members[i])),
            )
            members[i] += rng.sample(free, want)
            if not members[i]:
                continue
            focus = rng.choice(FOCI)
            villages = rng.sample(township.villages, rng.randint(1, 3))
            topic = rng.choice(TOPICS[focus])
            how = rng.choice(("专题调研", "集中视察", "实地视察"))
            _act(
                township,
                day,
                K.trip,
                sorted(d.id for d in members[i]),
                f"组织代表对{topic}开展{how}，入户走访并召开民情恳谈会",
                fields=(
                    ("villages", villages),
                    ("participants", rng.randint(4, 25)),
                ),
                focus=focus,
                findings=rng.choice(FINDINGS),
            )


def _contributions(county: County, township: Township, rng: random.Random) -> None:
    profile = county.profile
    for dep in township.deps:
        for year in YEARS:
            lo = max(dep.start, START, ordinal(year, 1, 1))
            hi = min(dep.end or END, ordinal(year, 12, 31))
            if lo > hi:
                continue
            for _ in range(count(rng, profile.contributions * (hi - lo + 1) / 365)):
                day = pick(rng, lo, hi, dep.silent)
                if day > 0:
                    _contribution(township, rng, dep, day)
            for _ in range(count(rng, profile.publicity * (hi - lo + 1) / 365)):
                day = pick(rng, lo, hi, dep.silent)
                if day > 0:
                    outlet = rng.choice(tuple(OUTLETS))
                    headline = rng.choice(HEADLINES)
                    _act(
                        township,
                        day,
                        K.publicity,
                        [dep.id],
                        f"{OUTLETS[outlet]}报道{dep.name}代表参与脱贫攻坚的事迹",
                        fields=(
                            ("outlet", outlet),
                            ("title", f"《{dep.name}：{headline}》"),
                        ),
                    )


def _contribution(township: Township, rng: random.Random, dep: Deputy, day: int) -> None:
    v, x = rng.choice(township.villages), rng.choice(INDUSTRIES)
    fields: list[tuple[str, object]]
    if dep.sector is S.enterprise:
        summary, focus = f"在{v}设立扶贫车间，吸纳贫困劳动力就近就业", m.FocusArea.industry
        fields = [("amount", rng.randrange(5, 100) * 1000), ("jobs", rng.randint(3, 40))]
    elif dep.sector is S.cadre:
        focus = rng.choice(FOCI)
        summary = f"协调争取{rng.choice(TOPICS[focus])}项目资金，落实到{v}"
        fields = [("funds", rng.randrange(10, 400) * 10000), ("projects", rng.randint(1, 3))]
    elif dep.sector is S.education:
        summary, focus = rng.choice(
            (
                ("组织送医下乡义诊，为贫困户免费体检", m.FocusArea.medical),
                ("开展送教下乡，为留守儿童辅导功课", m.FocusArea.villages),
            )
        )
        fields = [("trainees", rng.randint(20, 200))]
    elif dep.sector is S.professional:
        summary, focus = f"举办{rng.choice(SKILLS)}培训班", m.FocusArea.industry
        fields = [("trainees", rng.randint(20, 150))]
    elif dep.sector is S.frontline:
        summary, focus = f"领办{x}专业合作社，带动贫困户入社增收", m.FocusArea.industry
        fields = [("cooperatives", 1), ("jobs", rng.randint(2, 20))]
    else:
        summary, focus = f"带头发展{x}，带动周边农户学技术", m.FocusArea.industry
        fields = [("jobs", rng.randint(1, 6))] if rng.random() < 0.5 else []
    _act(township, day, K.contribution, [dep.id], summary, fields=fields, focus=focus)


def _supervision(county: County, township: Township, rng: random.Random) -> None:
    for leader in township.liaison:
        for year in YEARS:
            if county.short(rng, "liaison-supervision"):
                continue
            for _ in range(1 if county.sample else rng.randint(1, 2)):
                day = pick(rng, max(START + 20, ordinal(year, 2, 1)), ordinal(year, 12, 10))
                if not leader.free(day):
                    continue
                villages = rng.sample(township.villages, rng.randint(1, 2))
                _act(
                    township,
                    day,
                    K.supervision,
                    [leader.id],
                    f"督查{township.name}“人大代表在行动”活动开展情况，查阅帮扶台账",
                    fields=(("villages", villages),),
                    findings=rng.choice(FINDINGS),
                )
