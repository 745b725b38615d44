/* Maps of the alley pages (Leaflet, served by this site).
 *
 * #programme-map: every public project's alley as a line coloured by its state.
 * #alley-map: one alley (and, on the staff page, the reports near it).
 * #draw-map: tap along an alley to draw its line into the form's textarea.
 * Ward outlines come from this site, so every map reads without tiles (offline
 * networks); a note says when the tiles could not load. No inline script or style:
 * the Content-Security-Policy forbids them; text is set with textContent. */
(function () {
  'use strict';
  var CENTRE = [10.812, 106.712];
  var COLOURS = { draft: '#777777', consultation: '#e8a400', approved: '#0b57d0',
                  works: '#7b1fa2', accepted: '#137333', closed: '#137333', rejected: '#b3261e' };

  function baseMap(container) {
    var data = container.dataset;
    var map = L.map(container, { center: CENTRE, zoom: 15, minZoom: 7, maxZoom: 19,
                                 scrollWheelZoom: false });
    function noTiles() {
      var note = document.getElementById('map-tiles-note');
      if (note) { note.hidden = false; }
      container.classList.add('map-no-tiles');
    }
    if (data.tileUrl) {
      var failures = 0;
      var tiles = L.tileLayer(data.tileUrl, { maxZoom: 19, attribution: data.tileAttribution || '' });
      tiles.on('tileerror', function () { failures += 1; if (failures === 1) { noTiles(); } });
      tiles.addTo(map);
    } else {
      noTiles();
    }
    map.wardsLoaded = (data.wardsUrl && window.fetch)
      ? fetch(data.wardsUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (geojson) {
          if (!geojson) { return null; }
          var wards = L.geoJSON(geojson, {
            interactive: false,
            style: function () { return { className: 'ward-area', color: '#5b6b7a', weight: 1,
                                          fillColor: '#ffffff', fillOpacity: 0.35 }; }
          }).addTo(map);
          wards.bringToBack();
          container.dataset.wards = String(wards.getLayers().length);
          return wards;
        })
        .catch(function () { return null; })
      : Promise.resolve(null);
    return map;
  }

  function popup(properties, container) {
    var box = document.createElement('div');
    var link = document.createElement('a');
    link.href = properties.url || ('/alleys/' + encodeURIComponent(properties.code) + '/');
    link.textContent = properties.alley;
    box.appendChild(link);
    var line = document.createElement('div');
    line.textContent = properties.ward + ' · ' + properties.state_label;
    box.appendChild(line);
    if (properties.approximate && container.dataset.msgApproximate) {
      var note = document.createElement('div');
      note.textContent = container.dataset.msgApproximate;
      box.appendChild(note);
    }
    return box;
  }

  function lines(map, geojson, container, maxZoom) {
    var layer = L.geoJSON(geojson, {
      style: function (feature) {
        var p = feature.properties || {};
        return { color: COLOURS[p.state] || '#0b57d0', weight: 6, opacity: 0.9,
                 dashArray: p.approximate ? '10 6' : null, className: 'alley-line' };
      },
      onEachFeature: function (feature, item) {
        if (feature.properties && feature.properties.code) {
          item.bindPopup(popup(feature.properties, container));
        }
      }
    }).addTo(map);
    if (layer.getLayers().length && layer.getBounds().isValid()) {
      // Not closer than maxZoom: the ward outlines around must stay in view to place the
      // alley when the tiles are missing.
      map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: maxZoom || 17 });
    }
    container.dataset.lines = String(layer.getLayers().length);
    return layer;
  }

  /* The programme's map shows the whole of every ward that has a project, so the alleys
   * are placed among the ward outlines even without tiles. */
  function programme(container) {
    var map = baseMap(container);
    var alleys = fetch(container.dataset.url, { credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (geojson) { return lines(map, geojson, container, 15); });
    Promise.all([alleys, map.wardsLoaded]).then(function (layers) {
      var drawn = layers[0], wards = layers[1];
      if (!wards || !drawn.getLayers().length) { return; }
      var reach = drawn.getBounds();
      wards.eachLayer(function (ward) {
        if (ward.getBounds().intersects(drawn.getBounds())) { reach.extend(ward.getBounds()); }
      });
      map.once('moveend', function () { container.dataset.fitted = '1'; });
      map.fitBounds(reach, { padding: [10, 10], animate: false });
    });
  }

  function oneAlley(container) {
    var map = baseMap(container);
    var script = document.getElementById('alley-geojson') || document.getElementById('alley-geometry');
    if (!script) { return; }
    var parsed = JSON.parse(script.textContent);
    if (typeof parsed === 'string') { parsed = JSON.parse(parsed); }  // a stored geometry
    lines(map, parsed, container, 17);
    if (container.dataset.reports) {
      var rows = document.querySelectorAll('#condition-reports tbody tr[data-lat]');
      Array.prototype.forEach.call(rows, function (row) {
        var lat = parseFloat(row.dataset.lat), lon = parseFloat(row.dataset.lon);
        if (isNaN(lat) || isNaN(lon)) { return; }
        L.circleMarker([lat, lon], { radius: 5, color: '#b3261e', weight: 1, fillOpacity: 0.7 })
          .bindTooltip(row.querySelector('a').textContent).addTo(map);
      });
    }
  }

  function draw(container) {
    var map = baseMap(container);
    var field = document.getElementById('a-geometry');
    var points = [];
    var line = L.polyline([], { color: '#0b57d0', weight: 6 }).addTo(map);
    var marks = L.layerGroup().addTo(map);
    function write() {
      line.setLatLngs(points);
      marks.clearLayers();
      points.forEach(function (p) { L.circleMarker(p, { radius: 4 }).addTo(marks); });
      if (points.length >= 2) {
        field.value = JSON.stringify({ type: 'LineString', coordinates: points.map(function (p) {
          return [Math.round(p.lng * 1e7) / 1e7, Math.round(p.lat * 1e7) / 1e7];
        }) });
      } else if (points.length === 0) {
        field.value = '';
      }
    }
    try {  // a line pasted or sent back with an error: show it
      var given = JSON.parse(field.value || 'null');
      if (given && given.type === 'LineString') {
        points = given.coordinates.map(function (c) { return L.latLng(c[1], c[0]); });
        write();
        map.fitBounds(line.getBounds(), { padding: [30, 30] });
      }
    } catch (e) { /* WKT or unfinished text: left as typed */ }
    map.on('click', function (event) { points.push(event.latlng); write(); });
    document.getElementById('draw-undo').addEventListener('click', function () {
      points.pop(); write();
    });
    document.getElementById('draw-clear').addEventListener('click', function () {
      points = []; write();
    });
  }

  function start() {
    if (typeof L === 'undefined') { return; }
    var found = document.getElementById('programme-map');
    if (found) { programme(found); }
    found = document.getElementById('alley-map');
    if (found) { oneAlley(found); }
    found = document.getElementById('draw-map');
    if (found) { draw(found); }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
