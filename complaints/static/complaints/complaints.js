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

  // 匿名: name and phone disappear (the server ignores them for an anonymous complaint). Without this
  // script CSS hides them with :has().
  var anonymous = form.querySelector("input[name=anonymous]");
  var personal = form.querySelector("[data-contact-personal]");
  if (anonymous && personal) {
    var sync = function () {
      personal.hidden = anonymous.checked;
    };
    anonymous.addEventListener("change", sync);
    sync();
  }

  // The nursery search, and 改选其他机构, in place: the form is sent without its files to the same
  // address with the same button name, and the 被投诉的机构 group is replaced by the server's answer, so
  // nothing typed or chosen elsewhere is touched and the page does not jump. Without scripts the same
  // buttons reload the page at #results.
  var group = document.getElementById("institution-group");
  if (!group || !window.fetch || !window.FormData || !window.DOMParser) return;
  var busy = false;
  function inPlace(button) {
    if (busy) return;
    busy = true;
    group.setAttribute("aria-busy", "true");
    var data = new FormData(form);
    data.delete("attachments");
    data.append(button.name, button.value);
    fetch((button.formAction || form.action).split("#")[0], { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var answer = new DOMParser().parseFromString(html, "text/html").getElementById("institution-group");
        if (!answer) throw new Error("no institution group");
        group.innerHTML = answer.innerHTML;
        var target =
          group.querySelector("#results") ||
          group.querySelector("input[name=institution_query]") ||
          group.querySelector("[data-in-place]");
        if (target) target.focus();
      })
      .catch(function () {
        // Whatever went wrong, the plain submission still works.
        busy = null; // lets the click through to a plain submission
        button.click();
      })
      .then(function () {
        if (busy !== null) busy = false;
        group.removeAttribute("aria-busy");
      });
  }
  group.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-in-place]");
    if (!button || busy === null) return;
    event.preventDefault();
    inPlace(button);
  });
  // Enter in the nursery search box searches; in every other text field it submits the complaint
  // (the form's default button is a hidden copy of 提交投诉, first in the form).
  group.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.matches("input[name=institution_query]")) return;
    var search = group.querySelector("button[name=find_institution]");
    if (!search) return;
    event.preventDefault();
    inPlace(search);
  });
})();
