/* The 母婴室 and 医育结合 finders, progressive enhancement only: the pages work without this file.
 * 1. "使用我的位置" (#finder-locate): the browser's position goes into lat/lng and the form is sent,
 *    nearest first; a typed place is cleared so the position wins.
 * 2. The map (#finder-map): numbered markers from #finder-markers on the directory's map
 *    (window.directoryMap in directory/map.js: one tab stop, Enter to reach the markers). */
(function () {
  "use strict";

  function setHidden(form, name, value) {
    var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  function setUpLocation() {
    var button = document.getElementById("finder-locate");
    var message = document.getElementById("finder-locate-message");
    var form = button && button.form;
    if (!form || !("geolocation" in navigator)) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      message.textContent = "正在获取您的位置……";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          setHidden(form, "lat", position.coords.latitude.toFixed(6));
          setHidden(form, "lng", position.coords.longitude.toFixed(6));
          var near = document.getElementById("finder-near");
          if (near) {
            near.value = "";
          }
          message.textContent = "已获取位置，正在查找附近的结果……";
          form.submit();
        },
        function (error) {
          button.disabled = false;
          var reason = error && error.code === 1 ? "您没有允许本站使用位置" : "暂时无法获取位置";
          message.textContent = reason + "。请在“离哪里最近”中输入街道、道路或地标名称。";
          var near = document.getElementById("finder-near");
          if (near) {
            near.focus();
          }
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
      );
    });
  }

  function markerPopup(item) {
    var popup = document.createElement("div");
    if (item.url) {
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.name;
      popup.appendChild(link);
    } else {
      popup.appendChild(document.createTextNode(item.name));
    }
    if (item.distance) {
      popup.appendChild(document.createTextNode("（" + item.distance + "）"));
    }
    return popup;
  }

  function setUpMap() {
    var element = document.getElementById("finder-map");
    var data = document.getElementById("finder-markers");
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
    var label = markers.length > 1 ? "地图：" + markers.length + " 个结果，可用方向键移动，按回车键逐个查看" : null;
    var map = window.directoryMap(element, document.getElementById("finder-map-note"), label);
    var points = [];
    markers.forEach(function (item) {
      var point = [item.lat, item.lng];
      points.push(point);
      var icon = L.divIcon({
        className: "finder-marker",
        html: '<span class="finder-marker-label">' + String(Number(item.number)) + "</span>",
        iconSize: [28, 28],
        iconAnchor: [14, 14],
      });
      L.marker(point, { icon: icon, keyboard: false, title: item.number + ". " + item.name })
        .bindPopup(markerPopup(item))
        .addTo(map);
    });
    var lat = parseFloat(element.getAttribute("data-lat"));
    var lng = parseFloat(element.getAttribute("data-lng"));
    if (!isNaN(lat) && !isNaN(lng)) {
      points.push([lat, lng]);
      L.circleMarker([lat, lng], { radius: 7, color: "#b5461d", fillOpacity: 0.9 }).bindTooltip("查找的位置").addTo(map);
    }
    if (points.length === 1) {
      map.setView(points[0], 16);
    } else {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 16 });
    }
  }

  setUpLocation();
  setUpMap();
})();
