"""What a reader does with a mouse: search, follow a link in the text or a backlink, switch to dark mode."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

TREATY = "treaty/treaty-on-allied-relations/"


def open_page(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path, wait_until="load")


def content(page: Page):
    """The page's main article (Material's <article class="md-content__inner">)."""
    return page.locator("article.md-content__inner")


def test_search_lists_the_concept_and_opens_it(page, site_url):
    open_page(page, site_url, "")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Middle Corridor", delay=20)
    # Material adds ?h=<query> to a result's link, to highlight the words on the page it opens.
    result = page.locator(".md-search-result__item > a.md-search-result__link[href*='/routes/middle-corridor/']")
    expect(result).to_be_visible()
    expect(result).to_contain_text("Middle Corridor")
    result.click()
    expect(page).to_have_url(re.compile(re.escape(site_url + "routes/middle-corridor/") + r"(\?h=[^#]*)?$"))
    # The page is named for the route's official name; the search found it by its common one.
    expect(content(page).locator("h1")).to_have_text(re.compile("Trans-Caspian International Transport Route"))


def test_a_link_in_an_entitys_text_opens_the_entitys_page(page, site_url):
    open_page(page, site_url, TREATY)
    # The summary: the first paragraph after the kind line and the cite button, before the infobox.
    summary = content(page).locator("details.explainer-cite + p")
    link = summary.locator("a[href$='countries/kazakhstan/']").first
    expect(link).to_have_text("Kazakhstan")
    link.click()
    expect(page).to_have_url(site_url + "countries/kazakhstan/")
    expect(content(page).locator("h1")).to_have_text(re.compile(r"^Kazakhstan"))
    expect(page).to_have_title(re.compile(r"^Kazakhstan"))


def test_a_backlink_opens_the_page_that_mentions_this_one(page, site_url):
    open_page(page, site_url, TREATY)
    backlinks = content(page).locator("h2#connected + ul > li > a")
    expect(backlinks.first).to_be_visible()
    assert backlinks.count() >= 3, "the treaty is mentioned on several pages"
    link = backlinks.filter(has_text="Eurasian Economic Union")
    name = link.inner_text().strip()
    # Relative as the page has it (absolute if Material's navigation.instant ever rewrites it on load).
    href = link.get_attribute("href")
    assert href.endswith("/organisations/eaeu/"), href
    link.click()
    expect(page).to_have_url(site_url + "organisations/eaeu/")
    expect(content(page).locator("h1")).to_have_text(re.compile("^" + re.escape(name)))
    # And the page it opens does mention the treaty, or the backlink lied.
    expect(content(page).locator(f"a[href$='{TREATY}']").first).to_be_attached()


def scheme(page: Page) -> str | None:
    return page.locator("body").get_attribute("data-md-color-scheme")


# A body's background in the light scheme: white, or none (the canvas's white).
LIGHT_BACKGROUNDS = ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")


def press_the_switch(page: Page) -> None:
    """Enter on the light/dark switch, as a keyboard user moves to the next scheme."""
    switch = page.locator("[data-explainer-palette] input:checked")
    switch.focus()
    switch.press("Enter")


def test_the_dark_mode_toggle_works_and_is_kept_across_pages(page, site_url):
    open_page(page, site_url, "")
    assert scheme(page) == "default", "the light scheme first, as the browser prefers light"
    page.locator("label.md-header__button[title='Switch to dark mode']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background not in LIGHT_BACKGROUNDS, background

    # A full page load elsewhere keeps the choice ...
    open_page(page, site_url, TREATY)
    assert scheme(page) == "slate"
    expect(page.locator("label.md-header__button[title='Switch to light mode']")).to_be_visible()
    # ... and so does following a link.
    content(page).locator("a[href$='countries/kazakhstan/']").first.click()
    expect(page).to_have_url(site_url + "countries/kazakhstan/")
    assert scheme(page) == "slate"

    page.locator("label.md-header__button[title='Switch to light mode']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    open_page(page, site_url, "timeline/")
    assert scheme(page) == "default"


# Every change to the body's attributes while a page loads, kept where the test can read it.
BODY_CHANGES = """
window.__bodyChanges = [];
new MutationObserver(function (records) {
  records.forEach(function (record) {
    if (record.target === document.body) window.__bodyChanges.push(record.attributeName);
  });
}).observe(document, { attributes: true, subtree: true });
"""


# The body's background when the page is parsed, before the deferred scripts run (readyState "interactive").
FIRST_BACKGROUND = """
document.addEventListener("readystatechange", function () {
  if (document.readyState === "interactive") window.__firstBackground = getComputedStyle(document.body).backgroundColor;
});
"""


def test_a_page_loads_without_restyling_it_for_the_palette(page, site_url):
    """Material's palette component marks the body as switching colours at every load, which restyles the whole
    page twice; docs/assets/palette.js leaves the body alone when its colours are already right."""
    page.add_init_script(BODY_CHANGES)
    open_page(page, site_url, TREATY)
    expect(page.locator("label.md-header__button[title='Switch to dark mode']")).to_be_visible()
    page.wait_for_timeout(500)  # past the frames in which Material's component would unmark the body
    assert page.evaluate("window.__bodyChanges") == []


def test_the_dark_mode_switch_works_by_keyboard(page, site_url):
    open_page(page, site_url, "")
    press_the_switch(page)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator("label.md-header__button[title='Switch to light mode']")).to_be_visible()
    expect(page.locator("meta[name='color-scheme']")).to_have_attribute("content", "dark")
    # The browser prefers light, so the dark scheme's stylesheet is the reader's choice: kept on the next page load,
    # from the first paint (the page's colours as it is parsed, before palette.js runs).
    page.add_init_script(FIRST_BACKGROUND)
    open_page(page, site_url, TREATY)
    background = page.evaluate("window.__firstBackground")
    assert background not in LIGHT_BACKGROUNDS, background
    press_the_switch(page)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
