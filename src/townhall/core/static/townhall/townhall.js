// Progressive enhancement only: every page works without this file.
// As in the GOV.UK Design System, move focus to the error summary so it is read out first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-module='error-summary']");
  if (summary) summary.focus();
});
