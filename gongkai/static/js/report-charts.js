/*
 * Charts of the annual-report comparison pages (reports/compare.html).
 *
 * Reads the figures the page embeds with Django's json_script (#report-chart-data) and draws
 * one ECharts chart per group into #report-charts. The charts are decoration: the same figures
 * are in the table, which is what screen readers and pages without JavaScript get. No inline
 * script or style attribute in the markup (CSP-friendly); the layout is in reports/compare.css.
 */
(function () {
  "use strict";

  function draw() {
    var source = document.getElementById("report-chart-data");
    var holder = document.getElementById("report-charts");
    if (!source || !holder || typeof window.echarts === "undefined") {
      return;
    }
    var data;
    try {
      data = JSON.parse(source.textContent);
    } catch (e) {
      return;
    }
    if (!data.years || !data.years.length) {
      return;
    }
    holder.hidden = false;

    // Every box first, so that each chart measures its final place in the grid.
    var boxes = data.charts.map(function (spec) {
      var box = document.createElement("div");
      box.className = "report-chart report-chart-" + spec.id;
      holder.appendChild(box);
      if (!box.offsetHeight) {
        box.style.height = "20rem"; // the stylesheet did not load
      }
      return box;
    });

    var charts = [];
    data.charts.forEach(function (spec, i) {
      var box = boxes[i];
      var chart = window.echarts.init(box, null, { renderer: "canvas" });
      chart.setOption({
        title: { text: spec.title, left: "center", top: 8, textStyle: { fontSize: 15 } },
        tooltip: { trigger: "axis" },
        legend: { bottom: 4, type: "scroll" },
        grid: { left: 48, right: 24, top: 48, bottom: 56 },
        xAxis: { type: "category", data: data.years, axisLabel: { formatter: "{value}年" } },
        yAxis: { type: "value", minInterval: 1 },
        series: spec.series.map(function (s) {
          return {
            name: s.name,
            type: spec.type,
            stack: spec.stack ? "total" : undefined,
            data: s.data,
            connectNulls: false,
            label: { show: spec.type === "bar" && !spec.stack && data.years.length <= 6, position: "top" },
          };
        }),
        animation: false,
      });
      charts.push(chart);
    });

    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) {
        window.clearTimeout(pending);
      }
      pending = window.setTimeout(function () {
        charts.forEach(function (c) {
          c.resize();
        });
      }, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
