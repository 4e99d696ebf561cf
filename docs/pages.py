"""Regenerate docs/report-*.png: the first and last page of each report kind of the sample,
as LibreOffice prints the Word file.

    python docs/pages.py            # needs libreoffice-writer, pdftoppm (poppler-utils) and
                                    # CJK fonts (fonts-noto-cjk, fonts-arphic-ukai/uming)

The official fonts (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) are not free; for the pictures they
are mapped to look-alikes (Noto Serif CJK, AR PL UMing, AR PL UKai) by a fontconfig file, as a
reader's machine without them would substitute. The township report shows the optional 版头
and 版记, set for 杨疃镇 in a copy of the sample's lingbi.yaml.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TODAY = "2021-01-15"
KINDS = {  # picture name -> report options
    "half-yangtuan-2019H1": ["--half", "2019H1", "--township", "杨疃镇", "--number", "12"],
    "county-2019H1": ["--half", "2019H1"],
    "year-yuji-2019": ["--year", "2019", "--township", "虞姬乡"],
    "year-county-2019": ["--year", "2019"],
    "deputy-yinji-d010-2019": ["--year", "2019", "--deputy", "yinji-d010"],
    "assess-yuji-2019": ["--assess", "--year", "2019", "--township", "虞姬乡"],
    "list-yuji-2019": ["--list", "--year", "2019", "--township", "虞姬乡"],
}
DOCUMENTS = """
  documents:
    yangtuan:
      mark: 杨疃镇人大主席团文件
      code: 杨人
      cc: 县人大常委会代表工作委员会
      printer: 杨疃镇人大主席团办公室
"""
FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  {aliases}
</fontconfig>
"""
LOOK_ALIKES = {
    "方正小标宋简体": "Noto Serif CJK SC",
    "仿宋_GB2312": "AR PL UMing CN",
    "楷体_GB2312": "AR PL UKai CN",
    "黑体": "Noto Sans CJK SC",
    "宋体": "Noto Serif CJK SC",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "data"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".lingbi-cache"))
        settings = data / "lingbi.yaml"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text.replace("report:\n", "report:\n" + DOCUMENTS, 1), "utf-8")
        aliases = "\n  ".join(
            f'<alias binding="same"><family>{name}</family>'
            f"<prefer><family>{alike}</family></prefer></alias>"
            for name, alike in LOOK_ALIKES.items()
        )
        (work / "fonts.conf").write_text(FONTS.format(aliases=aliases), encoding="utf-8")
        env = {**os.environ, "LINGBI_TODAY": TODAY, "FONTCONFIG_FILE": str(work / "fonts.conf")}
        env["HOME"] = str(work)  # a fresh LibreOffice profile
        for old in DOCS.glob("report-*.png"):
            old.unlink()
        for name, options in KINDS.items():
            target = work / f"{name}.docx"
            command = [sys.executable, "-m", "lingbi_cli", "--data", str(data), "report"]
            command += [*options, "--format", "docx", "-o", str(target)]
            subprocess.run(command, env=env, check=True, capture_output=True)
            subprocess.run(
                ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), target],
                env=env,
                check=True,
                capture_output=True,
            )
            pdf = target.with_suffix(".pdf")
            pages = _pages(pdf)
            for label, page in (("first", 1), ("last", pages)):
                out = DOCS / f"report-{name}-{label}"
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        "60",
                        "-singlefile",
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                        str(pdf),
                        str(out),
                    ],
                    check=True,
                )
            print(f"{name}: {pages} pages")


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


if __name__ == "__main__":
    main()
