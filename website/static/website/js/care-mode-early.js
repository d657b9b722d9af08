// 关怀模式 before the first paint: loaded as a blocking script in <head>, it gives the html element the
// class site.css enlarges and darkens, from the visitor's cookie (set by care-mode.js or /care-mode/).
// It also takes the class off when the cookie says otherwise, so a cached copy never decides the mode.
(function () {
  "use strict";
  var on = /(?:^|;\s*)care_mode=1(?:;|$)/.test(document.cookie);
  document.documentElement.classList.toggle("care-mode", on);
})();
