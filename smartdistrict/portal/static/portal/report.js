/* The report form, enhanced. Without this script the form is a plain HTML POST and the
 * server shows every error next to its field; with it:
 *   - a pin on the map (tap, drag, "use my location", Enter on the map for its centre),
 *     the ward found shown at once, and the map centred on a ward found by address;
 *   - categories suggested from the description, the category's own questions only;
 *   - photos shrunk in the browser (photos.js) with previews;
 *   - open reports of the same kind nearby, with "this is my problem too";
 *   - the form sent in the background, so that on an error nothing is lost, photos
 *     included: the server's answer is the same page, from which only the error
 *     messages (and the nearby prompt) are copied in.
 * Every text shown comes from the page (data-msg-* attributes, translated server-side)
 * or from server-rendered fragments. */
(function () {
  'use strict';
  var form = document.getElementById('report-form');
  if (!form || !window.fetch || !window.FormData || !window.DOMParser) { return; }
  document.documentElement.classList.add('js');  // shows the .js-only controls
  var data = form.dataset;
  var FRAGMENT = { 'X-Portal-Fragment': '1' };

  function byId(id) { return document.getElementById(id); }
  var lat = byId('id_lat');
  var lon = byId('id_lon');
  var address = byId('id_address');
  var description = byId('id_description');
  var category = byId('id_category');
  var photosInput = byId('id_photos');
  var previews = byId('photo-previews');
  var photosStatus = byId('photos-status');
  var wardFound = byId('ward-found');
  var suggestionsBox = byId('suggestions');
  var nearbyBox = byId('nearby');
  var submit = byId('submit-report');
  var submitStatus = byId('submit-status');
  var locate = byId('use-location');
  var locationStatus = byId('location-status');
  var findAddress = byId('find-address');

  function fragment(url, params) {
    var query = new URLSearchParams(params).toString();
    return fetch(url + '?' + query, { credentials: 'same-origin', headers: FRAGMENT })
      .then(function (response) { return response.ok ? response.text() : ''; })
      .catch(function () { return ''; });
  }

  function clearError(name) {
    var node = byId('error-' + name);
    if (node) { node.textContent = ''; node.hidden = true; }
    setInvalid(name, false);
  }

  function setInvalid(name, invalid) {
    var fields = form.querySelectorAll('[name="' + name + '"]');
    Array.prototype.forEach.call(fields, function (field) {
      if (field.type === 'hidden' || field.type === 'checkbox') { return; }
      if (invalid) { field.setAttribute('aria-invalid', 'true'); } else { field.removeAttribute('aria-invalid'); }
    });
  }

  /* --- where: the ward of the pin, else of the address ------------------------------ */
  var whereRound = 0;
  function refreshWhere() {
    var round = ++whereRound;
    fragment(data.whereUrl, { lat: lat.value, lon: lon.value, address: address.value })
      .then(function (html) {
        if (round !== whereRound) { return; }
        wardFound.innerHTML = html;
        var found = byId('ward-found-text');
        if (found && found.dataset.lat && !lat.value && map) {
          map.setView([Number(found.dataset.lat), Number(found.dataset.lon)], 15);
        }
      });
  }

  /* --- the map and its pin ------------------------------------------------------------ */
  var mapBox = byId('report-map');
  var map = null;
  var pin = null;

  function placeMarker(latlng) {
    if (!map) { return; }
    if (pin) { pin.setLatLng(latlng); return; }
    // Drawn by portal.css: Leaflet's default image is found by guessing its address,
    // which hashed static names break.
    var icon = L.divIcon({ className: 'map-pin', iconSize: [24, 24], iconAnchor: [12, 26] });
    pin = L.marker(latlng, { icon: icon, draggable: true, keyboard: true, title: mapBox.dataset.msgPin, alt: mapBox.dataset.msgPin });
    pin.on('dragend', function () { setPin(pin.getLatLng(), false); });
    pin.addTo(map);
  }

  function setPin(latlng, centre) {
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    placeMarker(latlng);
    if (centre && map) { map.setView(latlng, 17); }
    clearError('location');
    refreshWhere();
    refreshNearby();
  }

  function removePin() {
    if (pin) { pin.remove(); pin = null; }
    lat.value = '';
    lon.value = '';
    refreshNearby();
  }

  if (window.L && window.smartdistrictMap && mapBox) {
    var built = window.smartdistrictMap(mapBox, { zoom: 13 });
    map = built.map;
    map.on('click', function (event) { setPin(event.latlng, false); });
    mapBox.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && event.target === mapBox) { setPin(map.getCenter(), false); }
    });
    if (lat.value && lon.value) {
      var start = L.latLng(Number(lat.value), Number(lon.value));
      placeMarker(start);
      built.wards.then(function () { map.setView(start, 16); });
    }
  }

  if (!navigator.geolocation) { locate.hidden = true; }
  locate.addEventListener('click', function () {
    locationStatus.textContent = data.msgLocating;
    navigator.geolocation.getCurrentPosition(function (position) {
      locationStatus.textContent = '';
      var here = { lat: position.coords.latitude, lng: position.coords.longitude };
      setPin(window.L ? L.latLng(here.lat, here.lng) : { lat: here.lat, lng: here.lng }, true);
    }, function () {
      locationStatus.textContent = data.msgLocationFailed;
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });

  var addressTimer = null;
  address.addEventListener('input', function () {
    window.clearTimeout(addressTimer);
    addressTimer = window.setTimeout(function () { if (!lat.value) { refreshWhere(); } }, 900);
  });
  address.addEventListener('change', function () { if (!lat.value) { refreshWhere(); } });
  findAddress.addEventListener('click', function () {
    // The resident asks for the address: it, not an earlier pin, decides the ward.
    removePin();
    clearError('address');
    refreshWhere();
  });

  /* --- category: suggestions, its questions, nearby reports --------------------------- */
  function showQuestions() {
    var blocks = form.querySelectorAll('fieldset.questions');
    Array.prototype.forEach.call(blocks, function (block) {
      block.hidden = block.dataset.category !== category.value;
    });
  }

  function markChosen() {
    var buttons = suggestionsBox.querySelectorAll('.suggestion');
    Array.prototype.forEach.call(buttons, function (button) {
      button.setAttribute('aria-pressed', button.dataset.code === category.value ? 'true' : 'false');
    });
  }

  var lastSuggested = '';
  var suggestTimer = null;
  function refreshSuggestions() {
    var text = description.value.trim();
    if (text.length < 10 || text === lastSuggested) { return; }
    lastSuggested = text;
    fragment(data.suggestUrl, { description: text }).then(function (html) {
      if (text !== lastSuggested) { return; }
      suggestionsBox.innerHTML = html;
      markChosen();
    });
  }
  description.addEventListener('input', function () {
    window.clearTimeout(suggestTimer);
    suggestTimer = window.setTimeout(refreshSuggestions, 700);
  });
  description.addEventListener('blur', refreshSuggestions);
  suggestionsBox.addEventListener('click', function (event) {
    var button = event.target.closest('.suggestion');
    if (!button) { return; }
    category.value = button.dataset.code;
    category.dispatchEvent(new Event('change', { bubbles: true }));
  });

  var nearbyRound = 0;
  function refreshNearby() {
    var round = ++nearbyRound;
    if (!lat.value || !lon.value || !category.value) { nearbyBox.innerHTML = ''; return; }
    fragment(data.nearbyUrl, { category: category.value, lat: lat.value, lon: lon.value })
      .then(function (html) { if (round === nearbyRound) { nearbyBox.innerHTML = html; } });
  }

  category.addEventListener('change', function () {
    clearError('category');
    showQuestions();
    markChosen();
    refreshNearby();
  });

  nearbyBox.addEventListener('click', function (event) {
    var button = event.target.closest('.support-button');
    if (!button) { return; }
    event.preventDefault();  // not the report form's submission
    var body = new FormData();
    body.append('csrfmiddlewaretoken', form.elements.csrfmiddlewaretoken.value);
    button.disabled = true;
    fetch(button.formAction, { method: 'POST', body: body, credentials: 'same-origin', headers: FRAGMENT })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var result = byId('support-result-' + button.dataset.code);
        result.innerHTML = html;
        if (result.querySelector('.field-error')) { button.disabled = false; } else { button.hidden = true; }
      })
      .catch(function () { button.disabled = false; });
  });

  /* --- photos: shrunk here, kept here until the form is sent --------------------------- */
  var photos = [];
  var pending = 0;
  var maxPhotos = Number(data.maxPhotos) || 5;
  var side = Number(data.photoSide) || 1600;

  function updatePhotosState() {
    submit.disabled = pending > 0;
    if (pending > 0) { photosStatus.textContent = data.msgShrinking; } else if (photosStatus.textContent === data.msgShrinking) { photosStatus.textContent = ''; }
  }

  function addPreview(photo) {
    var item = document.createElement('li');
    var image;
    if (photo.undecoded) {  // not decoded here: its name, not a broken preview
      image = document.createElement('span');
      image.className = 'photo-name';
      image.textContent = photo.file;
    } else {
      image = document.createElement('img');
      image.src = photo.url;
      image.alt = data.msgPhotoAlt + ' ' + (photos.indexOf(photo) + 1);
    }
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'photo-remove';
    remove.textContent = data.msgRemove;
    remove.addEventListener('click', function () {
      photos.splice(photos.indexOf(photo), 1);
      URL.revokeObjectURL(photo.url);
      item.remove();
      photosStatus.textContent = '';
    });
    item.appendChild(image);
    item.appendChild(remove);
    previews.appendChild(item);
  }

  photosInput.addEventListener('change', function () {
    var files = Array.prototype.slice.call(photosInput.files || []);
    photosInput.value = '';  // the chosen photos live in `photos`; the input can add more
    clearError('photos');
    var room = maxPhotos - photos.length - pending;
    photosStatus.textContent = '';
    if (files.length > room) {
      files = files.slice(0, Math.max(room, 0));
      photosStatus.textContent = data.msgTooManyPhotos;
    }
    // A file that is no image at all (a PDF, a document) is refused here, by its name,
    // before any preview: the server would refuse it only on sending.
    var refused = files.filter(function (file) { return !/^image\//.test(file.type || ''); });
    files = files.filter(function (file) { return refused.indexOf(file) < 0; });
    if (refused.length) {
      var error = byId('error-photos');
      error.textContent = refused.map(function (file) {
        return data.msgNotImage.replace('{name}', file.name);
      }).join(' ');
      error.hidden = false;
      setInvalid('photos', true);
    }
    files.forEach(function (file) {
      pending += 1;
      updatePhotosState();
      window.smartdistrictShrinkPhoto(file, side, 0.85)
        // Cannot decode here (a format this browser does not read): the server decides,
        // and names the file if it refuses it.
        .catch(function () { return file; })
        .then(function (blob) {
          var photo = { blob: blob, url: URL.createObjectURL(blob), file: file.name, undecoded: blob === file };
          photos.push(photo);
          addPreview(photo);
          pending -= 1;
          updatePhotosState();
        });
    });
  });

  /* --- sending -------------------------------------------------------------------------- */
  function copyFrom(doc, id) {
    var here = byId(id);
    var there = doc.getElementById(id);
    if (!here) { return; }
    here.innerHTML = there ? there.innerHTML : '';
    here.hidden = there ? there.hidden : true;
  }

  function showAnswer(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    if (!doc.getElementById('report-form')) { submitStatus.textContent = data.msgNetwork; return; }
    var nodes = form.querySelectorAll('[data-error-for]');
    Array.prototype.forEach.call(nodes, function (node) {
      var there = doc.getElementById(node.id);
      var message = there ? there.textContent.trim() : '';
      node.textContent = message;
      node.hidden = !message;
      var code = there && there.getAttribute('data-error-code');
      if (code) { node.setAttribute('data-error-code', code); } else { node.removeAttribute('data-error-code'); }
      setInvalid(node.dataset.errorFor, !!message);
    });
    copyFrom(doc, 'form-errors');
    copyFrom(doc, 'nearby');
    var summary = byId('form-errors');
    var first = form.querySelector('[data-error-for]:not([hidden])');
    if (first) { first.scrollIntoView({ block: 'center' }); }
    if (summary && !summary.hidden) { summary.focus({ preventScroll: !!first }); }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (pending > 0) { return; }
    var body = new FormData(form);
    body.delete('photos');
    photos.forEach(function (photo, index) {
      // The resident's own file name: the server names it if it refuses the photo.
      body.append('photos', photo.blob, photo.file || 'photo-' + (index + 1) + '.jpg');
    });
    submit.disabled = true;
    submitStatus.textContent = data.msgSending;
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (response) {
        if (response.redirected) { window.location.assign(response.url); return null; }
        return response.text().then(function (html) {
          submitStatus.textContent = '';
          showAnswer(html);
        });
      })
      .catch(function () { submitStatus.textContent = data.msgNetwork; })
      .then(function () { submit.disabled = pending > 0; });
  });

  showQuestions();
  markChosen();
})();
