"""Names in a sheet's cells turned into the ids of records in the data folder.

Offices write people and places by name: ``杨疃镇``, ``张伟``, ``王建国``. A township is found by
id, name, or name without its 镇/乡; a unit by id or name; a deputy by id or name, narrowed to
a township when one is known; a household by id, by its head's citizen ID number, or by its
head's name narrowed by village and township. None or several found is a ``CellError`` that
lists the candidates (a household head's name and ID number are never repeated in a message).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from lingbi_cli import models
from lingbi_cli.sheets.values import CellError
from lingbi_cli.store.records import Records


class Resolver:
    """Lookups by name over a loaded (part of a) county, built on first use."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self._names: dict[str, dict[str, list[Any]]] = {}

    def _index(self, table: str, attr: str) -> dict[str, list[Any]]:
        key = f"{table}.{attr}"
        if key not in self._names:
            index: dict[str, list[Any]] = defaultdict(list)
            for record in getattr(self.records, table).values():
                index[str(getattr(record, attr))].append(record)
            self._names[key] = index
        return self._names[key]

    def forget(self) -> None:
        self._names.clear()

    def find(self, ref: str, by: str, text: str, near: dict[str, str | None]) -> str:
        """The id of the ``ref`` record (township, unit, deputy, household) named ``text``."""
        return str(getattr(self, ref)(text, by, near))

    def township(self, text: str, by: str, near: dict[str, str | None]) -> str:
        townships = self.records.townships
        if text in townships:
            return text
        index = self._index("townships", "name")
        found = index.get(text) or index.get(text + "镇") or index.get(text + "乡") or []
        if len(found) == 1:
            return str(found[0].id)
        known = "、".join(t.name for t in townships.values()) or "（还没有乡镇）"
        raise CellError(f"没有乡镇“{text}”；现有：{known}")

    def unit(self, text: str, by: str, near: dict[str, str | None]) -> str:
        if text in self.records.units:
            return text
        found = self._index("units", "name").get(text, [])
        if len(found) == 1:
            return str(found[0].id)
        raise CellError(f"没有名为“{text}”的单位；请先导入单位表（lingbi import units）")

    def deputy(self, text: str, by: str, near: dict[str, str | None]) -> str:
        if by == "id" or text in self.records.deputies:
            if text in self.records.deputies:
                return text
            raise CellError(f"没有编号为 {text} 的代表")
        found: list[models.Deputy] = self._index("deputies", "name").get(text, [])
        township = near.get("township")
        if len(found) > 1 and township:
            found = [d for d in found if d.township == township] or found
        if len(found) == 1:
            return found[0].id
        if not found:
            raise CellError(f"没有名为“{text}”的代表")
        listed = "、".join(f"{d.id}（{self._town(d.township)}）" for d in found)
        raise CellError(
            f"有 {len(found)} 位代表叫“{text}”：{listed}；请改填代表编号，或用 --township 指定乡镇"
        )

    def household(self, text: str, by: str, near: dict[str, str | None]) -> str:
        households = self.records.households
        if by == "id":
            if text in households:
                return text
            raise CellError(f"没有编号为 {text} 的贫困户")
        if by == "id_number":
            found = self._index("households", "id_number").get(text, [])
            if len(found) == 1:
                return str(found[0].id)
            raise CellError(
                "没有户主是这个身份证号的贫困户" if not found else "有多户登记了这个身份证号"
            )
        found = self._index("households", "head").get(text, [])
        for attr in ("village", "township"):
            wanted = near.get(attr)
            if len(found) > 1 and wanted:
                found = [h for h in found if getattr(h, attr) == wanted] or found
        if len(found) == 1:
            return str(found[0].id)
        if not found:
            raise CellError("找不到户主是这个名字的贫困户（请核对姓名，或先导入贫困户）")
        listed = "、".join(f"{h.id}（{h.village}）" for h in found)
        raise CellError(f"有 {len(found)} 户户主同名：{listed}；请填写所在村或户主身份证号来区分")

    def _town(self, township: str) -> str:
        found = self.records.townships.get(township)
        return found.name if found else township
