"""Apache ECharts against Vega-Lite for the site: page weight and load time in headless Chromium.

    npm pack vega vega-lite vega-embed     # in an empty folder, then untar the three
    python benchmarks/site_charts.py --vega DIR [--runs 15]

The same chart in both — the over-time page's stacked bars: ten activity kinds over 33 months,
with a tooltip — drawn as SVG from the same data on a page opened from a file with the network
off and the cache disabled. Measured: the bytes of script each page loads, and the time from
navigation start to the chart's SVG being in the page (median of ``--runs`` fresh loads).
ECharts is the package's own copy (``lingbi_cli/site/assets/echarts.min.js``); Vega-Lite is
vega + vega-lite + vega-embed's minified builds from DIR (``*/package/build/*.min.js``).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import browser  # noqa: E402

KINDS = ["串门", "谈心", "讲课", "献计", "捐资", "出力", "调研视察", "模范带头", "宣传报道", "督查"]
MONTHS = [f"{y}-{m:02d}" for y in (2018, 2019, 2020) for m in range(1, 13) if (y, m) >= (2018, 4)]
DONE = "document.title = 'drawn:' + performance.now();"

ECHARTS = """<!DOCTYPE html><html><head><meta charset="utf-8"><script src="echarts.min.js"></script>
</head><body><div id="c" style="width:1200px;height:460px"></div><script>
var data = DATA;
var c = echarts.init(document.getElementById("c"), null, {renderer: "svg"});
c.setOption({animation: false, legend: {}, tooltip: {trigger: "axis"},
  xAxis: {type: "category", data: data.months}, yAxis: {type: "value"},
  series: data.kinds.map(function (k, i) {
    return {type: "bar", stack: "a", name: k, data: data.values[i]}; })});
DONE</script></body></html>"""

VEGA = """<!DOCTYPE html><html><head><meta charset="utf-8"><script src="vega.min.js"></script>
<script src="vega-lite.min.js"></script><script src="vega-embed.min.js"></script>
</head><body><div id="c"></div><script>
var data = DATA, rows = [];
data.kinds.forEach(function (k, i) { data.months.forEach(function (m, j) {
  rows.push({kind: k, month: m, n: data.values[i][j]}); }); });
vegaEmbed("#c", {$schema: "https://vega.github.io/schema/vega-lite/v6.json", width: 1100,
  height: 400, data: {values: rows}, mark: {type: "bar", tooltip: true},
  encoding: {x: {field: "month", type: "ordinal"}, y: {field: "n", type: "quantitative",
  aggregate: "sum"}, color: {field: "kind", type: "nominal"}}}, {renderer: "svg",
  actions: false}).then(function () { DONE });
</script></body></html>"""


def measure(driver: object, page: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        driver.get("about:blank")  # type: ignore[attr-defined]
        driver.get(page.as_uri())  # type: ignore[attr-defined]
        deadline = time.time() + 20
        while not driver.title.startswith("drawn:"):  # type: ignore[attr-defined]
            if time.time() > deadline:
                raise SystemExit(f"{page.name}: the chart was not drawn")
            time.sleep(0.01)
        times.append(float(driver.title.split(":")[1]))  # type: ignore[attr-defined]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vega", type=Path, required=True, help="folder with the untarred packs")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(2018)
    data = {
        "kinds": KINDS,
        "months": MONTHS,
        "values": [[rng.randint(0, 40) for _ in MONTHS] for _ in KINDS],
    }
    work = Path(tempfile.mkdtemp(prefix="lingbi-charts-"))
    echarts = ROOT / "lingbi_cli/site/assets/echarts.min.js"
    (work / "echarts.min.js").write_bytes(echarts.read_bytes())
    vega = {}
    for name in ("vega", "vega-lite", "vega-embed"):
        found = sorted(args.vega.glob(f"{name}-*/package/build/{name}.min.js"))
        if not found:
            raise SystemExit(f"no {name}.min.js under {args.vega} (npm pack {name}, then untar)")
        vega[name] = found[-1].read_bytes()
        (work / f"{name}.min.js").write_bytes(vega[name])
    payload = json.dumps(data, ensure_ascii=False)
    pages = {
        "Apache ECharts": (ECHARTS, [echarts.stat().st_size]),
        "Vega-Lite (vega + vega-lite + vega-embed)": (VEGA, [len(v) for v in vega.values()]),
    }
    print("| library | script bytes | load to drawn, median ms | min | max |")
    print("| --- | --- | --- | --- | --- |")
    with browser() as driver:
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        for name, (template, sizes) in pages.items():
            page = work / f"{name.split()[0].lower()}.html"
            page.write_text(
                template.replace("DATA", payload).replace("DONE", DONE), encoding="utf-8"
            )
            measure(driver, page, 2)  # warm the process, not the page
            times = measure(driver, page, args.runs)
            print(
                f"| {name} | {sum(sizes):,} | {statistics.median(times):.0f} | "
                f"{min(times):.0f} | {max(times):.0f} |"
            )


if __name__ == "__main__":
    main()
