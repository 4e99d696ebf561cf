"""Paperwork: proposals and their lifecycle, the townships' filings, and the county's awards.

Proposals are made at the county congress's sessions or between them; each is assigned to a
department, replied to and judged by its lead deputy, unless it is too recent. Filings fall
before their deadlines from the campaign settings (``days.filing_due``).
"""

from __future__ import annotations

import random

from lingbi_cli import models as m
from lingbi_cli.sample.days import (
    END,
    START,
    YEARS,
    date,
    filing_due,
    ordinal,
    weighted,
    year_of,
)
from lingbi_cli.sample.drafts import County, Deputy, Proposal, Township
from lingbi_cli.sample.words import DEPARTMENTS, FOCI, INDUSTRIES, SUBJECTS, TOPICS, L, S
from lingbi_cli.store.layout import record_id


def paperwork(county: County, township: Township, everyone: list[Deputy]) -> None:
    """One township's proposals and filings, from its own random stream."""
    rng = county.rng(township.id, "paper")
    _proposals(county, township, rng, everyone)
    _filings(county, township, rng)


SESSIONS = {2019: ordinal(2019, 1, 13), 2020: ordinal(2020, 1, 7)}


def _proposals(
    county: County, township: Township, rng: random.Random, everyone: list[Deputy]
) -> None:
    for year in YEARS:
        days = []
        for _ in range(rng.randint(*county.profile.proposals)):
            if year in SESSIONS and rng.random() < 0.65:
                days.append((m.ProposalSession.session, SESSIONS[year] + rng.randint(0, 3)))
            else:
                days.append(
                    (
                        m.ProposalSession.between,
                        rng.randint(max(START + 14, ordinal(year, 2, 15)), ordinal(year, 12, 10)),
                    )
                )
        if county.sample and year == 2020 and township is county.townships[0]:
            days.append((m.ProposalSession.between, END - 23))  # just submitted
        for session, day in days:
            free = [d for d in township.deps if d.free(day)]
            if not free:
                continue
            upper = [d for d in free if L.township not in d.levels or len(d.levels) > 1]
            lead = rng.choice(upper if upper and rng.random() < 0.8 else free)
            kind = weighted(
                rng,
                (
                    (88, m.ProposalType.suggestion),
                    (8, m.ProposalType.bill),
                    (4, m.ProposalType.criticism),
                ),
            )
            cosigners: list[str] = []
            if kind is m.ProposalType.bill:  # a bill needs ten county deputies (lead + 9)
                pool = [
                    d.id for d in everyone if L.county in d.levels and d.free(day) and d is not lead
                ]
                if L.county in lead.levels and len(pool) >= 9:
                    cosigners = sorted(rng.sample(pool, 9))
                else:
                    kind = m.ProposalType.suggestion
            if kind is not m.ProposalType.bill and rng.random() < 0.6:
                pool = [d.id for d in free if d is not lead]
                cosigners = sorted(rng.sample(pool, min(len(pool), rng.randint(1, 3))))
            focus = rng.choice(FOCI)
            subject = rng.choice(SUBJECTS[focus]).format(
                v=rng.choice(township.villages), x=rng.choice(INDUSTRIES)
            )
            ending = {
                m.ProposalType.bill: "的议案",
                m.ProposalType.suggestion: "的建议",
                m.ProposalType.criticism: "的意见",
            }[kind]
            county_level = any(level is not L.township for level in lead.levels)
            prop = Proposal(lead, kind, f"关于{subject}{ending}", cosigners, day, session, focus)
            _lifecycle(
                county,
                rng,
                prop,
                DEPARTMENTS[focus] if county_level else township.government,
            )
            township.proposals.append(prop)
    township.proposals.sort(key=lambda p: (p.date, p.lead.id))
    for year in YEARS:
        mine = [p for p in township.proposals if year_of(p.date) == year]
        for number, prop in enumerate(mine, start=1):
            prop.id = record_id(m.Proposal, number, township.id, year=str(year))


