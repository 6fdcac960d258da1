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
// Read aloud (朗读; ELDERLY-FRIENDLY.md): a result page's button reads the answer with the browser's own voice (the
// Web Speech API). The button waits hidden in the page (components/read_aloud.html) and is shown only here, where
// speech exists: without JavaScript or speech nothing is offered that could not work. It reads the page's own text,
// what its data-read-aloud names: the verdict a paragraph at a time, then the Q&A table a column at a time ("Credited
// to account: Before the reform ¥3,000, After the reform ¥1,260."), so every figure said is a figure shown. Every word
// it adds (its labels, the sentence a column makes, how ¥ and − are said, what it says when the browser has no voice)
// comes from the template, in the page's language. A second press stops it; so does leaving the page.
(function () {
  var speech = window.speechSynthesis;
  if (!speech || !window.SpeechSynthesisUtterance) return;
  var reading = null;     // { button, utterances }: kept, as Chrome drops an utterance no script holds before it ends

  function reveal() {
    document.querySelectorAll(".read-aloud[hidden]").forEach(function (part) { part.hidden = false; });
  }
  reveal();               // this file is deferred: the page is parsed
  document.addEventListener("htmx:load", reveal);       // a page htmx brought in (a link, a form, Back)

  // An element's words as a person sees them: a line break is a space, and runs of spaces are one. With firstLine,
  // only what comes before its first line break (a table row's head: "Before the reform", not its year under it).
  function words(element, firstLine) {
    var out = [], done = false;
    (function walk(node) {
      node.childNodes.forEach(function (child) {
        if (done) return;
        if (child.nodeType === Node.TEXT_NODE) out.push(child.nodeValue);
        else if (child.nodeName === "BR") { if (firstLine) done = true; else out.push(" "); }
        else if (child.nodeType === Node.ELEMENT_NODE && child.getAttribute("aria-hidden") !== "true") walk(child);
      });
    }(element));
    // A zero-width space marks where a Chinese table head may break: no sound, but it is no word either.
    return out.join("").replace(/\u200b/g, "").replace(/\s+/g, " ").trim();
  }

  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  }

  // "¥1,260" is said with the page's word for yuan (an English voice says "yen" for ¥), "−¥200" with its word for minus.
  // A comma only groups digits (",\d{3}"): the one after "¥3,000, " belongs to the sentence.
  function sayable(text, said) {
    return text.replace(/(−)?¥(\d+(?:,\d{3})*(?:\.\d+)?)/g, function (whole, minus, amount) {
      var yuan = fill(said.yuan, { amount: amount });
      return minus ? fill(said.minus, { amount: yuan }) : yuan;
    });
  }

  // A table a column at a time: its head, then each row's head (its first line: "Before the reform") and its cell.
  // The first column holds the rows' own heads, read whole ("Year: before the reform 2023, after the reform 2024.").
  function columnSentences(table, said) {
    if (!table.tHead || !table.tBodies.length) return [];
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    if (!rows.length) return [];
    return Array.prototype.map.call(table.tHead.rows[0].cells, function (head, column) {
      var figures = rows.map(function (row) {
        var rowHead = row.cells[0];
        return column === 0 ? words(rowHead) : words(rowHead, true) + " " + words(row.cells[column]);
      });
      figures = figures.reduce(function (first, second) { return fill(said.join, { first: first, second: second }); });
      return fill(said.sentence, { heading: words(head), figures: figures });
    });
  }

  function sentences(button) {
    var said = button.dataset, out = [];
    said.readAloud.split(" ").forEach(function (id) {
      var part = document.getElementById(id);
      if (!part) return;
      var table = part.closest("table");
      if (table) out = out.concat(columnSentences(table, said));
      else {
        var paragraphs = part.querySelectorAll("p");
        (paragraphs.length ? Array.prototype.slice.call(paragraphs) : [part]).forEach(function (p) { out.push(words(p)); });
      }
    });
    return out.filter(Boolean).map(function (text) { return sayable(text, said); });
  }

  // The button's two states: "Read the answer aloud" with a speaker, or "Stop reading" with a stop square. Its
  // status line (a live region, so a screen reader hears it too) says when the browser could not speak.
  function show(button, speaking, failed) {
    button.classList.toggle("is-reading", speaking);
    button.querySelector(".read-aloud__label").textContent = speaking ? button.dataset.stop : button.dataset.start;
    var status = button.parentNode.querySelector(".read-aloud__status");
    if (status) status.textContent = failed ? button.dataset.failed : "";
  }

  function stop(failed) {
    if (!reading) return;
    var button = reading.button;
    reading = null;
    speech.cancel();
    show(button, false, failed);
  }

  function start(button) {
    // Voices are named by language and region (zh-CN), the page by language and script (zh-Hans).
    var lang = document.documentElement.lang, voice = /^zh/i.test(lang) ? "zh-CN" : lang;
    var run = { button: button, utterances: [] };
    if (speech.speaking || speech.pending) speech.cancel();
    reading = run;
    show(button, true);
    var texts = sentences(button);
    texts.forEach(function (text, i) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = voice;
      // A browser with speech may still have no voice to speak with (no voice installed, none for the language):
      // then each sentence fails at once. The reading stops and says so, rather than a press doing nothing.
      utterance.onerror = function (event) {
        if (reading !== run) return;
        var cut = event && (event.error === "interrupted" || event.error === "canceled");
        if (cut) { reading = null; show(button, false); } else stop(true);
      };
      if (i === texts.length - 1) {
        utterance.onend = function () {
          if (reading !== run) return;
          reading = null;
          show(button, false);
        };
      }
      run.utterances.push(utterance);
      speech.speak(utterance);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-read-aloud]");
    if (!button) return;
    var again = reading && reading.button === button;
    stop();
    if (!again) start(button);
  });
  // Leaving the page stops the voice: htmx swapping in another page, or the browser loading one.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target === document.body) stop();
  });
  window.addEventListener("pagehide", function () { speech.cancel(); });
}());
// The header's switches (large text, the other language: each link with data-switch, naming the key it
// turns on or off, "" for the language, whose path changes) keep what is on the screen. The server wrote
// them from the page's address, which holds the answers sent before: a question page's own boxes are not
// in it yet, and the help desk's live updates change its answers without a new page (the header stays as
// first drawn). So each switch is pointed at the page's form of answers (form[data-answers]) as it stands:
// every value in it (blank ones and "s" left out: the page comes back to be read, not as sent), and the
// switch's own key as the server wrote it. Kept up to date as boxes change (so that the address a link
// shows, copies or opens in a new tab is right), and again at the moment it is followed.
(function () {
  function point(link) {
    var form = document.querySelector("form[data-answers]");
    if (!form) return;
    var key = link.getAttribute("data-switch");
    var target = new URL(link.getAttribute("href"), window.location.href);
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (name !== "s" && name !== key && typeof value === "string" && value.trim() !== "") query.append(name, value);
    });
    if (key) target.searchParams.getAll(key).forEach(function (value) { query.append(key, value); });
    query.sort();
    var text = query.toString();
    link.setAttribute("href", target.pathname + (text ? "?" + text : ""));
  }
  function pointAll() { document.querySelectorAll("a[data-switch]").forEach(point); }
  ["input", "change", "htmx:afterSettle", "htmx:historyRestore", "DOMContentLoaded"].forEach(function (name) {
    document.addEventListener(name, pointAll);
  });
  ["click", "auxclick", "contextmenu"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var link = event.target.closest && event.target.closest("a[data-switch]");
      if (link) point(link);
    }, true);
  });
}());
