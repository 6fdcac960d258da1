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
// A link to a box on the same page (an error summary's, "查到了？请在这里填写") goes to the box and focuses it,
// without JavaScript too; with JavaScript the box's question, hint and message come into view with it, as GOV.UK's
// error summary does: the browser alone would scroll the box to the top of the window, its question out of sight.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[href^='#id_']");
  var box = link && document.getElementById(link.getAttribute("href").slice(1));
  var field = box && box.closest(".field");
  if (!field) return;
  event.preventDefault();
  // The address still ends with the box's fragment, as after the browser's own jump (and Back returns from it).
  if (window.location.hash !== link.hash && window.history.pushState) window.history.pushState(null, "", link.hash);
  field.scrollIntoView();
  box.focus({ preventScroll: true });
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
  document.dispatchEvent(new Event("site:addressReplaced"));      // what was typed is kept by this address
}, true);
// Back and Forward give back what was typed but not sent, as the browser does for a form
// without JavaScript. With it, htmx swaps pages inside one document, so the browser has no
// form of its own to restore, and htmx's snapshot of a page would be its HTML: what the server
// sent, not what was typed since. So just before htmx leaves a page (htmx:beforeHistorySave: a
// new page coming in, or Back or Forward), what its boxes hold and how far it was scrolled are
// kept by the page's address, in this document's memory only. When Back or Forward returns to
// that address and htmx has fetched it again (htmx:historyRestore), the boxes get it back, a
// folded section holding some of it opens, and the page scrolls to where it was. Nothing goes to
// sessionStorage or localStorage (htmx's history cache stays off: base.html), so closing the tab
// or reloading forgets it, as the browser forgets a form's state.
(function () {
  var kept = new Map();           // address → { boxes, scrollY }; the latest few, as htmx's own cache would
  var KEEP = 20;
  var shown = address();        // the address of the page on screen (at popstate, location is already the next)

  function address() { return window.location.pathname + window.location.search; }

  // Each box a person can change, named as the browser names a form's field (radios and
  // checkboxes by their value too); a second box of the same name gets its own key.
  function eachBox(visit) {
    var seen = Object.create(null);
    document.body.querySelectorAll("input[name], select[name], textarea[name]").forEach(function (box) {
      if (box.type === "hidden" || box.type === "submit" || box.type === "button" || box.type === "file"
          || box.readOnly || box.disabled) return;
      var ticked = box.type === "checkbox" || box.type === "radio";
      var key = box.name + (ticked ? "=" + box.value : "");
      seen[key] = (seen[key] || 0) + 1;
      visit(box, key + "#" + seen[key], ticked);
    });
  }

  function changed(box, ticked) {
    if (ticked) return box.checked !== box.defaultChecked;
    if (box.options) {
      return Array.prototype.some.call(box.options, function (o) { return o.selected !== o.defaultSelected; });
    }
    return box.value !== box.defaultValue;
  }

  document.addEventListener("htmx:beforeHistorySave", function () {
    var boxes = {};
    eachBox(function (box, key, ticked) { boxes[key] = ticked ? box.checked : box.value; });
    kept.delete(shown);
    kept.set(shown, { boxes: boxes, scrollY: window.scrollY });
    if (kept.size > KEEP) kept.delete(kept.keys().next().value);
  });

  document.addEventListener("htmx:historyRestore", function () {
    shown = address();
    var page = kept.get(shown);
    if (!page) return;
    var boxes = page.boxes;
    eachBox(function (box, key, ticked) {
      if (!(key in boxes)) return;
      if (ticked) box.checked = boxes[key]; else box.value = boxes[key];
      var folded = changed(box, ticked) && box.closest("details");
      if (folded) folded.open = true;
    });
    window.scrollTo(0, page.scrollY);
  });

  ["htmx:pushedIntoHistory", "htmx:replacedInHistory", "site:addressReplaced"].forEach(function (name) {
    document.addEventListener(name, function () { shown = address(); });
  });
}());
// htmx fetches a page again for Back or Forward (its history cache is off). Two quick presses of
// Back start two fetches; only the last may land, or an earlier one finishing late would show
// its page under the later address. And an address that now answers with an error page (or not
// at all) is loaded whole, as it would be without JavaScript: htmx swaps in only a successful
// answer, and would otherwise leave the page before on screen under the new address.
(function () {
  var latest = null;
  document.addEventListener("htmx:historyCacheMiss", function (event) {
    if (latest) latest.abort();
    var xhr = latest = event.detail.xhr;
    xhr.addEventListener("loadend", function () {
      if (xhr !== latest) return;
      latest = null;
      if (xhr.status < 200 || xhr.status >= 400) window.location.reload();
    });
  });
}());
