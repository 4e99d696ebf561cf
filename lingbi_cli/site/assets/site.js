/* lingbi site: pickers, sortable tables, the charts (Apache ECharts, SVG so that they print
   sharply) and the records pages. No network: everything a page shows is in the page. */
"use strict";
var Lingbi = (function () {
  // Okabe & Ito's colour-blind-safe palette, and Paul Tol's "muted" for the ten activity kinds
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"];
  var KINDS = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499", "#BBBBBB"];
  var FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", SimHei, sans-serif';
  var charts = [];

  function hashParams() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) return;
      var i = part.indexOf("=");
      var key = i < 0 ? part : part.slice(0, i);
      out[decodeURIComponent(key)] = i < 0 ? "" : decodeURIComponent(part.slice(i + 1));
    });
    return out;
  }

  // Labels large enough to read on paper (ECharts' defaults are 12px).
  var AXIS = { axisLabel: { fontSize: 14, color: "#333" }, nameTextStyle: { fontSize: 14, color: "#333" } };
  echarts.registerTheme("lingbi", {
    categoryAxis: AXIS, valueAxis: AXIS, timeAxis: AXIS,
    legend: { textStyle: { fontSize: 14, color: "#222" } },
    tooltip: { textStyle: { fontSize: 14 } },
  });

  function chart(el, option) {
    var c = echarts.init(el, "lingbi", { renderer: "svg", locale: "ZH" });
    var base = {
      color: PALETTE,
      textStyle: { fontFamily: FONT, fontSize: 14 },
      // patterns as well as colours tell the series apart (colour-blind readers, grey print)
      aria: { enabled: true, decal: { show: (option.series || []).length > 1 } },
      animation: false,
    };
    c.setOption(Object.assign(base, option));
    charts.push(c);
    return c;
  }
  function resizeAll() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener("resize", resizeAll);
  window.addEventListener("beforeprint", resizeAll);

  // A row of buttons (data-picker) that shows the matching section (data-span) and calls back.
  function picker(name, onChange) {
    var box = document.querySelector('[data-picker="' + name + '"]');
    if (!box) return null;
    var buttons = box.querySelectorAll("button");
    function choose(value) {
      buttons.forEach(function (b) { b.classList.toggle("active", b.dataset.value === value); });
      document.querySelectorAll("[data-" + name + "]").forEach(function (s) {
        if (s !== box) s.hidden = s.getAttribute("data-" + name) !== value;
      });
      if (onChange) onChange(value);
    }
    buttons.forEach(function (b) {
      b.addEventListener("click", function () { choose(b.dataset.value); });
    });
    var wanted = hashParams()[name];
    var known = Array.prototype.some.call(buttons, function (b) { return b.dataset.value === wanted; });
    choose(known ? wanted : box.dataset.default);
    return choose;
  }

  function sortable(table) {
    table.querySelectorAll("thead th").forEach(function (th, column) {
      th.classList.add("sortkey");
      th.title = "点击排序";
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var down = th.dataset.dir !== "down";
        table.querySelectorAll("thead th").forEach(function (o) { delete o.dataset.dir; });
        th.dataset.dir = down ? "down" : "up";
        var numeric = th.dataset.kind === "number";
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          var r = numeric
            ? parseFloat(x.dataset.sort) - parseFloat(y.dataset.sort)
            : x.textContent.localeCompare(y.textContent, "zh-CN");
          return down ? -r : r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.sortable").forEach(sortable);
  });

  function overview(data) {
    var el = document.getElementById("ranking");
    var c = null;
    picker("span", function (span) {
      var rows = data[span].slice().filter(function (r) { return r[1] !== null; });
      rows.sort(function (a, b) { return a[1] - b[1]; });
      var option = {
        grid: { left: 90, right: 80, top: 10, bottom: 30 },
        xAxis: { type: "value", name: "人次" },
        yAxis: { type: "category", data: rows.map(function (r) { return r[0]; }) },
        series: [{
          type: "bar", name: "入户帮扶",
          data: rows.map(function (r) { return { value: r[1], township: r[2] }; }),
          label: { show: true, position: "right", formatter: "{c}人次" },
        }],
        tooltip: { trigger: "axis", valueFormatter: function (v) { return v + "人次"; } },
      };
      if (!c) {
        c = chart(el, option);
        c.on("click", function (p) { location.href = "township/" + p.data.township + ".html"; });
      } else {
        c.setOption(option, { replaceMerge: ["series"] });
      }
    });
  }

  // A township's deputies: pairing work and trips of each, for the span picked above, least
  // first; a county's township of a hundred deputies shows the MOST_BARS with the least.
  var MOST_BARS = 20;
  function township(data) {
    var el = document.getElementById("deputy-chart");
    var title = document.getElementById("deputy-chart-title");
    var c = null;
    picker("span", function (span) {
      var rows = data[span].slice();
      rows.sort(function (a, b) { return a[1] - b[1] || a[2] - b[2]; });
      title.textContent = rows.length > MOST_BARS
        ? "入户帮扶最少的" + MOST_BARS + "位代表（共" + rows.length + "位）"
        : "各代表入户帮扶和调研视察";
      rows = rows.slice(0, MOST_BARS);
      el.style.height = (90 + 34 * Math.max(rows.length, 1)) + "px";
      function bars(at) {
        return rows.map(function (r) { return { value: r[at], deputy: r[3] }; });
      }
      var option = {
        grid: { left: 80, right: 60, top: 36, bottom: 30 },
        legend: { top: 0 },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r[0]; }) },
        series: [
          { type: "bar", name: "入户帮扶（人次）", data: bars(1), label: { show: true, position: "right" } },
          { type: "bar", name: "调研视察（次）", data: bars(2), label: { show: true, position: "right" } },
        ],
        tooltip: { trigger: "axis" },
      };
      if (!c) {
        c = chart(el, option);
        c.on("click", function (p) {
          if (p.data && p.data.deputy) location.href = "../deputy/" + p.data.deputy + ".html";
        });
      } else {
        c.setOption(option, { replaceMerge: ["series", "yAxis"] });
        c.resize();
      }
    });
  }

  function fmt(value, unit) {
    if (value === null || value === undefined) return "—";
    if (unit === "元") {
      if (Math.abs(value) >= 10000) return String(+(value / 10000).toFixed(2)) + "万元";
      return String(+value.toFixed(2)) + "元";
    }
    if (unit === "%") return value.toFixed(1) + "%";
    return String(value);
  }

  // 2019.5.8, as the other tables write a date
  function shortDay(iso) { return String(iso).replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, "$1.$2.$3"); }

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function cell(tr, text, css) {
    var td = document.createElement("td");
    td.textContent = text;
    if (css) td.className = css;
    tr.appendChild(td);
    return td;
  }
  function head(table, names) {
    var tr = document.createElement("tr");
    names.forEach(function (n) {
      var th = document.createElement("th");
      th.textContent = n;
      tr.appendChild(th);
    });
    table.tHead.replaceChildren(tr);
  }
  function fill(select, pairs, chosen) {
    pairs.forEach(function (pair) {
      var o = document.createElement("option");
      o.value = pair[0];
      o.textContent = pair[1];
      select.appendChild(o);
    });
    select.value = chosen || "";
  }

  // The records behind one figure or one light: #p=span&k=figure (&m=2019-05 or
  // &from=2019-01-01&to=2019-06-30 for its part in a month or a half-year), or #p=span&r=rule.
  function records(data, county) {
    var form = document.getElementById("choose");
    var table = document.getElementById("rows");
    var headline = document.getElementById("head");
    fill(form.p, Object.keys(data.spans).map(function (k) { return [k, data.spans[k]]; }));
    fill(form.k, Object.keys(data.labels).map(function (k) { return [k, data.labels[k][0] + "（" + data.labels[k][1] + "）"]; }));
    fill(form.r, Object.keys(data.rules).map(function (k) { return [k, data.rules[k]]; }));
    function go() {
      var q = { p: form.p.value };
      if (this === form.r && form.r.value) q.r = form.r.value; else if (form.k.value) q.k = form.k.value;
      location.hash = Object.keys(q).map(function (k) { return k + "=" + encodeURIComponent(q[k]); }).join("&");
    }
    form.p.addEventListener("change", go);
    form.k.addEventListener("change", go);
    form.r.addEventListener("change", go);
    function show() {
      var q = hashParams();
      var span = data.spans[q.p] ? q.p : form.dataset.default;
      form.p.value = span;
      form.k.value = q.k && data.labels[q.k] ? q.k : "";
      form.r.value = q.r && data.rules[q.r] ? q.r : "";
      var body = table.tBodies[0];
      body.replaceChildren();
      var where = data.place + " " + data.spans[span];
      if (form.r.value) {
        var rule = form.r.value;
        if (county) {
          head(table, ["乡镇", "未达到要求（处）"]);
          data.townships.forEach(function (t, i) {
            var tr = document.createElement("tr");
            var a = document.createElement("a");
            a.href = t[0] + ".html#p=" + span + "&r=" + rule;
            a.textContent = t[1];
            cell(tr, "").appendChild(a);
            cell(tr, String(data.findings[span][rule][i]), "num");
            body.appendChild(tr);
          });
          headline.textContent = where + " " + data.rules[rule] + "：各乡镇未达到要求的情况";
          return;
        }
        var found = data.findings[span][rule];
        headline.textContent = where + " " + data.rules[rule] + "：" +
          (found.length ? "以下 " + found.length + " 处未达到要求：" : "没有发现问题。");
        head(table, ["问题", "位置"]);
        found.forEach(function (f) {
          var tr = document.createElement("tr");
          cell(tr, f[0]);
          cell(tr, f[1] + ":" + f[2], "place");
          body.appendChild(tr);
        });
        return;
      }
      if (!form.k.value) {
        headline.textContent = "请选择一个数字或一项要求。";
        table.tHead.replaceChildren();
        return;
      }
      var key = form.k.value, label = data.labels[key], figure = data.figures[span][key];
      if (county) {
        head(table, ["乡镇", label[0] + "（" + label[1] + "）"]);
        data.townships.forEach(function (t, i) {
          var tr = document.createElement("tr");
          var a = document.createElement("a");
          a.href = t[0] + ".html#p=" + span + "&k=" + key;
          a.textContent = t[1];
          cell(tr, "").appendChild(a);
          cell(tr, figure.parts[i], "num");
          body.appendChild(tr);
        });
        var total = document.createElement("tr");
        cell(total, "全县");
        cell(total, figure.text, "num");
        table.tBodies[0].appendChild(total);
        headline.textContent = where + " " + label[0] + "：" + figure.text + "，由各乡镇的记录构成：";
        return;
      }
      var from = q.from || "", to = q.to || "";
      if (q.m) { from = q.m + "-01"; to = q.m + "-31"; }
      var shown = [], sum = 0;
      figure.rows.forEach(function (r, i) {
        var when = data.rows[r][1];
        if ((from && when < from) || (to && when > to)) return;
        shown.push(r);
        sum += figure.amounts ? figure.amounts[i] : 1;
      });
      if (from || to) {
        var part = q.m ? q.m.replace(/^(\d{4})-0?(\d+)$/, "$1年$2月") : from + "至" + to;
        headline.textContent = data.place + " " + part + " " + label[0] + "：" + fmt(sum, label[1]) +
          "（" + data.spans[span] + "共" + figure.text + "），由以下 " + shown.length + " 条记录构成：";
      } else {
        headline.textContent = where + " " + label[0] + "：" + figure.text +
          (label[1] === "元" || label[1] === "%" ? "" : " " + label[1]) +
          "，由以下 " + shown.length + " 条记录构成：";
      }
      head(table, ["编号", "日期", "类别", "代表（对象）", "位置"]);
      // one string for thousands of rows: far quicker than an element per cell
      body.innerHTML = shown.map(function (r) {
        var row = data.rows[r];
        return '<tr><td class="place">' + esc(row[0]) + "</td><td>" + esc(shortDay(row[1])) + "</td><td>" +
          esc(row[2]) + "</td><td>" + esc(row[3]) + '</td><td class="place">' + esc(row[4]) +
          ":" + row[5] + "</td></tr>";
      }).join("");
    }
    window.addEventListener("hashchange", show);
    show();
  }

  // A deputy's activities over the campaign: one point per activity, one row per kind.
  function timeline(el, data) {
    var c = chart(el, {
      grid: { left: 80, right: 30, top: 20, bottom: 50 },
      xAxis: {
        type: "time", min: data.start, max: data.end,
        axisLabel: { formatter: "{yyyy}年{M}月", hideOverlap: true },
      },
      yAxis: { type: "category", data: data.kinds, inverse: true },
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          return p.data[0].replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, "$1年$2月$3日") + " " + p.data[2];
        },
      },
      series: [{
        type: "scatter", name: "活动", symbolSize: 11,
        encode: { x: 0, y: 1 },
        data: data.points,
        itemStyle: {
          color: function (p) { return KINDS[p.data[1] % KINDS.length]; },
          borderColor: "#333", borderWidth: 0.5,
        },
      }],
    });
    return c;
  }

  // Over time: the county or one township, the campaign or one half-year.
  function overTime(data) {
    var form = document.getElementById("place-form");
    var box = document.getElementById("period-picker");
    fill(form.place, data.places);
    var q = hashParams();
    var place = data.counts[q.place] ? q.place : form.dataset.default;
    var period = "all";
    var periods = [["all", "活动全程", data.months[0], data.months[data.months.length - 1]]].concat(data.halves);
    periods.forEach(function (p) {
      var b = document.createElement("button");
      b.type = "button";
      b.dataset.value = p[0];
      b.textContent = p[1];
      b.addEventListener("click", function () { period = p[0]; draw(); });
      box.appendChild(b);
    });
    form.place.value = place;
    form.place.addEventListener("change", function () { place = form.place.value; draw(); });
    var kinds = chart(document.getElementById("kinds"), {});
    var persons = chart(document.getElementById("persons"), {});
    var trips = chart(document.getElementById("trips"), {});
    var exits = chart(document.getElementById("exits"), {});

    function yearOf(month) { return month.slice(0, 4); }
    function recordsHref(key, from, to) {
      var year = from.slice(0, 4);
      var whole = yearOf(from) !== yearOf(to);
      if (place === "county") return "records/county.html#p=" + (whole ? "all" : year) + "&k=" + key;
      var href = "records/" + place + ".html#p=" + (whole ? "all" : year) + "&k=" + key;
      if (from === to) return href + "&m=" + from;
      return href + "&from=" + from + "-01&to=" + to + "-31";
    }
    kinds.on("click", function (p) {
      var m = p.name, key = data.kinds[p.seriesIndex][0];
      location.href = recordsHref(key, m, m);
    });
    persons.on("click", function (p) {
      location.href = recordsHref(data.persons[p.seriesIndex][0], p.name, p.name);
    });
    trips.on("click", function (p) {
      var t = data.places.filter(function (x) { return x[1] === p.name; })[0];
      if (t) location.href = "records/" + t[0] + ".html#p=" + data.years[p.seriesIndex] + "&k=trips";
    });

    function draw() {
      box.querySelectorAll("button").forEach(function (b) { b.classList.toggle("active", b.dataset.value === period); });
      var chosen = periods.filter(function (p) { return p[0] === period; })[0];
      var lo = data.months.indexOf(chosen[2]), hi = data.months.indexOf(chosen[3]);
      var months = data.months.slice(lo, hi + 1);
      var name = data.places.filter(function (x) { return x[0] === place; })[0][1];
      var counts = data.counts[place], people = data.person_times[place];
      function sum(list) { return list.slice(lo, hi + 1).reduce(function (a, b) { return a + b; }, 0); }
      // the summary: each kind's total in the chosen period
      document.getElementById("summary-title").textContent = name + " " + chosen[1] + " 合计";
      var table = document.getElementById("summary");
      var names = data.kinds.map(function (k) { return k[1] + "（次）"; })
        .concat(data.persons.map(function (k) { return k[1] + "（人次）"; }));
      head(table, names);
      var tr = document.createElement("tr");
      data.kinds.concat(data.persons).forEach(function (k) {
        var list = counts[k[0]] || people[k[0]];
        var a = document.createElement("a");
        a.href = recordsHref(k[0], chosen[2], chosen[3]);
        a.textContent = String(sum(list));
        a.dataset.key = k[0];
        cell(tr, "", "num").appendChild(a);
      });
      table.tBodies[0].replaceChildren(tr);
      var month = { type: "category", data: months, axisLabel: { formatter: function (m) { return m.replace(/^(\d{4})-0?(\d+)$/, "$1年\n$2月"); } } };
      kinds.setOption({
        color: KINDS,
        aria: { enabled: true, decal: { show: true } },
        legend: { top: 0 },
        grid: { left: 50, right: 20, top: 60, bottom: 50 },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: month, yAxis: { type: "value", name: "次" },
        series: data.kinds.map(function (k) {
          return { type: "bar", stack: "kinds", name: k[1], data: counts[k[0]].slice(lo, hi + 1) };
        }),
      }, { notMerge: true });
      persons.setOption({
        color: PALETTE,
        legend: { top: 0 },
        grid: { left: 50, right: 20, top: 40, bottom: 50 },
        tooltip: { trigger: "axis" },
        xAxis: month, yAxis: { type: "value", name: "人次" },
        series: data.persons.map(function (k, i) {
          return { type: "line", name: k[1], data: people[k[0]].slice(lo, hi + 1), symbol: ["circle", "triangle"][i], symbolSize: 7, lineStyle: { width: 2.5, type: ["solid", "dashed"][i] } };
        }),
      }, { notMerge: true });
      var townships = data.places.filter(function (x) { return x[0] !== "county"; });
      trips.setOption({
        color: PALETTE,
        aria: { enabled: true, decal: { show: true } },
        legend: { top: 0 },
        // the minimum's label sits right of the plot, clear of the last township's bars
        grid: { left: 50, right: 110, top: 40, bottom: 60 },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: { type: "category", data: townships.map(function (t) { return t[1]; }), axisLabel: { interval: 0, rotate: townships.length > 8 ? 40 : 0 } },
        yAxis: {
          type: "value", name: "次", minInterval: 1,
          max: function (v) { return Math.max(v.max, data.minimum) + 1; },
        },
        series: data.years.map(function (y, i) {
          var s = { type: "bar", name: y + "年", data: townships.map(function (t) { return data.trips[t[0]][i]; }) };
          if (i === 0) s.markLine = { symbol: "none", lineStyle: { color: "#D55E00", width: 2, type: "dashed" }, label: { formatter: "每年至少" + data.minimum + "次", position: "end", fontSize: 14, color: "#D55E00" }, data: [{ yAxis: data.minimum }] };
          return s;
        }),
      }, { notMerge: true });
      var total = 0;
      var running = data.exits[place].map(function (n) { total += n; return total; });
      exits.setOption({
        color: PALETTE,
        legend: { top: 0 },
        grid: { left: 50, right: 20, top: 40, bottom: 40 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.years.map(function (y) { return y + "年底"; }) },
        yAxis: { type: "value", name: "户", minInterval: 1 },
        series: [
          { type: "bar", name: "当年脱贫", data: data.exits[place], barWidth: "30%" },
          { type: "line", name: "累计脱贫", data: running, label: { show: true, fontSize: 14 }, symbolSize: 8, lineStyle: { width: 3 } },
        ],
      }, { notMerge: true });
    }
    draw();
  }

  // Proposals: the funnel of one place, and the list filtered to it.
  function proposals(data) {
    var form = document.getElementById("place-form");
    fill(form.place, data.places);
    var q = hashParams();
    var place = data.funnels[q.place] ? q.place : form.dataset.default;
    form.place.value = place;
    var c = chart(document.getElementById("funnel"), {});
    c.on("click", function (p) {
      if (p.data.key) location.href = "records/" + place + ".html#p=all&k=" + p.data.key;
    });
    function draw() {
      var stages = data.funnels[place];
      var top = Math.max(1, stages[0][1]);
      c.setOption({
        color: PALETTE,
        tooltip: { trigger: "item", formatter: "{b}：{c}件" },
        series: [{
          type: "funnel", sort: "none", left: "5%", width: "55%", top: 16, bottom: 0,
          min: 0, max: top, gap: 3,
          minSize: "10%",
          label: {
            show: true, position: "right", fontSize: 16, color: "#1a1a1a",
            formatter: function (p) {
              var first = stages[0][1];
              var share = p.dataIndex && first ? "（占提出的" + (100 * p.value / first).toFixed(1) + "%）" : "";
              return p.name + " " + p.value + "件" + share;
            },
          },
          labelLine: { show: true, length: 20 },
          // an invisible last layer of the last stage's width keeps every layer's bottom true
          data: stages.map(function (s) { return { name: s[0], value: s[1], key: s[2] }; }).concat([{
            name: "", value: stages[stages.length - 1][1], key: "",
            itemStyle: { opacity: 0 }, label: { show: false }, labelLine: { show: false },
            tooltip: { show: false }, emphasis: { disabled: true },
          }]),
        }],
      }, { notMerge: true });
      document.querySelectorAll("#proposal-list tbody tr").forEach(function (tr) {
        tr.hidden = place !== "county" && tr.dataset.place !== place;
      });
    }
    form.place.addEventListener("change", function () { place = form.place.value; draw(); });
    draw();
  }

  return { chart: chart, fmt: fmt, records: records, timeline: timeline, overTime: overTime, proposals: proposals, picker: picker, hashParams: hashParams, PALETTE: PALETTE, KINDS: KINDS, overview: overview, township: township, charts: charts };
})();
