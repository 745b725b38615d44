/* The projects' map: lines (canals, roads) and points from /targets/projects.geojson.
   Colours: blue on schedule, red delayed, green completed. Text is set with textContent
   (never as HTML), and nothing here needs an inline script or style. */
(function () {
  "use strict";
  function colour(p) {
    if (p.status === "completed") return "#137333";
    if (p.delayed || p.status === "stalled") return "#b3261e";
    return "#0b57d0";
  }
  function popup(element, p) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "#project-" + p.code;
    link.textContent = p.name;
    box.appendChild(link);
    var line = document.createElement("div");
    line.textContent = p.status_label + (p.delayed ? " · " + element.dataset.labelDelayed : "");
    box.appendChild(line);
    if (p.approximate) {
      var note = document.createElement("div");
      note.textContent = element.dataset.labelApproximate;
      box.appendChild(note);
    }
    return box;
  }
  function start() {
    var element = document.getElementById("projects-map");
    if (!element || typeof L === "undefined") return;
    var map = L.map(element, { scrollWheelZoom: false }).setView([10.812, 106.71], 13);
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        maxZoom: 19, attribution: element.dataset.tileAttribution || ""
      }).addTo(map);
    }
    // The wards, thin and behind the projects, so the map reads without tiles too.
    if (element.dataset.wardsUrl) {
      fetch(element.dataset.wardsUrl, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          var wards = L.geoJSON(data, {
            interactive: false,
            style: function () {
              return { color: "#777777", weight: 1, fillColor: "#f4f1e8", fillOpacity: 0.5 };
            }
          }).addTo(map);
          wards.bringToBack();
        })
        .catch(function () {});
    }
    fetch(element.dataset.geojsonUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: function (feature) {
            var p = feature.properties;
            return { color: colour(p), weight: 5, opacity: 0.85,
                     dashArray: p.approximate ? "8 6" : null };
          },
          pointToLayer: function (feature, latlng) {
            var p = feature.properties;
            return L.circleMarker(latlng, { radius: 8, color: colour(p), weight: 3,
                                            fillOpacity: 0.6 });
          },
          onEachFeature: function (feature, item) {
            item.bindPopup(popup(element, feature.properties));
          }
        }).addTo(map);
        if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [20, 20] });
      });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
