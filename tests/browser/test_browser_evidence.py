"""Evidence at a glance, in Chromium: a footnote mark shows its reference in place, a link to an entry previews it,
an abbreviation shows its expansion; by mouse, by keyboard and by tap on a phone; nothing from another host."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from explainer.links import plain
from tests.sitebuild import load_site

TREATY = "treaty/treaty-on-allied-relations/"
# docs/assets/explainer.js's boxes: one for a reference or an expansion, one for a preview.
REFERENCE = "#explainer-tip[role=dialog]"
EXPANSION = "#explainer-tip[role=tooltip]"
PREVIEW = "#explainer-preview"


@pytest.fixture(scope="module")
def site_data():
    return load_site()


def footnote_text(page: Page, mark) -> str:
    """The reference a mark leads to, as the list at the foot of the page shows it, without its "↩" links."""
    target = mark.get_attribute("href").split("#")[1]
    return page.evaluate("""id => { const li = document.getElementById(id).cloneNode(true);
        li.querySelectorAll('.footnote-backref').forEach(a => a.remove());
        return li.textContent.replace(/\\s+/g, ' ').trim(); }""", target)


def shown(locator) -> str:
    return " ".join(locator.inner_text().split())


def first_mark_citing(page: Page, words: str):
    """The first footnote mark in the page's text whose reference contains `words`."""
    marks = page.locator("article .footnote-ref")
    for index in range(marks.count()):
        if words in footnote_text(page, marks.nth(index)):
            return marks.nth(index)
    raise AssertionError(f"no footnote on the page cites {words!r}")


def test_hovering_a_footnote_mark_shows_the_articles_words(page, site_url, site_data, axe_check):
    page.goto(site_url + TREATY, wait_until="load")
    treaty = site_data.entity_by_id["treaty-on-allied-relations"]
    quote = next(citation.quote for citation in treaty.cite if citation.source == "article")
    mark = first_mark_citing(page, quote[:40])
    mark.hover()
    reference = page.locator(REFERENCE)
    expect(reference).to_be_visible()
    assert quote[:40] in shown(reference), shown(reference)
    assert shown(reference) == footnote_text(page, mark), "the tooltip is not the mark's own reference"
    assert "↩" not in shown(reference)
    assert not axe_check(page), axe_check(page)


def test_hovering_a_context_mark_shows_the_sources_publisher_and_title(page, site_url, site_data):
    page.goto(site_url + TREATY, wait_until="load")
    treaty = site_data.entity_by_id["treaty-on-allied-relations"]
    context = next(citation for fact in treaty.facts for citation in fact.cite if citation.source != "article")
    source = site_data.sources[context.source]
    mark = first_mark_citing(page, source.title)
    mark.hover()
    reference = page.locator(REFERENCE)
    expect(reference).to_be_visible()
    assert source.publisher in shown(reference) and source.title in shown(reference), shown(reference)


def test_a_footnote_mark_shows_its_reference_on_keyboard_focus(page, site_url):
    page.goto(site_url + TREATY, wait_until="load")
    mark = page.locator("article .footnote-ref").first
    mark.focus()
    expect(page.locator(REFERENCE)).to_be_visible()


def test_hovering_an_entity_link_previews_that_page(page, site_url, site_data, axe_check):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + TREATY, wait_until="load")
    link = page.locator("article p a[href$='/countries/kazakhstan/']").first
    link.hover()
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    kazakhstan = site_data.entity_by_id["kazakhstan"]
    expect(preview).to_contain_text(kazakhstan.name)
    assert " ".join(plain(kazakhstan.summary, site_data.names).split()) in shown(preview)
    expect(link).to_have_attribute("aria-describedby", "explainer-preview")
    assert not axe_check(page), axe_check(page)
    page.mouse.move(0, 0)
    expect(preview).to_be_hidden()
    foreign = [url for url in requests if not url.startswith(site_url.split("/", 3)[0] + "//" + site_url.split("/")[2])]
    assert not foreign, f"the previews asked another host: {foreign}"


def test_an_entity_link_previews_on_keyboard_focus_and_escape_closes_it(page, site_url):
    page.goto(site_url + TREATY, wait_until="load")
    link = page.locator("article p a[href$='/people/tokayev/']").first
    link.focus()
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    expect(preview).to_contain_text("Tokayev")
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()


def test_a_link_to_a_page_that_is_not_an_entry_shows_no_preview(page, site_url):
    page.goto(site_url + TREATY, wait_until="load")
    page.locator("article a[href$='/timeline/']").first.hover()
    page.locator("article a[href$='/people/tokayev/']").first.hover()
    expect(page.locator(PREVIEW)).to_contain_text("Tokayev")
    page.locator("article a[href$='/timeline/']").first.hover()
    expect(page.locator(PREVIEW)).to_be_hidden()


def test_an_abbreviation_shows_its_expansion_on_keyboard_focus(page, site_url, site_data):
    page.goto(site_url + TREATY, wait_until="load")
    abbr = page.locator("article abbr[tabindex='0']").first
    text = (abbr.text_content() or "").strip()
    abbr.focus()
    expect(page.locator(EXPANSION)).to_have_text(site_data.entity_by_id[site_data.glossary[text]].name)


def test_tapping_an_abbreviation_on_a_phone_shows_its_expansion(phone_page, site_url, site_data, axe_check):
    phone_page.goto(site_url + TREATY, wait_until="load")
    # The page's first abbreviation outside a link is in its references, folded on a long page: open them first.
    folded = phone_page.locator("details.explainer-references > summary")
    if folded.count():
        folded.tap()
    abbr = phone_page.locator("article p abbr[title]:not(a abbr)").first
    text = (abbr.text_content() or "").strip()
    abbr.scroll_into_view_if_needed()
    abbr.tap()
    expansion = phone_page.locator(EXPANSION)
    expect(expansion).to_be_visible()
    expect(expansion).to_have_text(site_data.entity_by_id[site_data.glossary[text]].name)
    box, width = expansion.bounding_box(), phone_page.viewport_size["width"]
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, f"the tooltip leaves the screen: {box}"
    assert not axe_check(phone_page), axe_check(phone_page)


def test_tapping_a_footnote_mark_on_a_phone_shows_the_reference_then_follows_it(phone_page, site_url):
    phone_page.goto(site_url + TREATY, wait_until="load")
    mark = phone_page.locator("article p .footnote-ref").first
    mark.scroll_into_view_if_needed()
    mark.tap()
    expect(phone_page.locator(REFERENCE)).to_be_visible()
    assert "#fn" not in phone_page.url, "the first tap left the text instead of showing the reference"
    mark.tap()
    expect(phone_page).to_have_url(f"{site_url}{TREATY}#fn:1")


def test_an_entity_page_prints_cleanly(page, site_url):
    page.goto(site_url + TREATY, wait_until="load")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-content__button",
                   ".explainer-claim-link"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("article .explainer-infobox")).to_be_visible()
    expect(page.locator("article .footnote")).to_be_visible()
    fact = page.locator("article .explainer-facts li").first
    assert fact.evaluate("el => getComputedStyle(el).breakInside") == "avoid"
    link = page.locator("article .footnote a[href^='http']:not(.footnote-backref)").first
    href = link.get_attribute("href")
    after = link.evaluate("el => getComputedStyle(el, '::after').content")
    assert href in after, f"the printed link does not show its address: {after!r}"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.emulate_media(media="screen")
    expect(page.locator(".md-header")).to_be_visible()
