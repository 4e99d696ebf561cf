"""The synthetic county: a deterministic generator of complete data folders.

``generate(folder, scale, seed)`` writes ``lingbi.yaml`` (the shipped template), ``county/`` and
``townships/<id>/…`` exactly as ``store/layout.py`` lays them out, at one of the scales of
``scales.py``: the sample county bundled in ``data/``, one township, or the whole county once
or three times. Everything but the township names is invented.

The same seed gives byte-identical files: one ``random.Random`` per township and phase, ordered
iteration only, no clock. The output passes every integrity rule; the campaign rules see only
the deliberate shortfalls (``sample``) or a small random share of them (``shortfalls.py``).

The modules, in the order they run: ``people`` (townships, deputies, households, pairings),
``shortfalls``, ``activities``, ``details``, ``paperwork`` (proposals, filings, awards) and
``write``; with ``days`` (the calendar), ``words`` (the vocabulary) and ``drafts`` (the records
being built).
"""

from __future__ import annotations

import gc
import shutil
from dataclasses import dataclass
from pathlib import Path

from lingbi_cli.errors import UsageError
from lingbi_cli.sample import shortfalls
from lingbi_cli.sample.activities import activities
from lingbi_cli.sample.details import details
from lingbi_cli.sample.drafts import County
from lingbi_cli.sample.paperwork import awards, paperwork
from lingbi_cli.sample.people import build_townships
from lingbi_cli.sample.scales import PROFILES, SCALES
from lingbi_cli.sample.write import Writer, write_activities, write_county, write_township
from lingbi_cli.store.init import GITIGNORE
from lingbi_cli.store.locate import CONFIG_NAME
from lingbi_cli.templates_dir import template_path

__all__ = ["SCALES", "GenerateReport", "generate"]


@dataclass
class GenerateReport:
    """What ``generate`` wrote: records by kind, files, bytes, and the shortfalls it put in."""

    folder: Path
    scale: str
    seed: int
    counts: dict[str, int]
    files: int
    bytes: int
    deliberate: list[str]


def generate(folder: Path, scale: str, seed: int = 2018, *, force: bool = False) -> GenerateReport:
    """Write a complete synthetic data folder at ``scale`` (see ``SCALES``) into ``folder``.

    A non-empty ``folder`` is refused unless ``force``; then its ``county/`` and ``townships/``
    are replaced and ``lingbi.yaml`` is overwritten (anything else in it, such as notes/,
    schemas/ or the cache, is left alone).
    """
    if scale not in PROFILES:
        raise UsageError(f"没有 {scale} 这种规模；可选：{'、'.join(SCALES)}")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} 不是文件夹")
    if folder.is_dir() and any(folder.iterdir()):
        if not force:
            raise UsageError(f"{folder} 不是空文件夹；确认要覆盖其中的数据请加 --force")
        for sub in ("county", "townships"):
            if (folder / sub).is_dir() and not (folder / sub).is_symlink():
                shutil.rmtree(folder / sub)
    collecting = gc.isenabled()
    gc.disable()  # a county of small objects that all live until the end: nothing to collect
    try:
        return _generate(folder, scale, seed)
    finally:
        if collecting:
            gc.enable()


def _generate(folder: Path, scale: str, seed: int) -> GenerateReport:
    county = County(PROFILES[scale], seed)
    build_townships(county)
    shortfalls.plan(county)
    w = Writer(folder)
    w.write(CONFIG_NAME, template_path(CONFIG_NAME).read_bytes())
    w.write(".gitignore", GITIGNORE.encode("utf-8"))
    everyone = [d for t in county.townships for d in t.deps]
    for township in county.townships:
        activities(county, township)
        details(county, township)
        write_activities(w, county, township)  # and drops them: one township in memory at a time
        paperwork(county, township, everyone)
    shortfalls.conclude(county)
    given = awards(county)  # and the townships' donors
    for township in county.townships:
        write_township(w, township)
    counts = write_county(w, county, given)
    return GenerateReport(folder, scale, seed, counts, w.files, w.bytes, county.deliberate)
