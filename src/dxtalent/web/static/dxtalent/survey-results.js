/* Survey results: for each question a horizontal bar chart of each option's share by
 * department, with the Wilson 95% interval as error bars. Data: #survey-charts. */
(function () {
  "use strict";
  var source = document.getElementById("survey-charts");
  if (!source || !window.Plotly) { return; }
  JSON.parse(source.textContent).forEach(function (chart) {
    var box = document.getElementById("chart-" + chart.code);
    if (!box) { return; }
    var traces = chart.traces.map(function (t) {
      return {
        type: "bar", orientation: "h", name: t.name, y: t.labels,
        x: t.share.map(function (v) { return v === null ? null : v * 100; }),
        error_x: {
          type: "data", symmetric: false,
          array: t.plus.map(function (v) { return v === null ? null : v * 100; }),
          arrayminus: t.minus.map(function (v) { return v === null ? null : v * 100; })
        }
      };
    });
    var height = 80 + 36 * chart.traces[0].labels.length * Math.max(1, chart.traces.length);
    Plotly.newPlot(box, traces, {
      barmode: "group", height: height, margin: {t: 10, l: 260, r: 20},
      xaxis: {range: [0, 100], ticksuffix: "%"}, yaxis: {autorange: "reversed", automargin: true},
      legend: {orientation: "h"}
    }, {displaylogo: false, displayModeBar: false, responsive: true});
  });
})();
