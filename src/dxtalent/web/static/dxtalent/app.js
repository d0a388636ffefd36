// Behaviour shared by every page, in place of inline handlers: the Content-Security-Policy
// (script-src 'self', style-src 'self') runs scripts from the app's own files only and
// refuses style attributes, so pages say what they want with data attributes.
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var target = event.target;
    // The organisation switcher goes to the chosen organisation at once.
    var switcher = target.closest && target.closest("form.org-switcher");
    if (switcher) {
      if (switcher.elements.code.value) window.location = switcher.elements.code.value;
      return;
    }
    // <select data-clears="role">: choosing another framework clears the role filter.
    var clears = target.getAttribute && target.getAttribute("data-clears");
    if (clears && target.form && target.form.elements[clears]) {
      target.form.elements[clears].value = "";
    }
  });

  // <form data-confirm="...">: asks before submitting (removing a member, revoking a key).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // <input data-select-on-focus>: a new API key is selected whole, ready to copy.
  document.addEventListener("focusin", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-select-on-focus")) {
      event.target.select();
    }
  });

  // <span data-width="42">: a bar 42 % wide (set through the CSSOM, which the policy allows).
  function setWidths(root) {
    root.querySelectorAll("[data-width]").forEach(function (element) {
      element.style.width = element.getAttribute("data-width") + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { setWidths(document); });
  document.addEventListener("htmx:afterSwap", function (event) { setWidths(event.target); });
})();
