/* The dashboard's map of hotspots. The page works without it (figures, tables and
   charts are plain HTML); with it, the H3 cells are drawn on a Leaflet map. */
(function () {
  "use strict";

  if (window.htmx) {
    // Leaflet's containers carry a style attribute that the Content-Security-Policy
    // refuses to copy while settling: settle classes and sizes only.
    window.htmx.config.attributesToSettle = ["class", "width", "height"];
  }

  var COLOURS = { hot: "#c62828", cold: "#1565c0", "": "#f9a825" };

  /* Tiles when the tile server answers; the units' outlines from this site always, so the
     map reads offline (a plain background, the outlines, the cells) and says so. */
  function drawHotspots(el) {
    var map = window.L.map(el, { scrollWheelZoom: false }).setView([10.81, 106.71], 11);
    var failures = 0;
    function noTiles() {
      el.classList.add("map-no-tiles");
      var note = document.getElementById("hotspot-tiles-note");
      if (note) { note.hidden = false; }
    }
    if (el.dataset.tiles) {
      var tiles = window.L.tileLayer(el.dataset.tiles, {
        maxZoom: 19, attribution: el.dataset.attribution || "",
      });
      tiles.on("tileerror", function () { failures += 1; if (failures === 1) { noTiles(); } });
      tiles.addTo(map);
    } else {
      noTiles();
    }
    var cellsDrawn = false;
    if (el.dataset.wardsUrl) {
      fetch(el.dataset.wardsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (geojson) {
          if (!geojson) { return; }
          var wards = window.L.geoJSON(geojson, {
            interactive: false, style: function () { return { className: "ward-outline" }; },
          }).addTo(map);
          wards.bringToBack();
          if (!cellsDrawn) { map.setView([10.81, 106.71], 11); }
        })
        .catch(function () { /* the cells still show */ });
    }
    fetch(el.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var counts = data.features.map(function (f) { return f.properties.count; });
        var max = Math.max.apply(null, counts.concat([1]));
        var layer = window.L.geoJSON(data, {
          style: function (feature) {
            var p = feature.properties;
            return {
              color: p.kind ? COLOURS[p.kind] : "#777", weight: p.kind ? 2 : 0.5,
              fillColor: COLOURS[p.kind], fillOpacity: 0.15 + 0.6 * (p.count / max),
            };
          },
          onEachFeature: function (feature, shape) {
            var p = feature.properties;
            var text = p.count + " " + el.dataset.labelReports;
            if (p.kind === "hot") { text += " · " + el.dataset.labelHot; }
            if (p.kind === "cold") { text += " · " + el.dataset.labelCold; }
            if (p.z !== null) { text += " (z = " + p.z + ", p = " + p.p + ")"; }
            shape.bindTooltip(text);
          },
        }).addTo(map);
        if (data.features.length) { cellsDrawn = true; map.fitBounds(layer.getBounds(), { maxZoom: 14 }); }
        var legend = document.getElementById("hotspot-legend");
        if (legend && data.properties && data.properties.tested) {
          legend.textContent = legend.dataset.template
            .replace("RES", data.properties.resolution)
            .replace("HOT", data.properties.hot)
            .replace("COLD", data.properties.cold)
            .replace("ALPHA", data.properties.alpha);
        }
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("hotspot-map");
    if (el && window.L) { drawHotspots(el); }
  });
})();
