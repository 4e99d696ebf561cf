"""``lingbi init``: a data folder that works at once, and a township added to one.

``init_folder`` creates whatever a data folder lacks and never overwrites anything: lingbi.yaml,
schemas/, the county's record files with their headers, notes/ with the file names of the
current period, .gitignore, .gitattributes (the merge driver), .yamllint.yaml and
.pre-commit-config.yaml; in a git repository it also sets up the merge driver in the
repository's config (each clone needs that once). ``add_township`` registers a township in
county/townships.yaml and makes its folder and files.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from lingbi_cli import models, periods
from lingbi_cli.errors import UsageError
from lingbi_cli.store.edit import append_record
from lingbi_cli.store.fastread import read_any
from lingbi_cli.store.layout import COUNTY_FILES, TOWNSHIP_FILES, file_for
from lingbi_cli.store.locate import CONFIG_NAME
from lingbi_cli.store.schema import modeline, write_schemas
from lingbi_cli.store.settings import read_settings
from lingbi_cli.store.write import change_file
from lingbi_cli.templates_dir import template_path

GITIGNORE = template_path("init/gitignore").read_text(encoding="utf-8")
# Files copied as they are: name in the data folder → shipped template.
COPIED = {
    ".gitignore": "init/gitignore",
    ".gitattributes": "init/gitattributes",
    ".yamllint.yaml": "init/yamllint.yaml",
    ".pre-commit-config.yaml": "init/pre-commit-config.yaml",
}
MERGE_DRIVER = {
    "merge.lingbi.name": "lingbi 按编号合并记录",
    "merge.lingbi.driver": "lingbi merge-driver %O %A %B %P",
}

# The county's townships and their ids (pinyin), so that `--township 韦集镇` needs no id.
TOWNSHIP_IDS = {
    "灵城镇": "lingcheng",
    "韦集镇": "weiji",
    "黄湾镇": "huangwan",
    "娄庄镇": "louzhuang",
    "杨疃镇": "yangtuan",
    "尹集镇": "yinji",
    "浍沟镇": "huigou",
    "尤集镇": "youji",
    "夏楼镇": "xialou",
    "朝阳镇": "chaoyang",
    "渔沟镇": "yugou",
    "高楼镇": "gaolou",
    "冯庙镇": "fengmiao",
    "向阳乡": "xiangyang",
    "朱集乡": "zhuji",
    "大路乡": "dalu",
    "大庙乡": "damiao",
    "禅堂乡": "chantang",
    "虞姬乡": "yuji",
    "灵璧经济开发区": "kaifaqu",
}

HEADERS = {
    models.Township: "各乡镇；liaison 为联系该乡镇的县人大常委会领导，points 为乡镇帮扶点所在的村",
    models.Unit: "机关、事业单位；单位帮扶户在各乡镇贫困户的 unit 中写明",
    models.Award: "县人大常委会年终评先评优（§3.4）",
    models.Deputy: "{name}人大代表名册；每名代表一条，以“- id: {tid}-d001”这样的编号开头",
    models.Household: "{name}建档立卡贫困户；每户一条，以“- id: {tid}-h0001”这样的编号开头",
    models.Pairing: "代表结对帮扶名单；结束的结对保留（lingbi pair / lingbi unpair 登记）",
    models.Proposal: "代表提出的议案、建议和批评意见（lingbi proposal add 登记）",
    models.Filing: "报送县人大常委会的活动方案、帮扶名单和半年报告（lingbi file 登记）",
    models.Donor: "爱心人士（代表以外的个人和单位）的捐赠（lingbi donor 登记）",
}


@dataclass
class Made:
    """What ``init`` did: files and folders created (relative), and the git setup."""

    created: list[str] = field(default_factory=list)
    git: str = ""  # "configured", "already", or "" when the folder is not in a git repository


def header(rel: str, model: type[models.Record], **names: str) -> str:
    return modeline(rel, model.kind_name) + f"# {HEADERS[model].format(**names)}\n"


def _create(folder: Path, rel: str, text: str, made: Made) -> None:
    path = folder / rel
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    made.created.append(rel)


def current_period(folder: Path, today: dt.date) -> tuple[int, int]:
    """(year, half) of today, kept within the campaign."""
    campaign = read_settings(folder)[0].campaign
    day = min(max(today, campaign.start), campaign.end)
    return day.year, 1 if day.month <= 6 else 2


def init_folder(folder: Path, today: dt.date | None = None) -> Made:
    """Create what ``folder`` lacks to be a working data folder; never overwrite a file."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} 不是文件夹")
    made = Made()
    _create(folder, CONFIG_NAME, template_path(CONFIG_NAME).read_text(encoding="utf-8"), made)
    for rel, name in COPIED.items():
        _create(folder, rel, template_path(name).read_text(encoding="utf-8"), made)
    made.created += [
        p.relative_to(folder).as_posix() for p in write_schemas(folder, only_missing=True)
    ]
    for rel, model in COUNTY_FILES.items():
        _create(folder, rel, header(rel, model), made)
    (folder / "townships").mkdir(exist_ok=True)
    year, half = current_period(folder, today or periods.today())
    notes = template_path("init/notes.md").read_text(encoding="utf-8")
    text = notes.format(half=f"{year}H{half}", half_zh=f"{year}年{'上下'[half - 1]}", year=year)
    _create(folder, "notes/README.md", text, made)
    made.git = configure_git(folder)
    return made


