/* Staff console behaviour. Everything works without it (plain links and forms); with it,
   reports open in the side panel, maps are drawn and Ctrl+Enter sends a text box. */
(function () {
  "use strict";

  if (window.htmx) {
    // Answers 400 and 403 carry the form again with its errors next to the fields: show them.
    window.htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "40[03]", swap: true, error: false },
      { code: "[45]..", swap: false, error: true },
    ];
    // Settling copies "style" attributes between old and new elements (Leaflet's map
    // containers carry one), which the Content-Security-Policy refuses: leave it out.
    window.htmx.config.attributesToSettle = ["class", "width", "height"];
  }

  /* The pin is drawn by CSS (console.css), not Leaflet's default image: Leaflet guesses
     that image's address from its stylesheet's, which hashed static names break. */
  function pin() {
    return window.L.divIcon({ className: "map-pin", iconSize: [24, 24], iconAnchor: [12, 26] });
  }

  /* Tiles when the tile server answers; the ward outlines from this site always, so the
     map reads offline (a plain background, the wards, the pin) and says why it is plain. */
  function tiles(map, el) {
    var failures = 0;
    function noTiles() {
      el.classList.add("map-no-tiles");
      var note = el.parentElement && el.parentElement.querySelector(".map-tiles-note");
      if (note) { note.hidden = false; }
    }
    if (el.dataset.tiles) {
      var layer = window.L.tileLayer(el.dataset.tiles, {
        maxZoom: 19, attribution: el.dataset.attribution || "",
      });
      layer.on("tileerror", function () { failures += 1; if (failures === 1) { noTiles(); } });
      layer.addTo(map);
    } else {
      noTiles();
    }
    if (!el.dataset.wardsUrl || !window.fetch) { return; }
    window.fetch(el.dataset.wardsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (geojson) {
        if (!geojson) { return; }
        // Names on hover or tap, so an operator knows which ward the pin falls in;
        // a click still reaches the map (and places the pin) through the outline.
        // The report's own ward is shaded, and the map shows all of it around the pin.
        var current = null;
        window.L.geoJSON(geojson, {
          style: function (feature) {
            var mine = el.dataset.ward && (feature.properties.units || []).some(function (unit) {
              return unit.code === el.dataset.ward;
            });
            return { className: mine ? "ward-outline ward-current" : "ward-outline" };
          },
          onEachFeature: function (feature, shape) {
            shape.bindTooltip(feature.properties.name || "", { sticky: true });
            if ((feature.properties.units || []).some(function (unit) { return unit.code === el.dataset.ward; })) {
              current = shape;
            }
          },
        }).addTo(map).bringToBack();
        if (current && el.hasAttribute("data-map")) {
          map.fitBounds(current.getBounds(), { maxZoom: 16, padding: [12, 12] });
        }
      })
      .catch(function () { /* the pin still shows where the report is */ });
  }

  function reportMap(el) {
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) { return; }
    var map = window.L.map(el, { scrollWheelZoom: false }).setView([lat, lon], 15);
    tiles(map, el);
    window.L.marker([lat, lon], { icon: pin(), title: el.dataset.label || "", alt: el.dataset.label || "" }).addTo(map);
  }

  function pickMap(el) {
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    var map = window.L.map(el).setView([lat, lon], 14);
    var marker = null;
    var latInput = document.getElementById("id_lat");
    var lonInput = document.getElementById("id_lon");
    tiles(map, el);
    function hint() {
      var query = new URLSearchParams({
        lat: latInput.value, lon: lonInput.value,
        address: (document.getElementById("id_address") || {}).value || "",
      });
      window.htmx.ajax("GET", el.dataset.wardUrl + "?" + query.toString(), { target: "#ward-hint" });
    }
    map.on("click", function (event) {
      latInput.value = event.latlng.lat.toFixed(6);
      lonInput.value = event.latlng.lng.toFixed(6);
      if (marker) { marker.setLatLng(event.latlng); } else { marker = window.L.marker(event.latlng, { icon: pin() }).addTo(map); }
      hint();
    });
    var clear = document.getElementById("clear-pin");
    if (clear) {
      clear.addEventListener("click", function () {
        latInput.value = ""; lonInput.value = "";
        if (marker) { map.removeLayer(marker); marker = null; }
        hint();
      });
    }
    // A map drawn inside a closed <details> has no size until it opens.
    var details = el.closest("details");
    if (details) { details.addEventListener("toggle", function () { map.invalidateSize(); }); }
  }

  function initMaps(root) {
    if (!window.L) { return; }
    root.querySelectorAll("[data-map], [data-pick]").forEach(function (el) {
      if (el.dataset.ready) { return; }
      el.dataset.ready = "1";
      if (el.hasAttribute("data-pick")) { pickMap(el); } else { reportMap(el); }
    });
  }

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    initMaps(document);
    if (window.htmx) { window.htmx.onLoad(function (el) { initMaps(el); }); }
  });

  // A click anywhere on a queue row opens that report (the code is the real link).
  document.addEventListener("click", function (event) {
    var row = event.target.closest("#queue-table tbody tr[data-code]");
    if (!row || event.target.closest("a, input, button, label, select")) { return; }
    var link = row.querySelector("a.open-report");
    if (link) { link.click(); }
  });

  // Tick or untick every report on the page.
  document.addEventListener("change", function (event) {
    if (event.target.id !== "select-all") { return; }
    document.querySelectorAll('input[name="bulk-codes"]').forEach(function (box) {
      box.checked = event.target.checked;
    });
  });

  // Ctrl+Enter (Cmd+Enter) in a text box sends its form.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) { return; }
    if (!event.target.matches("textarea")) { return; }
    var form = event.target.form;
    if (!form) { return; }
    event.preventDefault();
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  });

  // After the panel changes: mark the open row, move focus to the first error or the title.
  var openCode = "";
  function markRow() {
    document.querySelectorAll("#queue-table tr.selected").forEach(function (row) {
      row.classList.remove("selected");
      row.removeAttribute("aria-current");
    });
    var row = openCode && document.getElementById("row-" + openCode);
    if (row) { row.classList.add("selected"); row.setAttribute("aria-current", "true"); }
  }
  document.addEventListener("htmx:afterSwap", function (event) {
    var panel = document.getElementById("panel");
    if (!panel || event.detail.target !== panel) { markRow(); return; }
    var report = panel.querySelector("#report");
    openCode = report ? report.dataset.code : "";
    markRow();
    var target = panel.querySelector('[aria-invalid="true"]') || panel.querySelector("#report-title");
    if (target) { target.focus({ preventScroll: true }); }
    if (window.matchMedia("(max-width: 999px)").matches) { panel.scrollIntoView(); }
  });
}());
