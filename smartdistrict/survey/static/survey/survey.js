// The survey works without this script. With it, answers given while the device is
// offline are kept in localStorage and sent as soon as the connection is back, so a
// tablet at the counter on a flaky network loses nothing.
(function () {
  "use strict";
  var form = document.getElementById("survey-form");
  if (!form || !window.localStorage) { return; }
  var key = "smartdistrict-survey:" + form.getAttribute("data-token");
  var note = document.getElementById("offline-note");

  function save() {
    var entries = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") { entries.push([name, value]); }
    });
    localStorage.setItem(key, JSON.stringify(entries));
  }

  function restore(entries) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.type === "radio" || el.type === "checkbox") { el.checked = false; }
    });
    entries.forEach(function (pair) {
      var name = pair[0], value = pair[1];
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name !== name) { return; }
        if (el.type === "radio" || el.type === "checkbox") {
          if (el.value === value) { el.checked = true; }
        } else if (el.type !== "hidden") {
          el.value = value;
        }
      });
    });
  }

  function sendSaved() {
    var saved = localStorage.getItem(key);
    if (!saved || !navigator.onLine) { return; }
    restore(JSON.parse(saved));
    localStorage.removeItem(key);
    form.submit();
  }

  form.addEventListener("submit", function (event) {
    if (navigator.onLine) { localStorage.removeItem(key); return; }
    event.preventDefault();
    save();
    note.hidden = false;
    note.focus && note.setAttribute("tabindex", "-1");
  });
  window.addEventListener("online", sendSaved);
  sendSaved();
  var errors = document.getElementById("form-errors");
  if (errors) { errors.focus(); }
})();
