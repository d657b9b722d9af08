// After an in-page search reloads the page, focus lands on its results: the template marks the results
// region `id="results" tabindex="-1" data-focus-on-load` (only when results were asked for), and the
// form's action ends in "#results", so without scripts the browser scrolls there and the next Tab starts
// from it. The error summary, when present, wins: it is what the reader must see first.
(function () {
  "use strict";
  if (document.querySelector("[data-error-summary]")) return;
  var target = document.querySelector("[data-focus-on-load]");
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
})();
