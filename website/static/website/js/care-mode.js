// The header's 关怀模式 switch with JavaScript: switches at once, without leaving the page, and remembers
// the choice for a year in the cookie care-mode-early.js reads before the next page paints. Without
// JavaScript the same links go through /care-mode/ (website/views.py), which sets the same cookie.
(function () {
  "use strict";
  var COOKIE = "care_mode";
  var YEAR = 365 * 24 * 60 * 60;
  var links = document.querySelectorAll("[data-care-mode]");

  function remember(on) {
    var secure = location.protocol === "https:" ? "; secure" : "";
    var value = on ? "1; max-age=" + YEAR : "; max-age=0";
    document.cookie = COOKIE + "=" + value + "; path=/; samesite=lax" + secure;
  }

  function switchTo(on) {
    document.documentElement.classList.toggle("care-mode", on);
    remember(on);
    // The link just pressed is hidden now: keep the keyboard on the switch, now the other link.
    var other = document.querySelector('[data-care-mode="' + (on ? "0" : "1") + '"]');
    if (other) other.focus();
  }

  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      switchTo(link.getAttribute("data-care-mode") === "1");
    });
  });
})();
