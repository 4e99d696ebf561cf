"""The "problems" section (存在的问题): the campaign rules' findings, written as a clerk writes.

Findings carry a rule name, the record concerned and a message for ``lingbi check``. A filed
report needs prose instead: people by name (households by head's name), dates and periods in
words, the clause cited as the county's document numbers it, no ids, codes or field names.
One small function per rule (``PROSE``) turns a finding into an ``Item`` from its record, looked
up in the records, and its ``facts`` — the dates, counts and period codes the rule put there as
data — never from the checker's ``message``, which is written for ``lingbi check``.

Items are grouped by rule into ``Problem`` paragraphs; an item is kept only if what it judges
lies within the report's period (a 2019H1 report does not list 2019's year-end shortfalls).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from lingbi_cli import models, periods
from lingbi_cli.errors import Finding
from lingbi_cli.models import ChosenBy, FilingKind, HouseholdSource
from lingbi_cli.periods import Period
from lingbi_cli.reports.wording import clause, cn_date, month_day, names, suffix
from lingbi_cli.store.records import Records

# Rules whose findings a report lists, in the catalog's order, with the heading of their
# paragraph. Informational rules other than household-exit stay in `lingbi check`.
HEADINGS = {
    "pairs-per-deputy": "个别代表结对户数不符合要求",
    "household-source": "个别结对户的确定方式不符合要求",
    "first-meeting": "个别代表没有按时与结对户见面对接",
    "regular-visits": "个别结对户没有得到定期走访",
    "trips-per-year": "调研视察次数没有达到要求",
    "plan-filed": "活动方案或帮扶名单没有按时报送",
    "report-filed": "活动情况书面报告没有按时报送",
    "silent-deputy": "个别代表半年内没有参加活动",
    "proposal-reply": "议案建议办理不够及时",
    "household-exit": "部分结对户年底仍未脱贫",
}


@dataclass(frozen=True)
class Voice:
    """Who the document speaks for: a township calls itself 我镇/我乡; the county names each."""

    records: Records
    township: str | None = None

    def place(self, township_id: str) -> str:
        if township_id == self.township:
            return f"我{suffix(self.records.townships[township_id].name)}"
        found = self.records.townships.get(township_id)
        return found.name if found else ""


@dataclass(frozen=True)
class Item:
    """One shortfall as a sentence in three parts (``subject`` + ``when`` + ``rest``), so that
    items of the same subject, or of the same time and kind, read as one sentence."""

    subject: str
    when: str
    rest: str
    span: Period | None = None  # what the finding judges; None: not tied to a period
    within: bool = True  # the span must lie within the report's period (else: overlap it)


@dataclass
class Problem:
    rule: str
    heading: str
    clause: str  # 《实施意见》第×部分第×条
    sentences: list[str] = field(default_factory=list)


Prose = Callable[[Finding, Voice], Item | None]
PROSE: dict[str, Prose] = {}


def prose(rule: str) -> Callable[[Prose], Prose]:
    def register(function: Prose) -> Prose:
        PROSE[rule] = function
        return function

    return register


def problems(
    findings: Iterable[Finding],
    voice: Voice,
    period: Period,
    clauses: dict[str, str],
    worded: Mapping[Hashable, Item | None] | None = None,
) -> list[Problem]:
    """The findings as paragraphs, one per rule in ``HEADINGS`` order, for a report of
    ``period``; ``clauses`` gives each rule's clause reference (``§3.2``). ``worded``: items
    already written (``word``, by ``wording_key``), e.g. each township's for the county."""
    grouped: dict[str, list[Item]] = {rule: [] for rule in HEADINGS}
    for finding in findings:
        key = wording_key(finding) if worded is not None else None
        item = worded[key] if worded is not None and key in worded else word(finding, voice)
        if item is not None and _applies(item, period):
            grouped[finding.rule].append(item)
    return [
        Problem(rule, HEADINGS[rule], clause(clauses.get(rule, "")), _sentences(items))
        for rule, items in grouped.items()
        if items
    ]


def word(finding: Finding, voice: Voice) -> Item | None:
    """The finding as an item of its rule's paragraph (None: not written in a report)."""
    writer = PROSE.get(finding.rule)
    return writer(finding, voice) if writer else None


def wording_key(finding: Finding) -> tuple[object, ...]:
    """What a finding's item depends on, besides the records it names: all of the finding."""
    return (
        finding.rule,
        finding.level.value,
        finding.file,
        finding.line,
        finding.column,
        finding.message,
        finding.hint,
        finding.record,
        repr(sorted(finding.facts.items())),
    )


def _applies(item: Item, period: Period) -> bool:
    if item.span is None:
        return True
    return period.covers(item.span) if item.within else period.overlaps(item.span)


