"""lingbi.yaml: the shipped template spells out exactly the seed's defaults."""

from __future__ import annotations

from lingbi_cli.config import Campaign, Settings
from lingbi_cli.rules import REGISTRY, Tier
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.init import init_folder


def test_template_settings_are_the_defaults(tmp_path):
    init_folder(tmp_path / "d")
    settings = DataFolder(tmp_path / "d").settings
    assert settings.campaign == Campaign()
    assert settings.model_dump(exclude={"rules"}) == Settings().model_dump(exclude={"rules"})
    for name, rule in REGISTRY.items():
        written = rule.settings(settings.rules.get(name))
        assert written.level in (None, rule.level), f"rules.{name}.level is not the default"
        default = rule.settings_model().model_dump(exclude={"level"})
        assert written.model_dump(exclude={"level"}) == default, f"rules.{name} differs"
    campaign_rules = [
        n for n, r in REGISTRY.items() if r.check and r.clause and r.tier is not Tier.integrity
    ]
    for name in campaign_rules:
        assert name in settings.rules, f"rules.{name} is not written out in lingbi.yaml"


def test_seed_calendar_defaults():
    c = Campaign()
    assert (c.start.isoformat(), c.end.isoformat()) == ("2018-04-01", "2020-12-31")
    assert (c.plan_deadline, c.first_meeting, c.h1_report, c.h2_report) == (
        (3, 31),
        (4, 30),
        (6, 20),
        (12, 20),
    )
