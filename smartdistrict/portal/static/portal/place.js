/* A report's page: where it is, on the ward outlines (tiles when they load). */
(function () {
  'use strict';
  var container = document.getElementById('report-map');
  if (!container || !window.L) { return; }
  var data = container.dataset;
  var here = [parseFloat(data.lat), parseFloat(data.lon)];
  var built = window.smartdistrictMap(container, {
    zoom: 15, wardTooltips: true, fitWards: false, scrollWheelZoom: false
  });
  built.map.setView(here, 15);
  L.circleMarker(here, { radius: 9, className: 'report-marker state-' + data.state })
    .bindTooltip(data.msgHere).addTo(built.map);
  container.dataset.markers = '1';
})();
