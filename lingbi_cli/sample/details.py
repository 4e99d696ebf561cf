"""The details that make the reports' paragraphs: what form a trip took and what became of its
findings, the practical help a talk, advice or labour gave, the household a contribution
helped, publicity in outlets beyond the seed's four (微信), and 督查 by deputies who are not
the township's liaison leaders.

Run after ``activities`` on the township's activities, from a random stream of its own, so
that everything ``activities`` made stays as it was; only the deputies' 督查 are new records.
"""

from __future__ import annotations

import random

from lingbi_cli import models as m
from lingbi_cli.sample.activities import KIND_INDEX
from lingbi_cli.sample.days import YEARS, date, ordinal, pick
from lingbi_cli.sample.drafts import County, Deputy, Township
from lingbi_cli.sample.words import FINDINGS, INDUSTRIES, OUTLETS

K = m.ActivityKind
H = m.HelpKind
AID_KINDS = (K.talk, K.advice, K.labour)
AIDS = {
    H.jobs: "帮助{h}家联系县经济开发区企业的务工岗位",
    H.school: "帮{h}家孩子办理教育资助，落实“两免一补”",
    H.medical: "陪同{h}到县医院就诊，协助办理大病救助报销",
    H.information: "向{h}介绍{x}的致富信息和销售渠道",
    H.policy: "为{h}讲解健康扶贫、产业奖补等惠民政策",
}
# What became of each finding (by its index in FINDINGS), as the township's follow-up says.
FOLLOW_UPS = (
    "已交乡镇交通所落实管护资金，道路已修复",
    "已报县水利局，管网改造列入当年计划",
    "已督促村集体与企业签订利益联结协议",
    "帮扶台账已按要求整改，乡镇人大复查合格",
    "已转县卫健委，村卫生室药品目录已补充",
    "乡镇已为贫困户建立务工信息台账",
    "已督促住建部门加快验收，当年已全部完成",
)
WECHAT = "微信"
WECHAT_NAME = "灵璧人大微信公众号"


def details(county: County, township: Township) -> None:
    """Add the details to the township's activities (see the module docstring)."""
    rng = county.rng(township.id, "details")
    heads = {h.id: h.head for h in township.houses}
    deputies = {d.id: d for d in township.deps}
    for n, act in enumerate(township.acts):
        day, kind_index, deps, household, record = act
        kind = list(K)[kind_index]
        if kind is K.trip:
            _trip(rng, record)
        elif kind in AID_KINDS and household and rng.random() < 0.3:
            aid = rng.choice(tuple(H))
            summary = AIDS[aid].format(h=heads.get(household, ""), x=rng.choice(INDUSTRIES))
            _update(record, {"aid": aid, "summary": summary})
            if aid is not H.information:  # the advice's focus was the industry it suggested
                record.pop("focus", None)
        elif kind is K.contribution and record.get("jobs") and rng.random() < 0.5:
            helped = _paired(deputies[deps[0]], day) if deps[0] in deputies else ""
            if helped:
                _update(record, {"household": helped})
                township.acts[n] = (day, kind_index, deps, helped, record)
        elif kind is K.publicity and rng.random() < 0.25:
            old = record["outlet"]
            assert isinstance(old, m.Outlet)
            record["outlet"] = WECHAT
            record["summary"] = str(record["summary"]).replace(OUTLETS[old], WECHAT_NAME)
    _deputy_supervision(township, rng)


def _trip(rng: random.Random, record: dict[str, object]) -> None:
    summary = str(record["summary"]).replace("实地视察", "集中视察")
    extra: dict[str, object] = {
        "summary": summary,
        "form": m.TripForm.research if "专题调研" in summary else m.TripForm.inspection,
    }
    found = record.get("findings")
    if isinstance(found, str) and rng.random() < 0.6:
        extra["follow_up"] = FOLLOW_UPS[FINDINGS.index(found)]
    _update(record, extra)


ORDER = (
    "id date kind form deputies household villages participants focus aid summary amount "
    "funds jobs projects cooperatives trainees findings follow_up outlet title"
).split()


def _ordered(record: dict[str, object]) -> dict[str, object]:
    """The record's keys in the order lingbi writes them."""
    return {k: record[k] for k in sorted(record, key=ORDER.index)}


def _update(record: dict[str, object], extra: dict[str, object]) -> None:
    """Add ``extra`` to the record in place, its keys in the order lingbi writes them."""
    new = _ordered({**record, **extra})
    record.clear()
    record.update(new)


def _paired(dep: Deputy, day: int) -> str:
    """A household the deputy was paired with on ``day``, or ""."""
    for pair in dep.pairs:
        if pair.start <= day and (pair.end is None or day <= pair.end):
            return pair.house.id
    return ""


def _deputy_supervision(township: Township, rng: random.Random) -> None:
    """Once a year, a cadre deputy of the township (not its liaison leader) supervises the
    campaign with the presidium (代表督查)."""
    leaders = {d.id for d in township.liaison}
    cadres = [d for d in township.deps if d.sector is m.Sector.cadre and d.id not in leaders]
    for year in YEARS:
        day = pick(rng, ordinal(year, 9, 1), ordinal(year, 11, 30))
        free = [d for d in cadres if day > 0 and d.free(day)]
        if not free:
            continue
        dep = rng.choice(free)
        villages = rng.sample(township.villages, 2)
        record: dict[str, object] = {
            "id": "",
            "date": date(day),
            "kind": K.supervision,
            "deputies": [dep.id],
            "villages": villages,
            "summary": f"{dep.name}代表随乡镇人大主席团督查结对帮扶台账和“六个一”落实情况",
            "findings": rng.choice(FINDINGS),
        }
        township.acts.append((day, KIND_INDEX[K.supervision], [dep.id], "", record))
