/* The map on an institution's page. Progressive enhancement: the address above the map is the content;
 * without JavaScript, or when tiles cannot load, the page still says where the institution is. */
(function () {
  "use strict";

  var element = document.getElementById("inst-map");
  if (!element || typeof window.L === "undefined") {
    return;
  }
  var lat = parseFloat(element.getAttribute("data-lat"));
  var lng = parseFloat(element.getAttribute("data-lng"));
  if (isNaN(lat) || isNaN(lng)) {
    return;
  }
  var L = window.L;
  var note = document.getElementById("inst-map-note");
  element.hidden = false;

  var map = L.map(element, { scrollWheelZoom: false, zoomControl: false });
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

  var name = element.getAttribute("data-name") || "";
  if (element.getAttribute("data-approximate") === "1") {
    // A home-based care point: only an area about a kilometre across, never the exact door.
    L.circle([lat, lng], { radius: 600, color: "#0b5a8a", fillOpacity: 0.15 }).bindTooltip(name + "（大致位置）").addTo(map);
    map.setView([lat, lng], 14);
  } else {
    L.marker([lat, lng], { title: name, alt: name }).bindPopup(document.createTextNode(name)).addTo(map);
    map.setView([lat, lng], 16);
  }
})();
