/* The district map shared by the residents' pages (Leaflet, served by this site).
 *
 * Tiles come from the configured tile server (data-tile-url); when they cannot load
 * (offline government network, server down) the map keeps its plain background and
 * still shows the ward outlines, loaded from this site, and whatever the page adds.
 * No inline style or script anywhere: the Content-Security-Policy forbids them. */
(function () {
  'use strict';

  var DISTRICT_CENTRE = [10.812, 106.712];

  function showTilesNote(container) {
    var note = document.getElementById('map-tiles-note');
    if (note) { note.hidden = false; }
    container.classList.add('map-no-tiles');
  }

  /* The ward's name in the page's language (the GeoJSON carries both). */
  function wardName(properties) {
    var units = properties.units || [];
    if (document.documentElement.lang.indexOf('en') === 0 && units.length) {
      return units.map(function (u) { return u.name_en || u.name; }).join(' / ');
    }
    return properties.name;
  }

  /* The bounds of the units within CORE_M of their median centre: a city with islands
   * far offshore (Côn Đảo) is shown by its urban core, not shrunk to a speck beside them.
   * The islands stay one pan or zoom away. */
  var CORE_M = 45000;
  function coreBounds(layer) {
    var centres = [];
    layer.eachLayer(function (unit) { centres.push(unit.getBounds().getCenter()); });
    if (centres.length < 3) { return layer.getBounds(); }
    function median(values) { values.sort(function (a, b) { return a - b; }); return values[Math.floor(values.length / 2)]; }
    var middle = L.latLng(median(centres.map(function (c) { return c.lat; })),
                          median(centres.map(function (c) { return c.lng; })));
    var bounds = L.latLngBounds([]);
    layer.eachLayer(function (unit) {
      if (middle.distanceTo(unit.getBounds().getCenter()) <= CORE_M) { bounds.extend(unit.getBounds()); }
    });
    return bounds.isValid() ? bounds : layer.getBounds();
  }

  /* Build the map in `container`; returns {map, wards} where wards is a Promise of the
   * ward layer (resolved with null if the outlines could not be loaded). */
  function districtMap(container, options) {
    options = options || {};
    var data = container.dataset;
    var map = L.map(container, {
      // minZoom 7: a city with islands (Côn Đảo lies 200 km off the coast) must fit.
      center: DISTRICT_CENTRE, zoom: options.zoom || 13, minZoom: 7, maxZoom: 19,
      zoomSnap: 0.25,
      scrollWheelZoom: options.scrollWheelZoom !== false, tap: true
    });
    if (data.tileUrl) {
      var failures = 0;
      var tiles = L.tileLayer(data.tileUrl, {
        maxZoom: 19, attribution: data.tileAttribution || '', crossOrigin: false
      });
      tiles.on('tileerror', function () {
        failures += 1;
        if (failures === 1) { showTilesNote(container); }
      });
      tiles.on('tileload', function () {
        if (failures === 0) { container.classList.add('map-has-tiles'); }
      });
      tiles.addTo(map);
    } else {
      showTilesNote(container);
    }
    var wards = fetch(data.wardsUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) { throw new Error('wards ' + response.status); }
        return response.json();
      })
      .then(function (geojson) {
        // Names on the map only where they fit (a district's few wards); a city's units
        // name themselves on hover or tap instead.
        var labels = options.wardLabels && (geojson.features || []).length <= 12;
        var tooltips = options.wardTooltips || (options.wardLabels && !labels);
        var layer = L.geoJSON(geojson, {
          interactive: !!tooltips,
          style: function (feature) {
            return {
              className: 'ward-area' + (feature.properties.approximate ? ' ward-approximate' : ''),
              interactive: !!tooltips
            };
          },
          onEachFeature: function (feature, layer) {
            var name = wardName(feature.properties);
            if (labels) {
              name = name.replace(/^Phường /, '').replace(/ Ward$/, '');  // the ward list names them in full
              layer.bindTooltip(name, { permanent: true, direction: 'center', className: 'ward-label' });
            } else if (tooltips) {
              if (feature.properties.approximate) { name += ' (' + data.msgApproximate + ')'; }
              layer.bindTooltip(name, { sticky: true });
            }
          }
        }).addTo(map);
        layer.bringToBack();
        if (options.fitWards !== false && layer.getBounds().isValid()) {
          // Room at the bottom for the attribution line.
          map.fitBounds(coreBounds(layer), { paddingTopLeft: [8, 8], paddingBottomRight: [8, 24] });
        }
        return layer;
      })
      .catch(function () { return null; });
    return { map: map, wards: wards };
  }

  /* A report's popup: its code, a few lines of text, a link to its page (built as
   * elements: the texts are never read as HTML). */
  function reportPopup(code, lines, href, linkText) {
    var box = document.createElement('div');
    var title = document.createElement('strong');
    title.textContent = code;
    box.appendChild(title);
    lines.forEach(function (text) {
      var line = document.createElement('div');
      line.textContent = text;
      box.appendChild(line);
    });
    var link = document.createElement('a');
    link.href = href;
    link.textContent = linkText;
    box.appendChild(link);
    return box;
  }

  window.smartdistrictMap = districtMap;
  window.smartdistrictPopup = reportPopup;
})();
