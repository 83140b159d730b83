/* Quick exit (DESIGN.md section 7). Without JavaScript every [data-quick-exit] element is a
   plain link to a neutral site. With it: blank the page at once, then replace this history
   entry so Back does not return here. Shift pressed 3 times also exits. A page restored from
   the back/forward cache after an exit stays blank and exits again. Never waits on our server. */
(function () {
  "use strict";
  var root = document.documentElement;
  var exited = false;
  var presses = [];
  var WINDOW_MS = 5000;
  root.classList.add("js");

  function exitUrl() {
    var link = document.querySelector("a[data-quick-exit]");
    return link ? link.href : "https://www.bbc.co.uk/weather";
  }

  function blank() {
    root.classList.add("quick-exit-blank");
    try { document.title = "Weather"; } catch (e) { /* ignore */ }
  }

  function quickExit(event) {
    if (event) { event.preventDefault(); }
    exited = true;
    blank();
    window.location.replace(exitUrl());
  }

  function showPresses(count) {
    var indicator = document.querySelector("[data-quick-exit-indicator]");
    if (!indicator) { return; }
    indicator.textContent = count ? "\u2022\u2022\u2022".slice(0, count) : "";
    indicator.setAttribute("aria-label", count ? "Shift " + count + " / 3" : "");
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    while (target && target !== document) {
      if (target.hasAttribute && target.hasAttribute("data-quick-exit")) {
        quickExit(event);
        return;
      }
      target = target.parentNode;
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) {
      if (event.key !== "Shift") { presses = []; showPresses(0); }
      return;
    }
    if (event.ctrlKey || event.altKey || event.metaKey) { return; }
    var now = Date.now();
    if (presses.length && now - presses[presses.length - 1] > WINDOW_MS) { presses = []; }
    presses.push(now);
    showPresses(presses.length);
    if (presses.length >= 3) {
      presses = [];
      quickExit();
    }
  });

  window.addEventListener("pageshow", function (event) {
    // Chrome keeps no-store pages in the back/forward cache: stay blank and leave again.
    if (event.persisted && exited) {
      blank();
      window.location.replace(exitUrl());
    }
  });
}());
