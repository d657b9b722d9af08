/* /directory/ search, progressive enhancement only: the page works fully without this file.
 * 1. "使用我的位置": fills lat/lng from the browser's geolocation and searches nearest first.
 * 2. The map: Leaflet markers for the listed institutions; the list stays the complete answer, so the
 *    map is one tab stop (map.js) and its markers are reached only after Enter on the map. */
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

  function setUpMap() {
    var element = document.getElementById("dir-map");
    var data = document.getElementById("dir-markers");
    if (!element || !data || typeof window.L === "undefined" || !window.directoryMap) {
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
    element.hidden = false;
    var L = window.L;
    var label = "地图：" + markers.length + " 个结果，可用方向键移动，按回车键逐个查看";
    var map = window.directoryMap(element, document.getElementById("dir-map-note"), label);

    var points = [];
    markers.forEach(function (item) {
      var point = [item.lat, item.lng];
      points.push(point);
      var icon = L.divIcon({
        className: "dir-marker",
        html: '<span class="dir-marker-label">' + String(Number(item.number)) + "</span>",
        iconSize: [28, 28],
        iconAnchor: [14, 14],
      });
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.name;
      popup.appendChild(link);
      if (item.distance) {
        popup.appendChild(document.createTextNode("（" + item.distance + "）"));
      }
      L.marker(point, { icon: icon, keyboard: false, title: item.number + ". " + item.name }).bindPopup(popup).addTo(map);
    });

    var lat = parseFloat(element.getAttribute("data-lat"));
    var lng = parseFloat(element.getAttribute("data-lng"));
    if (!isNaN(lat) && !isNaN(lng)) {
      points.push([lat, lng]);
      L.circleMarker([lat, lng], { radius: 7, color: "#b5461d", fillOpacity: 0.9 })
        .bindTooltip("您的位置")
        .addTo(map);
    }
    if (points.length === 1) {
      map.setView(points[0], 15);
    } else {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 16 });
    }
  }

  if (form) {
    setUpLocation();
  }
  setUpMap();
})();
