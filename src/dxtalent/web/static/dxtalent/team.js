/*
 * dxtalent team diagnosis: the rotation risk as a Plotly heatmap, one row per capability and
 * one column per fiscal year, each cell the probability (0–100 %) that the capability meets its
 * target at the end of that year.
 *
 * Markup: <script type="application/json" id="team-chart">{fiscal_years, risk, forecast}</script>
 * (json_script in the template, which escapes it) and <div class="chart" data-chart="team-chart" data-label-…>.
 * data-fiscal-year-labels holds the translated fiscal years, separated by "|".
 *
 * Every cell prints its percentage, and the coverage table on the page gives the same figures,
 * so nothing depends on telling the colours apart.
 */
(function () {
  "use strict";

  var TEXT = "#333333";
  var FONT = '"Noto Sans JP", "Hiragino Sans", "Yu Gothic UI", Meiryo, sans-serif';
  // Low probability (risk) in the Digital Agency's red tint, high in its blues.
  var SCALE = [
    [0, "#fdeeee"],
    [0.5, "#c5d7fb"],
    [0.8, "#4979f5"],
    [1, "#00118f"],
  ];

  function readData(element) {
    var source = document.getElementById(element.dataset.chart);
    if (!source) {
      return null;
    }
    try {
      return JSON.parse(source.textContent);
    } catch (error) {
      return null;
    }
  }

  function draw(element) {
    var data = readData(element);
    if (!data || !data.risk || data.risk.length === 0 || typeof window.Plotly === "undefined") {
      return;
    }
    var years = data.fiscal_years.map(String);
    var labels = (element.dataset.fiscalYearLabels || "").split("|");
    if (labels.length !== years.length) {
      labels = years;
    }
    var names = {};
    (data.forecast || []).forEach(function (row) {
      names[row.capability] = row.name;
    });
    // Plotly draws the first row at the bottom; reverse so the order matches the table.
    var rows = data.risk.slice().reverse();
    var z = rows.map(function (row) {
      return years.map(function (year) {
        var p = row.by_year[year];
        return p === undefined || p === null ? null : Math.round(p * 100);
      });
    });
    var capabilities = rows.map(function (row) {
      return names[row.capability] || row.capability;
    });
    var probability = element.dataset.labelProbability;
    var trace = {
      type: "heatmap",
      x: labels,
      y: capabilities,
      z: z,
      zmin: 0,
      zmax: 100,
      colorscale: SCALE,
      xgap: 2,
      ygap: 2,
      texttemplate: "%{z}%",
      textfont: { size: 14 },
      colorbar: { title: { text: element.dataset.labelProbabilityUnit, side: "right" }, ticksuffix: "%", len: 0.9 },
      hovertemplate:
        "%{y}<br>%{x}<br>" + probability + element.dataset.colon + "%{z}%<extra></extra>",
    };
    var layout = {
      font: { family: FONT, color: TEXT, size: 14 },
      paper_bgcolor: "#ffffff",
      plot_bgcolor: "#ffffff",
      height: Math.max(320, 60 + 44 * rows.length),
      margin: { t: 20, r: 20, b: 60, l: 20 },
      xaxis: { side: "top", automargin: true, tickfont: { color: TEXT } },
      yaxis: { automargin: true, tickfont: { color: TEXT } },
    };
    // No mode bar: its buttons would be focusable inside an element announced as one image.
    window.Plotly.newPlot(element, [trace], layout, { responsive: true, displayModeBar: false });
  }

  function drawAll() {
    document.querySelectorAll(".chart[data-chart='team-chart']").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
