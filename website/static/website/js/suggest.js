/*
 * Type-ahead for the search boxes: an ARIA 1.2 combobox (input + listbox) fed by /search/suggest/?q=.
 * Works on every input[data-suggest-url] and on the header box (#site-search-q). Without JavaScript
 * the boxes are plain search forms. Keys: ↓/↑ move through the suggestions, Enter opens the chosen
 * one (or submits the form when none is chosen), Esc closes the list (a second Esc clears the box).
 */
(function () {
  "use strict";

  var DELAY_MS = 120;
  var counter = 0;
  var script = document.currentScript;

  // The list's style sits beside this script, so a page needs only the one <script> line.
  if (script && script.src && !document.querySelector("link[data-suggest-css]")) {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = script.src.replace(/js\/suggest\.js(\?.*)?$/, "css/suggest.css");
    css.setAttribute("data-suggest-css", "");
    document.head.appendChild(css);
  }

  function setUp(input) {
    if (input.dataset.suggestReady) return;
    input.dataset.suggestReady = "1";
    var url = input.dataset.suggestUrl || "/search/suggest/";
    var id = "suggest-" + (++counter);
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var timer = null;
    var request = null;
    var items = [];
    var active = -1;

    list.id = id + "-list";
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "搜索建议");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");
    input.parentNode.classList.add("suggest-host");
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      active = index;
      options.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(suggestions) {
      items = suggestions;
      list.textContent = "";
      suggestions.forEach(function (item, position) {
        var option = document.createElement("li");
        var kind = document.createElement("span");
        option.id = id + "-option-" + position;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "suggest-list__option";
        kind.className = "suggest-list__kind";
        kind.textContent = item.kind;
        option.appendChild(kind);
        option.appendChild(document.createTextNode(item.label));
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the box until the page changes
          window.location.href = item.url;
        });
        list.appendChild(option);
      });
      if (suggestions.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = "有 " + suggestions.length + " 条建议，按上下方向键选择。";
      } else {
        close();
        status.textContent = "";
      }
      active = -1;
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (!query) {
        render([]);
        return;
      }
      if (request) request.abort();
      request = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: request.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) render(data.suggestions || []);
        })
        .catch(function () {
          /* aborted or offline: the form still works */
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length;
      if (event.key === "ArrowDown") {
        if (!open) {
          fetchSuggestions();
          return;
        }
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].url;
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else {
          input.value = "";
        }
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", function () {
      setTimeout(close, 100);
    });
  }

  function start() {
    document.querySelectorAll("input[data-suggest-url], #site-search-q").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
