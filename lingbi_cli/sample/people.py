"""Building a township's people: villages, deputies (with turnover), households and pairings.

``build_townships`` makes each township from its own random stream, so that a township is the
same whichever others are built with it. Deputies are elected in November 2016 (city and
province deputies earlier); pairings are listed a few days after the campaign's notice of
22 March 2018, and a deputy who leaves hands each household to a deputy with room for it.
"""

from __future__ import annotations

import random

from lingbi_cli import models as m
from lingbi_cli.sample.days import END, QUARTERS, START, date, ordinal, weighted
from lingbi_cli.sample.drafts import County, Deputy, Household, Pairing, Township, Unit, phone
from lingbi_cli.sample.words import (
    CAUSE_ORDER,
    CAUSES,
    COUNTY_UNITS,
    LEAVE_REASONS,
    LEVELS,
    ROLES,
    SAMPLE_ROLES,
    VILLAGE_HEADS,
    VILLAGE_TAILS,
    E,
    L,
    Role,
    S,
)
from lingbi_cli.store.layout import record_id


def _villages(rng: random.Random, name: str, count: int) -> list[str]:
    base = name[:-1] if name[-1] in "镇乡" else ""
    names = [f"{base}社区"] if base else []
    while len(names) < count:
        village = rng.choice(VILLAGE_HEADS) + rng.choice(VILLAGE_TAILS) + "村"
        if village not in names:
            names.append(village)
    return names


def build_townships(county: County) -> None:
    """Every township of the county's scale, each with its liaison leader."""
    homes = _leaders(county)
    for index, (tid, name) in enumerate(county.profile.townships):
        county.townships.append(_build_township(county, tid, name, index, homes))
    by_id = {t.id: t for t in county.townships}
    for home, linked in homes.items():
        for tid in linked:
            by_id[tid].liaison.append(by_id[home].deps[0])


def _leaders(county: County) -> dict[str, list[str]]:
    """Liaison leaders: one committee member for each two townships, at home in the first
    (home township → the townships they are linked to)."""
    ids = [t for t, _ in county.profile.townships]
    return {ids[i]: ids[i : i + 2] for i in range(0, len(ids), 2)}


def _township_units(township: Township) -> list[Unit]:
    return [
        Unit(f"u-{township.id}-zf", township.government, m.UnitKind.organ),
        Unit(f"u-{township.id}-zxx", f"{township.name}中心学校", m.UnitKind.institution),
        Unit(f"u-{township.id}-wsy", f"{township.name}卫生院", m.UnitKind.institution),
    ]


def _new_deputy(
    county: County,
    township: Township,
    rng: random.Random,
    number: int,
    elected: int,
    role: Role | None = None,
) -> Deputy:
    if role is None:
        _, sector, employer, unit_key = rng.choices(ROLES, [r[0] for r in ROLES])[0]
        levels = weighted(rng, LEVELS)
        male = rng.random() < 0.72
    else:
        levels, sector, employer, unit_key, male = role
    unit: str | None = None
    if isinstance(unit_key, tuple):
        unit = rng.choice(unit_key)
    elif unit_key in ("zf", "zxx", "wsy"):
        unit = f"u-{township.id}-{unit_key}"
    elif isinstance(unit_key, str):
        unit = unit_key
    home = rng.randrange(len(township.villages))
    if L.county in levels:
        district = f"{township.name}第{rng.randint(1, 6)}选区"
    elif L.township in levels:
        district = f"{township.villages[home]}选区"
    else:
        district = "灵璧县代表团"
    start = elected
    if L.province in levels and L.county not in levels:
        start = ordinal(2017, 12, 26)
    elif L.city in levels and L.county not in levels:
        start = ordinal(2016, 12, 28)
    return Deputy(
        id=record_id(m.Deputy, number, township.id),
        township=township.id,
        name=county.name(rng, male),
        male=male,
        levels=levels,
        district=district,
        sector=sector,
        employer=employer,
        unit=unit,
        start=start,
        village=None if unit else home,
        phone=phone(rng) if rng.random() < 0.9 else None,
    )


