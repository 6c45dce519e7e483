/* The words the scripts write, in the page's language (<html lang>, as the theme sets it from theme.language):
   English as the scripts write it, or this table's. "%1" and "%2" stand for numbers or dates. Shared with
   timeline.js, which the page loads after this file. */
var explainerWords = (function () {
  "use strict";
  var WORDS = {
    ru: {
      "Reference": "Источник",
      "Showing %1 of %2 checks": "Показано проверок: %1 из %2",
      "Showing %1 of %2 events": "Показано событий: %1 из %2",
      "Citation copied": "Ссылка на источник скопирована",
      "BibTeX copied": "BibTeX скопирован",
      "Link to this claim copied": "Ссылка на это утверждение скопирована",
      "Could not copy: select the text and copy it": "Не удалось скопировать: выделите текст и скопируйте его",
      "Copy citation": "Скопировать ссылку на источник",
      "Copy BibTeX": "Скопировать BibTeX",
      "Copy link to this claim": "Скопировать ссылку на это утверждение",
      "on %1": "%1"
    }
  };
  var language = document.documentElement.lang || "en";
  var table = WORDS[language] || {};
  function words(text) {
    var values = Array.prototype.slice.call(arguments, 1);
    return (table[text] || text).replace(/%(\d)/g, function (_, index) { return values[index - 1]; });
  }
  /* A day as the page's language writes it: "6 December 2026", "6 декабря 2026". */
  words.day = function (date) {
    if (language === "en") {
      return date.getDate() + " " + date.toLocaleString("en-GB", { month: "long" }) + " " + date.getFullYear();
    }
    return date.toLocaleDateString(language, { day: "numeric", month: "long", year: "numeric" }).replace(/\s*г\.$/, "");
  };
  return words;
})();

/* Evidence at a glance, with one set of listeners on the document and nothing made before it is needed:
   - a link to another entry's page previews it (name, kind, summary, from assets/previews.json, built from the data);
   - a footnote mark shows its reference in place (a copy of its entry in the list at the foot of the page);
   - an abbreviation shows its expansion (its title).
   On hover, keyboard focus and tap. It replaces Material's content.tooltips and content.footnote.tooltips, which set
   up a tooltip for every mark, abbreviation and title at load: hundreds on the timeline, most of the page's blocking
   time. Same-origin only, no inline code: the page's Content-Security-Policy allows this file as 'self'. */
