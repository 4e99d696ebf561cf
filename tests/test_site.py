"""lingbi site: the pages' figures are those of `lingbi stats` and `lingbi report`, every figure
names the records `report --explain` names, no personal data reaches a page, a `--township`
site holds only that township, and a folder a person made is never overwritten.
(The real browser's test is test_site_browser.py.)"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lingbi_cli import periods
from lingbi_cli.reports import ReportKind, make
from lingbi_cli.site.text import shown
from lingbi_cli.store.folder import DataFolder

ROOT = Path(__file__).resolve().parent.parent
ID_OR_PHONE = re.compile(r"(?<![\d-])(\d{17}[\dXx]|1[3-9]\d{9})(?!\d)")
DAY = dt.date(2020, 12, 31)  # the site's default day when today is later than the campaign


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample's site (as of 2020-12-31, today being 2021-01-15), and the data folder."""
    base = tmp_path_factory.mktemp("site")
    data = base / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".lingbi-cache"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LINGBI_TODAY", "2021-01-15")
        from typer.testing import CliRunner

        from lingbi_cli.cli import app

        result = CliRunner().invoke(app, ["--data", str(data), "site", "-o", str(base / "站点")])
    assert result.exit_code == 0, result.output
    assert "已生成" in result.output
    return base / "站点", data


class Tables(HTMLParser):
    """The overview's tables: span → township name → the texts of its cells."""

    def __init__(self) -> None:
        super().__init__()
        self.span = ""
        self.rows: dict[str, dict[str, list[str]]] = {}
        self.row: list[str] | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.span = dict(attrs).get("data-span") or ""
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.text = ""

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.row is not None:
            self.row.append(self.text.strip())
        elif tag == "tr" and self.row and self.span and self.row[0] != "乡镇":
            self.rows.setdefault(self.span, {})[self.row[0]] = self.row[1:]
            self.row = None


def overview(site: Path) -> dict[str, dict[str, list[str]]]:
    parser = Tables()
    parser.feed((site / "index.html").read_text(encoding="utf-8"))
    return parser.rows


def page_data(path: Path, element: str) -> dict:  # type: ignore[type-arg]
    text = path.read_text(encoding="utf-8")
    match = re.search(rf'<script type="application/json" id="{element}">(.*?)</script>', text)
    assert match, f"{path.name} has no {element}"
    return json.loads(match[1])  # type: ignore[no-any-return]


# the overview's columns after the seven lights, and how a reader sees each
COLUMNS = ("participation", "households", "exited", "pairing_work", "trips", "donations")


def test_overview_shows_what_stats_counts(built, cli, monkeypatch):
    site, data = built
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")
    result = cli("--data", str(data), "stats", "--format", "json")
    stats = json.loads(result.stdout)
    shown_rows = overview(site)["all"]
    assert len(stats["rows"]) == len(shown_rows) == 6  # five townships and the county
    for row in stats["rows"]:
        cells = shown_rows[row["name"]][7:]  # after the seven lights
        for key in ("households", "exited", "pairing_work", "trips"):
            assert cells[COLUMNS.index(key)] == str(row[key]), (row["name"], key)
        donations = Decimal(str(row["donations"]))
        assert cells[COLUMNS.index("donations")] == shown(donations, "元")


def test_overview_of_a_year_is_the_year_end_summary(built):
    site, data = built
    folder = DataFolder(data)
    report = make(folder, ReportKind.year, periods.year(2019), date=DAY)
    table = report.tables["townships"]
    keys = [c.key for c in table.columns]
    shown_rows = overview(site)["2019"]
    for row in table.rows:
        cells = shown_rows[str(row[0])][7:]
        for key in ("participation", "households", "exited", "pairing_work", "trips"):
            value = row[keys.index(key)]
            assert cells[COLUMNS.index(key)] == shown(value, "%" if key == "participation" else "")


