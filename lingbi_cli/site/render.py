"""Writing the site's files: the page registry, a Jinja2 environment over ``site/templates``
(autoescaped: text from records cannot become markup), the shipped assets (ECharts, the style
sheet and script, their licences) copied beside the pages, and the whole site made in a
temporary folder and swapped into place, so that a failed build never leaves half a site.

A page is a function registered with ``@page(...)``: it gets the ``Site`` and a ``Writer`` and
writes one or more files with ``writer.page(rel, template, **values)``. Pages with a ``file``
appear in the navigation bar in ``order``. Adding a page is a module in ``site/pages/`` and a
template in ``site/templates/``; nothing else lists it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from lingbi_cli.errors import RefusedError
from lingbi_cli.parallel import parallel_map, two_if
from lingbi_cli.site import text
from lingbi_cli.site.model import Site

T = TypeVar("T")
MARKER = ".lingbi-site"  # a folder holding it was written by `lingbi site` and may be replaced


@dataclass(frozen=True)
class Page:
    name: str
    title: str  # the navigation bar's word for it
    file: str  # the file the navigation bar links to; "" for pages reached from others
    order: int
    write: Callable[[Site, Writer], None]


PAGES: dict[str, Page] = {}
PARALLEL_FROM = 200  # pages written by one page function; below this one process is quicker


def page(
    name: str, title: str = "", file: str = "", order: int = 100
) -> Callable[[Callable[[Site, Writer], None]], Callable[[Site, Writer], None]]:
    def register(function: Callable[[Site, Writer], None]) -> Callable[[Site, Writer], None]:
        PAGES[name] = Page(name, title, file, order, function)
        return function

    return register


def data_json(value: Any) -> Markup:
    """Data for a page's script, safe inside ``<script type="application/json">``."""
    dumped = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("lingbi_cli.site", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        shown=text.shown,
        day=text.day,
        short_day=text.short_day,
        phone=text.mask_phone,
        headers=text.headers,
        cells=text.cells,
        table=text.table_html,
        data=data_json,
    )
    return env


@dataclass
class Writer:
    """Writes the pages of one site into ``folder`` and keeps each file's size."""

    site: Site
    folder: Path
    sizes: dict[str, int] = field(default_factory=dict)
    env: Environment = field(default_factory=_environment)

    def many(
        self, write: Callable[[T], None], items: Sequence[T], at_least: int = PARALLEL_FROM
    ) -> None:
        """``write`` each item (one or more pages each), shared with a second process when
        there are ``at_least`` items (a county's two thousand deputies, its twenty townships'
        heavy pages): the children write their files and send back only their sizes."""
        jobs = two_if(len(items), at_least)

        def run(item: T) -> dict[str, int]:
            before = set(self.sizes)
            write(item)
            return {rel: self.sizes[rel] for rel in set(self.sizes) - before}

        for written in parallel_map(run, items, workers=jobs):
            self.sizes.update(written)

    def page(self, rel: str, template: str, title: str, **values: Any) -> None:
        depth = rel.count("/")
        root = "../" * depth
        nav = [
            (p.title, root + p.file, p.file == rel)
            for p in sorted(PAGES.values(), key=lambda p: p.order)
            if p.file
        ]
        site = self.site
        townships = [(site.name(t), f"{root}township/{t}.html") for t in site.townships]
        html = self.env.get_template(template).render(
            root=root,
            nav=nav,
            township_links=townships,
            title=title,
            place=site.name(site.only) if site.only else site.records.settings.county,
            day=site.day,
            site=site,
            **values,
        )
        target = self.folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = html.encode("utf-8")
        target.write_bytes(data)
        self.sizes[rel] = len(data)

    def assets(self) -> None:
        """The style sheet, the script, ECharts and the licences, copied beside the pages."""
        folder = self.folder / "assets"
        folder.mkdir(parents=True, exist_ok=True)
        for item in resources.files("lingbi_cli.site").joinpath("assets").iterdir():
            if item.is_file():
                data = item.read_bytes()
                (folder / item.name).write_bytes(data)
                self.sizes[f"assets/{item.name}"] = len(data)


def check_target(out: Path) -> None:
    """Refuse to replace a folder that a person made: only an empty folder, or a site this
    command wrote before (it holds ``MARKER``), may be replaced."""
    if out.exists() and not out.is_dir():
        raise RefusedError(f"{out} 是一个文件，不是文件夹；请换一个输出位置")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise RefusedError(
            f"{out} 已有其他文件，不是以前生成的站点；为免覆盖，请指定一个新的或空的文件夹"
        )


def write_site(site: Site, out: Path) -> dict[str, int]:
    """Every registered page and the assets into ``out`` (made whole, then swapped in);
    returns each file's size by its path in the site."""
    check_target(out)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        writer = Writer(site, building)
        writer.assets()
        for registered in sorted(PAGES.values(), key=lambda p: p.order):
            registered.write(site, writer)
        (building / MARKER).write_text("lingbi site\n", encoding="utf-8")
        os.chmod(building, 0o755)
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
        building.rename(out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return writer.sizes
