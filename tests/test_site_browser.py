"""The sample's site in a real browser (headless Chromium, network off): every page opens with
no console error and loads nothing from outside the site, its charts are drawn, the figures it
shows are `lingbi stats`' and `lingbi report`'s, and a reader can click from the overview to a
township and from a figure to the records behind it. Screenshots are saved beside the site.

Skipped, with the reason, when Chromium or its driver cannot be had (tests/browser.py)."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from browser import Unavailable, browser, console_errors, full_page, outside_requests

from lingbi_cli import periods
from lingbi_cli.reports import ReportKind, make
from lingbi_cli.site.text import shown
from lingbi_cli.store.folder import DataFolder

ROOT = Path(__file__).resolve().parent.parent
PAGES = {  # screenshot name -> page
    "overview": "index.html",
    "over-time": "time.html",
    "proposals": "proposals.html",
    "township": "township/yangtuan.html",
    "deputy": "deputy/yinji-d010.html",
    "records": "records/yangtuan.html#p=2019&k=trips",
    "county-records": "records/county.html#p=all&k=pairing_work",
}


@pytest.fixture(scope="module")
def chrome():
    try:
        with browser() as driver:
            yield driver
    except Unavailable as why:
        pytest.skip(f"no browser for the site's test: {why}")


@pytest.fixture
def site(tmp_path, cli, monkeypatch) -> tuple[Path, Path]:
    monkeypatch.setenv("LINGBI_TODAY", "2021-01-15")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".lingbi-cache"))
    result = cli("--data", str(data), "site", "-o", str(tmp_path / "站点"))
    assert result.exit_code == 0, result.output
    return tmp_path / "站点", data


def open_page(driver, site: Path, page: str) -> None:
    path, _, fragment = page.partition("#")
    driver.get((site / path).as_uri() + (f"#{fragment}" if fragment else ""))


def test_every_page_opens_offline_without_an_error(chrome, site, tmp_path):
    folder, _ = site
    shots = tmp_path / "screenshots"
    shots.mkdir()
    for name, page in PAGES.items():
        open_page(chrome, folder, page)
        assert chrome.execute_script("return typeof echarts") == "object", name
        assert console_errors(chrome) == [], name
        assert outside_requests(chrome) == [], name
        # every chart is drawn: an SVG with its bars, points or layers, and its Chinese labels
        for chart in chrome.find_elements("css selector", ".chart"):
            marks = chart.find_elements("css selector", "svg path")
            assert len(marks) > 5, (name, chart.get_attribute("id"))
            assert any("\u4e00" <= ch <= "\u9fff" for ch in chart.text), name
        full_page(chrome, shots / f"{name}.png")
        assert (shots / f"{name}.png").stat().st_size > 10_000
    assert console_errors(chrome) == []


def cells(driver, selector: str) -> dict[str, list[str]]:
    rows = {}
    for tr in driver.find_elements("css selector", selector):
        texts = [td.text.strip() for td in tr.find_elements("css selector", "th, td")]
        rows[texts[0]] = texts[1:]
    return rows


def test_figures_shown_are_those_of_stats_and_of_the_reports(chrome, site, cli):
    folder, data = site
    stats = json.loads(cli("--data", str(data), "stats", "--format", "json").stdout)
    open_page(chrome, folder, "index.html")
    chrome.find_element("css selector", '[data-picker="span"] button[data-value="all"]').click()
    rows = cells(chrome, 'section[data-span="all"] tbody tr, section[data-span="all"] tfoot tr')
    columns = ["households", "exited", "pairing_work", "trips", "donations"]
    for row in stats["rows"]:
        shown_row = rows[row["name"]][8:13]  # after the lights and the participation rate
        expected = [str(row[k]) for k in columns[:4]]
        expected.append(shown(Decimal(str(row["donations"])), "元"))
        assert shown_row == expected, row["name"]
    # the over-time page's half-year totals are the half-year report's figures
    half = periods.half(2019, 1)
    report = make(DataFolder(data), ReportKind.county, half, date=periods.year(2020).end)
    open_page(chrome, folder, "time.html")
    button = chrome.find_element("css selector", '#period-picker button[data-value="2019H1"]')
    button.click()
    links = chrome.find_elements("css selector", "#summary a")
    assert len(links) == 13  # eleven kinds (督查 by liaison leaders and deputies apart), two 人次
    for link in links:
        key = link.get_attribute("data-key")
        assert int(link.text) == report.figures[None].count(key), key


def test_click_a_township_then_a_figure_to_its_records(chrome, site, cli):
    folder, data = site
    open_page(chrome, folder, "index.html")
    chrome.find_element("css selector", '[data-picker="span"] button[data-value="2019"]').click()
    chrome.find_element(
        "css selector", 'section[data-span="2019"] tbody th a[href$="yangtuan.html"]'
    ).click()
    assert chrome.current_url.endswith("township/yangtuan.html")
    assert chrome.find_element("tag name", "h1").text == "杨疃镇"
    chrome.find_element("css selector", '[data-picker="span"] button[data-value="2019"]').click()
    card = chrome.find_element("css selector", 'section[data-span="2019"] a.card[href$="k=trips"]')
    card.click()
    assert "records/yangtuan.html#p=2019&k=trips" in chrome.current_url
    explained = cli(
        "--data", str(data), "report", "--year", "2019", "--township", "yangtuan",
        "--date", "2020-12-31", "--explain", "trips",
    ).stdout.splitlines()  # fmt: skip
    head = chrome.find_element("id", "head").text
    count = len(explained) - 1
    assert head == f"杨疃镇 2019年 调研视察：{count} 次，由以下 {count} 条记录构成："
    rows = [
        [td.text for td in tr.find_elements("tag name", "td")]
        for tr in chrome.find_elements("css selector", "#rows tbody tr")
    ]
    assert [r[0] for r in rows] == [line.split()[0] for line in explained[1:]]
    assert [r[4] for r in rows] == [line.split()[-1] for line in explained[1:]]
    # a light leads to the rule's findings with their places
    open_page(chrome, folder, "index.html")
    chrome.find_element("css selector", '[data-picker="span"] button[data-value="2020"]').click()
    chrome.find_element("css selector", 'section[data-span="2020"] tbody td.bad a').click()
    assert "&r=" in chrome.current_url
    places = chrome.find_elements("css selector", "#rows tbody td.place")
    assert places and all(":" in p.text for p in places)
    assert console_errors(chrome) == []


def test_a_townships_chart_shows_its_deputies_and_opens_their_records(chrome, site):
    """The bars are the deputies table's 入户帮扶 and 调研视察 of the span picked; a bar opens
    the deputy's page."""
    folder, _ = site
    open_page(chrome, folder, "township/yinji.html")
    chrome.find_element("css selector", '[data-picker="span"] button[data-value="2019"]').click()
    table = cells(chrome, 'section[data-span="2019"] table.deputies tbody tr')
    expected = {row[0]: (int(row[4]), int(row[5])) for row in table.values()}  # name: work, trips
    chart = "echarts.getInstanceByDom(document.getElementById('deputy-chart'))"
    shown = chrome.execute_script(
        f"var o = {chart}.getOption();"
        "return o.yAxis[0].data.map(function (name, i) {"
        "  return [name, o.series[0].data[i].value, o.series[1].data[i].value]; });"
    )
    assert {name: (work, trips) for name, work, trips in shown} == expected
    # click the last bar (the most pairing work) where it is drawn, as a reader would
    chrome.execute_script("document.getElementById('deputy-chart').scrollIntoView()")
    bar, name = chrome.execute_script(
        f"var data = {chart}.getModel().getSeriesByIndex(0).getData();"
        "var at = data.count() - 1, r = data.getItemLayout(at);"
        "var box = document.getElementById('deputy-chart').getBoundingClientRect();"
        "var x = box.left + r.x + r.width / 2, y = box.top + r.y + r.height / 2;"
        "return [document.elementFromPoint(x, y), data.getName(at)];"
    )
    assert bar.tag_name == "path"
    from selenium.webdriver.common.action_chains import ActionChains  # only with a browser

    ActionChains(chrome).move_to_element(bar).click().perform()
    assert "/deputy/" in chrome.current_url
    assert chrome.find_element("tag name", "h1").text == f"代表{name}"
