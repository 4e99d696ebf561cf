"""``lingbi.yaml`` on disk: where it is, and reading it into ``config.Settings``.

``config`` owns the settings models and their defaults; the store owns the file: finding the
data folder by the ``lingbi.yaml`` in it, reading the file's bytes (once per command, through
``store.folder.DataFolder``) and telling a problem in it by line and field, in Chinese.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from lingbi_cli.config import Settings
from lingbi_cli.errors import ConfigError
from lingbi_cli.store.locate import CONFIG_NAME
from lingbi_cli.store.messages import translate
from lingbi_cli.store.yamlread import read_mapping


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
