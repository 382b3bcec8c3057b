// Drawing the area of an area notice: every click on the map adds a corner; the polygon is written as GeoJSON
// into the field beside the map, which stays editable (and is all there is without JavaScript).
(function () {
  "use strict";
  function round(value) { return Math.round(value * 1e6) / 1e6; }

  function setUp(container) {
    var field = document.getElementById(container.getAttribute("data-area-map"));
    if (!field || typeof L === "undefined") { return; }
    var center = (container.getAttribute("data-center") || "52.09,5.12").split(",").map(Number);
    var map = L.map(container).setView(center, 14);
    var tiles = container.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 19, attribution: container.getAttribute("data-attribution") || "" }).addTo(map);
    }
    var corners = [];
    var shape = L.polygon([], { color: "#00586c", weight: 2 }).addTo(map);

    function read() {
      corners = [];
      try {
        var data = JSON.parse(field.value || "null");
        var ring = data && data.type === "Polygon" ? data.coordinates[0] : [];
        corners = ring.slice(0, -1).map(function (point) { return [point[1], point[0]]; });
      } catch (error) { corners = []; }
      shape.setLatLngs(corners);
      if (corners.length > 2) { map.fitBounds(shape.getBounds(), { padding: [20, 20] }); }
    }

    function write() {
      shape.setLatLngs(corners);
      if (!corners.length) { field.value = ""; return; }
      var ring = corners.concat([corners[0]]).map(function (corner) { return [corner[1], corner[0]]; });
      field.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
    }

    map.on("click", function (event) {
      corners.push([round(event.latlng.lat), round(event.latlng.lng)]);
      write();
    });
    var controls = container.nextElementSibling;
    controls.querySelector("[data-area-undo]").addEventListener("click", function () { corners.pop(); write(); });
    controls.querySelector("[data-area-clear]").addEventListener("click", function () { corners = []; write(); });
    field.addEventListener("change", read);
    read();
  }

  // The admin may load this script in the head, before the map's markup exists.
  function start() { document.querySelectorAll("[data-area-map]").forEach(setUp); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