def _lifecycle(county: County, rng: random.Random, prop: Proposal, department: str) -> None:
    assigned = prop.date + rng.randint(10, 40)
    if prop.date >= END - 60 or assigned > END - 10:
        return  # submitted in the campaign's last two months
    prop.department, prop.assigned = department, assigned
    if county.short(rng, "proposal-reply"):
        return  # never replied
    prop.reply = min(assigned + rng.randint(20, 85), END - 3)
    prop.result = weighted(
        rng,
        (
            (40, m.ProposalResult.solved),
            (30, m.ProposalResult.solving),
            (20, m.ProposalResult.planned),
            (10, m.ProposalResult.reference),
        ),
    )
    if prop.reply > END - 30 and rng.random() < 0.5:
        return  # the deputy has not said yet
    prop.satisfaction = weighted(
        rng,
        (
            (62, m.Satisfaction.satisfied),
            (33, m.Satisfaction.basically),
            (5, m.Satisfaction.unsatisfied),
        ),
    )
    if prop.satisfaction is m.Satisfaction.unsatisfied:
        if prop.reply + 25 > END:
            prop.satisfaction = m.Satisfaction.basically
        elif not county.short(rng, "proposal-reply", 10):
            prop.rehandled = prop.reply + rng.randint(7, 25)


# kind: (the first day of filing, how many days before its deadline the last one is)
FILING_DAYS = {
    m.FilingKind.plan: ((3, 5), 3),
    m.FilingKind.pairing_list: ((3, 5), 0),
    m.FilingKind.h1_report: ((6, 5), 1),
    m.FilingKind.h2_report: ((12, 5), 1),
    m.FilingKind.year_summary: ((12, 5), 0),
}


def _filings(county: County, township: Township, rng: random.Random) -> None:
    """Plan and list by their deadline (2018: in the last days of March), the half-year reports
    by theirs, the year-end summary with the December report; a few late at county scales."""
    first = min((p.start for p in township.pairs), default=START)
    for year in YEARS:
        previous = 0
        for number, kind in enumerate(m.FilingKind, start=1):
            (month, day_of_month), early = FILING_DAYS[kind]
            if year == 2018 and kind in (m.FilingKind.plan, m.FilingKind.pairing_list):
                day_of_month = 27  # the campaign's notice is dated 22 March 2018
            due = filing_due(kind, year)
            day = rng.randint(ordinal(year, month, day_of_month), due - early)
            if kind is m.FilingKind.pairing_list:
                day = max(day, previous, first if year == 2018 else 0)
            if kind is m.FilingKind.year_summary:
                day = min(due, previous + rng.randint(0, 1))
            previous = day
            comment = ""
            if (year, kind) in township.late_filing:
                day = township.late_filing[(year, kind)]
                comment = "因防汛抗旱工作推迟报送，已向县人大常委会说明"
            elif county.short(rng, "filings"):
                day = due + rng.randint(1, 10)
            if day > END:
                continue
            half = kind in (m.FilingKind.h1_report, m.FilingKind.h2_report)
            period = f"{year}H{1 if kind is m.FilingKind.h1_report else 2}" if half else str(year)
            township.filings.append(
                (
                    record_id(m.Filing, number, township.id, year=str(year)),
                    kind,
                    period,
                    day,
                    comment,
                )
            )


