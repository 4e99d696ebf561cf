"""What the site shows, computed once, as of one day, by the reports' and the rules' own
functions: the figures of every township and of the county for the whole campaign and each
year (``reports.figures.compute``, as ``lingbi stats`` and ``lingbi report`` count them), and
the campaign rules' findings of each year (``rules.check_folder``, as ``lingbi check`` and the
reports' problems judge them). Nothing here counts records itself; pages only arrange this.

A *span* is what a page can be switched to: ``all`` (the campaign up to the day) or a year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from lingbi_cli import periods
from lingbi_cli.errors import Finding, UsageError
from lingbi_cli.periods import Period
from lingbi_cli.reports.figures import Figures, compute
from lingbi_cli.reports.problems import HEADINGS, PROSE, Voice
from lingbi_cli.reports.wording import cn_date
from lingbi_cli.rules import REGISTRY, check_folder
from lingbi_cli.store.layout import township_of
from lingbi_cli.store.records import Records

ALL = "all"
# what a finding's message names for `lingbi check` and a leader does not read: record ids
# (``（yinji-h0014）``, ``结对 yinji-p0013：``)
_IDS = re.compile(r"（[a-z][a-z0-9]*-[a-z0-9-]+）|(?:结对 )?\b[a-z][a-z0-9]*-[a-z0-9-]+\b[：:]?\s*")


class Reach(StrEnum):
    """What a rule's findings are counted against, for its light."""

    township = "township"  # one finding means the township fell short
    pairings = "pairings"  # a share of the township's pairings
    proposals = "proposals"  # a share of the township's proposals


@dataclass(frozen=True)
class LightRule:
    rule: str
    label: str  # the column's header, as the county's document says it
    reach: Reach


# The campaign requirements the overview shows as traffic lights, in the order of §2.3 and §3.2.
LIGHTS: tuple[LightRule, ...] = (
    LightRule("trips-per-year", "调研视察每年3次", Reach.township),
    LightRule("plan-filed", "方案名单按时报送", Reach.township),
    LightRule("report-filed", "半年报告按时报送", Reach.township),
    LightRule("first-meeting", "见面对接", Reach.pairings),
    LightRule("regular-visits", "定期走访", Reach.pairings),
    LightRule("six-ones", "六个一", Reach.pairings),
    LightRule("proposal-reply", "议案建议答复", Reach.proposals),
)
# the rules the site runs: the lights' and those whose findings the reports list as problems
RULES = sorted({*(light.rule for light in LIGHTS), *HEADINGS} & set(REGISTRY))
SOME_SHARE = 0.1  # up to a tenth of the pairings (proposals) concerned: amber, not red


class State(StrEnum):
    ok = "ok"  # no finding
    some = "some"  # a few of the township's pairings or proposals
    bad = "bad"  # the township fell short
    off = "off"  # the rule is switched off in lingbi.yaml


@dataclass(frozen=True)
class Light:
    rule: LightRule
    state: State
    count: int  # findings
    of: int  # what they are counted against (pairings, proposals); 0 for township rules

    @property
    def rank(self) -> int:
        """For sorting: worse first when descending."""
        order = {State.off: -1, State.ok: 0, State.some: 1, State.bad: 2}
        return order[self.state] * 100_000 + self.count


