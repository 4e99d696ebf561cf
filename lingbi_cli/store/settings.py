"""``lingbi.yaml`` on disk: where it is, and reading it into ``config.Settings``.

``config`` owns the settings models and their defaults; the store owns the file: finding the
data folder by the ``lingbi.yaml`` in it, reading the file's bytes (once per command, through
``store.folder.DataFolder``) and telling a problem in it by line and field, in Chinese.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from lingbi_cli.config import Settings
from lingbi_cli.errors import ConfigError, DataFolderNotFound
from lingbi_cli.store.messages import translate
from lingbi_cli.store.yamlread import read_mapping

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


def read_settings(folder: Path) -> tuple[Settings, bytes]:
    """``lingbi.yaml`` in ``folder``: the settings, and the file's bytes (part of the result
    cache's key). A problem in it is unusable input (exit 2)."""
    path = folder / CONFIG_NAME
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(str(path), 0, CONFIG_NAME, f"无法读取：{exc.strerror}") from None
    return parse_settings(data, str(path)), data


def parse_settings(data: bytes, where: str = CONFIG_NAME) -> Settings:
    """The settings ``data`` (the bytes of a lingbi.yaml) holds."""
    values, lines, problem = read_mapping(data)
    if problem is not None:
        raise ConfigError(where, problem.line, CONFIG_NAME, problem.message)
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        dotted = ".".join(str(p) for p in first["loc"] if not isinstance(p, int))
        line = lines.get(dotted, (0, 0))[0]
        raise ConfigError(where, line, dotted or "(顶层)", translate(first)) from None
