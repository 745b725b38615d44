/* Home page: the district's wards and the recent reports, coloured by state. */
(function () {
  'use strict';
  var container = document.getElementById('home-map');
  if (!container || !window.L || !window.fetch) { return; }
  var data = container.dataset;
  var built = window.smartdistrictMap(container, { wardLabels: true, scrollWheelZoom: false });
  var map = built.map;

  function popup(report) {
    return window.smartdistrictPopup(
      report.code, [report.category, report.status, data.msgReceived + ' ' + report.received],
      report.url, data.msgFollow);
  }

  fetch(data.reportsUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) { return response.ok ? response.json() : { reports: [] }; })
    .then(function (body) {
      var markers = L.featureGroup();
      body.reports.forEach(function (report) {
        L.circleMarker([report.lat, report.lon], {
          radius: 7, className: 'report-marker state-' + report.state
        }).bindPopup(popup(report)).addTo(markers);
      });
      markers.addTo(map);
      container.dataset.markers = String(body.reports.length);
    })
    .catch(function () { container.dataset.markers = '0'; });
})();
