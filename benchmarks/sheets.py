"""Spreadsheet benchmark: reading a county's household roster, importing it, exporting activities.

    python benchmarks/sheets.py [--work DIR]

Generates the ``county`` scale once (``lingbi generate``, seeded), writes its 40,000 households
as a 建档立卡-style roster (title row, merged title, the system's headers, ID numbers as text),
then measures, each once, in a child process:

* reading the roster with python-calamine, openpyxl read-only and openpyxl in full (the only
  openpyxl mode that sees merged cells);
* ``lingbi import households`` of the roster into a copy of the county without households;
* ``lingbi export activities`` of the whole county to ``.xlsx`` and to ``.csv``.

Not part of the test run: it takes a few minutes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

READ = """
import sys, time
which, path = sys.argv[1], sys.argv[2]
if which == "calamine":
    import python_calamine
    sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    rows, merged = sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges
else:
    import openpyxl
    book = openpyxl.load_workbook(path, read_only=which == "openpyxl-ro", data_only=True)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
print(len(rows))
"""


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def roster(county: Path, path: Path) -> int:
    import xlsxwriter
    import yaml

    towns = {
        t["id"]: t["name"]
        for t in yaml.load((county / "county/townships.yaml").read_text(), Loader=yaml.CSafeLoader)
    }
    headers = [
        "序号", "乡镇", "行政村", "自然村", "户主姓名", "证件号码", "家庭人口数",
        "贫困户属性", "主要致贫原因", "识别年度", "脱贫属性", "脱贫年度", "联系电话",
    ]  # fmt: skip
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("花名册")
    sheet.merge_range(0, 0, 0, len(headers) - 1, "灵璧县建档立卡贫困户花名册")
    sheet.write_row(1, 0, headers)
    n = 0
    for file in sorted(county.glob("townships/*/households.yaml")):
        for h in yaml.load(file.read_text(), Loader=yaml.CSafeLoader):
            n += 1
            row = [n, towns[file.parent.name], h["village"], h.get("group") or "", h["head"],
                   str(h["id_number"]), h["members"], h["attribute"], "、".join(h["causes"]),
                   h["registered"], *old_status(h), h.get("phone") or ""]  # fmt: skip
            for c, value in enumerate(row):
                if isinstance(value, int):
                    sheet.write_number(n + 1, c, value)
                else:
                    sheet.write_string(n + 1, c, str(value))
    book.close()
    return n


def old_status(household: dict[str, Any]) -> tuple[str, Any]:
    """The roster's 脱贫属性 and 脱贫年度 for a household's ``status_history``."""
    history = household.get("status_history") or []
    if not history:
        return "未脱贫", ""
    exits = [c["date"] for c in history if c["status"] == "已脱贫"]
    return history[-1]["status"], str(exits[-1])[:4] if exits else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", type=Path, default=Path("/tmp/lingbi-sheets-bench"))
    work = parser.parse_args().work
    lingbi = [sys.executable, "-m", "lingbi_cli"]
    county = work / "county"
    if not county.exists():
        subprocess.run([*lingbi, "generate", str(county), "--scale", "county"], check=True)
    path = work / "花名册.xlsx"
    print(f"roster: {roster(county, path)} households → {path}")
    for which in ("calamine", "openpyxl-ro", "openpyxl"):
        print(f"read {which}: {timed([sys.executable, '-c', READ, which, str(path)]):.2f} s")
    target = work / "no-households"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(county, target, ignore=shutil.ignore_patterns(".lingbi-cache"))
    for file in target.glob("townships/*/households.yaml"):
        file.unlink()
    env = ["env", "LINGBI_TODAY=2020-12-31"]
    subprocess.run(
        [*env, *lingbi, "--data", str(target), "check", "--rule", "schema"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip  (a warm cache, as a clerk's folder has)
    args = [*env, *lingbi, "--data", str(target), "import", "households", str(path),
            "--set", "来源=乡镇帮扶点"]  # fmt: skip
    print(f"import households: {timed(args):.2f} s")
    subprocess.run([*lingbi, "--data", str(county), "check", "--rule", "schema"],
                   stdout=subprocess.DEVNULL)  # fmt: skip
    for suffix in (".xlsx", ".csv"):
        out = work / f"活动{suffix}"
        seconds = timed([*lingbi, "--data", str(county), "export", "activities", "-o", str(out)])
        print(f"export activities {suffix}: {seconds:.2f} s, {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
