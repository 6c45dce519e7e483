"""What the browser draws from the data: the succession diagram, the timeline's dates, the glossary's tooltips."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from explainer.links import succession_chains
from tests.sitebuild import load_site


@pytest.fixture(scope="module")
def site_data():
    return load_site()


def test_the_succession_diagram_is_drawn_with_every_organisations_name(page, site_url, site_data):
    page.goto(site_url + "organisations/", wait_until="load")
    svg = page.locator("article figure.explainer-succession svg")
    expect(svg).to_be_visible()
    box = svg.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 150, f"the diagram is not drawn at a usable size: {box}"

    texts = [text.strip() for text in svg.locator("text").all_text_contents()]
    chains = succession_chains(site_data.organisations_by_founding())
    in_chains = [org for chain in chains for org in chain]
    assert {"cau", "eaeu", "ots"} <= {org.id for org in in_chains}, "the data lost a line of succession"
    for org in in_chains:
        assert org.name in texts, f"{org.name} is not drawn in the diagram: {texts}"
        if org.abbreviations:
            assert org.abbreviations[0] in texts, f"{org.abbreviations[0]} is not drawn in the diagram"
    # The text is really rendered: each label has a size on screen.
    name = svg.locator("text", has_text="Eurasian Economic Union").first
    size = name.bounding_box()
    assert size and size["width"] > 50, f"the label is not rendered: {size}"
    # Each box links to its organisation's page.
    eaeu = svg.locator("a", has=page.locator("text", has_text="EAEU"))
    eaeu.click()
    expect(page).to_have_url(site_url + "organisations/eaeu/")


def test_the_timeline_renders_every_event_as_a_time_element(page, site_url, site_data):
    page.goto(site_url + "timeline/", wait_until="load")
    times = page.locator("article time[datetime]")
    events = site_data.dataset.events
    expect(times).to_have_count(len(events))
    rendered = times.evaluate_all("els => els.map(el => [el.getAttribute('datetime'), el.textContent.trim()])")
    assert sorted(datetime for datetime, _ in rendered) == sorted(event.date for event in events)
    assert all(text for _, text in rendered), "a <time> element shows no date"
    first = times.first
    expect(first).to_be_visible()
    # In date order on the page.
    order = [datetime for datetime, _ in rendered]
    assert order == sorted(order, key=lambda date: tuple(int(part) for part in date.split("-"))), order


@pytest.mark.parametrize("path", ["treaty/treaty-on-allied-relations/", "organisations/", "timeline/"])
def test_abbreviations_have_glossary_tooltips(page, site_url, site_data, path):
    page.goto(site_url + path, wait_until="load")
    abbrs = page.locator("article abbr[title]")
    assert abbrs.count() > 0, f"no <abbr title> on {path}"
    found = abbrs.evaluate_all("els => els.map(el => [el.textContent.trim(), el.getAttribute('title')])")
    for text, title in found:
        assert text in site_data.glossary, f"<abbr>{text}</abbr> is not in the glossary"
        assert title == site_data.entity_by_id[site_data.glossary[text]].name, (text, title)
    # Hovering one shows the full name in the site's tooltip (assets/explainer.js takes the title off while it shows).
    first = page.locator("article abbr").first
    text = (first.text_content() or "").strip()
    first.scroll_into_view_if_needed()
    first.hover()
    expect(page.locator("#explainer-tip[role=tooltip]")).to_have_text(site_data.entity_by_id[site_data.glossary[text]].name)
