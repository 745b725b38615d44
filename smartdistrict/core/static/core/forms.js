/* A fixed error goes away when its field is corrected. Every form of the site shows the
 * server's error beside its field (portal: `.field-error` "error-<name>"; Django forms:
 * `.errorlist` "<field id>_error"); without this script an error stayed on the page until
 * the next submit, though the resident had already put it right. When a field with an
 * error changes, its error is hidden and `aria-invalid` removed; the server checks again
 * on submit, so nothing is decided here. Loaded on every page by base.html; no inline
 * script (Content-Security-Policy). */
(function () {
  'use strict';

  function errorNodes(field) {
    var ids = (field.getAttribute('aria-describedby') || '').split(/\s+/);
    if (field.id) { ids.push(field.id + '_error'); }
    if (field.name) { ids.push('error-' + field.name); }
    var group = field.closest('fieldset[id]');
    if (group && (field.type === 'radio' || field.type === 'checkbox')) {
      ids.push(group.id + '_error');
      ids.push('error-' + group.id);
    }
    var nodes = [];
    ids.forEach(function (id) {
      var node = id && document.getElementById(id);
      if (node && (node.classList.contains('field-error') || node.classList.contains('errorlist')) &&
          nodes.indexOf(node) < 0) {
        nodes.push(node);
      }
    });
    return nodes;
  }

  function corrected(event) {
    var field = event.target;
    if (!field || !field.form || !field.name || field.type === 'file') { return; }
    var nodes = errorNodes(field);
    if (!nodes.length && field.getAttribute('aria-invalid') !== 'true') { return; }
    nodes.forEach(function (node) { node.hidden = true; });
    var same = field.form.querySelectorAll('[name="' + field.name.replace(/"/g, '\\"') + '"]');
    Array.prototype.forEach.call(same, function (each) { each.removeAttribute('aria-invalid'); });
  }

  document.addEventListener('input', corrected);
  document.addEventListener('change', corrected);
})();
