"""What a data folder still lacks to be worth checking: townships, their deputies, households.

``lingbi check`` on a folder fresh from ``lingbi init`` finds no problem in records that do not
exist yet; it says what is missing instead of "没有发现问题". A file counts as holding records
when a line of it starts a list item — a glance at its bytes, not a parse, so that a check
of a whole county pays nothing for it.
"""

from __future__ import annotations

import re
from pathlib import Path

from lingbi_cli import models
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.folder import DataFolder

_ITEM = re.compile(rb"^[ \t]*-(?:[ \t]|$)", re.M)
_WANTED = (models.Deputy, models.Household)


def has_records(path: Path) -> bool:
    """Whether a line in the first 64 KB of the file starts a list item — looked for in the
    whole lines of its first 4 KB first: a county's 2,000 files of people are not read 64 KB
    each."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD)
            if len(head) < HEAD:  # the whole file
                return _ITEM.search(head) is not None
            if _ITEM.search(head[: head.rfind(b"\n") + 1]) is not None:
                return True
            return _ITEM.search(head + handle.read(GLANCE - HEAD)) is not None
    except OSError:
        return False


HEAD, GLANCE = 1 << 12, 1 << 16


def missing(folder: DataFolder, township: str | None = None) -> list[str]:
    """One Chinese line per thing missing (empty when nothing is); ``township`` limits it."""
    registered = folder.file_for(models.Township)
    try:
        raws, _, _ = read_any((folder.path / registered).read_bytes())
    except OSError:
        raws = []
    towns = [(str(r.values.get("id")), str(r.values.get("name"))) for r in raws]
    if not towns:
        return [f"还没有登记任何乡镇（{registered}）：用 lingbi init --township 乡镇名称 添加"]
    gaps = []
    for tid, name in towns:
        if township is not None and township not in (tid, name):
            continue
        for model in _WANTED:
            rel = folder.file_for(model, tid)
            if not has_records(folder.path / rel):
                gaps.append(f"{name}（{tid}）还没有录入{model.kind_label}（{rel}）")
    return gaps