def _sentences(items: list[Item]) -> list[str]:
    """Join items of one subject and kind (``第三季度、第四季度``), then items of one time and
    kind (``张伟、李秀英``), keeping the order in which they first came."""
    by_subject: dict[tuple[str, str], list[str]] = {}
    for item in items:
        whens = by_subject.setdefault((item.subject, item.rest), [])
        if item.when not in whens:
            whens.append(item.when)
    by_when: dict[tuple[str, str], list[str]] = {}
    for (subject, rest), whens in by_subject.items():
        by_when.setdefault((_join_whens(whens), rest), []).append(subject)
    return [
        f"{_join_subjects(subjects)}{when}{rest}。" for (when, rest), subjects in by_when.items()
    ]


def _join_whens(whens: list[str]) -> str:
    """``2019年第三季度、第四季度``: the year is not repeated."""
    out: list[str] = []
    year = ""
    for when in whens:
        match = re.match(r"\d{4}年", when)
        if match and match[0] == year and len(when) > len(year):
            out.append(when[len(year) :])
        else:
            out.append(when)
        year = match[0] if match else ""
    return "、".join(out)


def _join_subjects(subjects: list[str]) -> str:
    """``代表张伟、李秀英``; more than eight are cut short (``等12户``)."""
    prefix = ""
    for candidate in ("代表", "结对户"):
        if all(s.startswith(candidate) for s in subjects):
            prefix = candidate
    bare = [s[len(prefix) :] for s in subjects]
    unit = "户" if all(s.endswith("户") for s in subjects) else "名" if prefix == "代表" else "处"
    return prefix + names(bare, limit=8, unit=unit)


# -- lookups and facts -----------------------------------------------------------------------


def _day_fact(finding: Finding, key: str) -> dt.date | None:
    value = finding.facts.get(key)
    return value if isinstance(value, dt.date) else None


def _int_fact(finding: Finding, key: str) -> int | None:
    value = finding.facts.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _period_fact(finding: Finding) -> Period | None:
    """The period a finding is about (its ``period`` fact, a code such as ``2019Q3``)."""
    code = finding.facts.get("period")
    return periods.parse(code) if isinstance(code, str) else None


def _day(day: dt.date) -> Period:
    return Period(day.isoformat(), day, day)


def _deputy(voice: Voice, deputy_id: str) -> str:
    deputy = voice.records.deputies.get(deputy_id)
    return f"代表{deputy.name}" if deputy else "有的代表"


def _household(voice: Voice, household_id: str) -> str:
    household = voice.records.households.get(household_id)
    return f"{household.head}户" if household else "有的贫困户"


def _pair(voice: Voice, pairing: models.Pairing) -> str:
    return f"{_deputy(voice, pairing.deputy)}结对的{_household(voice, pairing.household)}"


def _filing_name(kind: FilingKind, period_code: str) -> str:
    period = periods.parse(period_code)
    if kind is FilingKind.plan:
        return f"{period.label_zh()}活动方案"
    if kind is FilingKind.pairing_list:
        return f"{period.label_zh()}代表联系帮扶名单"
    if kind is FilingKind.year_summary:
        return f"{period.label_zh()}活动情况总结"
    return f"{period.label_zh()}活动情况书面报告"


# -- one function per rule, from the finding's facts ----------------------------------------


def _filing_item(finding: Finding, voice: Voice) -> Item | None:
    records = voice.records
    due, late = _day_fact(finding, "due"), _day_fact(finding, "filed")
    code, kind_word = finding.facts.get("period"), finding.facts.get("kind")
    if due is None or not isinstance(code, str) or not isinstance(kind_word, str):
        return None
    name = _filing_name(FilingKind(kind_word), code)
    if late is not None:
        filing = records.filings.get(finding.record)
        if filing is None:
            return None
        rest = f"{name}于{cn_date(late)}报送，晚于{month_day(due)}的期限"
        return Item(voice.place(filing.township), "", rest, _day(due))
    if finding.record not in records.townships:
        return None
    rest = f"{name}应于{cn_date(due)}前报送，截至本报告日期尚未报送"
    return Item(voice.place(finding.record), "", rest, _day(due))


PROSE["report-filed"] = _filing_item
PROSE["plan-filed"] = _filing_item


@prose("silent-deputy")
def _silent(finding: Finding, voice: Voice) -> Item | None:
    period = _period_fact(finding)
    if finding.record not in voice.records.deputies or period is None:
        return None
    return Item(_deputy(voice, finding.record), period.label_zh(), "没有参加任何活动", period)


@prose("regular-visits")
def _visits(finding: Finding, voice: Voice) -> Item | None:
    pairing = voice.records.pairings.get(finding.record)
    period = _period_fact(finding)
    if pairing is None or period is None:
        return None
    return Item(_pair(voice, pairing), period.label_zh(), "没有走访记录", period)


