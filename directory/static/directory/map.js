/* The directory's Leaflet map, shared by the search page and an institution's page: Chinese zoom
 * titles, the Leaflet credit, and the configured tiles (data-tiles, data-attribution on the element).
 * When tiles are not configured or fail to load, `note` (a hidden paragraph) is shown instead. */
(function () {
  "use strict";

  window.directoryMap = function (element, note) {
    var L = window.L;
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
    return map;
  };
})();
