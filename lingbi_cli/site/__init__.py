"""The offline dashboard (``lingbi site -o DIR``): static pages a county leader opens from a USB
stick or a share with no network — county overview, over time, each township, each deputy,
proposals, and the records behind every figure.

``build(records, out, township=…, date=…)`` is the one entry point: ``model.gather`` computes
what the site shows through the reports' and the rules' own functions (never counting by
itself), ``render.write_site`` writes the registered pages (``site/pages/``, one module per
page) with their Jinja2 templates and the shipped assets (Apache ECharts and its licence).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from lingbi_cli.site import pages as _pages  # noqa: F401  (registers every page)
from lingbi_cli.site.model import Site, gather
from lingbi_cli.site.render import PAGES, page, write_site
from lingbi_cli.store.records import Records


@dataclass(frozen=True)
class Built:
    site: Site
    sizes: dict[str, int]  # bytes of each file, by its path in the site

    @property
    def pages(self) -> int:
        return sum(1 for rel in self.sizes if rel.endswith(".html"))

    def largest(self) -> tuple[str, int]:
        """The largest page with what it loads of its own (not the shared assets)."""
        rel = max((r for r in self.sizes if r.endswith(".html")), key=self.sizes.__getitem__)
        return rel, self.sizes[rel]


def build(
    records: Records, out: Path, *, township: str | None = None, date: dt.date | None = None
) -> Built:
    """Write the site of ``records`` (or of one township, by id) as of ``date`` into ``out``."""
    site = gather(records, date, township)
    return Built(site, write_site(site, out))


__all__ = ["PAGES", "Built", "Site", "build", "gather", "page"]
