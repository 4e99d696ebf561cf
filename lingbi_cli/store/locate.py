"""Where the data folder is: ``--data``, ``LINGBI_DATA``, or up from here to a lingbi.yaml.

Imports nothing of the schemas: a repeated ``check`` finds its folder and its stored answer
(``store.answers``) before they are loaded.
"""

from __future__ import annotations

import os
from pathlib import Path

from lingbi_cli.errors import DataFolderNotFound

CONFIG_NAME = "lingbi.yaml"


def find_data_folder(explicit: str | None = None, start: Path | None = None) -> Path:
    """``--data``, then ``LINGBI_DATA``, then up from ``start`` to a folder with lingbi.yaml."""
    given = explicit or os.environ.get("LINGBI_DATA")
    if given:
        folder = Path(given).expanduser()
        if not (folder / CONFIG_NAME).is_file():
            raise DataFolderNotFound(str(folder))
        return folder.resolve()
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    raise DataFolderNotFound(str(here))
