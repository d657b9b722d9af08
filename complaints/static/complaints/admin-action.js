// The handler's action form: choosing an action shows only the fields it needs (its text, labelled for
// that action; 转办至 only for a transfer) and names the submit button after it (受理, 答复, 转办 …).
// The server renders the same state for an action already chosen, so a failed submission looks the same.
(function () {
  "use strict";
  var form = document.querySelector("[data-action-form]");
  if (!form) return;
  var message = form.querySelector("[data-action-field=message]");
  var department = form.querySelector("[data-action-field=department]");
  var messageLabel = form.querySelector("[data-action-message-label]");
  var submit = form.querySelector("[data-action-submit]");
  function sync() {
    var chosen = form.querySelector("input[name=action]:checked");
    if (!chosen) return;
    if (message) message.hidden = !chosen.hasAttribute("data-needs-message");
    if (department) department.hidden = !chosen.hasAttribute("data-needs-department");
    if (messageLabel) messageLabel.textContent = chosen.getAttribute("data-message-label");
    submit.textContent = chosen.getAttribute("data-button");
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "action") sync();
  });
  sync();
})();