def test_half_years_over_time_add_up_to_the_half_year_reports(built):
    site, data = built
    folder = DataFolder(data)
    series = page_data(site / "time.html", "time-data")
    months = series["months"]
    for label in ("2018H1", "2019H1", "2020H2"):
        half = periods.parse(label)
        report = make(folder, ReportKind.county, half, date=DAY).figures
        inside = [
            i
            for i, m in enumerate(months)
            if half.start <= dt.date.fromisoformat(m + "-01") <= half.end
        ]
        for place, figures in (("county", report[None]),):
            for key, _ in series["kinds"]:
                total = sum(series["counts"][place][key][i] for i in inside)
                assert total == figures.count(key), (label, key)
            for key, _ in series["persons"]:
                total = sum(series["person_times"][place][key][i] for i in inside)
                assert total == figures.count(key), (label, key)
    assert sum(series["counts"]["county"]["trips"]) > 0  # the check can fail


def test_records_behind_a_figure_are_what_explain_lists(built, cli, monkeypatch):
    site, data = built
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")
    records = page_data(site / "records/yangtuan.html", "records-data")
    for key in ("trips", "pairing_work", "donations", "households"):
        result = cli(
            "--data", str(data), "report", "--year", "2019", "--township", "yangtuan",
            "--date", "2020-12-31", "--explain", key,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        listed = [line.split()[0] for line in result.stdout.splitlines()[1:]]
        places = [line.split()[-1] for line in result.stdout.splitlines()[1:]]
        figure = records["figures"]["2019"][key]
        rows = [records["rows"][i] for i in figure["rows"]]
        assert [r[0] for r in rows] == listed and listed
        assert [f"{r[4]}:{r[5]}" for r in rows] == places
    assert "health" not in records["figures"]["2019"]  # health causes: totals only


def test_no_id_number_phone_or_health_cause_anywhere(built):
    site, data = built
    folder = DataFolder(data)
    county = folder.load()
    secrets = [h.id_number for h in county.households.values()]
    secrets += [
        p.phone for p in [*county.deputies.values(), *county.households.values()] if p.phone
    ]
    assert secrets and all(ID_OR_PHONE.search(s) for s in secrets)  # the pattern catches them
    pages = [p for p in site.rglob("*") if p.is_file() and p.name != "echarts.min.js"]
    assert len(pages) > 50
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not ID_OR_PHONE.search(text), path
        assert "因病" not in text and "因残" not in text, path
        assert not any(s in text for s in secrets), path
    assert "****" in (site / "township/yangtuan.html").read_text(encoding="utf-8")  # masked


def test_a_township_site_holds_only_that_township(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".lingbi-cache"))
    result = cli("--data", str(data), "site", "-o", str(tmp_path / "s"), "--township", "杨疃镇")
    assert result.exit_code == 0, result.output
    site = tmp_path / "s"
    files = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    assert "township/yangtuan.html" in files and "records/yangtuan.html" in files
    assert not any(f.startswith(("township/", "records/")) and "yangtuan" not in f for f in files)
    assert all(f.split("/")[1].startswith("yangtuan-") for f in files if f.startswith("deputy/"))
    assert list(overview(site)["all"]) == ["杨疃镇"]  # no other township, no county total
    others = ("灵城镇", "尹集镇", "朝阳镇", "虞姬乡", "全县")
    for name in ("index.html", "time.html", "proposals.html", "records/yangtuan.html"):
        text = (site / name).read_text(encoding="utf-8")
        assert not any(other in text for other in others), name
        assert not re.search(r"townships/(?!yangtuan/)", text), name


