"""The rule registry: each rule is a small documented unit with a name, level, clause, settings.

A rule is a function ``check(ctx) -> Iterable[Finding]`` registered with ``@rule(...)``; its
docstring, in "what / why / example" form, is what ``lingbi explain`` prints. Rules that the
loader itself applies (``yaml-syntax``, ``schema``, ``duplicate-id``) are registered with no
check function, so that they are listed, documented, levelled and selected like the others.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from lingbi_cli import models, periods
from lingbi_cli.errors import ConfigError, Finding, Level
from lingbi_cli.periods import Period
from lingbi_cli.rules.index import Index, index_of
from lingbi_cli.store.load import County
from lingbi_cli.store.rows import Loaded


class RuleSettings(BaseModel):
    """Settings every rule has; a rule with more subclasses this."""

    model_config = ConfigDict(extra="forbid")

    level: Level | None = None  # None: the rule's default level
    enabled: bool = True


@dataclass
class Scope:
    """What a run is limited to: a period (``--year``/``--half``) and a township."""

    period: Period | None = None
    township: str | None = None


@dataclass
class Context:
    """What a rule sees: the county, its own settings, and the day records are judged on."""

    county: County
    rule: Rule
    settings: Any
    level: Level
    as_of: dt.date
    today: dt.date
    scope: Scope = field(default_factory=Scope)
    ignored: list[tuple[Finding, str]] = field(default_factory=list)
    _periods: dict[tuple[str, bool], list[Period]] = field(default_factory=dict, repr=False)

    @property
    def campaign(self) -> Any:
        return self.county.settings.campaign

    @property
    def index(self) -> Index:
        return index_of(self.county)

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
        return [
            t
            for tid, t in sorted(self.county.townships.items())
            if self.scope.township in (None, tid)
        ]

    def in_scope(self, township: str | None) -> bool:
        return self.scope.township is None or township == self.scope.township

    def finding(
        self,
        record: Loaded | None,
        message: str,
        hint: str = "",
        *,
        file: str | None = None,
        line: int | None = None,
    ) -> Finding | None:
        """A finding about ``record``, or None when the record carries an ignore comment."""
        found = Finding(
            rule=self.rule.name,
            level=self.level,
            file=file if file is not None else (record.file if record else ""),
            line=line if line is not None else (record.line if record else 0),
            column=1 if (line or (record and record.line)) else 0,
            message=message,
            hint=hint,
            record=record.id if record else "",
        )
        if record is not None and self.rule.name in record.ignores:
            self.ignored.append((found, record.ignores[self.rule.name]))
            return None
        return found


Check = Callable[[Context], Iterable[Finding | None]]


@dataclass
class Rule:
    name: str
    level: Level
    clause: str  # "§2.3(3)" or "" for integrity rules with no clause
    quote: str  # the clause quoted from the seed, in Chinese
    summary: str  # one line, Chinese
    doc: str
    settings_model: type[RuleSettings]
    check: Check | None
    example: str = ""  # a small failing data folder fragment (YAML), for `explain`

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
    level: Level,
    summary: str,
    clause: str = "",
    quote: str = "",
    settings: type[RuleSettings] = RuleSettings,
    example: str = "",
) -> Callable[[Check], Check]:
    """Register a rule's check function under ``name``."""

    def register(check: Check) -> Check:
        _add(name, level, summary, clause, quote, settings, check, example)
        return check

    return register


def loader_rule(name: str, *, level: Level, summary: str, doc: str, example: str = "") -> None:
    """Register a rule that the loader applies while reading files."""
    _add(name, level, summary, "", "", RuleSettings, None, example, doc)


def _add(
    name: str,
    level: Level,
    summary: str,
    clause: str,
    quote: str,
    settings: type[RuleSettings],
    check: Check | None,
    example: str,
    doc: str | None = None,
) -> None:
    if name in REGISTRY:
        raise ValueError(f"rule {name} registered twice")
    text = inspect.cleandoc(doc if doc is not None else (check.__doc__ or "") if check else "")
    REGISTRY[name] = Rule(name, level, clause, quote, summary, text, settings, check, example)
