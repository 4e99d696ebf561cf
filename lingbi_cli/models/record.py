"""What every record kind shares: the schema's configuration, the id, and where it was read from.

A record is validated from a mapping whose keys are the record file's keys; unknown keys are
an error and strings are stripped. A field whose code name differs from its key (``Activity``'s
``observations``, written ``findings:``) carries the key as its Pydantic alias.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from lingbi_cli.models.fields import RecordId

_NOWHERE: dict[str, Any] = {"_file": "", "_line": 0, "_ignores": None}


class Record(BaseModel):
    """Common configuration: unknown keys are an error, strings are stripped. A kind's
    validator is built when it first validates or writes a record (``defer_build``): a command
    that validates only activities (``lingbi log``) does not build the other kinds' at start-up
    — records read from the cache are not validated again (``store.rows.restore``)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        frozen=False,
        use_enum_values=False,
        validate_default=False,
        defer_build=True,
    )
    kind_name: ClassVar[str] = "record"
    kind_label: ClassVar[str] = "记录"

    id: RecordId  # each kind declares it again, with its own description

    @classmethod
    def field_key(cls, name: str) -> str:
        """The key that names field ``name`` in a record: its alias, else the name itself."""
        return cls.model_fields[name].alias or name

    @classmethod
    def attributes(cls) -> dict[str, str]:
        """Each field's key in a record file → its attribute in code, in schema order."""
        return {cls.field_key(name): name for name in cls.model_fields}

    # Where a record was read from — the file (relative to the data folder), the line it
    # starts on, and its `# lingbi: ignore[rule] reason` comments (rule -> reason) — is told
    # to the record by whoever read it; the record does no reading itself. It is not part of
    # the schema: it lives in pydantic's per-instance private storage, set directly. Declaring
    # it as PrivateAttr would make pydantic initialise defaults on every validation — over a
    # second for a county.
    def place(self, file: str, line: int, ignores: dict[str, str] | None = None) -> None:
        """Tell the record where it was read from (what ``file``, ``line``, ``ignores`` give)."""
        object.__setattr__(
            self, "__pydantic_private__", {"_file": file, "_line": line, "_ignores": ignores}
        )

    @property
    def file(self) -> str:
        """The file it was read from, relative to the data folder ("" if never placed)."""
        return (self.__pydantic_private__ or _NOWHERE)["_file"]  # type: ignore[no-any-return]

    @property
    def line(self) -> int:
        """The line of that file where the record starts (0 if never placed)."""
        return (self.__pydantic_private__ or _NOWHERE)["_line"]  # type: ignore[no-any-return]

    @property
    def ignores(self) -> dict[str, str]:
        """Its ``# lingbi: ignore[rule] reason`` comments: rule → reason."""
        return (self.__pydantic_private__ or _NOWHERE)["_ignores"] or {}
