/* The public reports' map: the wards, and the reports the filters select, clustered. */
(function () {
  'use strict';
  var container = document.getElementById('reports-map');
  if (!container || !window.L || !window.fetch) { return; }
  var data = container.dataset;
  var built = window.smartdistrictMap(container, { wardTooltips: true, scrollWheelZoom: false });
  var map = built.map;

  function popup(report, body) {
    return window.smartdistrictPopup(
      report.code, [body.categories[report.category] || '', body.states[report.state] || ''],
      body.track_url + encodeURIComponent(report.code), data.msgFollow);
  }

  fetch(data.reportsUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) { return response.ok ? response.json() : { reports: [] }; })
    .then(function (body) {
      var points = body.reports.map(function (row) {
        return { code: row[0], state: row[1], category: row[2], lat: row[3], lon: row[4] };
      });
      window.smartdistrictClusters(map, points, {
        marker: function (p) {
          return L.circleMarker([p.lat, p.lon], {
            radius: 7, className: 'report-marker state-' + p.state
          }).bindPopup(function () { return popup(p, body); });
        },
        title: function (count) { return count + ' ' + data.msgCluster; }
      });
      var note = document.getElementById('map-truncated');
      if (note && body.truncated) { note.hidden = false; }
      // Frame the reports once the ward outlines are in (without animation, so the map
      // is settled when data-markers says it is ready).
      var settled = !points.length ? Promise.resolve() : built.wards.then(function () {
        map.fitBounds(L.latLngBounds(points.map(function (p) { return [p.lat, p.lon]; })),
                      { padding: [16, 16], maxZoom: 15, animate: false });
      });
      settled.then(function () { container.dataset.markers = String(points.length); });
    })
    .catch(function () { container.dataset.markers = '0'; });
})();
