"""Writing the built county: every record file in ``store.layout``'s places, as the store writes.

A file is the schema modeline (``store.edit.modeline``), a comment or two, then each record as
``store.edit.format_record`` formats it — the same text ``lingbi add`` would append — with a
draft's comment on the line above its record. Activities go into one file per township and
month (``layout.file_for``), numbered in date order; a township's activities are dropped once
written, keeping only the counts the awards need.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from operator import itemgetter
from pathlib import Path

from lingbi_cli import models as m
from lingbi_cli.sample.days import date
from lingbi_cli.sample.drafts import (
    Activity,
    County,
    Deputy,
    Household,
    Pairing,
    Proposal,
    Township,
)
from lingbi_cli.sample.words import NUMERALS
from lingbi_cli.store.edit import format_records, modeline
from lingbi_cli.store.layout import COUNTY_FILES, TOWNSHIP_FILES, file_for, new_id, record_id

Fields = dict[str, object]
Records = list[tuple[str, Fields]]  # (comment, fields)


class Writer:
    """Writes files under the data folder and keeps count of them."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.files, self.bytes = folder, 0, 0

    def write(self, rel: str, data: bytes) -> None:
        path = self.folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)

    def records(
        self, rel: str, model: type[m.Record], records: Iterable[tuple[str, Fields]], *notes: str
    ) -> None:
        """A record file: modeline, ``notes`` as comments, then each record with its comment
        (if any) on the line above it."""
        parts = [modeline(rel, model.kind_name)]
        parts += [f"# {note}\n" for note in notes if note]
        run: list[Fields] = []  # records between comments, formatted in one call
        for comment, fields in records:
            if comment:
                parts += [format_records(run), f"# {comment}\n"]
                run = []
            run.append(fields)
        parts.append(format_records(run))
        self.write(rel, "".join(parts).encode("utf-8"))


def write_activities(w: Writer, county: County, township: Township) -> None:
    """The township's month files; then its activities are dropped, keeping only counts."""
    months: dict[tuple[int, int], list[Activity]] = {}
    for act in township.acts:
        day = date(act[0])
        months.setdefault((day.year, day.month), []).append(act)
        for dep in act[2]:
            county.done[(dep, day.year)] += 1
    for (year, month), acts in sorted(months.items()):
        acts.sort(key=itemgetter(0, 1, 2, 3))  # day, kind, deputies, household; then as made
        first = dt.date(year, month, 1)
        prefix, width = new_id(m.Activity, township.id, first)
        width += len(acts) >= 10**width  # a month of a thousand activities or more
        for number, act in enumerate(acts, start=1):
            act[4]["id"] = f"{prefix}{number:0{width}d}"
        w.records(file_for(m.Activity, township.id, first), m.Activity, (("", a[4]) for a in acts))
    county.activities += len(township.acts)
    township.acts = []


def write_township(w: Writer, township: Township) -> None:
    """The township's deputies, households, pairings, proposals and filings."""
    t = township
    files: dict[type[m.Record], tuple[str, Records]] = {
        m.Deputy: (
            f"{t.name}人大代表名册",
            [(dep.comment, _deputy(t, dep)) for dep in t.deps],
        ),
        m.Household: (
            f"{t.name}建档立卡贫困户（按村、村民组排列）",
            [(h.comment, _household(t, h)) for h in t.houses],
        ),
        m.Pairing: (
            "代表结对帮扶名单；结束的结对保留",
            [(p.comment, _pairing(p)) for p in t.pairs],
        ),
        m.Proposal: ("", [(p.comment, _proposal(p)) for p in t.proposals]),
        m.Donor: (
            "爱心人士（代表以外的个人和单位）的捐赠",
            [
                ("", {"id": record_id(m.Donor, n, t.id), **gift})
                for n, gift in enumerate(t.donors, start=1)
            ],
        ),
        m.Filing: (
            "报送县人大常委会的活动方案、帮扶名单和半年报告",
            [
                (comment, {"id": fid, "kind": kind, "period": period, "date": date(day)})
                for fid, kind, period, day, comment in t.filings
            ],
        ),
    }
    for model in TOWNSHIP_FILES.values():
        note, records = files[model]
        w.records(file_for(model, t.id), model, records, note)


