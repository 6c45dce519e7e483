/* Evidence at a glance: a link to another entry's page previews it (name, kind, summary) on hover or keyboard
   focus, from assets/previews.json, built from the data; abbreviations outside links take keyboard focus, so that
   Material's tooltip shows their expansion to keyboard users too. Same-origin only, no inline code: the page's
   Content-Security-Policy allows this file as 'self'. */
(function () {
  "use strict";
  var base = new URL("..", document.currentScript.src);
  var previews = null;
  var tip = null;
  var host = null;

  function load() {
    if (!previews) {
      previews = fetch(new URL("assets/previews.json", base))
        .then(function (response) { return response.ok ? response.json() : {}; })
        .catch(function () { return {}; });
    }
    return previews;
  }

  /* The key of an entity page in previews.json ("countries/kazakhstan/"), or null for any other link. */
  function keyOf(link) {
    var url = new URL(link.href, location.href);
    if (url.origin !== base.origin || url.pathname.indexOf(base.pathname) !== 0) return null;
    if (url.pathname === location.pathname) return null;
    return url.pathname.slice(base.pathname.length);
  }

  function hide() {
    if (tip) tip.hidden = true;
    if (host) host.removeAttribute("aria-describedby");
    host = null;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    node.textContent = text;
    return node;
  }

  function show(link, entry) {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "explainer-preview";
      tip.className = "explainer-preview md-typeset";
      tip.setAttribute("role", "tooltip");
      // Inside <main>, so that it is in a landmark as all content must be; <body> stays its positioned ancestor.
      (document.querySelector("main") || document.body).appendChild(tip);
    }
    tip.replaceChildren(element("p", "explainer-preview__kind", entry.kind),
                        element("p", "explainer-preview__name", entry.name),
                        element("p", "explainer-preview__summary", entry.summary));
    tip.hidden = false;
    var box = link.getBoundingClientRect();
    var width = Math.min(352, document.documentElement.clientWidth - 16);
    tip.style.width = width + "px";
    tip.style.left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8)) + scrollX + "px";
    tip.style.top = box.bottom + scrollY + 6 + "px";
    host = link;
    link.setAttribute("aria-describedby", tip.id);
  }

  function activate(event) {
    var link = event.target.closest && event.target.closest(".md-content a[href]");
    if (!link || link === host) return;
    var key = keyOf(link);
    if (!key) return;
    load().then(function (all) {
      var entry = all[key];
      if (entry && (link.matches(":hover") || link === document.activeElement)) show(link, entry);
    });
  }

  function deactivate(event) {
    if (host && (!event.relatedTarget || !host.contains(event.relatedTarget))) hide();
  }

  document.addEventListener("mouseover", activate);
  document.addEventListener("focusin", activate);
  document.addEventListener("mouseout", deactivate);
  document.addEventListener("focusout", deactivate);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });

  /* On a touch screen the first tap on a footnote mark shows its reference in place (Material's tooltip opens on
     the tap), the second follows it to the list of references. */
  var touch = false;
  var armed = null;
  document.addEventListener("pointerdown", function (event) { touch = event.pointerType === "touch"; }, true);
  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest(".md-content .footnote-ref");
    if (!mark || !touch) { armed = null; return; }
    if (armed === mark) { armed = null; return; }
    armed = mark;
    event.preventDefault();
  }, true);

  /* Material adds its tooltips to <body>, outside every landmark, and leaves a footnote's (a dialog) unnamed:
     move each into <main> (positions hold, as <body> stays the positioned ancestor) and name the dialog. */
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (!(node instanceof HTMLElement) || !node.classList.contains("md-tooltip2")) return;
        if (node.getAttribute("role") === "dialog" && !node.hasAttribute("aria-label")) {
          node.setAttribute("aria-label", "Reference");
        }
        var main = document.querySelector("main");
        if (main && node.parentNode === document.body) main.appendChild(node);
      });
    });
  }).observe(document.body, { childList: true });

  /* Material swaps the page in place (instant navigation): redo the abbreviations on every new page. */
  function focusableAbbreviations() {
    hide();
    document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
      if (!abbr.closest("a")) abbr.tabIndex = 0;
    });
  }
  if (window.document$) window.document$.subscribe(focusableAbbreviations);
  else document.addEventListener("DOMContentLoaded", focusableAbbreviations);

  /* A picture wider than its box opens at its left edge: on the Caucasus, or in 1989. Open it on the story
     instead: a map on the treaty's two parties (or its middle), the timeline on its latest years. */
  function openPicturesOnTheStory() {
    document.querySelectorAll(".explainer-map__box").forEach(function (box) {
      if (box.scrollWidth <= box.clientWidth) return;
      var parties = box.querySelectorAll(".is-party"), left = Infinity, right = -Infinity;
      parties.forEach(function (shape) {
        var rect = shape.getBoundingClientRect();
        left = Math.min(left, rect.left); right = Math.max(right, rect.right);
      });
      var middle = parties.length ? (left + right) / 2 - box.getBoundingClientRect().left + box.scrollLeft
                                  : box.scrollWidth / 2;
      box.scrollLeft = middle - box.clientWidth / 2;
    });
    document.querySelectorAll(".explainer-timeline__box").forEach(function (box) {
      box.scrollLeft = box.scrollWidth;
    });
  }
  if (window.document$) window.document$.subscribe(openPicturesOnTheStory);
  else document.addEventListener("DOMContentLoaded", openPicturesOnTheStory);
})();