def configure_git(folder: Path) -> str:
    """Set up the merge driver in the git repository holding ``folder``, if there is one."""
    try:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=folder,
            capture_output=True,
            text=True,
        )
    except OSError:  # no git on this machine
        return ""
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return ""
    done = "already"
    for key, value in MERGE_DRIVER.items():
        now = subprocess.run(["git", "config", key], cwd=folder, capture_output=True, text=True)
        if now.stdout.strip() != value:
            subprocess.run(["git", "config", key, value], cwd=folder, check=True)
            done = "configured"
    return done


def township_id(name: str, given: str | None) -> str:
    if given:
        if not re.fullmatch(models.ID_PATTERN, given):
            raise UsageError(
                f"乡镇编号 {given} 不合格式：只能用小写拼音字母、数字和 -，如 yangtuan"
            )
        return given
    if name in TOWNSHIP_IDS:
        return TOWNSHIP_IDS[name]
    raise UsageError(f"不认识乡镇名称“{name}”，请用 --id 给出它的拼音编号，如 --id yangtuan")


def add_township(folder: Path, name: str, given_id: str | None = None) -> tuple[str, Made]:
    """Register a township in county/townships.yaml and make its folder and record files."""
    # Python's strip() takes the information separators (U+001C-U+001F) for spaces; the
    # schemas do not: refused like any other control character, wherever they are
    separators = any("\x1c" <= c <= "\x1f" for c in name)
    name = name.strip()
    if separators or not 0 < len(name) <= 40 or not name.isprintable():  # lands in comments
        raise UsageError("乡镇名称须为 1 到 40 个字，不能含换行、制表符或控制字符")
    tid = township_id(name, given_id)
    rel = file_for(models.Township)
    made = Made()

    def edit(text: str) -> str:
        records, _, _ = read_any(text.encode("utf-8"))
        for raw in records:
            if raw.values.get("id") == tid or raw.values.get("name") == name:
                raise UsageError(f"已有乡镇 {raw.values.get('name')}（{raw.values.get('id')}）")
        return append_record(text, {"id": tid, "name": name}, header(rel, models.Township))

    change_file(folder, rel, edit, expect_records=1)
    made.created.append(rel)
    for model in TOWNSHIP_FILES.values():
        file_rel = file_for(model, tid)
        _create(folder, file_rel, header(file_rel, model, name=name, tid=tid), made)
    a_month = file_for(models.Activity, tid, dt.date(2000, 1, 1))
    (folder / a_month).parent.mkdir(exist_ok=True)  # the folder of the township's month files
    return tid, made