def write_county(w: Writer, county: County, awards: list[Fields]) -> dict[str, int]:
    """county/*.yaml; returns the number of records of each kind."""
    units = [u for u in county.units.values() if u.households]
    files: dict[type[m.Record], tuple[str, Records]] = {
        m.Township: (
            "各乡镇；liaison 为联系该乡镇的县人大常委会领导，points 为乡镇帮扶点所在的村",
            [
                (
                    "",
                    {
                        "id": t.id,
                        "name": t.name,
                        "liaison": [d.id for d in t.liaison],
                        "points": [t.villages[i] for i in t.points],
                    },
                )
                for t in county.townships
            ],
        ),
        m.Unit: (
            "机关、事业单位；单位帮扶户在各乡镇贫困户的 unit 中写明",
            [("", {"id": u.id, "name": u.name, "kind": u.kind}) for u in units],
        ),
        m.Award: ("县人大常委会年终评先评优（§3.4）", [("", award) for award in awards]),
    }
    for rel, model in COUNTY_FILES.items():
        note, records = files[model]
        w.records(rel, model, records, note)
    townships = county.townships
    return {
        "township": len(townships),
        "unit": len(units),
        "deputy": sum(len(t.deps) for t in townships),
        "household": sum(len(t.houses) for t in townships),
        "pairing": sum(len(t.pairs) for t in townships),
        "activity": county.activities,
        "proposal": sum(len(t.proposals) for t in townships),
        "filing": sum(len(t.filings) for t in townships),
        "donor": sum(len(t.donors) for t in townships),
        "award": len(awards),
    }


def _deputy(township: Township, dep: Deputy) -> Fields:
    return {
        "id": dep.id,
        "name": dep.name,
        "gender": m.Gender.male if dep.male else m.Gender.female,
        "levels": list(dep.levels),
        "district": dep.district,
        "village": None if dep.village is None else township.villages[dep.village],
        "sector": dep.sector,
        "employer": dep.employer,
        "unit": dep.unit,
        "committee_member": True if dep.committee else None,
        "phone": dep.phone,
        "term_start": date(dep.start),
        "term_end": None if dep.end is None else date(dep.end),
    }


def _household(township: Township, h: Household) -> Fields:
    return {
        "id": h.id,
        "head": h.head,
        "id_number": h.id_number,
        "village": township.villages[h.village],
        "group": f"{NUMERALS[h.group - 1]}组",
        "members": h.members,
        "attribute": h.attribute,
        "causes": h.causes,
        "registered": h.registered,
        "status_history": [{"date": date(day), "status": status} for day, status in h.history],
        "source": m.HouseholdSource.unit if h.unit else m.HouseholdSource.township,
        "unit": h.unit,
        "phone": h.phone,
    }


def _pairing(p: Pairing) -> Fields:
    return {
        "id": p.id,
        "deputy": p.dep.id,
        "household": p.house.id,
        "start": date(p.start),
        "end": None if p.end is None else date(p.end),
        "end_reason": None if p.end is None else p.end_reason,
        "chosen_by": m.ChosenBy.unit_list if p.house.unit else m.ChosenBy.township,
    }


def _proposal(p: Proposal) -> Fields:
    return {
        "id": p.id,
        "type": p.type,
        "title": p.title,
        "lead": p.lead.id,
        "cosigners": p.cosigners,
        "date": date(p.date),
        "session": p.session,
        "focus": p.focus,
        "department": p.department if p.assigned else None,
        "assigned": date(p.assigned) if p.assigned else None,
        "reply": date(p.reply) if p.reply else None,
        "result": p.result if p.reply else None,
        "satisfaction": p.satisfaction,
        "rehandled": date(p.rehandled) if p.rehandled else None,
    }