def test_a_folder_a_person_made_is_never_replaced(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")
    mine = tmp_path / "我的文件"
    mine.mkdir()
    (mine / "工作总结.docx").write_bytes(b"mine")
    result = cli("--data", str(ROOT / "data"), "site", "-o", str(mine))
    assert result.exit_code == 1 and "为免覆盖" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["工作总结.docx"]
    site = tmp_path / "站点"
    for _ in range(2):  # a site written before is replaced whole
        result = cli("--data", str(ROOT / "data"), "site", "-o", str(site), "--no-cache")
        assert result.exit_code == 0, result.output
    assert (site / "index.html").is_file() and (site / "assets/LICENSE-echarts.txt").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers


def test_a_date_outside_the_campaign_is_refused(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")
    for day in ("2017-05-01", "2021-06-01"):
        result = cli("--data", str(ROOT / "data"), "site", "-o", str(tmp_path / "s"), "--date", day)
        assert result.exit_code == 2 and "日期" in result.stderr, result.output
    assert not (tmp_path / "s").exists()


def test_the_lights_show_the_samples_shortfalls_and_nothing_else(built):
    """README, "The sample county": 杨疃镇's late 2019H1 report, 朝阳镇's and 尹集镇's unvisited
    quarters of 2019, 朝阳镇's unanswered proposal of 2020, 虞姬乡's two trips in 2020."""
    site, _ = built
    rows = overview(site)
    lights = ("trips", "plan", "report", "meeting", "visits", "six", "reply")
    expected = {
        ("2019", "杨疃镇", "report"): "■ 未达",
        ("2019", "朝阳镇", "visits"): "▲ 1处",
        ("2019", "尹集镇", "visits"): "▲ 2处",
        ("2020", "朝阳镇", "reply"): "■ 1处",
        ("2020", "虞姬乡", "trips"): "■ 未达",
    }
    for span in ("2018", "2019", "2020"):
        for name in ("灵城镇", "杨疃镇", "尹集镇", "朝阳镇", "虞姬乡"):
            for index, light in enumerate(lights):
                want = expected.get((span, name, light), "● 达标")
                assert rows[span][name][index] == want, (span, name, light)
    assert rows["all"]["全县"][1:3] == ["● 达标", "■ 未达"]  # plans on time; one report late


def test_text_from_records_stays_text(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".lingbi-cache"))
    proposals = data / "townships/yangtuan/proposals.yaml"
    text = proposals.read_text(encoding="utf-8")
    first = re.search(r"title: (.+)", text)
    assert first
    hostile = "'</script><img src=x onerror=alert(1)>关于修路的建议'"
    proposals.write_text(text.replace(first[0], f"title: {hostile}", 1), encoding="utf-8")
    result = cli("--data", str(data), "site", "-o", str(tmp_path / "s"))
    assert result.exit_code == 0, result.output
    for page in (tmp_path / "s").rglob("*.html"):
        assert "<img src=x" not in page.read_text(encoding="utf-8"), page
    shown_page = (tmp_path / "s/proposals.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;关于修路的建议" in shown_page


RECORD_ID = re.compile(r"\b[a-z]+-[a-z]\d{4,}")  # yinji-h0014, chaoyang-j2020-01, yuji-p0003


def test_what_needs_following_up_reads_as_the_reports_write_it(built):
    """The findings a leader reads (a township's items to follow up, a light's records, an
    overdue proposal's note) name people and dates in words, never a record's id."""
    site, _ = built
    township = (site / "township/yuji.html").read_text(encoding="utf-8")
    items = re.findall(r'<td>([^<]*)</td><td class="place">', township)
    assert "虞姬乡2020年只组织调研视察2次，少于每年至少3次的要求。" in items
    assert any(i.startswith("结对户") and i.endswith("户2020年底仍未脱贫。") for i in items)
    records = page_data(site / "records/chaoyang.html", "records-data")
    said = [m for rules in records["findings"].values() for f in rules.values() for m, *_ in f]
    assert any("许萍华户2019年第三季度没有走访记录" in m for m in said)
    proposals = (site / "proposals.html").read_text(encoding="utf-8")
    notes = re.findall(r'<td class="late" title="([^"]*)">', proposals)
    assert notes and all("仍未答复" in n for n in notes)
    for text in [*items, *said, *notes]:
        assert not RECORD_ID.search(text), text
