"""The records while the county is being built: drafts that link to each other and count days as
ordinals, and the ``County`` that holds them with its seeded random streams.

A draft becomes a record only when it is written (``write.py``); the link from a pairing to its
deputy is the deputy's draft, not an id, so that the shortfalls can be planned after building.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from lingbi_cli import models as m
from lingbi_cli.sample.days import date, is_blocked, year_of
from lingbi_cli.sample.scales import Profile
from lingbi_cli.sample.words import COUNTY_UNITS, FEMALE, MALE, PHONE_PREFIXES, SURNAMES


@dataclass(eq=False, slots=True)
class Unit:
    id: str
    name: str
    kind: m.UnitKind
    households: list[tuple[int, str]] = field(default_factory=list)  # (township index, id)


@dataclass(eq=False, slots=True)
class Deputy:
    id: str
    township: str
    name: str
    male: bool
    levels: tuple[m.DeputyLevel, ...]
    district: str
    sector: m.Sector
    employer: m.EmployerType
    unit: str | None
    start: int
    village: int | None = None  # home village (index), for deputies the township pairs
    end: int | None = None
    committee: bool = False
    phone: str | None = None
    target: int = 1  # households to pair with
    comment: str = ""
    leave_reason: str = ""
    silent: list[tuple[int, int]] = field(default_factory=list)  # days without any activity
    pairs: list[Pairing] = field(default_factory=list)

    def active(self, day: int) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def free(self, day: int) -> bool:
        return self.active(day) and not is_blocked(day, self.silent)


@dataclass(eq=False, slots=True)
class Household:
    head: str
    id_number: str
    village: int
    group: int
    members: int
    attribute: m.PovertyAttribute
    causes: list[m.Cause]
    registered: int
    history: list[tuple[int, m.HouseholdStatus]]  # (day, 已脱贫 or 返贫), oldest first
    unit: str | None  # None: a township assistance point
    phone: str | None
    id: str = ""
    comment: str = ""

    @property
    def exit_year(self) -> int | None:
        """The year it left poverty, if it is out of poverty now."""
        last = self.history[-1] if self.history else None
        return year_of(last[0]) if last and last[1] is m.HouseholdStatus.exited else None


@dataclass(eq=False, slots=True)
class Pairing:
    dep: Deputy
    house: Household
    start: int
    end: int | None = None
    end_reason: str = ""
    id: str = ""
    comment: str = ""
    first: int = 0  # a fixed first-meeting day (deliberate), 0: scheduled
    late_first: bool = False
    blackout: list[tuple[int, int]] = field(default_factory=list)  # days without any work


@dataclass(eq=False, slots=True)
class Proposal:
    lead: Deputy
    type: m.ProposalType
    title: str
    cosigners: list[str]
    date: int
    session: m.ProposalSession
    focus: m.FocusArea
    department: str | None = None
    assigned: int = 0
    reply: int = 0
    result: m.ProposalResult | None = None
    satisfaction: m.Satisfaction | None = None
    rehandled: int = 0
    id: str = ""
    comment: str = ""


# One activity: (day, kind's index in ActivityKind, deputies, household, the record's fields
# with "id" left empty). Ids are given per month file when it is written, in this order.
Activity = tuple[int, int, list[str], str, dict[str, object]]
# One filing: (id, kind, period, day, comment)
Filing = tuple[str, m.FilingKind, str, int, str]


@dataclass(eq=False)
class Township:
    id: str
    name: str
    villages: list[str]
    points: list[int]  # villages (indexes) that are assistance points
    liaison: list[Deputy] = field(default_factory=list)
    deps: list[Deputy] = field(default_factory=list)
    houses: list[Household] = field(default_factory=list)
    pairs: list[Pairing] = field(default_factory=list)
    acts: list[Activity] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    filings: list[Filing] = field(default_factory=list)
    donors: list[dict[str, object]] = field(default_factory=list)  # 爱心人士's gifts, as fields
    short_trips: set[int] = field(default_factory=set)  # years with only two trips
    late_filing: dict[tuple[int, m.FilingKind], int] = field(default_factory=dict)

    @property
    def government(self) -> str:
        """The township's people's government (a development zone has a committee instead)."""
        return self.name + ("人民政府" if self.name[-1] in "镇乡" else "管委会")


class County:
    """The whole county while it is being built."""

    def __init__(self, profile: Profile, seed: int) -> None:
        self.profile, self.seed = profile, seed
        self.sample = profile.shortfall == 0
        self.units: dict[str, Unit] = {u: Unit(u, n, k) for u, n, k in COUNTY_UNITS}
        self.townships: list[Township] = []
        self.names: set[str] = set()
        self.id_numbers: set[str] = set()
        self.deliberate: list[str] = []
        self.shortfalls: Counter[str] = Counter()
        self.done: Counter[tuple[str, int]] = Counter()  # activities by (deputy, year)
        self.activities = 0

    def rng(self, *parts: object) -> random.Random:
        """The random stream of one township and phase: the same whatever else is built."""
        return random.Random("/".join(str(p) for p in (self.seed, *parts)))

    def name(self, rng: random.Random, male: bool, unique: bool = True) -> str:
        for _ in range(50):
            given = "".join(rng.choices(MALE if male else FEMALE, k=rng.choice((1, 2, 2))))
            name = rng.choice(SURNAMES) + given
            if not unique or name not in self.names:
                break
        if unique:
            self.names.add(name)
        return name

    def id_number(self, rng: random.Random, born: int, male: bool) -> str:
        while True:
            first = f"341323{date(born):%Y%m%d}{rng.randrange(500) * 2 + male:03d}"
            number = first + m.check_digit(first)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number
            born += 1

    def short(self, rng: random.Random, what: str, rate: float = 1.0) -> bool:
        """At county scales, decide a random shortfall of kind ``what`` and count it."""
        if self.sample or rng.random() >= self.profile.shortfall * rate:
            return False
        self.shortfalls[what] += 1
        return True


def phone(rng: random.Random) -> str:
    return rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