def _new_household(
    county: County,
    rng: random.Random,
    township: Township,
    unit: str | None,
    near: int | None = None,
) -> Household:
    male = rng.random() < 0.75
    attribute = weighted(
        rng,
        (
            (60, m.PovertyAttribute.ordinary),
            (30, m.PovertyAttribute.subsistence),
            (10, m.PovertyAttribute.destitute),
        ),
    )
    members = {
        m.PovertyAttribute.destitute: rng.randint(1, 2),
        m.PovertyAttribute.subsistence: rng.randint(1, 4),
    }.get(attribute, rng.randint(2, 6))
    causes = {weighted(rng, CAUSES) for _ in range(rng.choice((1, 1, 2, 2, 3)))}
    registered = weighted(rng, ((50, 2014), (20, 2015), (15, 2016), (10, 2017), (5, 2018)))
    roll = rng.random()
    exit_year: int | None = None
    relapsed = False
    if roll < 0.85:
        exit_year = max(
            registered,
            weighted(rng, ((8, 2015), (12, 2016), (18, 2017), (27, 2018), (25, 2019), (10, 2020))),
        )
    elif roll < 0.86 and not county.sample and registered <= 2017:
        relapsed = True
    born = rng.randint(ordinal(1933, 1, 1), ordinal(1992, 12, 31))
    if attribute is m.PovertyAttribute.destitute:
        born = rng.randint(ordinal(1930, 1, 1), ordinal(1958, 12, 31))
    village = rng.choice(township.points) if unit is None else rng.randrange(len(township.villages))
    if unit is None and near in township.points and rng.random() < 0.6:
        village = near  # the deputy's own village is an assistance point
    head, id_number = county.name(rng, male, unique=False), county.id_number(rng, born, male)
    history = []
    if exit_year is not None:
        history = [(exit_day(id_number, exit_year), m.HouseholdStatus.exited)]
    elif relapsed:
        left = max(registered, 2016 + int(id_number[-2]) % 3)
        history = exit_and_relapse(id_number, left)
    return Household(
        head=head,
        id_number=id_number,
        village=village,
        group=rng.randint(1, 10),
        members=members,
        attribute=attribute,
        causes=sorted(causes, key=CAUSE_ORDER.__getitem__),
        registered=registered,
        history=history,
        unit=unit,
        phone=phone(rng) if rng.random() < 0.6 else None,
    )


def exit_day(id_number: str, year: int) -> int:
    """The day a household left poverty in ``year``: mostly in the autumn assessments (from
    September), one in five in spring. Drawn from the household's own ID number, not the
    county's random stream, so that dating the exits changed no other record of the sample."""
    own = random.Random(f"exit:{id_number}:{year}")
    if own.random() < 0.2:
        return ordinal(year, 3, 1) + own.randrange(120)  # March to June
    return ordinal(year, 9, 1) + own.randrange(106)  # September to 15 December


def exit_and_relapse(id_number: str, year: int) -> list[tuple[int, m.HouseholdStatus]]:
    """An exit in ``year`` and a relapse (返贫) in spring or summer of the next year."""
    own = random.Random(f"relapse:{id_number}:{year}")
    relapse = ordinal(year + 1, 3, 1) + own.randrange(180)
    return [
        (exit_day(id_number, year), m.HouseholdStatus.exited),
        (relapse, m.HouseholdStatus.relapsed),
    ]


def _build_township(
    county: County, tid: str, name: str, index: int, homes: dict[str, list[str]]
) -> Township:
    profile, rng = county.profile, county.rng(tid, "people")
    villages = _villages(rng, name, profile.villages)
    points = sorted(rng.sample(range(len(villages)), profile.points))
    township = Township(tid, name, villages, points)
    for own_unit in _township_units(township):
        county.units[own_unit.id] = own_unit
    elected = ordinal(2016, 11, rng.randint(14, 18))
    count = profile.deputies + (rng.randint(-1, 1) if county.sample else rng.randint(-8, 8))
    if tid in homes:  # a liaison leader lives here
        leader = _new_deputy(
            county,
            township,
            rng,
            1,
            elected,
            ((L.county,), S.cadre, E.organ, "u-renda", rng.random() < 0.8),
        )
        leader.committee = True
        leader.district = f"{name}第1选区"
        township.deps.append(leader)
    if county.sample:
        township.deps.append(
            _new_deputy(county, township, rng, len(township.deps) + 1, elected, SAMPLE_ROLES[tid])
        )
    while len(township.deps) < count:
        township.deps.append(_new_deputy(county, township, rng, len(township.deps) + 1, elected))
    _turnover(county, township, rng)
    # Households: each deputy's own, from the right list; then the rest of the register.
    shares = tuple(zip((int(p * 100) for p in profile.pairs), (1, 2, 3), strict=True))
    for dep in township.deps:
        dep.target = int(weighted(rng, shares))
    if county.sample and tid == "yinji":  # the silent deputy-to-be has a single household
        calm = [d for d in township.deps if not d.committee and d.end is None and d.start < START]
        if not any(d.target == 1 for d in calm):
            calm[-1].target = 1
    own = [
        (
            dep,
            _new_household(
                county,
                rng,
                township,
                dep.unit if dep.employer.takes_unit_households else None,
                dep.village,
            ),
        )
        for dep in township.deps
        for _ in range(dep.target)
    ]
    houses = [h for _, h in own]
    unit_choices = [u.id for u in _township_units(township)] + [u for u, _, _ in COUNTY_UNITS[1:]]
    while len(houses) < profile.households:
        unit = rng.choice(unit_choices) if rng.random() < 0.3 else None
        houses.append(_new_household(county, rng, township, unit))
    order = {id(h): (h.village, h.group, rng.random()) for h in houses}
    houses.sort(key=lambda h: order[id(h)])
    for number, house in enumerate(houses, start=1):
        house.id = record_id(m.Household, number, tid)
        if house.unit is not None:
            county.units[house.unit].households.append((index, house.id))
    township.houses = houses
    # Pairings: the list made after the campaign's notice of 22 March 2018; late starters
    # from their first day in office.
    listed = ordinal(2018, 3, rng.randint(23, 26))
    for dep, house in own:
        pair = Pairing(dep, house, max(listed, dep.start))
        dep.pairs.append(pair)
        township.pairs.append(pair)
    _handovers(county, township, rng)
    township.pairs.sort(key=lambda p: (p.start, p.dep.id, p.house.id))
    for number, pair in enumerate(township.pairs, start=1):
        pair.id = record_id(m.Pairing, number, tid)
    return township


