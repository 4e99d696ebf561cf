"""One data folder per command: ``lingbi.yaml`` read once, the folder walked once.

Every read of the data folder's ``lingbi.yaml`` (any ``open`` of it, however made) and every
walk of the folder (``os.walk`` from its root, which ``store.layout.scan`` makes) is counted
while one command runs in-process; each command must read and walk exactly once — cold, and
again warm, where the caches answer.
"""

from __future__ import annotations

import builtins
import datetime as dt
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lingbi_cli import models
from lingbi_cli.store import layout
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.locate import CONFIG_NAME

# Three proposals, one at each step a proposal command takes further: assigned (to reply to),
# replied (to rate), rated 不满意 (to re-handle).
PROPOSALS = """\
- id: yangtuan-j2019-01
  type: 建议
  title: 关于打通后湖村断头路的建议
  lead: yangtuan-d002
  date: 2019-03-10
  session: 闭会期间
  department: 县交通运输局
  assigned: 2019-03-20
- id: yangtuan-j2019-02
  type: 建议
  title: 关于前庄村饮水管网改造的建议
  lead: yangtuan-d001
  date: 2019-03-12
  session: 闭会期间
  department: 县水利局
  assigned: 2019-03-22
  reply: 2019-06-10
  result: B
- id: yangtuan-j2019-03
  type: 批评意见
  title: 关于扶贫车间用电问题的意见
  lead: yangtuan-d002
  date: 2019-04-02
  session: 闭会期间
  department: 县供电公司
  assigned: 2019-04-10
  reply: 2019-05-30
  result: C
  satisfaction: 不满意
"""
HOUSEHOLD_SHEET = (
    "户主姓名,证件号码,乡镇,行政村,家庭人口数,贫困户属性,致贫原因,建档年份,来源\n"
    "钱七,341323197001010078,杨疃镇,后湖村,2,低保户,因残,2016,乡镇帮扶点\n"
)
J01, J02, J03 = "yangtuan-j2019-01", "yangtuan-j2019-02", "yangtuan-j2019-03"

# name → the command's arguments after --data; each is run once on a fresh tiny county.
COMMANDS: dict[str, list[str]] = {
    "log": ["log", "visit", "-D", "李秀英", "-H", "赵桂兰", "--date", "2019-05-30", "-s", "走访"],
    "pair": ["pair", "yangtuan-d002", "yangtuan-h0003", "--date", "2019-06-01"],
    "pair --auto": ["pair", "--auto", "--township", "杨疃镇", "--date", "2019-06-01"],
    "unpair": ["unpair", "yangtuan-d002", "yangtuan-h0002", "--date", "2019-12-31", "-r", "稳定"],
    "proposal add": ["proposal", "add", "--title", "关于打井的建议", "--lead", "张伟"],
    "proposal assign": ["proposal", "assign", J01, "--department", "县水利局"],
    "proposal reply": ["proposal", "reply", J01, "--result", "B", "--date", "2019-06-10"],
    "proposal rate": ["proposal", "rate", J02, "--satisfaction", "满意"],
    "proposal rehandle": ["proposal", "rehandle", J03, "--date", "2019-07-01"],
    "file": ["file", "h1_report", "--period", "2019H1", "-t", "杨疃镇", "--date", "2019-06-18"],
    "import": ["import", "households", "{sheet}"],
    "export": ["export", "households", "-o", "{out}"],
    "stats": ["stats", "--year", "2019", "--format", "json"],
    "report --half": ["report", "--half", "2019H1"],
    "report --half --township": ["report", "--half", "2019H1", "--township", "杨疃镇"],
    "report --year": ["report", "--year", "2019"],
    "check": ["check"],
    "check --township": ["check", "--half", "2019H1", "--township", "杨疃镇"],
    "site": ["site", "-o", "{site}"],
}
READS_ONLY = (
    "export",
    "stats",
    "report",
    "check",
    "site",
)  # run twice: cold, then through the caches


class Counter:
    """Reads of ``lingbi.yaml`` and walks of the folder, while a command runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.root = folder.resolve()
        self.reads = 0
        self.walks = 0
        real_open, real_walk = io.open, layout._walk

        def counting_open(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, str | Path) and Path(file).resolve() == self.root / CONFIG_NAME:
                self.reads += 1
            return real_open(file, *args, **kwargs)

        def counting_walk(top: Any, *args: Any, **kwargs: Any) -> Any:
            if Path(top).resolve() == self.root:
                self.walks += 1
            return real_walk(top, *args, **kwargs)

        monkeypatch.setattr(io, "open", counting_open)  # Path.read_bytes, read_text, open
        monkeypatch.setattr(builtins, "open", counting_open)
        monkeypatch.setattr(layout, "_walk", counting_walk)  # the walk for strays

    def run(self, cli: Callable[..., Any], args: list[str]) -> tuple[int, int]:
        self.reads = self.walks = 0
        result = cli("--data", str(self.root), *args)
        assert result.exit_code == 0, (args, result.output)
        return self.reads, self.walks


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINGBI_TODAY", "2020-01-15")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_reads_lingbi_yaml_once_and_walks_the_folder_once(
    name: str, tiny: Path, tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tiny / "townships/yangtuan/proposals.yaml").write_text(PROPOSALS, encoding="utf-8")
    sheet = tmp_path / "h.csv"
    sheet.write_text(HOUSEHOLD_SHEET, encoding="utf-8")
    places = {
        "sheet": str(sheet),
        "out": str(tmp_path / "out.xlsx"),
        "site": str(tmp_path / "站点"),
    }
    args = [arg.format(**places) for arg in COMMANDS[name]]
    counter = Counter(monkeypatch, tiny)
    # a command that reads some files finds them where the layout puts them, without walking
    # the folder for strays (``DataFolder.record_files``, ``load_paths``): no walk at all
    reads, walks = counter.run(cli, args)
    assert (reads, walks <= 1) == (1, True), "cold: (reads of lingbi.yaml, walks ≤ 1)"
    if name.startswith(READS_ONLY):
        reads, walks = counter.run(cli, args)
        assert (reads, walks <= 1) == (1, True), "warm, through the caches"
    if name == "log":
        assert walks == 0  # its deputy by name: the townships' folders listed, not walked


def test_the_counter_sees_a_second_read_and_a_second_walk(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = Counter(monkeypatch, tiny)
    DataFolder(tiny).load()
    DataFolder(tiny).load()
    assert (counter.reads, counter.walks) == (2, 2)  # two folders opened: each reads and walks


JUNE_VISIT = """\
- id: yangtuan-a201906-001
  date: 2019-06-02
  kind: 串门
  deputies: [yangtuan-d001]
  household: yangtuan-h0001
  summary: 走访
