// Progressive enhancement only: every page works without this file.
// As in the GOV.UK Design System, move focus to the error summary so it is read out first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-module='error-summary']");
  if (summary) summary.focus();
});

// As WordPress offers: remember a commenter's name, email and website, in this browser
// only (localStorage, never sent to the server), when they tick the box.
document.addEventListener("DOMContentLoaded", function () {
  var KEY = "townhall-commenter";
  var FIELDS = ["author_name", "author_email", "author_url"];
  var saved = null;
  try { saved = JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { return; }
  document.querySelectorAll("form[data-comment-form]").forEach(function (form) {
    var box = form.querySelector("[data-remember-box]");
    if (!box) return;
    form.querySelector("[data-remember]").hidden = false;
    if (saved) {
      box.checked = true;
      FIELDS.forEach(function (name) {
        var field = form.elements[name];
        if (field && !field.value && saved[name]) field.value = saved[name];
      });
    }
    form.addEventListener("submit", function () {
      if (!box.checked) { window.localStorage.removeItem(KEY); return; }
      var values = {};
      FIELDS.forEach(function (name) { if (form.elements[name]) values[name] = form.elements[name].value; });
      window.localStorage.setItem(KEY, JSON.stringify(values));
    });
  });
});
