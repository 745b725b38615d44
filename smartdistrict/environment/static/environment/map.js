/* The public station map: one circle per station, filled with the colour of its latest
 * VN_WQI band. The stations come from the table below the map (data- attributes), so the
 * page works without JavaScript and the map needs no second request. When the tiles
 * cannot load (offline network), the circles still show on a plain background.
 * No inline script or style: the Content-Security-Policy forbids them. */
(function () {
  'use strict';
  var container = document.getElementById('station-map');
  if (!container || !window.L) { return; }
  var data = container.dataset;
  var CENTRE = [10.812, 106.712];

  function tilesFailed() {
    var note = document.getElementById('map-tiles-note');
    if (note) { note.hidden = false; }
    container.classList.add('map-no-tiles');
  }

  var map = L.map(container, { center: CENTRE, zoom: 13, minZoom: 7, maxZoom: 19,
                               scrollWheelZoom: false });
  if (data.tileUrl) {
    var failures = 0;
    var tiles = L.tileLayer(data.tileUrl, { maxZoom: 19, attribution: data.tileAttribution || '' });
    tiles.on('tileerror', function () { failures += 1; if (failures === 1) { tilesFailed(); } });
    tiles.addTo(map);
  } else {
    tilesFailed();
  }

  function popup(row) {
    var d = row.dataset;
    var box = document.createElement('div');
    box.className = 'station-popup';
    var title = document.createElement('strong');
    title.textContent = d.code + ' · ' + d.name;
    box.appendChild(title);
    var line = document.createElement('div');
    line.textContent = d.wqi ? 'VN_WQI ' + d.wqi + ' — ' + d.band : d.band || data.msgNoIndex;
    box.appendChild(line);
    if (d.alert) {
      var alert = document.createElement('div');
      alert.textContent = data.msgAlert;
      box.appendChild(alert);
    }
    var link = document.createElement('a');
    link.href = d.url;
    link.textContent = data.msgOpen;
    box.appendChild(link);
    return box;
  }

  var markers = L.featureGroup();
  var rows = document.querySelectorAll('#station-table tbody tr[data-lat]');
  Array.prototype.forEach.call(rows, function (row) {
    var lat = parseFloat(row.dataset.lat), lon = parseFloat(row.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) { return; }
    L.circleMarker([lat, lon], {
      radius: 9, color: row.dataset.alert ? '#b00020' : '#222222', weight: row.dataset.alert ? 3 : 1.5,
      fillColor: row.dataset.colour, fillOpacity: 0.9,
      className: 'station-marker' + (row.dataset.alert ? ' station-alert' : '')
    }).bindPopup(popup(row)).bindTooltip(row.dataset.code).addTo(markers);
  });
  markers.addTo(map);
  if (markers.getLayers().length) {
    map.fitBounds(markers.getBounds(), { padding: [30, 30], maxZoom: 15 });
  }
  container.dataset.markers = String(markers.getLayers().length);

  /* Ward outlines from the geography app, under the stations: they place the canals
   * when the background tiles are missing. */
  if (data.wardsUrl && window.fetch) {
    fetch(data.wardsUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (geojson) {
        if (!geojson) { return; }
        var wards = L.geoJSON(geojson, {
          interactive: false,
          style: function () {
            return { color: '#5b6b7a', weight: 1, fillColor: '#ffffff', fillOpacity: 0.25,
                     className: 'ward-outline' };
          }
        }).addTo(map);
        wards.bringToBack();
        if (!markers.getLayers().length && wards.getBounds().isValid()) {
          map.fitBounds(wards.getBounds());
        }
      })
      .catch(function () { return null; });
  }
})();
