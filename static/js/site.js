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
// Browser Back should show what was typed. A question page's address holds the answers
// given before it, not the ones typed on it; so when its form is sent, the current history
// entry's address is replaced by the same page with every answer on the form (blank ones
// left out, "s" too, so it opens as a question, not as a check). Back then reopens it filled in.
// history.state is kept: htmx marks its entries there and reloads them on Back.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute || !form.hasAttribute("data-remember") || !window.history.replaceState) return;
  var answers = new URLSearchParams();
  new FormData(form).forEach(function (value, key) {
    if (key !== "s" && typeof value === "string" && value.trim() !== "") answers.append(key, value);
  });
  answers.sort();
  var query = answers.toString();
  // The action may carry the text size (size=large); a sent form's own fields carry it too.
  var action = form.getAttribute("action").split("?")[0];
  window.history.replaceState(window.history.state, "", action + (query ? "?" + query : ""));
}, true);
