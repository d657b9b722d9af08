// Moves focus to the error summary (templates/includes/error_summary.html) when a page shows one, so a
// keyboard or screen reader user starts at the list of what to fix; its links then focus each field with
// its label or legend in view. Without this script the summary is still first in the content and its
// links still jump to the fields.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;

  summary.focus();

  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    var caption = field.closest("fieldset");
    caption = caption ? caption.querySelector("legend") : document.querySelector("label[for='" + field.id + "']");
    (caption || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