@dataclass
class Site:
    """Everything the pages show, as of ``day``; ``only`` is the one township of a
    ``--township`` site (None: the county)."""

    records: Records
    day: dt.date
    only: str | None
    spans: dict[str, Period] = field(default_factory=dict)
    figures: dict[str, dict[str | None, Figures]] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    # span -> (township or None, rule or None) -> findings: ``of``'s index, made on first use
    _owned: dict[str, dict[tuple[str | None, str | None], list[Finding]]] = field(
        default_factory=dict, repr=False
    )

    @property
    def townships(self) -> list[str]:
        """The ids of the townships the site shows, in the county's order."""
        return [t for t in self.records.townships if self.only in (None, t)]

    @property
    def years(self) -> list[str]:
        return [key for key in self.spans if key != ALL]

    def name(self, township: str | None) -> str:
        if township is None:
            return "全县"
        return self.records.townships[township].name

    def span_label(self, key: str) -> str:
        if key == ALL:
            span = self.spans[ALL]
            return f"活动全程（{cn_date(span.start)}至{cn_date(span.end)}）"
        return self.spans[key].label_zh()

    def of(self, span: str, township: str | None, rule: str | None = None) -> list[Finding]:
        """The findings of ``span`` that belong to ``township`` (None: every township the
        site shows), of one rule or of all, in ``lingbi check``'s order."""
        if span not in self._owned:
            owned: dict[tuple[str | None, str | None], list[Finding]] = {}
            shown = set(self.townships)
            for finding in self.findings[span]:
                owner = township_of(finding.file, finding.record)
                if owner not in shown:
                    continue
                keys: tuple[tuple[str | None, str | None], ...] = (
                    (owner, None),
                    (owner, finding.rule),
                    (None, None),
                    (None, finding.rule),
                )
                for key in keys:
                    owned.setdefault(key, []).append(finding)
            self._owned[span] = owned
        return list(self._owned[span].get((township, rule), []))

    def said(self, finding: Finding) -> str:
        """A finding as a leader reads it: the reports' own sentence for its rule (people by
        name, dates in words, no ids), else ``lingbi check``'s message without the ids."""
        writer = PROSE.get(finding.rule)
        item = writer(finding, Voice(self.records)) if writer else None
        if item is None:
            return _IDS.sub("", finding.message).strip()
        text = f"{item.subject}{item.when}{item.rest}。"
        return text.replace("截至本报告日期", f"截至{cn_date(self.day)}")

    def light(self, span: str, township: str | None, rule: LightRule) -> Light:
        settings = REGISTRY[rule.rule].settings(self.records.settings.rules.get(rule.rule))
        if not settings.enabled or rule.rule not in RULES:
            return Light(rule, State.off, 0, 0)
        found = self.of(span, township, rule.rule)
        if rule.reach is Reach.township:
            # trips-per-year also judges each deputy's trips; the light is the township's own
            found = [f for f in found if f.record not in self.records.deputies]
            return Light(rule, State.bad if found else State.ok, len(found), 0)
        key = "pairings" if rule.reach is Reach.pairings else "proposals"
        whole = self.figures[span][township].count(key)
        concerned = len({f.record for f in found})
        if not found:
            state = State.ok
        elif whole and concerned <= SOME_SHARE * whole:
            state = State.some
        else:
            state = State.bad
        return Light(rule, state, len(found), whole)


def site_day(records: Records, date: dt.date | None) -> dt.date:
    """The site's one date: ``date``, or the campaign's end, or today if that comes first."""
    campaign = records.settings.campaign
    today = periods.today()
    day = date or min(campaign.end, today)
    if day > today:
        raise UsageError(f"日期{cn_date(day)}晚于今天，不能预先生成")
    if day < campaign.start:
        raise UsageError(
            f"日期{cn_date(day)}早于活动开始（{cn_date(campaign.start)}），没有可显示的"
        )
    return day


def gather(records: Records, date: dt.date | None = None, township: str | None = None) -> Site:
    """The site's data as of ``date`` (see ``site_day``), of the county or of one township."""
    day = site_day(records, date)
    if township is not None and township not in records.townships:
        raise UsageError(f"没有编号为 {township} 的乡镇")
    site = Site(records, day, township)
    campaign = records.settings.campaign
    whole = Period(ALL, campaign.start, min(campaign.end, day))
    site.spans[ALL] = whole
    for year in range(campaign.start.year, whole.end.year + 1):
        site.spans[str(year)] = periods.year(year)
    ids: list[str | None] = [*site.townships]
    if township is None:
        ids.append(None)
    for key, span in site.spans.items():
        site.figures[key] = compute(records, span, ids, as_of=day)
    seen: dict[tuple[str, str, int, str], Finding] = {}
    for key in site.years:
        result = check_folder(
            records.folder,
            as_of=day,
            only=RULES,
            period=site.spans[key],
        )
        site.findings[key] = result.findings
        for finding in result.findings:
            seen.setdefault((finding.rule, finding.file, finding.line, finding.message), finding)
    site.findings[ALL] = sorted(seen.values(), key=Finding.sort_key)
    return site