@prose("trips-per-year")
def _trips(finding: Finding, voice: Voice) -> Item | None:
    period = _period_fact(finding)
    held, least = _int_fact(finding, "held"), _int_fact(finding, "least")
    if period is None or held is None or least is None:
        return None
    if finding.record in voice.records.townships:
        return Item(
            voice.place(finding.record),
            period.label_zh(),
            f"只组织调研视察{held}次，少于每年至少{least}次的要求"
            if held
            else f"没有组织调研视察，每年至少应组织{least}次",
            period,
        )
    if finding.record in voice.records.deputies:
        rest = f"只参加调研视察{held}次" if held else "没有参加调研视察"
        return Item(_deputy(voice, finding.record), period.label_zh(), rest, period)
    return None


@prose("proposal-reply")
def _reply(finding: Finding, voice: Voice) -> Item | None:
    proposal = voice.records.proposals.get(finding.record)
    due, case = _day_fact(finding, "due"), finding.facts.get("case")
    if proposal is None or due is None:
        return None
    subject = f"{_deputy(voice, proposal.lead)}领衔提出的《{proposal.title}》"
    assigned, replied = _day_fact(finding, "assigned"), _day_fact(finding, "reply")
    if case == "unanswered" and assigned is not None:
        department = proposal.department or "承办部门"
        rest = f"于{cn_date(assigned)}交办{department}，到{cn_date(due)}仍未答复"
    elif case == "late" and replied is not None:
        rest = f"到{cn_date(replied)}才答复，超过了交办后三个月的期限"
    elif case == "rehandle":
        redone = _day_fact(finding, "rehandled")
        late = f"到{cn_date(redone)}才重新办理" if redone else "至今没有重新办理"
        rest = f"答复后代表不满意，应于{cn_date(due)}前重新办理，{late}"
    else:
        return None
    return Item(subject, "", rest, _day(due))


@prose("household-exit")
def _exit(finding: Finding, voice: Voice) -> Item | None:
    household = voice.records.households.get(finding.record)
    year = _int_fact(finding, "year")
    if household is None or year is None:
        return None
    return Item(f"结对户{household.head}户", f"{year}年底", "仍未脱贫", periods.year(year))


@prose("first-meeting")
def _first_meeting(finding: Finding, voice: Voice) -> Item | None:
    pairing = voice.records.pairings.get(finding.record)
    due, first = _day_fact(finding, "due"), _day_fact(finding, "first")
    if pairing is None or due is None:
        return None
    met = f"到{cn_date(first)}才第一次见面" if first else "截至本报告日期没有见面记录"
    return Item(_pair(voice, pairing), "", f"应于{cn_date(due)}前见面对接，{met}", _day(due))


@prose("pairs-per-deputy")
def _pairs(finding: Finding, voice: Voice) -> Item | None:
    day = _day_fact(finding, "day")
    count, limit = _int_fact(finding, "count"), _int_fact(finding, "limit")
    if finding.record not in voice.records.deputies or day is None:
        return None
    if count is None or limit is None:
        return None
    if finding.facts.get("over"):
        rest = f"同时结对{count}户，多于{limit}户"
    else:
        rest = "没有结对贫困户" if count == 0 else f"只结对{count}户，少于{limit}户"
    return Item(_deputy(voice, finding.record), cn_date(day), rest, _day(day))


@prose("household-source")
def _source(finding: Finding, voice: Voice) -> Item | None:
    records = voice.records
    pairing = records.pairings.get(finding.record)
    if pairing is None:
        return None
    deputy = records.deputies.get(pairing.deputy)
    household = records.households.get(pairing.household)
    if deputy is None or household is None:
        return None
    whom = f"结对的{household.head}户"
    if deputy.employer.takes_unit_households:
        unit = records.units.get(deputy.unit or "")
        if unit is not None and household.id not in records.unit_households(unit.id):
            rest = f"不在{unit.name}已落实的联系帮扶户中"
        else:
            rest = "不是从所在单位已落实的联系帮扶户中确定的"
    elif pairing.chosen_by is not ChosenBy.township:
        rest = "不是由乡镇人大主席团推荐确定的"
    elif household.source is not HouseholdSource.township:
        rest = "不在乡镇帮扶点中"
    elif household.township == deputy.township:
        rest = f"所在的{household.village}不是乡镇帮扶点"
    else:
        rest = f"在{voice.place(household.township)}，不在代表所在乡镇的帮扶点中"
    span = Period("pairing", pairing.start, pairing.end or dt.date.max)
    return Item(f"代表{deputy.name}{whom}", "", rest, span, within=False)
