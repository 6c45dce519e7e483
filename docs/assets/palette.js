/* The light and dark switch (overrides/partials/palette.html). It does what Material's palette component does: shows
   the button for the other scheme, sets the body's colours, keeps the choice in Material's "__palette" store, and
   on a first visit follows the browser's preferred scheme. Unlike Material's, it leaves the body alone when its
   colours are already right: Material's marks the body as switching colours at every load, which restyles the whole
   page twice (most of the main thread's work on the timeline). Same-origin only, no inline code (CSP). */
(function () {
  "use strict";
  var FORM = "[data-explainer-palette]";
  var KEYS = ["media", "scheme", "primary", "accent"];
  var STYLED = ["scheme", "primary", "accent"];  // the body's attributes the styles read; "media" is only stored

  function inputs() {
    return Array.prototype.slice.call(document.querySelectorAll(FORM + " input[name='__palette']"));
  }

  function colours(input) {
    var color = {};
    KEYS.forEach(function (key) { color[key] = input.getAttribute("data-md-color-" + key); });
    return color;
  }

  /* The browser's own controls and scroll bars follow the scheme: "light" or "dark". Written only when it changes,
     as a new colour scheme restyles the whole page; no meta reads as light. */
  function colourScheme(scheme) {
    var node = document.head.querySelector("meta[name='color-scheme']");
    if ((node ? node.content : "light") === scheme) return;
    if (!node) {
      node = document.createElement("meta");
      node.name = "color-scheme";
      document.head.appendChild(node);
    }
    node.content = scheme;
  }

  /* Show scheme `index`: its colours on the body (only those that differ), the button to the next one, and keep it. */
  function choose(all, index) {
    var color = colours(all[index]);
    STYLED.forEach(function (key) {
      var name = "data-md-color-" + key;
      if (document.body.getAttribute(name) !== color[key]) document.body.setAttribute(name, color[key]);
    });
    all.forEach(function (input, at) {
      input.checked = at === index;
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = at !== index;
    });
    window.__md_set("__palette", { index: index, color: color });
    var dark = color.scheme === "slate";  // Material's dark scheme
    // The dark scheme's colours are in the palette's stylesheet, which the page applies only where the browser
    // prefers dark (overrides/main.html): a reader who chooses dark gets it whatever the browser prefers.
    var sheet = document.getElementById("__explainer_palette");
    if (sheet && dark) sheet.media = "all";
    colourScheme(dark ? "dark" : "light");  // (the address bar's colour is a fixed meta: overrides/main.html)
  }

  /* The kept choice, else the first scheme whose media query the browser matches (as Material does). */
  function start() {
    var all = inputs();
    if (!all.length) return;
    var kept = window.__md_get("__palette");
    var index = kept && typeof kept.index === "number" ? kept.index : all.findIndex(function (input) {
      return matchMedia(input.getAttribute("data-md-color-media")).matches;
    });
    choose(all, Math.max(0, Math.min(index, all.length - 1)));
  }

  document.addEventListener("change", function (event) {
    var all = inputs(), index = all.indexOf(event.target);
    if (index >= 0) choose(all, index);
  });
  /* Enter on the focused switch moves to the next scheme, as in Material. */
  document.addEventListener("keydown", function (event) {
    var all = inputs(), index = all.indexOf(event.target);
    if (event.key !== "Enter" || index < 0) return;
    var next = all[(index + 1) % all.length];
    next.click();
    next.focus();
  });

  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