"""


def test_a_folder_forgets_its_walk_and_records_after_a_write(tiny: Path) -> None:
    folder = DataFolder(tiny)
    records = folder.load()
    assert folder.load() is records and folder.scan() is folder.scan()
    june = folder.file_for(models.Activity, "yangtuan", dt.date(2019, 6, 2))
    assert june == "townships/yangtuan/activities/2019-06.yaml"
    assert june not in {f.rel for f in folder.scan().files}
    folder.change(june, lambda text: text + JUNE_VISIT, expect_records=1)
    assert june in {f.rel for f in folder.scan().files}
    assert "yangtuan-a201906-001" in folder.load().activities


@pytest.mark.parametrize("links", [False, True])
def test_a_walk_from_the_listing_of_a_check_finds_what_a_walk_of_its_own_finds(
    tmp_path: Path, links: bool
) -> None:
    """``scan`` from the folders a check listed for its answer's key (``store.answers``)
    finds the same record files and strays as a walk of its own — with stray files at every
    depth, hidden and skipped folders, a folder where a file belongs; and with links (to a
    file, to nothing, to itself, to a folder), where the check's walk stops, the rest listed
    anew."""
    import shutil

    from lingbi_cli.store import answers
    from lingbi_cli.store.layout import Listing, scan

    root = Path(__file__).resolve().parent.parent / "data"
    folder = Path(shutil.copytree(root, tmp_path / "data"))
    for rel in [
        "county/extra.yaml",
        "townships/x.yaml",
        "townships/yangtuan/notes.yaml",
        "townships/yangtuan/activities/2019-5.yaml",
        "townships/yangtuan/activities/old/2019-05.yaml",
        "deep/a/b.yml",
        ".hidden/x.yaml",
        ".tool.yaml",
        "notes/x.yaml",
        "templates/y.yaml",
        "townships/yinji/readme.txt",
    ]:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text("- a: 1\n", encoding="utf-8")
    (folder / "townships/yuji/households.yaml").unlink()
    (folder / "townships/yuji/households.yaml").mkdir()
    if links:
        os.symlink(folder / "townships/yuji/deputies.yaml", folder / "townships/zz.yaml")
        (folder / "townships/yinji/pairings.yaml").unlink()
        os.symlink(folder / "nowhere.yaml", folder / "townships/yinji/pairings.yaml")
        os.symlink(folder / "townships/yinji/loop.yaml", folder / "townships/yinji/loop.yaml")
        elsewhere = tmp_path / "elsewhere"
        (elsewhere / "sub").mkdir(parents=True)
        (elsewhere / "sub/stray.yaml").write_text("x: 1\n", encoding="utf-8")
        os.symlink(elsewhere, folder / "townships/lingcheng/linked")
    listing: Listing = {}
    answers.key(folder, ("check",), {}, listing)
    walked = {top for top, dirs, _ in os.walk(folder) if ".lingbi-cache" not in top}
    assert str(folder) in listing and set(listing) <= walked
    assert (set(listing) == walked) != links  # a link stops the check's walk
    own = scan(folder)
    assert scan(folder, listing) == own == walked_by_os(folder)
    assert {"county/extra.yaml", "townships/x.yaml", "deep/a/b.yml"} <= set(own.strays)
    assert "townships/yuji/households.yaml" in own.strays
    # a listing is what the walk saw: a file added since is found only by a walk of its own
    (folder / "townships/yinji/late.yaml").write_text("x: 1\n", encoding="utf-8")
    assert "townships/yinji/late.yaml" in scan(folder).strays
    if not links:
        assert "townships/yinji/late.yaml" not in scan(folder, listing).strays


def walked_by_os(folder: Path) -> tuple[list[Any], list[str]]:
    """``scan`` as it was written with ``os.walk``: the strays of every folder it walks."""
    from lingbi_cli.store.layout import NOT_RECORDS, _lister, _record_files

    found, strays = _record_files(folder, _lister(None))
    known = {f.rel for f in found}
    for top, dirs, names in os.walk(folder):
        here = Path(top).relative_to(folder).as_posix()
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (here != "." or d not in NOT_RECORDS)
        )
        for name in names:
            rel = name if here == "." else f"{here}/{name}"
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                if rel != CONFIG_NAME and rel not in known and rel not in strays:
                    strays.append(rel)
    return (found, sorted(strays))
