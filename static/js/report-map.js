// Maps for reports (see "staff" below for the back office's). "pick": a click (or the device's location) fills the latitude/longitude fields beside the map,
// which stay the way to do it without JavaScript. "public": the public reports in view, fetched as GeoJSON; the
// table below the map is the accessible list of the same reports.
(function () {
  "use strict";
  function round(value) { return Math.round(value * 1e6) / 1e6; }

  function baseMap(container) {
    container.hidden = false;
    var center = (container.getAttribute("data-center") || "52.09,5.12").split(",").map(Number);
    var map = L.map(container).setView(center, 15);
    var tiles = container.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 19, attribution: container.getAttribute("data-attribution") || "" }).addTo(map);
    }
    document.querySelectorAll("[data-report-js]").forEach(function (element) { element.hidden = false; });
    return map;
  }

  function pick(container) {
    var map = baseMap(container);
    var latitude = document.getElementById("id_latitude");
    var longitude = document.getElementById("id_longitude");
    var marker = null;
    function place(lat, lng, move) {
      latitude.value = round(lat);
      longitude.value = round(lng);
      if (marker) { marker.setLatLng([lat, lng]); } else { marker = L.circleMarker([lat, lng], { radius: 9, color: "#00586c" }).addTo(map); }
      if (move) { map.setView([lat, lng], 17); }
    }
    if (latitude.value && longitude.value && !isNaN(+latitude.value) && !isNaN(+longitude.value)) {
      place(+latitude.value, +longitude.value, true);
    }
    map.on("click", function (event) { place(event.latlng.lat, event.latlng.lng, false); });
    var button = document.querySelector("[data-report-locate]");
    var status = document.querySelector("[data-report-locate-status]");
    if (!button || !navigator.geolocation) { if (button) { button.hidden = true; } return; }
    button.addEventListener("click", function () {
      status.textContent = button.getAttribute("data-busy") || "…";
      navigator.geolocation.getCurrentPosition(function (position) {
        place(position.coords.latitude, position.coords.longitude, true);
        status.textContent = button.getAttribute("data-done") || "";
      }, function () {
        status.textContent = button.getAttribute("data-failed") || "";
      }, { timeout: 10000 });
    });
  }

  function show(container) {
    var map = baseMap(container);
    var layer = L.layerGroup().addTo(map);
    var source = container.getAttribute("data-source");
    var category = container.getAttribute("data-category");
    var pending = null;
    function load() {
      var b = map.getBounds();
      var url = source + "?bbox=" + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(",");
      if (category) { url += "&soort=" + encodeURIComponent(category); }
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(url, { signal: pending.signal }).then(function (response) { return response.ok ? response.json() : null; }).then(function (data) {
        layer.clearLayers();
        if (!data) { return; }
        data.features.forEach(function (feature) {
          var p = feature.properties;
          var point = feature.geometry.coordinates;
          var closed = p.status === "afgehandeld";
          L.circleMarker([point[1], point[0]], { radius: 7, color: closed ? "#2b7a0b" : "#b3261e", fillOpacity: 0.6 })
            .bindPopup(document.createTextNode(p.category + " · " + p.statusLabel + " · " + p.created))
            .addTo(layer);
        });
      }).catch(function () { /* a newer request replaced this one */ });
    }
    map.on("moveend", load);
    load();
  }

  // Staff: the reports the filters found, each a link to its page (the table below is the same list).
  function staff(container) {
    var map = baseMap(container);
    var data = document.getElementById(container.getAttribute("data-points"));
    var points = data ? JSON.parse(data.textContent) : [];
    var bounds = [];
    points.forEach(function (p) {
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.reference;
      var label = document.createElement("span");
      label.append(link, document.createTextNode(" · " + p.status));
      L.circleMarker([p.lat, p.lon], { radius: 7, color: p.late ? "#b3261e" : "#00586c", fillOpacity: 0.6 })
        .bindPopup(label).addTo(map);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length) { map.fitBounds(bounds, { maxZoom: 17, padding: [20, 20] }); }
  }

  if (typeof L === "undefined") { return; }
  document.querySelectorAll("[data-report-map=staff]").forEach(staff);
  document.querySelectorAll("[data-report-map=pick]").forEach(pick);
  document.querySelectorAll("[data-report-map=public]").forEach(show);
})();