def awards(county: County) -> list[dict[str, object]]:
    """The county committee's year-end awards (§3.4) for every campaign year but the last."""
    rng = county.rng("awards")
    gifts = county.rng("donors")  # apart, so that the awards stay as they were
    records: list[dict[str, object]] = []
    n, done = len(county.townships), county.done
    names = {t.id: t.name for t in county.townships}
    everyone = [d for t in county.townships for d in t.deps]
    for year in YEARS[:-1]:
        given: list[tuple[m.AwardCategory, str, str, str]] = []
        whole = [
            d
            for d in everyone
            if d.active(max(START, ordinal(year, 1, 1)))
            and d.active(ordinal(year, 12, 31))
            and not d.silent
        ]
        for township in rng.sample(county.townships, max(1, round(n / 5))):
            given.append(
                (
                    m.AwardCategory.unit,
                    "township",
                    township.id,
                    f"{township.name}人大主席团组织有力，代表结对帮扶全覆盖，活动台账规范",
                )
            )
        stars = sorted(rng.sample(whole, max(2, n // 2)), key=lambda d: d.id)
        for dep in stars:
            given.append(
                (
                    m.AwardCategory.star,
                    "deputy",
                    dep.id,
                    f"结对帮扶{len(dep.pairs)}户，全年开展帮扶活动{done[(dep.id, year)]}次，"
                    f"帮助发展{rng.choice(INDUSTRIES)}",
                )
            )
        want = max(2, n // 2)
        givers = [d for d in whole if d.sector is S.enterprise and d not in stars]
        givers = rng.sample(givers, min(want, len(givers)))
        others = [d for d in whole if d not in stars and d not in givers]
        givers += rng.sample(others, min(want - len(givers), len(others)))
        for dep in sorted(givers, key=lambda d: d.id):
            given.append(
                (
                    m.AwardCategory.caring_deputy,
                    "deputy",
                    dep.id,
                    f"多次为帮扶户捐资捐物，在{names[dep.township]}设立扶贫车间"
                    if dep.sector is S.enterprise
                    else "多次为帮扶户捐资捐物，资助贫困家庭学生上学",
                )
            )
        for _ in range(max(1, n // 4)):
            township = rng.choice(county.townships)
            person = county.name(rng, rng.random() < 0.6)
            village = rng.choice(township.villages)
            wan = rng.randint(2, 30)
            use = rng.choice(TOPICS[rng.choice(FOCI)])
            reason = f"爱心人士，向{township.name}{village}捐资{wan}万元用于{use}"
            given.append((m.AwardCategory.caring_person, "person", person, reason))
            day = gifts.randint(max(START, ordinal(year, 1, 10)), ordinal(year, 11, 30))
            township.donors.append(
                {"name": person, "date": date(day), "gift": f"捐资用于{use}"}
                | {"amount": wan * 10000, "village": village}
            )
        for number, (category, key, value, reason) in enumerate(given, start=1):
            records.append(
                {
                    "id": f"award-{year}-{number:02d}",
                    "year": year,
                    "category": category,
                    key: value,
                    "reason": reason,
                }
            )
    for township in county.townships:
        smaller_gifts(county, township, gifts)
    return records


GOODS = (("化肥", 3000), ("衣物被褥", 2000), ("学习用品", 1500), ("米面油", 2500), ("种苗", 4000))
FIRMS = ("农业发展有限公司", "商贸有限公司", "建材有限公司", "爱心协会")


def smaller_gifts(county: County, township: Township, rng: random.Random) -> None:
    """Gifts of goods to households by people and firms of the county (爱心人士 who were not
    awarded), a few a year; then the township's gifts in date order."""
    for year in YEARS:
        for _ in range(rng.randint(0, 2)):
            house = rng.choice(township.houses)
            goods, value = rng.choice(GOODS)
            firm = rng.random() < 0.4
            name = (
                f"{rng.choice(('灵璧县', '宿州市'))}{county.name(rng, True, unique=False)[0]}氏"
                f"{rng.choice(FIRMS)}"
                if firm
                else county.name(rng, rng.random() < 0.6)
            )
            day = rng.randint(max(START, ordinal(year, 1, 10)), min(END, ordinal(year, 12, 20)))
            gift = {"name": name, "kind": m.DonorKind.organisation} if firm else {"name": name}
            township.donors.append(
                gift
                | {"date": date(day), "gift": f"为{house.head}家捐赠{goods}"}
                | {"amount": value * rng.randint(1, 3), "household": house.id}
            )
    township.donors.sort(key=lambda g: (g["date"], g["name"]))
