"""The rule registry: what a rule is, how it registers, and the context its check sees.

Each rule lives whole in its own module, ``rules/<rule_name>.py``: a function ``check(ctx)``
registered with ``@rule(...)``, whose arguments are everything else about the rule — name, tier,
catalog order, default level, clause and quote, settings model, relative cost, the Chinese
"what" and "why" that ``lingbi explain`` prints, and, where the rule judges records file by
file, its per-file part (``per_file``), which the loader runs and caches with each file
(``store.filecheck``). The check's docstring says the same for developers, in English. The
rules the loader applies while reading (``yaml-syntax``, ``schema``) register with
``loader_rule`` and no check, so that they are listed, explained, levelled and selected like
the others. Nothing about a rule is a position in a list: the catalog's order, the integrity
tier and the costs are read from the registry.

A county is judged township by township (``rules.partition``): a rule sees a township's
neighbourhood — its records, the county's, the people they name and the records elsewhere that
name its people — and must judge a record by no more than that; a rule that judges a unit or
an award by the records naming it, or a record by another township's records that do not name
it or its people, needs the neighbourhoods widened first (``tests/test_partition.py`` compares
every part with the whole county).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from lingbi_cli import models, periods
from lingbi_cli.errors import ConfigError, Finding, Level
from lingbi_cli.periods import Period
from lingbi_cli.rules.index import Index, index_of
from lingbi_cli.store import filecheck
from lingbi_cli.store.filecheck import FileCheckFn
from lingbi_cli.store.layout import TOWNSHIPS_FILE, township_of
from lingbi_cli.store.records import Records
from lingbi_cli.store.rows import Loaded


class RuleSettings(BaseModel):
    """Settings every rule has; a rule with more subclasses this."""

    model_config = ConfigDict(extra="forbid")

    level: Level | None = None  # None: the rule's default level
    enabled: bool = True


@dataclass
class Scope:
    """What a run is limited to: a period (``--year``/``--half``) and a township — with the
    county's files (``check --township``), or without them (a township's part, ``partition``);
    or the county's own files and nothing of the townships (``townships=False``: the county's
    part, whose neighbourhood holds every township's deputies but none of their work)."""

    period: Period | None = None
    township: str | None = None
    county_files: bool = True
    townships: bool = True

    def kept(self) -> tuple[str | None, ...] | None:
        """Whose findings the scope keeps, by ``layout.township_of`` (None: the county's
        own); None: everyone's."""
        if self.township is None:
            return None if self.townships else (None,)
        return (self.township, None) if self.county_files else (self.township,)


@dataclass
class Context:
    """What a rule sees: the records, its own settings, and the day records are judged on."""

    records: Records
    rule: Rule
    settings: Any
    level: Level
    as_of: dt.date
    today: dt.date
    scope: Scope = field(default_factory=Scope)
    ignored: list[tuple[Finding, str]] = field(default_factory=list)
    _periods: dict[tuple[str, bool], list[Period]] = field(default_factory=dict, repr=False)
    _shown: dict[str, bool] = field(default_factory=dict, repr=False)  # by file

    @property
    def campaign(self) -> Any:
        return self.records.settings.campaign

    @property
    def index(self) -> Index:
        return index_of(self.records)

    @property
    def campaign_period(self) -> Period:
        return Period("campaign", self.campaign.start, self.campaign.end)

    def periods(self, unit: str, over: bool = True) -> list[Period]:
        """The campaign's years/halves/quarters in scope, each clipped to the campaign (2018
        begins in April); with ``over``, only those that are over by ``as_of``."""
        key = (unit, over)
        if key not in self._periods:
            self._periods[key] = self._periods_uncached(unit, over)
        return self._periods[key]

    def _periods_uncached(self, unit: str, over: bool) -> list[Period]:
        window = self.campaign_period
        if self.scope.period is not None:
            window = window.clip(self.scope.period.start, self.scope.period.end) or Period(
                "empty", self.campaign.end + dt.timedelta(days=1), self.campaign.end
            )
        found = []
        for part in periods.split(window, unit):
            clipped = part.clip(self.campaign.start, self.campaign.end)
            if clipped is not None and (not over or clipped.end <= self.as_of):
                found.append(clipped)
        return found

    def townships(self) -> list[models.Township]:
        """The townships in scope (``--township``), in id order."""
        if not self.scope.townships:
            return []
        return [
            t
            for tid, t in sorted(self.records.townships.items())
            if self.scope.township in (None, tid)
        ]

    def in_scope(self, township: str | None) -> bool:
        if not self.scope.townships:
            return township is None
        return self.scope.township is None or township == self.scope.township

    def shown(self, record: Loaded | None, file: str | None = None) -> bool:
        """Whether a finding about ``record`` (or in ``file``) is kept in this run's scope:
        ``run`` keeps a township's own files and record, and the county's files unless the
        scope leaves them out. A finding out of scope is not made at all (a township's
        neighbourhood holds other townships' files and the county's list of every unit's
        households, whose references to people elsewhere would be thousands of findings to
        drop)."""
        kept = self.scope.kept()
        if kept is None:
            return True
        rel = file if file is not None else (record.file if record else "")
        if rel == TOWNSHIPS_FILE:  # each township's own record
            return township_of(rel, record.id if record else "") in kept
        found = self._shown.get(rel)
        if found is None:
            found = self._shown[rel] = township_of(rel) in kept
        return found

    def finding(
        self,
        record: Loaded | None,
        message: str,
        hint: str = "",
        *,
        file: str | None = None,
        line: int | None = None,
        facts: dict[str, object] | None = None,
    ) -> Finding | None:
        """A finding about ``record``, or None when the record carries an ignore comment (or
        when the finding is out of the run's scope: ``shown``)."""
        if not self.shown(record, file):
            return None
        found = Finding(
            rule=self.rule.name,
            level=self.level,
            file=file if file is not None else (record.file if record else ""),
            line=line if line is not None else (record.line if record else 0),
            column=1 if (line or (record and record.line)) else 0,
            message=message,
            hint=hint,
            record=record.id if record else "",
            facts=facts or {},
        )
        if record is not None and self.rule.name in record.ignores:
            self.ignored.append((found, record.ignores[self.rule.name]))
            return None
        return found


