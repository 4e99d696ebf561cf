"""Where the shipped templates are: inside the installed package, or templates/ in a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def template_path(name: str) -> Path:
    """The path of a shipped template file by name."""
    try:
        packaged = Path(str(resources.files("lingbi_cli.templates") / name))
        if packaged.is_file():
            return packaged
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "templates" / name