def _turnover(county: County, township: Township, rng: random.Random) -> None:
    """Deputies who leave mid-campaign and deputies elected late (补选)."""
    plain = [d for d in township.deps if not d.committee]
    if county.sample:
        plan = {
            "yangtuan": ("leave", ordinal(2019, 6, 30)),
            "yuji": ("leave", ordinal(2018, 9, 30)),
            "lingcheng": ("late", ordinal(2018, 8, 15)),
            "chaoyang": ("late", ordinal(2018, 8, 15)),
            "yinji": ("late", ordinal(2019, 3, 20)),
        }
        what, day = plan[township.id]
        pool = [d for d in plain[1:] if not d.employer.takes_unit_households]
        chosen = [(rng.choice(pool), what, day)]
        if township.id == "lingcheng":
            chosen.append(
                (
                    rng.choice([d for d in pool if d is not chosen[0][0]]),
                    "leave",
                    ordinal(2020, 3, 31),
                )
            )
    else:
        chosen = []
        for dep in plain:
            roll = rng.random()
            if roll < county.profile.turnover:
                chosen.append((dep, "leave", rng.choice(QUARTERS[1:-1])[3]))
            elif roll < 2 * county.profile.turnover:
                chosen.append((dep, "late", rng.randint(ordinal(2018, 5, 1), ordinal(2020, 6, 30))))
    for dep, what, day in chosen:
        when = date(day)
        if what == "leave":
            dep.end = day
            dep.leave_reason = rng.choice(LEAVE_REASONS[dep.employer])
            dep.comment = f"{when.year}年{when.month}月{dep.leave_reason}，代表资格终止"
        else:
            dep.start = day
            dep.comment = f"{when.year}年{when.month}月补选"


def _handovers(county: County, township: Township, rng: random.Random) -> None:
    """End the pairings of deputies who leave and hand each household to a deputy with room."""
    for dep in sorted((d for d in township.deps if d.end is not None), key=lambda d: (d.end, d.id)):
        assert dep.end is not None
        day = dep.end + 1
        for pair in list(dep.pairs):
            if pair.end is not None:
                continue
            pair.end = dep.end
            takers = [
                d
                for d in township.deps
                if d.end is None
                and d.active(day)
                and d is not dep
                and sum(1 for p in d.pairs if p.start <= day and p.end is None) < 3
                and (
                    d.unit == pair.house.unit
                    if pair.house.unit
                    else not d.employer.takes_unit_households
                )
            ]
            if not takers or day > END:
                pair.end_reason = f"代表{dep.leave_reason}，帮扶户另行安排"
                continue
            fewest = min(len(d.pairs) for d in takers)
            taker = rng.choice([d for d in takers if len(d.pairs) == fewest])
            pair.end_reason = f"代表{dep.leave_reason}，帮扶户移交{taker.name}代表"
            new = Pairing(taker, pair.house, day, comment=f"接替 {dep.id} 帮扶")
            taker.pairs.append(new)
            township.pairs.append(new)
