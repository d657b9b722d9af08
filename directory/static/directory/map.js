/* The directory's Leaflet map, shared by the search page and an institution's page: Chinese zoom
 * titles, the Leaflet credit, and the configured tiles (data-tiles, data-attribution on the element).
 * When tiles are not configured or fail to load, `note` (a hidden paragraph) is shown instead.
 *
 * Keyboard (WCAG 2.1.1, 2.4.3, 2.4.7): the list beside the map already holds every result, so the map
 * costs one tab stop. The container is a single focusable region (arrow keys pan, +/- zoom: Leaflet's
 * own keyboard handler); Enter on it "enters" the map, making its markers and controls tabbable until
 * Escape or focus leaves the map. A marker's popup takes focus when it opens and gives it back to the
 * marker when it closes (Escape, the 关闭 button). A focused marker is raised above the others.
 *
 * Touch: see setUpTouchLock below. */
(function () {
  "use strict";

  var INNER = ".leaflet-marker-icon, .leaflet-control-container a, .leaflet-control-container button";
  var RAISED = 1000;

  function focusQuietly(element) {
    // Without preventScroll the browser scrolls the overflow:hidden container and shifts the map.
    element.focus({ preventScroll: true });
  }

  function markerOf(map, icon) {
    var found = null;
    map.eachLayer(function (layer) {
      if (layer instanceof window.L.Marker && layer.getElement() === icon) {
        found = layer;
      }
    });
    return found;
  }

  function setUpKeyboard(map, label) {
    var container = map.getContainer();
    var entered = false;
    var openPopup = null;

    if (label) {
      container.setAttribute("aria-label", label);
    }

    function setInnerTabIndex(value) {
      Array.prototype.forEach.call(container.querySelectorAll(INNER), function (item) {
        item.tabIndex = value;
      });
    }

    function enter() {
      entered = true;
      setInnerTabIndex(0);
    }

    function leave() {
      entered = false;
      setInnerTabIndex(-1);
    }

    // Markers and controls added later (the search page adds its markers after set-up; the credit is
    // rewritten on each layer) follow the current state; a marker keeps a name and a role so a screen
    // reader still announces it.
    function refresh() {
      setInnerTabIndex(entered ? 0 : -1);
    }
    map.on("layeradd", function (event) {
      var icon = event.layer instanceof window.L.Marker && event.layer.getElement();
      if (icon) {
        icon.setAttribute("role", "button");
        if (icon.title && !icon.getAttribute("aria-label")) {
          icon.setAttribute("aria-label", icon.title);
        }
      }
      refresh();
    });

    map.on("popupopen", function (event) {
      openPopup = event.popup;
      var element = openPopup.getElement();
      var close = element.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", "关闭");
        close.title = "关闭";
      }
      if (container.contains(document.activeElement) && document.activeElement !== container) {
        var target = element.querySelector(".leaflet-popup-content a, .leaflet-popup-content button");
        if (!target) {
          target = element.querySelector(".leaflet-popup-content");
          target.tabIndex = -1;
        }
        focusQuietly(target);
      }
    });

    map.on("popupclose", function (event) {
      var element = event.popup.getElement();
      var active = document.activeElement;
      var source = event.popup._source;
      openPopup = null;
      // Leaflet has already removed the popup: focus fell to <body> (or is still in the detached popup).
      var focusLost = !active || active === document.body || (element && element.contains(active));
      if (focusLost && source && source.getElement && source.getElement()) {
        focusQuietly(source.getElement());
      }
    });

    container.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target === container) {
        event.preventDefault();
        enter();
        var first = container.querySelector(".leaflet-marker-icon");
        if (first) {
          focusQuietly(first);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (openPopup && openPopup.getElement().contains(event.target)) {
          event.preventDefault();
          map.closePopup(openPopup);
        } else if (event.target !== container) {
          event.preventDefault();
          leave();
          focusQuietly(container);
        }
      }
    });

    container.addEventListener("focusin", function (event) {
      if (event.target === container) {
        return;
      }
      if (!entered) {
        enter();
      }
      var marker = event.target.classList.contains("leaflet-marker-icon") && markerOf(map, event.target);
      if (marker) {
        marker.setZIndexOffset(RAISED);
      }
    });

    container.addEventListener("focusout", function (event) {
      var marker = event.target.classList.contains("leaflet-marker-icon") && markerOf(map, event.target);
      if (marker) {
        marker.setZIndexOffset(0);
      }
      var next = event.relatedTarget;
      // Back on the container itself (Shift+Tab from the first marker) also leaves: one stop again.
      if (next === container || (next && !container.contains(next))) {
        leave();
      } else if (!next) {
        // Focus went nowhere (a removed popup, a click on the page): decide once it has settled.
        window.setTimeout(function () {
          if (!container.contains(document.activeElement)) {
            leave();
          }
        }, 0);
      }
    });

    leave();
    return refresh;
  }

  // On a touch screen the map must not trap the page: one finger scrolls the page past it. Dragging and
  // pinch-zoom start only after the 展开地图 button ([data-map-unlock="<map id>"]), which also makes the
  // map taller, and stop again with 收起地图. The + / - buttons and marker taps work throughout.
  function isTouchScreen() {
    return !!(window.matchMedia && window.matchMedia("(pointer: coarse)").matches);
  }

  function setUpTouchLock(map, element) {
    var button = element.id && document.querySelector('[data-map-unlock="' + element.id + '"]');
    if (!button) {
      return;
    }
    var unlocked = false;
    button.hidden = false;
    button.addEventListener("click", function () {
      unlocked = !unlocked;
      if (unlocked) {
        map.dragging.enable();
        map.touchZoom.enable();
      } else {
        map.dragging.disable();
        map.touchZoom.disable();
      }
      element.classList.toggle("dir-map--unlocked", unlocked);
      button.textContent = unlocked ? "收起地图（恢复页面滚动）" : "展开地图";
      map.invalidateSize();
    });
  }

  window.directoryMap = function (element, note, label) {
    var L = window.L;
    var touch = isTouchScreen();
    var map = L.map(element, { scrollWheelZoom: false, zoomControl: false, dragging: !touch, touchZoom: !touch });
    if (touch) {
      setUpTouchLock(map, element);
    }
    var refreshKeyboard = setUpKeyboard(map, label);
    L.control.zoom({ zoomInTitle: "放大", zoomOutTitle: "缩小" }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');

    var tiles = element.getAttribute("data-tiles");
    if (tiles) {
      var layer = L.tileLayer(tiles, { maxZoom: 18, attribution: element.getAttribute("data-attribution") || "" });
      layer.on("tileerror", function () {
        if (note) {
          note.hidden = false;
        }
      });
      layer.addTo(map);
    } else if (note) {
      note.hidden = false;
    }
    refreshKeyboard();
    return map;
  };
})();
