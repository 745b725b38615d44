/* The hotline form's category list, filtered as the operator types: "ngap" finds "Ngập
 * nước", "den duong" finds "Đèn đường" (accents and đ ignored, as the site's search does:
 * core.text.fold). Enter chooses the first category still shown and hands the list's
 * change to HTMX (its questions appear), without sending the form. Without JavaScript the
 * box stays hidden and the plain list works. No inline script (Content-Security-Policy). */
(function () {
  'use strict';
  var box = document.getElementById('category-search');
  var filter = document.getElementById('category-filter');
  var select = document.getElementById('id_category');
  var status = document.getElementById('category-filter-status');
  if (!box || !filter || !select) { return; }
  box.hidden = false;

  function fold(text) {
    return (text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
  }

  var options = Array.prototype.filter.call(select.options, function (option) {
    return option.value !== '';
  });
  options.forEach(function (option) { option.dataset.folded = fold(option.textContent); });

  function matches() {
    var words = fold(filter.value).split(' ').filter(Boolean);
    var shown = [];
    options.forEach(function (option) {
      var hit = words.every(function (word) { return option.dataset.folded.indexOf(word) >= 0; });
      option.hidden = !hit;
      if (hit) { shown.push(option); }
    });
    status.textContent = words.length && !shown.length ? filter.dataset.msgNone : '';
    return shown;
  }

  filter.addEventListener('input', matches);
  filter.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter') { return; }
    event.preventDefault();  // Enter here chooses a category; it does not send the form
    var shown = matches();
    if (!shown.length) { return; }
    select.value = shown[0].value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    select.focus();
  });
})();
