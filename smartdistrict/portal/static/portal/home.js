/* Home page: the district's wards and the recent reports, coloured by state. */
(function () {
  'use strict';
  var container = document.getElementById('home-map');
  if (!container || !window.L || !window.fetch) { return; }
  var data = container.dataset;
  var built = window.smartdistrictMap(container, { wardLabels: true, scrollWheelZoom: false });
  var map = built.map;

  function popup(report) {
    var box = document.createElement('div');
    var title = document.createElement('strong');
    title.textContent = report.code;
    box.appendChild(title);
    [report.category, report.status, data.msgReceived + ' ' + report.received].forEach(function (text) {
      var line = document.createElement('div');
      line.textContent = text;
      box.appendChild(line);
    });
    var link = document.createElement('a');
    link.href = report.url;
    link.textContent = data.msgFollow;
    box.appendChild(link);
    return box;
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
