"""The records behind the figures and lights (``records/<township>.html``, and
``records/county.html`` for the county's figures, broken down by township): what
``lingbi report --explain`` prints, chosen by the link's ``#p=span&k=figure`` or ``&r=rule``."""

from __future__ import annotations

from lingbi_cli.site.model import ALL, Site
from lingbi_cli.site.records import county_records, township_records
from lingbi_cli.site.render import Writer, page

HEAVY = 10  # townships: from this many, shared with a second process


@page("records", order=90)
def records(site: Site, writer: Writer) -> None:
    default = site.years[-1] if site.years else ALL

    def write(township: str) -> None:
        writer.page(
            f"records/{township}.html",
            "records.html.j2",
            f"{site.name(township)}：数字的来源",
            data=township_records(site, township),
            default=default,
            county=False,
        )

    writer.many(write, site.townships, at_least=HEAVY)
    if site.only is None:
        writer.page(
            "records/county.html",
            "records.html.j2",
            "全县：数字的来源",
            data=county_records(site),
            default=default,
            county=True,
        )
