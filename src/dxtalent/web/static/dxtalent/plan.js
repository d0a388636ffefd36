/* Staffing plan charts: net cost per fiscal year stacked by lever (one group per strategy) and
 * the optimal mix's coverage heatmap. Data: <script id="plan-chart" type="application/json">. */
(function () {
  "use strict";
  var source = document.getElementById("plan-chart");
  if (!source || !window.Plotly) { return; }
  var data = JSON.parse(source.textContent);
  // Legends and axes in names and in the page's language (data.labels), codes only as a fallback.
  var labels = data.labels || {};
  function named(group, code) { return (labels[group] || {})[code] || code; }
  var years = labels.fiscal_years || data.fiscal_years.map(function (y) { return "FY" + y; });
  var traces = [];
  Object.keys(data.strategies).forEach(function (strategy) {
    var cost = data.strategies[strategy].cost;
    Object.keys(cost).forEach(function (lever) {
      traces.push({
        type: "bar", name: named("strategies", strategy) + " · " + named("levers", lever),
        legendgroup: strategy,
        x: [years.map(function () { return named("strategies", strategy); }), years],
        y: cost[lever]
      });
    });
  });
  Plotly.newPlot("plan-cost", traces, {barmode: "stack", margin: {t: 20}, legend: {orientation: "h"}, yaxis: {title: {text: labels.cost_axis || "yen"}, tickformat: ",d"}}, {displaylogo: false, displayModeBar: false, responsive: true});
  var mix = data.strategies.mix || data.strategies[Object.keys(data.strategies)[0]];
  var caps = Object.keys(mix.coverage);
  Plotly.newPlot("plan-coverage", [{
    type: "heatmap", x: years, y: caps.map(function (c) { return named("capabilities", c); }), z: caps.map(function (c) { return mix.coverage[c]; }),
    colorscale: "Blues", reversescale: true, text: caps.map(function (c) { return mix.coverage[c].map(String); }), texttemplate: "%{text}"
  }], {margin: {t: 20, l: 140}, yaxis: {automargin: true}}, {displaylogo: false, displayModeBar: false, responsive: true});
})();
/* The optimal mix's rotation risk: the probability that each target holds per fiscal year. */
(function () {
  "use strict";
  var source = document.getElementById("plan-chart");
  if (!source || !window.Plotly || !document.getElementById("plan-risk")) { return; }
  var data = JSON.parse(source.textContent);
  var mix = data.strategies.mix || data.strategies[Object.keys(data.strategies)[0]];
  var caps = Object.keys(mix.risk || {});
  if (!caps.length) { return; }
  var labels = data.labels || {};
  var years = labels.fiscal_years || data.fiscal_years.map(function (y) { return "FY" + y; });
  var names = caps.map(function (c) { return (labels.capabilities || {})[c] || c; });
  Plotly.newPlot("plan-risk", [{
    type: "heatmap", x: years, y: names, zmin: 0, zmax: 1, colorscale: "RdBu", reversescale: true,
    z: caps.map(function (c) { return mix.risk[c]; }),
    text: caps.map(function (c) { return mix.risk[c].map(function (p) { return Math.round(p * 100) + "%"; }); }),
    texttemplate: "%{text}"
  }], {margin: {t: 20, l: 140}, yaxis: {automargin: true}}, {displaylogo: false, displayModeBar: false, responsive: true});
})();
