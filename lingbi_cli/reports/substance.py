"""What the records say, beyond the totals: the work of each sector's deputies (§2.3(1)), each
trip with its findings and their follow-up (§2.3(2)), publicity per outlet (§3.3), the typical
deeds (典型事迹, §3.3) and the clerk's experience summaries (经验做法, §3.1, §3.3), as data for
the templates.

Everything is read from one ``Figures`` (the records behind its figures), so these paragraphs
count exactly what the report's totals count.

**Typical deeds, by rule.** Unless the clerk says otherwise, a report's deeds are, in this
order: the ``DEED_CONTRIBUTIONS`` contributions (模范带头) of the period with the most money
(donated plus brought in; ties: the earlier, then the lower id), leaving out those with no
money; then the ``DEED_VISITORS`` deputies named on the most six-ones activities (ties: more
households paired, then the lower id), leaving out those with fewer than ``MIN_VISITS``. The
clerk pins or drops deeds in ``notes/<township>/<period>-典型事迹.yaml`` (the county's:
``notes/<period>-典型事迹.yaml``)::

    pin: [yuji-a201905-003, yuji-d004]   # 选用：活动编号或代表编号，排在最前
    drop: [yuji-d007]                    # 不用：活动编号，或代表编号（该代表的事迹都不用）

A pinned activity is written as its summary; a pinned deputy as their six-ones work.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from lingbi_cli.errors import UsageError
from lingbi_cli.models import ActivityKind, FocusArea, Outlet, Sector
from lingbi_cli.reports.figures import ZERO, DeputyRow, Figures, window
from lingbi_cli.reports.wording import cn_date, yuan
from lingbi_cli.store.records import Records
from lingbi_cli.store.rows import ActivityRecord

DEED_CONTRIBUTIONS = 3
DEED_VISITORS = 2
MIN_VISITS = 4

# How the seed names each sector's deputies (§2.3(1)).
SECTOR_WORDS = {
    Sector.cadre: "干部身份的代表（含县人大常委会组成人员）",
    Sector.education: "教育、科学、文化、卫生系统的代表",
    Sector.enterprise: "企业代表",
    Sector.professional: "专业技术方面的代表",
    Sector.frontline: "生产一线的代表",
    Sector.grassroots: "基层代表和农民代表",
}

Part = tuple[str, int | Decimal, str]  # (what, how much, unit: 元 for money)


@dataclass
class SectorWork:
    """What one sector's deputies did in the period: ``parts`` in the order they are written,
    zeros left out."""

    sector: Sector
    words: str
    deputies: int
    parts: list[Part] = field(default_factory=list)


@dataclass
class TripNote:
    """One trip (调研视察) as its paragraph tells it."""

    id: str
    date: dt.date
    township: str  # the township's name
    form: str  # 专题调研, 集中视察, or "" when not recorded
    summary: str
    villages: list[str]
    deputies: int
    others: int
    findings: str
    follow_up: str


@dataclass
class Deed:
    """A typical deed: who, what, and where it comes from (an activity or a deputy's work)."""

    source: str  # the activity's or the deputy's id
    deputy: str  # the deputy's id (the first named)
    sentence: str
    pinned: bool = False


@dataclass
class Told:
    """What the county's paragraphs take from one township's activities of a period (``told``):
    its trips, its stories per outlet, and its contributions with money, each with its deed as
    the county's report words it — so that the county's report is written from these and each
    township's ``figures.Worked``, without its quarter of a million activities."""

    trips: list[TripNote]
    outlets: dict[str, int]
    contributions: list[tuple[Decimal, dt.date, str, Deed]]  # money, date, id, deed


def told(records: Records, f: Figures) -> Told:
    """``Told`` of the township figures ``f`` (with the activities behind them), from the
    records they were counted from."""
    contributions = [
        (_money(a), a.date, a.id, _activity_deed(records, a, county=True))
        for a in _activities(records, f)
        if a.kind is ActivityKind.contribution and _money(a) > 0
    ]
    return Told(trips(records, f), dict(_outlet_counts(f)), contributions)


def sectors(f: Figures) -> list[SectorWork]:
    """Per sector with deputies in the report: what they did (the attached table's rows)."""
    out: list[SectorWork] = []
    rows = f.deputy_rows()
    for sector in Sector:
        mine = [r for r in rows if r.deputy.sector is sector]
        if not mine:
            continue
        work = SectorWork(sector, SECTOR_WORDS[sector], len(mine))
        work.parts = [p for p in _parts(mine) if p[1]]
        out.append(work)
    return out


def _parts(rows: list[DeputyRow]) -> list[Part]:
    def total(key: str) -> int:
        return sum(int(getattr(r, key)) for r in rows)

    return [
        ("入户开展“六个一”帮扶", total("pairing_work"), "人次"),
        ("讲课", total("lessons"), "次"),
        ("帮助解决实际困难", total("aid"), "次"),
        ("捐资捐物", sum((r.donations for r in rows), ZERO), "元"),
        ("引进资金", sum((r.funds for r in rows), ZERO), "元"),
        ("引进项目", total("projects"), "个"),
        ("提供就业岗位", total("jobs"), "个"),
        ("领办专业合作社", total("cooperatives"), "个"),
        ("培训", total("trainees"), "人次"),
        ("参加调研视察", total("trips"), "人次"),
        ("领衔提出议案建议", total("proposals"), "件"),
    ]


def trips(records: Records, f: Figures, told: list[Told] | None = None) -> list[TripNote]:
    """Every trip of the period, in date order, with its findings and their follow-up.
    ``told``: these (the county's, each township's), merged, instead of ``f``'s activities."""
    if told is not None:
        return sorted((t for each in told for t in each.trips), key=lambda t: (t.date, t.id))
    out: list[TripNote] = []
    for a in f["trips"].sources:
        assert isinstance(a, ActivityRecord)
        township = records.townships.get(a.township)
        out.append(
            TripNote(
                a.id,
                a.date,
                township.name if township else "",
                a.form.value if a.form else "",
                a.summary,
                list(a.villages or []),
                len(a.deputies),
                a.participants or 0,
                a.observations or "",
                a.follow_up or "",
            )
        )
    return out


def proposal_focus(f: Figures) -> list[tuple[str, int]]:
    """The period's proposals per focus area (§1), in the seed's order; none-areas left out."""
    counts = Counter(getattr(p, "focus", None) for p in f["proposals"].sources)
    return [(area.value, counts[area]) for area in FocusArea if counts[area]]


def outlets(f: Figures, told: list[Told] | None = None) -> list[tuple[str, int]]:
    """Publicity per outlet: the four the seed names first (in its order), then the others by
    number of stories, then name; outlets with no story left out. ``told``: counted from
    these (the county's, each township's) instead of ``f``'s activities."""
    counts: Counter[str] = Counter()
    if told is None:
        counts = _outlet_counts(f)
    else:
        for each in told:
            counts.update(each.outlets)
    seed = [(o.value, counts.pop(o.value)) for o in Outlet if counts.get(o.value)]
    return seed + sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _outlet_counts(f: Figures) -> Counter[str]:
    return Counter(str(getattr(a, "outlet", "") or "") for a in f["publicity"].sources)


def deeds(
    records: Records,
    f: Figures,
    township: str | None,
    label: str,
    told: list[Told] | None = None,
) -> list[Deed]:
    """The typical deeds of the report (see the module docstring for the rule). ``told``: the
    contributions are chosen among these (the county's, each township's), not ``f``'s
    activities — only where the clerk pinned and dropped nothing (a pin names any activity)."""
    pins, drops = _choices(records, township, label)
    county = township is None
    rows = {r.deputy.id: r for r in f.deputy_rows()}
    if told is not None:
        if pins or drops:
            raise ValueError("the clerk's choices of deeds need the period's activities")
        candidates = sorted(
            (c for each in told for c in each.contributions), key=lambda c: (-c[0], c[1], c[2])
        )
        return [c[3] for c in candidates[:DEED_CONTRIBUTIONS]] + _visitors(records, rows, county)
    period_acts = {a.id: a for a in _activities(records, f)}
    dropped = set(drops)
    out: list[Deed] = []
    for item in pins:
        if item in period_acts:
            out.append(_activity_deed(records, period_acts[item], county, pinned=True))
        elif item in rows:
            out.append(_visits_deed(records, rows[item], county, pinned=True))
        else:
            raise UsageError(
                f"{notes_name(township, label)} 中 pin 的 {item} 不是本期的活动或本期报告中的"
                "代表；请核对编号"
            )
    taken = {d.source for d in out}

    def allowed(source: str, deputy: str) -> bool:
        return source not in taken and source not in dropped and deputy not in dropped

    contributions = [
        a for a in period_acts.values() if a.kind is ActivityKind.contribution and _money(a) > 0
    ]
    contributions.sort(key=lambda a: (-_money(a), a.date, a.id))
    chosen = [a for a in contributions if allowed(a.id, a.deputies[0])][:DEED_CONTRIBUTIONS]
    out += [_activity_deed(records, a, county) for a in chosen]
    return out + _visitors(records, rows, county, lambda r: allowed(r.deputy.id, r.deputy.id))


def _visitors(
    records: Records,
    rows: dict[str, DeputyRow],
    county: bool,
    allowed: Callable[[DeputyRow], bool] = lambda _row: True,
) -> list[Deed]:
    """The deputies named on the most six-ones activities, as deeds."""
    visitors = [r for r in rows.values() if r.pairing_work >= MIN_VISITS]
    visitors.sort(key=lambda r: (-r.pairing_work, -r.households, r.deputy.id))
    return [
        _visits_deed(records, r, county)
        for r in [r for r in visitors if allowed(r)][:DEED_VISITORS]
    ]


def _activities(records: Records, f: Figures) -> list[ActivityRecord]:
    """The activities the figures count: the township's (or the county's) in the period, up
    to the report's day."""
    seen = window(f.period, f.as_of)
    if seen is None:
        return []
    mine = [
        a
        for a in records.activities.values()
        if a.date in seen and (f.township is None or a.township == f.township)
    ]
    return sorted(mine, key=lambda a: (a.date, a.id))


def _money(a: ActivityRecord) -> Decimal:
    return (a.amount or ZERO) + (a.funds or ZERO)


def _who(records: Records, a: ActivityRecord, county: bool) -> str:
    people = [records.deputies[x].name for x in a.deputies if x in records.deputies]
    township = records.townships.get(a.township)
    place = township.name if county and township else ""
    return place + "、".join(people)


def _activity_deed(records: Records, a: ActivityRecord, county: bool, pinned: bool = False) -> Deed:
    extra = []
    if a.amount:
        extra.append(f"捐资捐物{yuan(a.amount)}")
    if a.funds:
        extra.append(f"引进资金{yuan(a.funds)}")
    if a.projects:
        extra.append(f"项目{a.projects}个")
    if a.jobs:
        extra.append(f"提供就业岗位{a.jobs}个")
    household = records.households.get(a.household or "")
    if household is not None:
        extra.append(f"帮扶{household.head}户")
    tail = f"，{'，'.join(extra)}" if extra else ""
    summary = a.summary.rstrip("。；;，,")
    sentence = f"{_who(records, a, county)}代表{cn_date(a.date)}{summary}{tail}。"
    return Deed(a.id, a.deputies[0], sentence, pinned)


def _visits_deed(records: Records, row: DeputyRow, county: bool, pinned: bool = False) -> Deed:
    d = row.deputy
    township = records.townships.get(d.township)
    place = township.name if county and township else ""
    sentence = (
        f"{place}{d.name}代表结对帮扶{row.households}户，入户开展“六个一”帮扶{row.pairing_work}次"
    )
    if row.aid:
        sentence += f"，其中帮助解决就业、上学、就医等实际困难{row.aid}次"
    return Deed(d.id, d.id, sentence + "。", pinned)


def notes_name(township: str | None, label: str) -> str:
    return f"notes/{township}/{label}-典型事迹.yaml" if township else f"notes/{label}-典型事迹.yaml"


def _choices(records: Records, township: str | None, label: str) -> tuple[list[str], list[str]]:
    """The clerk's pins and drops, from the notes file (none if it is absent)."""
    name = notes_name(township, label)
    path: Path = records.folder.path / name
    if not path.is_file():
        return [], []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UsageError(f"{name} 无法读取：{exc}") from None
    if not isinstance(data, dict) or set(data) - {"pin", "drop"}:
        raise UsageError(f"{name} 应当只有 pin（选用）和 drop（不用）两项，各是编号的列表")
    lists: list[list[str]] = []
    for key in ("pin", "drop"):
        value = data.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"{name} 的 {key} 应当是编号的列表，如 [yuji-a201905-003]")
        lists.append([v.strip() for v in value])
    return lists[0], lists[1]


def experience(records: Records, township: str | None, label: str) -> str:
    """The clerk's experience summary (经验做法) for the period, or "" if none was written:
    ``notes/<township>/<period>-经验做法.md``, else ``notes/<period>-经验做法.md``."""
    return clerk_note(records, township, f"{label}-经验做法.md")[0]


def clerk_note(records: Records, township: str | None, name: str) -> tuple[str, list[str]]:
    """The text of the clerk's note ``notes/<township>/<name>``, else ``notes/<name>`` ("" if
    neither holds any), and the places looked in, the township's first."""
    names = [f"notes/{township}/{name}"] if township else []
    names.append(f"notes/{name}")
    for place in names:
        path = records.folder.path / place
        if path.is_file():
            text = path.read_text(encoding="utf-8-sig").strip()
            if text:
                return text, names
    return "", names


def township_experiences(records: Records, label: str) -> list[tuple[str, str]]:
    """For the county: each township's own experience summary, by township, where written."""
    out = []
    for tid, township in records.townships.items():
        path = records.folder.path / f"notes/{tid}/{label}-经验做法.md"
        if path.is_file():
            text = path.read_text(encoding="utf-8-sig").strip()
            if text:
                out.append((township.name, text))
    return out