(function () {
  "use strict";
  var base = new URL("..", document.currentScript.src);
  var MARK = ".md-content .footnote-ref";
  var ABBREVIATION = ".md-content abbr[title], .md-content abbr[data-title]";
  var previews = null;
  var shown = { preview: null, tip: null };  // the element each box is about now, or null

  /* ----- the two boxes: a preview of a page, and a reference or an expansion ----- */

  /* The box with this id, made on first use; inside <main>, as all content must be in a landmark (axe). Should
     Material's navigation.instant be turned on, it swaps <main>'s content: a box left behind is then made again. */
  function box(id, className) {
    var node = document.getElementById(id);
    if (!node) {
      node = document.createElement("div");
      node.id = id;
      node.className = className + " md-typeset";
      node.hidden = true;
      (document.querySelector("main") || document.body).appendChild(node);
    }
    return node;
  }

  /* Put a box under its host (over it if asked to, or if there is no room below), inside the window's width. */
  function place(node, host, above) {
    var rect = host.getBoundingClientRect(), width = document.documentElement.clientWidth;
    node.style.left = "0px";
    node.style.maxWidth = Math.min(352, width - 16) + "px";
    var size = node.getBoundingClientRect();
    var top = rect.bottom + 6;
    var room = rect.top - 6 - size.height >= 0;
    if (room && (above || top + size.height > window.innerHeight)) top = rect.top - 6 - size.height;
    node.style.left = Math.max(8, Math.min(rect.left, width - size.width - 8)) + window.scrollX + "px";
    node.style.top = top + window.scrollY + "px";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    node.textContent = text;
    return node;
  }

  function hide(which) {
    var host = shown[which];
    if (!host) return;
    var node = document.getElementById(which === "preview" ? "explainer-preview" : "explainer-tip");
    if (node) node.hidden = true;
    host.removeAttribute("aria-describedby");
    // An abbreviation gets its title back (taken away while its box shows, so the browser shows no second one).
    if (host.hasAttribute("data-title")) {
      host.setAttribute("title", host.getAttribute("data-title"));
      host.removeAttribute("data-title");
    }
    shown[which] = null;
  }

  function hideAll() { hide("preview"); hide("tip"); }

  /* ----- previews of entries ----- */

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

  function showPreview(link, entry) {
    hide("preview");
    var node = box("explainer-preview", "explainer-preview");
    node.setAttribute("role", "tooltip");
    node.replaceChildren(element("p", "explainer-preview__kind", entry.kind),
                         element("p", "explainer-preview__name", entry.name),
                         element("p", "explainer-preview__summary", entry.summary));
    node.hidden = false;
    place(node, link);
    shown.preview = link;
    link.setAttribute("aria-describedby", node.id);
  }

  function preview(link) {
    if (link === shown.preview) return;
    var key = keyOf(link);
    if (!key) { hide("preview"); return; }
    load().then(function (all) {
      var entry = all[key];
      if (entry && (link.matches(":hover") || link === document.activeElement)) showPreview(link, entry);
    });
  }

  /* ----- references and expansions ----- */

  /* What a footnote mark leads to: its entry in the list of references, without the way back ("↩"). */
  function reference(mark) {
    var item = document.getElementById(decodeURIComponent(new URL(mark.href, location.href).hash.slice(1)));
    if (!item) return null;
    var copy = item.cloneNode(true);
    copy.querySelectorAll(".footnote-backref").forEach(function (link) { link.remove(); });
    copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    return Array.prototype.slice.call(copy.childNodes);
  }

  function showTip(host, role, label, content, above) {
    clearTimeout(leaving);
    hide("tip");
    var node = box("explainer-tip", "explainer-tip");
    node.setAttribute("role", role);
    if (label) node.setAttribute("aria-label", label);
    else node.removeAttribute("aria-label");
    node.classList.toggle("explainer-tip--reference", role === "dialog");
    node.replaceChildren.apply(node, content);
    node.hidden = false;
    place(node, host, above);
    shown.tip = host;
    host.setAttribute("aria-describedby", node.id);
  }

  function showReference(mark) {
    if (mark === shown.tip) return;
    var content = reference(mark);
    // A dialog, not a tooltip: a reference holds links, which a pointer may follow from the box.
    if (content) showTip(mark, "dialog", explainerWords("Reference"), content);
  }

  function showExpansion(abbr) {
    if (abbr === shown.tip) return;
    var title = abbr.getAttribute("title");
    // Inside a link, over the abbreviation: the link's preview takes the place below.
    showTip(abbr, "tooltip", null, [document.createTextNode(title)], !!abbr.closest("a"));
    abbr.setAttribute("data-title", title);
    abbr.removeAttribute("title");
  }

  /* ----- one set of listeners for all of it ----- */

  function closest(node, selector) {
    return node && node.closest ? node.closest(selector) : null;
  }

  function abbreviation(node) {
    return closest(node, ABBREVIATION);
  }

  function activate(event) {
    var target = event.target;
    if (closest(target, "#explainer-tip") || (shown.tip && shown.tip.contains(target))) {
      clearTimeout(leaving);
      return;
    }
    var mark = closest(target, MARK), abbr = abbreviation(target), link = closest(target, ".md-content a[href]");
    if (mark) showReference(mark);
    else if (abbr) showExpansion(abbr);
    if (link && !mark) preview(link);
  }

  /* Leaving a host, or its box, hides the box, unless the pointer or focus moves between the two. A pointer on its
     way from a mark to its reference (to follow a link there) has a moment to reach it. */
  var leaving = null;
  function deactivate(event) {
    var to = event.relatedTarget, tip = document.getElementById("explainer-tip");
    if (shown.preview && !(to && shown.preview.contains(to))) hide("preview");
    if (!shown.tip || (to && (shown.tip.contains(to) || (tip && tip.contains(to))))) return;
    clearTimeout(leaving);
    if (event.type === "mouseout" && tip && tip.getAttribute("role") === "dialog") {
      leaving = setTimeout(function () { hide("tip"); }, 300);
    } else {
      hide("tip");
    }
  }

  document.addEventListener("mouseover", activate);
  document.addEventListener("focusin", activate);
  document.addEventListener("mouseout", deactivate);
  document.addEventListener("focusout", deactivate);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hideAll(); });

  /* A tap: on an abbreviation it shows the expansion; on a footnote mark the first tap shows the reference in
     place, the second follows it to the list of references; anywhere else it closes what is open. */
  var touch = false;
  var armed = null;
  document.addEventListener("pointerdown", function (event) { touch = event.pointerType === "touch"; }, true);
  document.addEventListener("click", function (event) {
    var mark = closest(event.target, MARK), abbr = abbreviation(event.target);
    if (abbr) { showExpansion(abbr); return; }
    if (!mark || !touch || armed === mark) {
      armed = null;
      if (!closest(event.target, "#explainer-tip")) hide("tip");
      return;
    }
    armed = mark;
    event.preventDefault();
    showReference(mark);
  }, true);

  /* ----- after the page is shown: work that may wait for an idle moment ----- */

  function idle(work) {
    return window.requestIdleCallback ? window.requestIdleCallback(work, { timeout: 2000 }) : setTimeout(work, 1);
  }

  /* Abbreviations outside links take keyboard focus, so that their expansion shows to keyboard users too. */
  function focusableAbbreviations() {
    document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
      if (!abbr.closest("a")) abbr.tabIndex = 0;
    });
  }

  /* A picture wider than its box opens at its left edge: on the Caucasus, or in 1989. Open it on the story
     instead: a map on the treaty's two parties (or its middle), the timeline on its latest years. */
  function openPicturesOnTheStory() {
    document.querySelectorAll(".explainer-map__box").forEach(function (box) {
      /* A map wider than its box says so under it (the cue), so that a reader knows there is more to swipe to. */
      box.parentElement.classList.toggle("is-wider", box.scrollWidth > box.clientWidth);
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
      /* The latest years, without cutting an era's name at the left edge ("…w openings"): show that name whole. */
      var left = box.scrollWidth - box.clientWidth, origin = box.getBoundingClientRect().left - box.scrollLeft;
      box.querySelectorAll(".explainer-timeline__bands text").forEach(function (label) {
        var rect = label.getBoundingClientRect(), start = rect.left - origin, end = rect.right - origin;
        if (start < left && end > left) left = Math.max(0, start - 4);
      });
      box.scrollLeft = left;
    });
  }

  /* Material's document$ announces each page (every page, should navigation.instant ever swap them in place). */
  function start() {
    hideAll();
    armed = null;
    focusableAbbreviations();
    idle(openPicturesOnTheStory);
  }
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();

