/* The map on an institution's page. Progressive enhancement: the address above the map is the content;
 * without JavaScript, or when tiles cannot load, the page still says where the institution is. */
(function () {
  "use strict";

  var element = document.getElementById("inst-map");
  if (!element || typeof window.L === "undefined" || !window.directoryMap) {
    return;
  }
  var lat = parseFloat(element.getAttribute("data-lat"));
  var lng = parseFloat(element.getAttribute("data-lng"));
  if (isNaN(lat) || isNaN(lng)) {
    return;
  }
  var L = window.L;
  element.hidden = false;
  var map = window.directoryMap(element, document.getElementById("inst-map-note"));

  var name = element.getAttribute("data-name") || "";
  if (element.getAttribute("data-approximate") === "1") {
    // A home-based care point: its public point is the centre of a grid cell about a kilometre across
    // (Institution.public_location); a 750 m circle covers the whole cell, never pointing at the door.
    L.circle([lat, lng], { radius: 750, color: "#0b5a8a", fillOpacity: 0.15 }).bindTooltip(name + "（大致位置）").addTo(map);
    map.setView([lat, lng], 14);
  } else {
    L.marker([lat, lng], { title: name, alt: name }).bindPopup(document.createTextNode(name)).addTo(map);
    map.setView([lat, lng], 16);
  }
})();
