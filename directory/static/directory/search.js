/* /directory/ search, progressive enhancement only: the page works fully without this file.
 * 1. "使用我的位置": fills lat/lng from the browser's geolocation and searches nearest first.
 * 2. The map: Leaflet markers for the listed institutions; the list stays the complete answer, so the
 *    map is one tab stop (map.js) and its markers are reached only after Enter on the map. Markers that
 *    would overlap are spread apart; a 列表 / 地图 switch picks what shows, remembered on the device. */
(function () {
  "use strict";

  var form = document.getElementById("dir-form");

  function setHidden(name, value) {
    var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  function chooseDistanceSort() {
    var select = document.getElementById("dir-sort");
    if (!select) {
      return;
    }
    var option = select.querySelector('option[value="distance"]');
    if (!option) {
      option = document.createElement("option");
      option.value = "distance";
      option.textContent = "距离最近";
      select.insertBefore(option, select.firstChild);
    }
    select.value = "distance";
  }

  function setUpLocation() {
    var button = document.getElementById("dir-locate");
    var message = document.getElementById("dir-locate-message");
    if (!form || !button || !("geolocation" in navigator)) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      message.textContent = "正在获取您的位置……";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          setHidden("lat", position.coords.latitude.toFixed(6));
          setHidden("lng", position.coords.longitude.toFixed(6));
          var district = document.getElementById("dir-district");
          if (district) {
            district.value = "";
          }
          chooseDistanceSort();
          message.textContent = "已获取位置，正在查找附近的机构……";
          form.submit();
        },
        function (error) {
          button.disabled = false;
          var reason = error && error.code === 1 ? "您没有允许本站使用位置" : "暂时无法获取位置";
          message.textContent = reason + "。请在“所在区县”中选择您所在的区县后查找。";
          var more = document.getElementById("dir-more");
          if (more) {
            more.open = true;
          }
          var district = document.getElementById("dir-district");
          if (district) {
            district.focus();
          }
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
      );
    });
  }

  // Markers closer than this many pixels are spread on a small ring around their middle, so that each
  // stays a separate target a finger can tap (and keeps its own number and keyboard stop).
  var SPREAD_PX = 40;

  function spread(map, markers) {
    var groups = [];
    markers.forEach(function (marker) {
      var at = map.latLngToLayerPoint(marker.truePoint);
      var group = null;
      groups.forEach(function (candidate) {
        if (!group && candidate.centre.distanceTo(at) < SPREAD_PX) {
          group = candidate;
        }
      });
      if (group) {
        group.members.push(marker);
      } else {
        groups.push({ centre: at, members: [marker] });
      }
    });
    groups.forEach(function (group) {
      var count = group.members.length;
      if (count === 1) {
        group.members[0].setLatLng(group.members[0].truePoint);
        return;
      }
      var radius = Math.max(SPREAD_PX / 1.6, (SPREAD_PX * count) / (2 * Math.PI));
      group.members.forEach(function (marker, index) {
        var angle = (2 * Math.PI * index) / count - Math.PI / 2;
        var offset = window.L.point(Math.cos(angle) * radius, Math.sin(angle) * radius);
        marker.setLatLng(map.layerPointToLatLng(group.centre.add(offset)));
      });
    });
  }

  function withOrigin(url, origin) {
    return origin ? url + (url.indexOf("?") === -1 ? "?" : "&") + origin : url;
  }

  function buildMap(element, markers) {
    var L = window.L;
    var label = "地图：" + markers.length + " 个结果，可用方向键移动，按回车键逐个查看";
    element.hidden = false;
    var map = window.directoryMap(element, document.getElementById("dir-map-note"), label);
    var origin = element.getAttribute("data-origin") || "";

    var points = [];
    var placed = [];
    markers.forEach(function (item) {
      var point = L.latLng(item.lat, item.lng);
      points.push(point);
      var icon = L.divIcon({
        className: "dir-marker",
        html: '<span class="dir-marker-label">' + String(Number(item.number)) + "</span>",
        iconSize: [36, 36],
        iconAnchor: [18, 18],
      });
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = withOrigin(item.url, origin);
      link.textContent = item.name;
      popup.appendChild(link);
      if (item.distance) {
        popup.appendChild(document.createTextNode("（" + item.distance + "）"));
      }
      var marker = L.marker(point, { icon: icon, keyboard: false, title: item.number + ". " + item.name });
      marker.truePoint = point;
      marker.bindPopup(popup).addTo(map);
      placed.push(marker);
    });

    var lat = parseFloat(element.getAttribute("data-lat"));
    var lng = parseFloat(element.getAttribute("data-lng"));
    if (!isNaN(lat) && !isNaN(lng)) {
      points.push(L.latLng(lat, lng));
      L.circleMarker([lat, lng], { radius: 7, color: "#b5461d", fillOpacity: 0.9 })
        .bindTooltip("您的位置")
        .addTo(map);
    }
    function fit() {
      if (points.length === 1) {
        map.setView(points[0], 15);
      } else {
        map.fitBounds(L.latLngBounds(points), { padding: [28, 28], maxZoom: 16 });
      }
      spread(map, placed);
    }
    map.on("zoomend", function () {
      spread(map, placed);
    });
    fit();
    return { map: map, fit: fit };
  }

  // 列表 / 地图: which one a phone shows, remembered on the device. Without JavaScript only the list shows.
  var VIEW_KEY = "tuoyu.directory.view";

  function rememberedView() {
    try {
      return window.localStorage.getItem(VIEW_KEY);
    } catch (e) {
      return null;
    }
  }

  function rememberView(view) {
    try {
      window.localStorage.setItem(VIEW_KEY, view);
    } catch (e) {
      /* private browsing: the choice lasts for this page only */
    }
  }

  function setUpMap() {
    var element = document.getElementById("dir-map");
    var data = document.getElementById("dir-markers");
    var layout = document.getElementById("dir-layout");
    if (!element || !data || !layout || typeof window.L === "undefined" || !window.directoryMap) {
      return;
    }
    var markers;
    try {
      markers = JSON.parse(data.textContent);
    } catch (e) {
      return;
    }
    if (!markers.length) {
      return;
    }
    var built = null;
    var switcher = document.querySelector(".dir-view-switch");
    var buttons = switcher ? switcher.querySelectorAll("[data-view]") : [];

    function show(view) {
      layout.setAttribute("data-view", view);
      Array.prototype.forEach.call(buttons, function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-view") === view));
      });
      if (view === "map") {
        if (!built) {
          built = buildMap(element, markers);
        } else {
          built.map.invalidateSize();
          built.fit();
        }
      }
    }

    if (switcher) {
      switcher.hidden = false;
      Array.prototype.forEach.call(buttons, function (button) {
        button.addEventListener("click", function () {
          var view = button.getAttribute("data-view");
          rememberView(view);
          show(view);
        });
      });
    }
    var wide = window.matchMedia("(min-width: 64rem)").matches;
    show(rememberedView() || (wide ? "map" : "list"));
  }

  if (form) {
    setUpLocation();
  }
  setUpMap();
})();
