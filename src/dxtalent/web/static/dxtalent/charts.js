/*
 * dxtalent charts: draws a person's skill levels against a role's targets with Plotly
 * (static/vendor/plotly.min.js, loaded only on the pages that need it).
 *
 * Markup: <script type="application/json" id="ID">{...}</script> (from json_script) and
 * <div class="chart" data-chart="ID" data-label-level="…" data-label-target="…"
 *      data-label-axis="…">. The JSON holds skills (codes), labels (names, shown on the
 * axes), levels and targets (0–4, same order) and role (its name, empty without a role).
 *
 * A radar for 3 to 12 skills, grouped bars otherwise (a radar of 2 or 40 spokes is unreadable).
 * Levels and targets differ in line style and marker shape as well as colour, and the page has
 * a table with the same figures, so nothing depends on seeing the colours.
 */
(function () {
  "use strict";

  var PRIMARY = "#0017c1"; // --dxt-primary, 10.6:1 on white
  var TARGET = "#c74700"; // --dxt-warning, 4.9:1 on white
  var TEXT = "#333333";
  var GRID = "#b3b3b3";
  var FONT = '"Noto Sans JP", "Hiragino Sans", "Yu Gothic UI", Meiryo, sans-serif';

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

  // Axes by the skills' names (a parenthesis on a line of its own), codes only when a skill
  // has no name; the hover text gives both.
  function axisLabels(data) {
    return data.skills.map(function (code, index) {
      var name = (data.labels && data.labels[index]) || code;
      return name.replace(/\s*([（(])/, "<br>$1");
    });
  }

  // Skills by name; the code only where a skill has no name.
  function hoverText(codes, labels) {
    return codes.map(function (code, index) {
      return labels[index] || code;
    });
  }

  function radar(data, element) {
    // Close the polygon by repeating the first point.
    var axes = axisLabels(data);
    var theta = axes.concat(axes.slice(0, 1));
    var names = hoverText(data.skills, data.labels);
    names = names.concat(names.slice(0, 1));
    var traces = [
      {
        type: "scatterpolar",
        name: element.dataset.labelLevel,
        r: data.levels.concat(data.levels.slice(0, 1)),
        theta: theta,
        text: names,
        fill: "toself",
        fillcolor: "rgba(0, 23, 193, 0.15)",
        line: { color: PRIMARY, width: 3 },
        marker: { symbol: "circle", size: 8, color: PRIMARY },
        hovertemplate: "%{text}<br>" + element.dataset.labelLevel + element.dataset.colon + "%{r}<extra></extra>",
      },
    ];
    if (data.role) {
      traces.push({
        type: "scatterpolar",
        name: element.dataset.labelTargetRole,
        r: data.targets.concat(data.targets.slice(0, 1)),
        theta: theta,
        text: names,
        line: { color: TARGET, width: 3, dash: "dash" },
        marker: { symbol: "diamond", size: 9, color: TARGET },
        hovertemplate: "%{text}<br>" + element.dataset.labelTarget + element.dataset.colon + "%{r}<extra></extra>",
      });
    }
    var layout = {
      polar: {
        radialaxis: {
          range: [0, 4],
          dtick: 1,
          gridcolor: GRID,
          linecolor: GRID,
          tickfont: { color: TEXT },
        },
        angularaxis: { gridcolor: GRID, linecolor: GRID, tickfont: { color: TEXT, size: 13 } },
      },
      margin: { t: 40, r: 60, b: 40, l: 60 },
    };
    return { traces: traces, layout: layout };
  }

  function bars(data, element) {
    var names = hoverText(data.skills, data.labels);
    var traces = [
      {
        type: "bar",
        name: element.dataset.labelLevel,
        x: axisLabels(data),
        y: data.levels,
        text: names,
        marker: { color: PRIMARY },
        hovertemplate: "%{text}<br>" + element.dataset.labelLevel + element.dataset.colon + "%{y}<extra></extra>",
      },
    ];
    if (data.role) {
      traces.push({
        type: "bar",
        name: element.dataset.labelTargetRole,
        x: axisLabels(data),
        y: data.targets,
        text: names,
        // Hatched as well as coloured, so the two bars differ in grey too.
        marker: { color: "#ffffff", line: { color: TARGET, width: 2 }, pattern: { shape: "/", fgcolor: TARGET } },
        hovertemplate: "%{text}<br>" + element.dataset.labelTarget + element.dataset.colon + "%{y}<extra></extra>",
      });
    }
    var layout = {
      barmode: "group",
      xaxis: { tickfont: { color: TEXT }, automargin: true },
      yaxis: {
        range: [0, 4.2],
        dtick: 1,
        gridcolor: GRID,
        tickfont: { color: TEXT },
        title: { text: element.dataset.labelAxis },
      },
      margin: { t: 40, r: 20, b: 60, l: 60 },
    };
    return { traces: traces, layout: layout };
  }

  function draw(element) {
    var data = readData(element);
    if (!data || !data.skills || data.skills.length === 0 || typeof window.Plotly === "undefined") {
      return;
    }
    var count = data.skills.length;
    var figure = count >= 3 && count <= 12 ? radar(data, element) : bars(data, element);
    var layout = Object.assign(
      {
        font: { family: FONT, color: TEXT, size: 14 },
        paper_bgcolor: "#ffffff",
        plot_bgcolor: "#ffffff",
        showlegend: true,
        legend: { orientation: "h", x: 0, y: -0.12 },
        height: 420,
      },
      figure.layout
    );
    // No mode bar: its buttons would be focusable inside an element announced as one image.
    window.Plotly.newPlot(element, figure.traces, layout, {
      responsive: true,
      displayModeBar: false,
    });
  }

  function drawAll() {
    document.querySelectorAll(".chart[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
