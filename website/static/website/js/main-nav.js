// The main navigation on a narrow screen: a 菜单 button that opens and closes the list.
// Without this script the list simply wraps (site.css); with it, narrow screens show the button instead.
(function () {
  "use strict";
  var nav = document.querySelector("[data-main-nav]");
  if (!nav) return;
  var toggle = nav.querySelector(".main-nav__toggle");
  if (!toggle) return;

  function setOpen(open) {
    nav.classList.toggle("main-nav--open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  nav.classList.add("main-nav--menu");
  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
})();
