// Warns, while typing, about phone or ID numbers in the free text, and reveals the confirmation box.
// The form works the same without this script: the server then asks for the confirmation.
(function () {
  "use strict";
  var form = document.querySelector(".complaint-form");
  if (!form) return;
  var description = form.querySelector("textarea[name=description]");
  var address = form.querySelector("input[name=institution_address]");
  var warning = document.getElementById("number-warning");
  var confirmBox = document.getElementById("confirm-numbers");
  if (!description || !warning || !confirmBox) return;
  var pattern = /(?:^|\D)(?:1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}|\d{17}[\dXx]|0\d{2,3}-?\d{7,8})(?:\D|$)/;
  function check() {
    var text = description.value + " " + (address ? address.value : "");
    var found = pattern.test(text);
    warning.hidden = !found;
    if (found) confirmBox.removeAttribute("data-hidden-until-needed");
  }
  description.addEventListener("input", check);
  if (address) address.addEventListener("input", check);
  check();

  // Too many files: said at once, and the selection is cleared, so the form never sends them.
  var files = form.querySelector("input[type=file][data-max-files]");
  if (files) {
    var limit = parseInt(files.getAttribute("data-max-files"), 10);
    var note = document.createElement("p");
    note.className = "form-error";
    note.setAttribute("role", "alert");
    note.hidden = true;
    files.insertAdjacentElement("afterend", note);
    files.addEventListener("change", function () {
      var count = files.files ? files.files.length : 0;
      note.hidden = count <= limit;
      if (count > limit) {
        note.textContent = "最多上传 " + limit + " 个附件，您选择了 " + count + " 个，请重新选择。";
        files.value = "";
      }
    });
  }

  // Back after sending: the browser fetches a new form (with a new one-time token) but fills in what was
  // typed. Sending exactly that again must find the first case, so the token it was sent with comes back.
  var token = form.querySelector("input[name=submission_token]");
  if (token && window.sessionStorage) {
    var typed = function () {
      return Array.prototype.map
        .call(form.elements, function (field) {
          if (!field.name || field.type === "file" || field.type === "hidden" || field.type === "submit") return "";
          if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return "";
          return field.name + "=" + field.value;
        })
        .join("&");
    };
    form.addEventListener("submit", function () {
      sessionStorage.setItem("complaint-sent", JSON.stringify({ token: token.value, typed: typed() }));
    });
    window.addEventListener("pageshow", function () {
      var sent = JSON.parse(sessionStorage.getItem("complaint-sent") || "null");
      if (sent && sent.typed === typed()) token.value = sent.token;
    });
  }

  var anonymous = form.querySelector("input[name=anonymous]");
  if (anonymous) {
    var contactFields = ["contact_name", "contact_phone"].map(function (name) {
      return form.querySelector("input[name=" + name + "]");
    });
    var sync = function () {
      contactFields.forEach(function (input) {
        if (input) input.disabled = anonymous.checked;
      });
    };
    anonymous.addEventListener("change", sync);
    sync();
  }
})();
