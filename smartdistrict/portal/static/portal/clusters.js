/* Clusters of report markers, drawn on a grid of the screen (no library needed).
 *
 * At each zoom, the reports whose positions fall in the same CELL-pixel square become
 * one round marker with their number; a click on it zooms to them. Redrawn after each
 * zoom, so a few thousand reports cost one pass each time. Positions only; the page
 * builds each single marker (options.marker). */
(function () {
  'use strict';

  var CELL = 56;

  function sizeClass(count) {
    if (count < 10) { return 'cluster-small'; }
    return count < 100 ? 'cluster-medium' : 'cluster-large';
  }

  function clusterIcon(count) {
    var side = count < 10 ? 30 : (count < 100 ? 36 : 44);
    return L.divIcon({
      className: 'report-cluster ' + sizeClass(count),
      html: '<span>' + String(count) + '</span>',
      iconSize: [side, side]
    });
  }

  /* points: [{lat, lon, ...}]; options.marker(point) returns its Leaflet layer;
   * options.title(count) the cluster's accessible name. Returns the layer group. */
  function clusterLayer(map, points, options) {
    var layer = L.layerGroup().addTo(map);
    function draw() {
      layer.clearLayers();
      var zoom = map.getZoom();
      var buckets = {};
      points.forEach(function (p) {
        var at = map.project([p.lat, p.lon], zoom);
        var key = Math.floor(at.x / CELL) + ':' + Math.floor(at.y / CELL);
        (buckets[key] = buckets[key] || []).push(p);
      });
      Object.keys(buckets).forEach(function (key) {
        var group = buckets[key];
        if (group.length === 1 || zoom >= map.getMaxZoom()) {
          group.forEach(function (p) { layer.addLayer(options.marker(p)); });
          return;
        }
        var lat = 0, lon = 0;
        group.forEach(function (p) { lat += p.lat; lon += p.lon; });
        var bounds = L.latLngBounds(group.map(function (p) { return [p.lat, p.lon]; }));
        var cluster = L.marker([lat / group.length, lon / group.length], {
          icon: clusterIcon(group.length), title: options.title(group.length), keyboard: true
        });
        cluster.on('click', function () {
          if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
            map.setView(bounds.getCenter(), map.getMaxZoom());
          } else {
            map.fitBounds(bounds, { padding: [24, 24] });
          }
        });
        layer.addLayer(cluster);
      });
    }
    map.on('zoomend', draw);
    draw();
    return layer;
  }

  window.smartdistrictClusters = clusterLayer;
})();
