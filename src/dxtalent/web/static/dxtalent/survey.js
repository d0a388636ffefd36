/* A survey form's routing: a question asked only when an earlier one was answered with a
 * given option is hidden until it is (the server also ignores answers to skipped questions). */
(function () {
  "use strict";
  var form = document.querySelector(".survey-form");
  if (!form) { return; }
  function update() {
    form.querySelectorAll("[data-condition-question]").forEach(function (box) {
      var name = box.dataset.conditionQuestion, option = box.dataset.conditionOption;
      var chosen = form.querySelector('input[name="' + name + '"][value="' + option + '"]');
      box.hidden = !(chosen && chosen.checked);
    });
  }
  form.addEventListener("change", update);
  update();
})();
