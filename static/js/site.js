// Progressive enhancement only: every page works without this file.
// After htmx swaps in a new page, move focus as a full page load would: to the error
// summary if there is one, otherwise to the main content, so screen readers announce it.
document.addEventListener("htmx:afterSettle", function (event) {
  if (event.detail.target !== document.body) return;
  var summary = document.getElementById("error-summary");
  var target = summary || document.getElementById("main");
  if (target) target.focus({ preventScroll: false });
  window.scrollTo(0, summary ? summary.offsetTop : 0);
});
// On a page that loads with errors (no JavaScript swap), the summary takes focus.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
});
