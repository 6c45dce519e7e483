"""The Russian edition in a browser: its search finds «Токаев» with the Russian stemmer (an inflected form too), and
the language switcher leads from a page to the same page in the other language and back."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

TOKAYEV = "people/tokayev/"


def search(page: Page, words: str):
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(words, delay=20)
    return page.locator(".md-search-result__item > a.md-search-result__link")


def test_the_russian_search_finds_tokayev(page, site_url):
    page.goto(site_url + "ru/", wait_until="load")
    results = search(page, "Токаев")
    tokayev = results.and_(page.locator(f"[href*='/ru/{TOKAYEV}']"))
    expect(tokayev.first).to_be_visible()
    expect(tokayev.first).to_contain_text("Токаев")
    tokayev.first.click()
    expect(page).to_have_url(re.compile(re.escape(site_url + "ru/" + TOKAYEV) + r"(\?h=[^#]*)?$"))
    expect(page.locator("article h1")).to_contain_text("Токаев")


def test_the_russian_search_finds_a_word_by_its_stem(page, site_url):
    """«договора» (of the treaty) finds the pages about the treaty: Russian words are indexed by their stems."""
    page.goto(site_url + "ru/", wait_until="load")
    results = search(page, "договора")
    expect(results.first).to_be_visible()
    assert results.count() >= 3


def test_the_switcher_leads_to_the_same_page_in_the_other_language(page, site_url):
    page.goto(site_url + TOKAYEV, wait_until="load")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='ru']").click()
    expect(page).to_have_url(site_url + "ru/" + TOKAYEV)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='en']").click()
    expect(page).to_have_url(site_url + TOKAYEV)
