/* A plan run solving in the background: poll its status every second, show the progress and
 * the stage, and reload the page when the run has finished (done or failed). */
(function () {
  "use strict";
  var box = document.getElementById("plan-progress");
  if (!box || !window.fetch) { return; }
  var bar = document.getElementById("plan-progress-bar");
  var stage = document.getElementById("plan-progress-stage");
  function poll() {
    fetch(box.dataset.statusUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (run) {
        if (run.status === "done" || run.status === "failed") {
          window.location.reload();
          return;
        }
        bar.value = run.progress;
        bar.textContent = run.progress + "%";
        if (run.stage_text) { stage.textContent = run.stage_text; }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
