// The ranking page's trend chart: rate (left axis) and rank (right axis, 1 at the top) per period.
// Data comes from a json_script tag rendered by the server, so no inline script is needed.
(function () {
  "use strict";
  var el = document.getElementById("trend-chart");
  var dataEl = document.getElementById("trend-data");
  if (!el || !dataEl || typeof echarts === "undefined") return;
  var data = JSON.parse(dataEl.textContent);
  var rates = data.rates.map(Number);
  var chart = echarts.init(el, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    color: ["#1f4e8c", "#e0a100"],
    tooltip: { trigger: "axis" },
    legend: { data: ["得分率", "期间排名"], top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: 28 },
    xAxis: { type: "category", data: data.periods, boundaryGap: true },
    yAxis: [
      { type: "value", name: "得分率", min: function (v) { return Math.max(0, Math.floor(v.min / 10) * 10); }, max: function (v) { return Math.max(100, Math.ceil(v.max / 10) * 10); },
        axisLabel: { formatter: "{value}" } },
      { type: "value", name: "排名", inverse: true, min: 1, max: Math.max(data.size, 2), minInterval: 1,
        splitLine: { show: false } }
    ],
    series: [
      { name: "得分率", type: "line", data: rates, smooth: false, symbolSize: 8,
        label: { show: true, position: "top", formatter: function (p) { return p.value.toFixed(2); } } },
      { name: "期间排名", type: "line", yAxisIndex: 1, data: data.ranks, symbolSize: 8, lineStyle: { type: "dashed" } }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