Check = Callable[[Context], Iterable[Finding | None]]


class Tier(StrEnum):
    """Integrity rules say whether the records can be trusted at all (a filed report lists their
    findings apart); campaign rules judge the work against the county's document."""

    integrity = "integrity"
    campaign = "campaign"


@dataclass
class Rule:
    name: str
    tier: Tier
    order: int  # place in the catalog within its tier (DESIGN.md §4's order)
    level: Level  # default level
    clause: str  # "§2.3(3)", or "" for a rule no clause states
    quote: str  # the clause quoted from the seed, in Chinese
    summary: str  # one line, Chinese
    what: str  # what the rule finds, Chinese (``lingbi explain``)
    why: str  # why it matters, Chinese (``lingbi explain``)
    doc: str  # the same for developers, English (the check's or the module's docstring)
    settings_model: type[RuleSettings]
    cost: int  # relative cost on a county, to share the rules between processes
    check: Check | None  # None: the loader applies the rule while reading files
    per_file: FileCheckFn | None = None

    @property
    def module(self) -> str:
        """The module the rule lives in: its name with underscores."""
        return self.name.replace("-", "_")

    def settings(self, raw: dict[str, Any] | None, where: str = "lingbi.yaml") -> Any:
        try:
            return self.settings_model.model_validate(raw or {})
        except ValidationError as exc:
            from lingbi_cli.store.messages import translate

            error = exc.errors()[0]
            path = ".".join(str(p) for p in error["loc"])
            raise ConfigError(where, 0, f"rules.{self.name}.{path}", translate(error)) from None


REGISTRY: dict[str, Rule] = {}


def rule(
    name: str,
    *,
    tier: Tier,
    order: int,
    level: Level,
    summary: str,
    what: str,
    why: str,
    clause: str = "",
    quote: str = "",
    settings: type[RuleSettings] = RuleSettings,
    cost: int = 1,
    per_file: FileCheckFn | None = None,
) -> Callable[[Check], Check]:
    """Register ``check`` as the rule ``name``, with everything else about the rule."""

    def register(check: Check) -> Check:
        module = check.__module__.rsplit(".", 1)[-1]
        _add(
            Rule(
                name,
                tier,
                order,
                level,
                clause,
                quote,
                summary,
                paragraph(what),
                paragraph(why),
                inspect.cleandoc(check.__doc__ or ""),
                settings,
                cost,
                check,
                per_file,
            ),
            module,
        )
        return check

    return register


def loader_rule(
    name: str,
    *,
    tier: Tier,
    order: int,
    level: Level,
    summary: str,
    what: str,
    why: str,
    doc: str,
    module: str,
) -> None:
    """Register a rule that the loader applies while reading files (no check of its own)."""
    rule_ = Rule(
        name,
        tier,
        order,
        level,
        "",
        "",
        summary,
        paragraph(what),
        paragraph(why),
        inspect.cleandoc(doc),
        RuleSettings,
        0,
        None,
    )
    _add(rule_, module.rsplit(".", 1)[-1])


def paragraph(text: str) -> str:
    """A Chinese paragraph written over several source lines, as one line: the lines are joined
    without a space (Chinese has none), except between two ASCII letters or digits."""
    out = ""
    for line in (part.strip() for part in text.strip().splitlines()):
        if out and line and out[-1].isascii() and out[-1].isalnum() and line[0].isascii():
            out += " "
        out += line
    return out


def _add(rule_: Rule, module: str) -> None:
    if rule_.name in REGISTRY:
        raise ValueError(f"rule {rule_.name} registered twice")
    if module != rule_.module:
        raise ValueError(f"rule {rule_.name} belongs in rules/{rule_.module}.py, not {module}.py")
    REGISTRY[rule_.name] = rule_
    if rule_.per_file is not None:
        filecheck.register(rule_.name, rule_.level, rule_.per_file)


def sort_catalog() -> None:
    """Order the registry as the catalog: the integrity tier, then the campaign rules, each by
    its rules' ``order``; two rules of one tier may not share a place."""
    tiers = list(Tier)
    ordered = sorted(REGISTRY.values(), key=lambda r: (tiers.index(r.tier), r.order))
    for before, after in zip(ordered, ordered[1:], strict=False):
        if (before.tier, before.order) == (after.tier, after.order):
            raise ValueError(f"rules {before.name} and {after.name} share order {after.order}")
    REGISTRY.clear()
    REGISTRY.update((r.name, r) for r in ordered)