/* The fact checks' verdict filter: show only the checks with one verdict, keep the choice in the URL (?verdict=…).
   The form is hidden in the page: without this script every check shows. */
(function () {
  "use strict";

  function apply(form) {
    var verdict = form.elements.verdict.value, checks = document.querySelectorAll("section.explainer-check");
    var shown = 0;
    checks.forEach(function (check) {
      var show = !verdict || check.getAttribute("data-verdict") === verdict;
      check.hidden = !show;
      if (show) shown += 1;
    });
    form.querySelector(".explainer-filters__count").textContent =
      explainerWords("Showing %1 of %2 checks", shown, checks.length);
    var url = new URL(location.href);
    if (verdict) url.searchParams.set("verdict", verdict);
    else url.searchParams.delete("verdict");
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  function start() {
    var form = document.getElementById("verdict-filter");
    if (!form) return;
    var wanted = new URL(location.href).searchParams.get("verdict") || "";
    Array.prototype.forEach.call(form.elements.verdict, function (radio) { radio.checked = radio.value === wanted; });
    if (!Array.prototype.some.call(form.elements.verdict, function (radio) { return radio.checked; })) {
      form.elements.verdict[0].checked = true;
    }
    if (!form.hasAttribute("data-ready")) {
      form.setAttribute("data-ready", "");
      form.addEventListener("change", function () { apply(form); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    }
    form.hidden = false;
    apply(form);
  }

  /* Material's document$ announces each page (every page, should navigation.instant ever swap them in place). */
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();

/* Cite and share: the citation gets the day the reader visits and copy buttons; a claim's link (¶), when selected,
   is copied as well as followed. Without this script the citation says "on the day you read it", and the ¶ is a
   plain link. */
(function () {
  "use strict";

  var status = null;

  /* One polite status line for the whole page, so that a screen reader hears what a copy did. */
  function say(words) {
    if (!status) {
      status = document.createElement("div");
      status.className = "explainer-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = words;
    status.classList.add("is-shown");
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { status.classList.remove("is-shown"); }, 2500);
  }

  function copy(text, what) {
    var done = navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject(new Error("no clipboard"));
    return done.then(function () { say(explainerWords(what + " copied")); },
                     function () { say(explainerWords("Could not copy: select the text and copy it")); });
  }

  function addButton(after, text, label, what) {
    if (after.nextElementSibling && after.nextElementSibling.classList.contains("explainer-copy")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "explainer-copy";
    button.textContent = label;
    button.addEventListener("click", function () { copy(text(), what); });
    after.insertAdjacentElement("afterend", button);
  }

  function start() {
    document.querySelectorAll(".explainer-accessed").forEach(function (span) {
      span.textContent = explainerWords("on %1", explainerWords.day(new Date()));
    });
    document.querySelectorAll(".explainer-cite [data-copy]").forEach(function (citation) {
      addButton(citation, function () { return citation.textContent.trim(); }, explainerWords("Copy citation"), "Citation");
    });
    document.querySelectorAll(".explainer-cite pre").forEach(function (pre) {
      var box = pre.parentElement && pre.parentElement.classList.contains("highlight") ? pre.parentElement : pre;
      addButton(box, function () { return pre.textContent.trim(); }, explainerWords("Copy BibTeX"), "BibTeX");
    });
    document.querySelectorAll(".explainer-claim-link").forEach(function (link) {
      link.title = explainerWords("Copy link to this claim");
      link.setAttribute("aria-label", explainerWords("Copy link to this claim"));
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".explainer-claim-link") : null;
    if (link) copy(new URL(link.getAttribute("href"), location.href).href, "Link to this claim");
  });

  /* Material's document$ announces each page (every page, should navigation.instant ever swap them in place). */
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();

/* A long page's references are folded (hooks/explainer/safety.py): following a footnote mark, or opening the page
   at a reference, unfolds them first, so that the browser can scroll to the reference. */
(function () {
  "use strict";

  function unfold(hash) {
    if (!hash || hash.indexOf("#fn:") !== 0) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    var folded = target ? target.closest("details.explainer-references") : null;
    if (folded && !folded.open) {
      folded.open = true;
      target.scrollIntoView();
    }
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("a.footnote-ref") : null;
    if (mark) unfold(mark.hash);
  }, true);
  window.addEventListener("hashchange", function () { unfold(location.hash); });
  if (window.document$) window.document$.subscribe(function () { unfold(location.hash); });
  else document.addEventListener("DOMContentLoaded", function () { unfold(location.hash); });
})();
