"""Issue 26 on a phone (390×844): "Cite this page" sits under the title and copies a citation with the day of the
visit; a claim's ¶ copies its link; the region map opens on the two parties with a cue to swipe for the rest."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from tests.browser.conftest import PHONE

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def clipboard_page(new_context, site_url):
    origin = re.match(r"https?://[^/]+", site_url)[0]
    context = new_context(PHONE, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    return context.new_page()


def test_cite_this_page_is_under_the_title_and_copies_the_citation(new_context, site_url):
    page = clipboard_page(new_context, site_url)
    page.goto(site_url + "countries/uzbekistan/", wait_until="load")
    button = page.locator("details.explainer-cite > summary")
    expect(button).to_have_text("Cite this page")
    box = button.bounding_box()
    assert box and box["y"] + box["height"] < PHONE["height"], f"the cite button is below the first screen: {box}"
    assert box["height"] >= 24 and box["width"] >= 24, box
    button.click()
    today = date.today()
    visited = f"accessed on {today.day} {MONTHS[today.month - 1]} {today.year}"
    citation = page.locator(".explainer-cite__text")
    expect(citation).to_contain_text(visited)
    page.get_by_role("button", name="Copy citation").click()
    expect(page.locator(".explainer-status")).to_have_text("Citation copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Uzbekistan. ") and visited in copied and "/countries/uzbekistan/" in copied, copied
    # BibTeX is folded under it, with its own copy button.
    expect(page.get_by_role("button", name="Copy BibTeX")).to_be_hidden()
    page.locator("details.explainer-cite__bibtex > summary").click()
    page.get_by_role("button", name="Copy BibTeX").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("@misc{uzbekistan,")


def test_a_claim_link_copies_its_address(new_context, site_url):
    page = clipboard_page(new_context, site_url)
    page.goto(site_url + "countries/uzbekistan/", wait_until="load")
    link = page.locator("a.explainer-claim-link").first
    expect(link).to_have_attribute("title", "Copy link to this claim")
    href = link.get_attribute("href")
    link.click()
    expect(page.locator(".explainer-status")).to_have_text("Link to this claim copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    anchor = "#" + href.split("#")[1]
    assert copied == site_url + "countries/uzbekistan/" + anchor, copied
    assert page.url.endswith(anchor)


def test_the_region_map_opens_on_the_parties_with_a_cue_to_swipe(phone_page, site_url):
    phone_page.goto(site_url + "places/", wait_until="load")
    figure = phone_page.locator("figure.explainer-map--region")
    expect(figure).to_have_class(re.compile(r"\bis-wider\b"))
    expect(figure.locator(".explainer-map__cue")).to_be_visible()
    box = figure.locator(".explainer-map__box")
    width = box.evaluate("box => box.clientWidth")
    assert width <= PHONE["width"], width
    # Labels stay legible: the map is not shrunk below the width its labels were drawn for.
    assert box.evaluate("box => box.querySelector('svg').getBoundingClientRect().width") >= 600
    # It opens on Uzbekistan (the smaller party), not at its left edge on the Caucasus.
    phone_page.wait_for_function(
        "() => document.querySelector('.explainer-map--region .explainer-map__box').scrollLeft > 0")
    shown = box.bounding_box()
    uzbekistan = figure.locator("path[data-country='uzbekistan']").bounding_box()
    assert shown and uzbekistan
    middle = uzbekistan["x"] + uzbekistan["width"] / 2
    assert shown["x"] <= middle <= shown["x"] + shown["width"], (shown, uzbekistan)


def test_the_timeline_opens_on_its_latest_years_with_no_era_name_cut(phone_page, site_url):
    phone_page.goto(site_url + "timeline/", wait_until="load")
    box = phone_page.locator(".explainer-timeline__box").first
    phone_page.wait_for_function("() => document.querySelector('.explainer-timeline__box').scrollLeft > 0")
    shown = box.bounding_box()
    cut = box.evaluate("""box => {
      const edge = box.getBoundingClientRect().left;
      return [...box.querySelectorAll('.explainer-timeline__bands text')]
        .filter(label => { const r = label.getBoundingClientRect(); return r.left < edge - 1 && r.right > edge + 1; })
        .map(label => label.textContent);
    }""")
    assert shown and not cut, f"era names cut at the left edge: {cut}"
