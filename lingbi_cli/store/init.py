"""``lingbi init``: a new, empty data folder with a commented lingbi.yaml."""

from __future__ import annotations

from pathlib import Path

from lingbi_cli.config import CONFIG_NAME
from lingbi_cli.errors import UsageError
from lingbi_cli.templates_dir import template_path

GITIGNORE = "# lingbi 的缓存，可随时删除\n.lingbi-cache/\n"


def init_folder(folder: Path) -> list[Path]:
    """Create ``folder`` with lingbi.yaml, county/, townships/ and notes/; refuse to overwrite."""
    target = folder / CONFIG_NAME
    if target.exists():
        raise UsageError(f"{target} 已经存在，不会覆盖")
    written: list[Path] = []
    for sub in ("county", "townships", "notes"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        written.append(folder / sub)
    target.write_bytes(template_path(CONFIG_NAME).read_bytes())
    written.append(target)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text(GITIGNORE, encoding="utf-8")
        written.append(ignore)
    return written
