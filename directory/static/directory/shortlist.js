/* 我的收藏: nurseries saved on this device (localStorage, no account), and share links.
 * Progressive enhancement: without JavaScript or storage the 加入收藏 buttons stay hidden, the compare
 * page (/directory/compare/?id=..) still works from any link, and the panel keeps its explanation.
 *  - [data-shortlist-id] buttons (result cards, detail page) add or remove an institution;
 *  - [data-shortlist-count-link] links show how many are saved;
 *  - [data-shortlist-panel] lists them as a GET form to the compare page (tick up to data-max);
 *  - [data-copy-link] buttons copy a share link. */
(function () {
  "use strict";

  var KEY = "tuoyu.directory.shortlist";
  var LIMIT = 30;

  function storage() {
    try {
      var probe = KEY + ".probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  var store = storage();

  function load() {
    try {
      var items = JSON.parse(store.getItem(KEY) || "[]");
      return Array.isArray(items) ? items.filter(function (item) { return item && item.id; }) : [];
    } catch (e) {
      return [];
    }
  }

  function save(items) {
    store.setItem(KEY, JSON.stringify(items.slice(0, LIMIT)));
    render();
  }

  function has(items, id) {
    return items.some(function (item) { return String(item.id) === String(id); });
  }

  function toggle(button) {
    var id = button.getAttribute("data-shortlist-id");
    var items = load();
    if (has(items, id)) {
      items = items.filter(function (item) { return String(item.id) !== String(id); });
    } else {
      items.push({ id: id, name: button.getAttribute("data-shortlist-name"), url: button.getAttribute("data-shortlist-url") });
    }
    save(items);
  }

  function renderButtons(items) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-shortlist-id]"), function (button) {
      var saved = has(items, button.getAttribute("data-shortlist-id"));
      button.hidden = false;
      button.classList.toggle("dir-save--saved", saved);
      button.querySelector(".dir-save__label").textContent = saved ? "已收藏（点按取消）" : "加入收藏";
    });
  }

  function renderCounts(items) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-shortlist-count-link]"), function (link) {
      if (!link.hasAttribute("data-label")) {
        link.setAttribute("data-label", link.textContent);
      }
      link.textContent = link.getAttribute("data-label") + (items.length ? "（" + items.length + "）" : "");
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function hiddenInputs(form, query) {
    new URLSearchParams(query || "").forEach(function (value, name) {
      var input = element("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.appendChild(input);
    });
  }

  function renderPanel(panel, items) {
    var fallback = panel.querySelector("[data-shortlist-fallback]");
    if (fallback) {
      fallback.hidden = true;
    }
    var old = panel.querySelector(".cmp-shortlist");
    if (old) {
      old.remove();
    }
    var max = Number(panel.getAttribute("data-max")) || 4;
    var box = element("div", "cmp-shortlist");
    panel.appendChild(box);
    if (!items.length) {
      box.appendChild(element("p", "cmp-note", "还没有收藏的机构。在查找结果或机构页面点“加入收藏”，收藏会保存在这台设备上。"));
      return;
    }
    var form = element("form", "cmp-shortlist__form");
    form.method = "get";
    form.action = panel.getAttribute("data-compare-url");
    var fieldset = element("fieldset", "cmp-shortlist__fieldset");
    fieldset.appendChild(element("legend", "", "选择要对比的机构（最多 " + max + " 家）"));
    var list = element("ul", "cmp-shortlist__list");
    items.forEach(function (item, index) {
      var row = element("li", "cmp-shortlist__item");
      var tick = element("input");
      tick.type = "checkbox";
      tick.name = "id";
      tick.value = item.id;
      tick.id = "cmp-pick-" + item.id;
      tick.checked = index < max;
      var label = element("label", "", item.name);
      label.htmlFor = tick.id;
      var link = element("a", "cmp-shortlist__link", "查看");
      link.href = item.url;
      link.appendChild(element("span", "visually-hidden", item.name));
      var remove = element("button", "cmp-shortlist__remove", "移出收藏");
      remove.type = "button";
      remove.appendChild(element("span", "visually-hidden", "：" + item.name));
      remove.addEventListener("click", function () {
        save(load().filter(function (other) { return String(other.id) !== String(item.id); }));
        var next = panel.querySelector("input[type=checkbox], .cmp-shortlist__form button[type=submit]");
        if (next) {
          next.focus();
        }
      });
      row.appendChild(tick);
      row.appendChild(label);
      row.appendChild(link);
      row.appendChild(remove);
      list.appendChild(row);
    });
    fieldset.appendChild(list);
    form.appendChild(fieldset);
    hiddenInputs(form, panel.getAttribute("data-origin"));
    var message = element("p", "cmp-shortlist__message");
    message.setAttribute("role", "status");
    var submit = element("button", "button", "对比所选机构");
    submit.type = "submit";
    form.appendChild(message);
    form.appendChild(submit);
    form.addEventListener("submit", function (event) {
      var ticked = form.querySelectorAll("input[name=id]:checked").length;
      if (ticked === 0 || ticked > max) {
        event.preventDefault();
        message.textContent = ticked === 0 ? "请至少选择 1 家机构。" : "最多同时对比 " + max + " 家，请取消 " + (ticked - max) + " 家。";
      }
    });
    box.appendChild(form);
  }

  function render() {
    var items = load();
    renderButtons(items);
    renderCounts(items);
    Array.prototype.forEach.call(document.querySelectorAll("[data-shortlist-panel]"), function (panel) {
      renderPanel(panel, items);
    });
  }

  function setUpCopy() {
    if (!navigator.clipboard) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-link]"), function (button) {
      button.hidden = false;
      var status = button.parentNode.querySelector("[data-copy-status]");
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(
          function () { status.textContent = "已复制链接，可以粘贴到微信发给家人。"; },
          function () { status.textContent = "无法自动复制，请长按上面的链接复制。"; }
        );
      });
    });
  }

  if (store) {
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-shortlist-id]");
      if (button) {
        toggle(button);
      }
    });
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) {
        render();
      }
    });
    render();
  }
  setUpCopy();
})();
