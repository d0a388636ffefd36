/* The national standardization page: a horizontal bar chart of the local governments with a
 * specific migration-support system in each business area. Data: #standardization-chart
 * (labels, values); the same figures are in the table under the chart. */
(function () {
  "use strict";
  var source = document.getElementById("standardization-chart");
  var box = document.getElementById("chart-businesses");
  if (!source || !box || !window.Plotly) { return; }
  var chart = JSON.parse(source.textContent);
  Plotly.newPlot(box, [{
    type: "bar", orientation: "h", y: chart.labels, x: chart.values, marker: {color: "#0017c1"}
  }], {
    height: 80 + 26 * chart.labels.length, margin: {t: 10, l: 200, r: 20},
    xaxis: {title: {text: box.dataset.axis || ""}}, yaxis: {autorange: "reversed", automargin: true}
  }, {displaylogo: false, displayModeBar: false, responsive: true});
})();
