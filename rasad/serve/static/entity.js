// rasad: the entity page's charts (plotly.js, served by this site).
"use strict";
(function () {
  var island = document.getElementById("chart-data");
  if (!island || typeof Plotly === "undefined") return;
  var data = JSON.parse(island.textContent);
  var font = { family: "Noto Naskh Arabic, Noto Sans Arabic, DejaVu Sans, sans-serif", size: 13 };
  var config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["sendDataToCloud"] };

  var timeline = document.getElementById("timeline");
  if (timeline) {
    var traces = data.timeline.map(function (t) {
      // months as dates, so that gaps between them show as time
      var x = t.x.map(function (m) { return m + "-15"; });
      return { type: "bar", name: t.label, x: x, y: t.y, width: 20 * 86400000,
               hovertemplate: "%{x|%Y-%m}: %{y}<extra>" + t.type + "</extra>" };
    });
    if (!traces.length) traces = [{ type: "bar", x: [], y: [] }];
    var totals = {};
    data.timeline.forEach(function (t) {
      t.x.forEach(function (m, i) { totals[m] = (totals[m] || 0) + t.y[i]; });
    });
    var maxCount = Math.max.apply(null, [1].concat(Object.keys(totals).map(function (k) { return totals[k]; })));
    // a month either side, and a tick per month over short spans
    var months = Object.keys(totals).sort();
    var xaxis = { type: "date", tickformat: "%Y-%m", ticklabelmode: "period",
                  title: { text: "الشهر / month" } };
    if (months.length) {
      var first = new Date(months[0] + "-15"), last = new Date(months[months.length - 1] + "-15");
      var day = 86400000;
      xaxis.range = [new Date(first.getTime() - 40 * day).toISOString().slice(0, 10),
                     new Date(last.getTime() + 40 * day).toISOString().slice(0, 10)];
      if ((last - first) / day < 730) xaxis.dtick = "M1";
    }
    var layout = {
      barmode: "stack", font: font, margin: { t: 10, r: 10, b: 40, l: 40 },
      xaxis: xaxis,
      yaxis: { title: { text: "أحداث / events" }, rangemode: "tozero",
               dtick: maxCount <= 8 ? 1 : null },
      legend: { orientation: "h", y: -0.25 }
    };
    if (!months.length) {
      layout.xaxis = { visible: false };
      layout.yaxis = { visible: false };
      layout.annotations = [{ text: "لا أحداث / no events", showarrow: false, font: { size: 16 },
                              xref: "paper", yref: "paper", x: 0.5, y: 0.5 }];
    }
    Plotly.newPlot(timeline, traces, layout, config);
  }

  var network = document.getElementById("network");
  if (network) {
    var nodes = data.network;
    var ex = [], ey = [];
    nodes.slice(1).forEach(function (n) { ex.push(0, n.x, null); ey.push(0, n.y, null); });
    var edges = { type: "scatter", mode: "lines", x: ex, y: ey, hoverinfo: "skip",
                  line: { color: "#9fb6c3", width: 1.5 }, showlegend: false };
    var points = {
      type: "scatter", mode: "markers+text", showlegend: false,
      x: nodes.map(function (n) { return n.x; }), y: nodes.map(function (n) { return n.y; }),
      text: nodes.map(function (n) { return n.name; }),
      customdata: nodes.map(function (n) { return n.count === null ? "" : n.count + " ×"; }),
      textposition: "top center", hovertemplate: "%{text} %{customdata}<extra></extra>",
      marker: {
        size: nodes.map(function (n, i) { return i === 0 ? 26 : 10 + Math.min(16, 3 * (n.count || 1)); }),
        color: nodes.map(function (n, i) { return i === 0 ? "#0b5d7a" : "#e8a33d"; })
      }
    };
    Plotly.newPlot(network, [edges, points], {
      font: font, margin: { t: 20, r: 20, b: 20, l: 20 }, hovermode: "closest",
      xaxis: { visible: false, range: [-1.35, 1.35] }, yaxis: { visible: false, range: [-1.25, 1.3] }
    }, config);
    network.on("plotly_click", function (ev) {
      var i = ev.points && ev.points[0] && ev.points[0].pointIndex;
      if (ev.points[0].curveNumber === 1 && i > 0 && nodes[i].id !== null) {
        window.location.href = "/entities/" + encodeURIComponent(nodes[i].id);
      }
    });
  }
})();
