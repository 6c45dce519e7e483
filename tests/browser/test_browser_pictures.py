"""The pictures in a real browser: a timeline mark shows its event on focus and leads to its entry; maps link."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from explainer.links import plain
from tests.sitebuild import load_site


@pytest.fixture(scope="module")
def site_data():
    return load_site()


def test_focusing_a_timeline_mark_shows_its_event(page, site_url, site_data):
    page.goto(site_url + "timeline/", wait_until="load")
    event = next(event for event in site_data.dataset.events if event.date == "2022-12-22")
    mark = page.locator(f'.explainer-timeline__mark:has([data-event="{event.id}"])')
    tip = mark.locator("foreignObject div")
    expect(tip).to_be_hidden()
    mark.focus()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(plain(event.title, site_data.names)[:40])
    box = tip.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 20, f"the event is not shown at a readable size: {box}"
    # Choosing the mark goes to the event's entry in the list.
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_url}timeline/#{event.id}")
    expect(page.locator(f'time[id="{event.id}"]')).to_be_in_viewport()


def test_tapping_a_timeline_mark_on_a_phone_goes_to_its_entry(phone_page, site_url, site_data):
    phone_page.goto(site_url + "timeline/", wait_until="load")
    event = site_data.dataset.events[0]
    mark = phone_page.locator(f'.explainer-timeline__mark:has([data-event="{event.id}"])')
    mark.scroll_into_view_if_needed()
    mark.tap()
    expect(phone_page).to_have_url(f"{site_url}timeline/#{event.id}")
    # The picture scrolls inside its own box: the page itself is no wider than the phone.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_country_on_the_map_leads_to_its_page(page, site_url):
    page.goto(site_url + "places/", wait_until="load")
    page.locator('.explainer-map--region a:has([data-country="uzbekistan"])').focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + "countries/uzbekistan/")
