/* The timeline's filters: narrow the picture's marks and the list together by country, organisation and source
   (the article or context), and keep the choice in the URL (?country=uzbekistan&source=article), which the way
   back to the page keeps too. The controls are hidden in the page: without this script every event shows. */
(function () {
  "use strict";
  var FIELDS = ["country", "organisation", "source"];
  var LISTS = { country: "countries", organisation: "organisations" };

  /* What the controls say now: {country: "uzbekistan", organisation: "", source: "article"}. */
  function chosen(form) {
    var choice = {};
    FIELDS.forEach(function (name) { choice[name] = form.elements[name].value; });
    return choice;
  }

  /* Set a control to a value from the URL, if it offers that value; else leave it on "any". A radio button is
     checked itself: Chromium's RadioNodeList ignores value = "" (so "Show all" left the source as it was). */
  function choose(form, name, value) {
    var control = form.elements[name];
    if (control.options) {
      if (Array.prototype.some.call(control.options, function (option) { return option.value === value; })) {
        control.value = value;
      }
      return;
    }
    Array.prototype.forEach.call(control, function (radio) { if (radio.value === value) radio.checked = true; });
  }

  function matches(node, choice) {
    return Object.keys(LISTS).every(function (name) {
      return !choice[name] || node.getAttribute("data-" + LISTS[name]).split(" ").indexOf(choice[name]) >= 0;
    }) && (!choice.source || node.getAttribute("data-source") === choice.source);
  }

  /* The table of contents follows: an era's entry goes with its heading (in the sidebar, and in the menu's copy of
     the table of contents on a narrow screen). By the link's fragment: Material makes the links' addresses absolute. */
  function tableOfContents(heading) {
    if (!heading.id) return;
    document.querySelectorAll(".md-nav--secondary a.md-nav__link[href*='#']").forEach(function (link) {
      if (decodeURIComponent(link.hash.slice(1)) === heading.id) (link.closest("li") || link).hidden = heading.hidden;
    });
  }

  function apply(form) {
    var choice = chosen(form), shown = 0, entries = document.querySelectorAll(".md-content li[data-source]");
    document.querySelectorAll(".explainer-timeline__mark[data-source]").forEach(function (mark) {
      mark.classList.toggle("is-filtered-out", !matches(mark, choice));
    });
    entries.forEach(function (entry) {
      entry.hidden = !matches(entry, choice);
      if (!entry.hidden) shown += 1;
    });
    // An era none of whose events is shown loses its heading and its list too.
    document.querySelectorAll(".md-content ul").forEach(function (list) {
      if (!list.querySelector(":scope > li[data-source]")) return;
      list.hidden = !list.querySelector(":scope > li[data-source]:not([hidden])");
      var heading = list.previousElementSibling;
      if (heading && heading.tagName === "H2") {
        heading.hidden = list.hidden;
        tableOfContents(heading);
      }
    });
    form.querySelector(".explainer-filters__count").textContent =
      explainerWords("Showing %1 of %2 events", shown, entries.length);
  }

  /* Keep the choice in the address, without a new history entry for each change. */
  function remember(form) {
    var choice = chosen(form), url = new URL(location.href);
    FIELDS.forEach(function (name) {
      if (choice[name]) url.searchParams.set(name, choice[name]);
      else url.searchParams.delete(name);
    });
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  function start() {
    var form = document.getElementById("timeline-filters");
    if (!form) return;
    var query = new URL(location.href).searchParams;
    FIELDS.forEach(function (name) { choose(form, name, query.get(name) || ""); });
    if (!form.hasAttribute("data-ready")) {
      form.setAttribute("data-ready", "");
      form.addEventListener("change", function () { apply(form); remember(form); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.querySelector("[data-filter-reset]").addEventListener("click", function () {
        FIELDS.forEach(function (name) { choose(form, name, ""); });
        apply(form);
        remember(form);
      });
    }
    form.hidden = false;
    apply(form);
  }

  /* Material's document$ announces each page (every page, should navigation.instant ever swap them in place). */
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
