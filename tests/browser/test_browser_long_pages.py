"""Issue 26, lighter long pages: a page with many references shows them folded under a button; a footnote mark still
shows its reference on hover, and following it unfolds the list and lands on the reference."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_a_long_pages_references_are_folded_and_a_mark_unfolds_them(page, site_url):
    page.goto(site_url + "timeline/", wait_until="load")
    folded = page.locator("details.explainer-references")
    expect(folded).to_have_count(1)
    expect(folded.locator("summary")).to_have_text(re.compile(r"^Show all \d+ references$"))
    assert folded.get_attribute("open") is None
    first_reference = page.locator("div.footnote li[id^='fn:']").first
    expect(first_reference).to_be_hidden()
    mark = page.locator("article p sup a.footnote-ref, article li sup a.footnote-ref").first
    mark.hover()
    expect(page.locator("#explainer-tip")).to_be_visible()
    target = mark.get_attribute("href").split("#")[1]
    mark.click()
    expect(folded).to_have_attribute("open", "")
    expect(page.locator(f"[id='{target}']")).to_be_in_viewport()


def test_opening_a_page_at_a_reference_unfolds_it(page, site_url):
    page.goto(site_url + "timeline/#fn:3", wait_until="load")
    expect(page.locator("details.explainer-references")).to_have_attribute("open", "")
    expect(page.locator("[id='fn:3']")).to_be_visible()


def test_a_short_pages_references_are_not_folded(page, site_url):
    page.goto(site_url + "people/karimov/", wait_until="load")
    expect(page.locator("details.explainer-references")).to_have_count(0)
    expect(page.locator("div.footnote li[id^='fn:']").first).to_be_visible()
