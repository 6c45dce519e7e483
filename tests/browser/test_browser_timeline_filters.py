"""The timeline's filters in a real browser: they narrow the picture's marks and the list together, the URL keeps
them (also after leaving the page and coming back), and without the script everything shows and no control does."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.sitebuild import load_site

LINK = re.compile(r"\[\[([^\]|]+)")
# The ids of the marks and of the list entries that are shown now (checkVisibility: laid out, not display: none).
SHOWN = """() => ({
  marks: [...document.querySelectorAll('.explainer-timeline__mark')]
           .filter(mark => mark.checkVisibility()).map(mark => mark.querySelector('[data-event]').dataset.event),
  entries: [...document.querySelectorAll('.md-content li > time[id]')]
             .filter(time => time.checkVisibility()).map(time => time.id),
})"""


@pytest.fixture(scope="module")
def site_data():
    return load_site()


@pytest.fixture(scope="module")
def about(site_data) -> dict[str, set[str]]:
    """Each event's ids: its `about:` and the entries its title links (worked out here, not by the site's code)."""
    return {event.id: set(event.about) | set(LINK.findall(event.title)) for event in site_data.dataset.events}


def events_where(site_data, about, *, country: str = "", organisation: str = "", source: str = "") -> set[str]:
    """The events a filter should leave, from the data."""
    countries = {country.id for country in site_data.dataset.countries}
    organisations = {organisation.id for organisation in site_data.dataset.organisations}
    assert not country or country in countries
    assert not organisation or organisation in organisations
    kept = set()
    for event in site_data.dataset.events:
        from_article = any(citation.source == "article" for citation in event.cite)
        if ((not country or country in about[event.id]) and (not organisation or organisation in about[event.id])
                and (not source or (source == "article") == from_article)):
            kept.add(event.id)
    return kept


def shown(page: Page) -> tuple[set[str], set[str]]:
    found = page.evaluate(SHOWN)
    return set(found["marks"]), set(found["entries"])


def count(page: Page):
    return page.locator("#timeline-filters [role=status]")


def open_timeline(page: Page, site_url: str, query: str = "") -> list[str]:
    """Open the timeline page; the console errors and page errors it raises are collected in the list returned."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "timeline/" + query, wait_until="load")
    expect(page.locator("#timeline-filters")).to_be_visible()
    return errors


def test_choosing_a_country_narrows_the_marks_and_the_list_and_the_url_keeps_it(page, site_url, site_data, about):
    errors = open_timeline(page, site_url)
    total = len(site_data.dataset.events)
    expect(count(page)).to_have_text(f"Showing {total} of {total} events")
    assert shown(page) == (set(about), set(about)), "before any choice, every mark and every entry shows"

    page.locator("#filter-country").select_option("uzbekistan")
    expected = events_where(site_data, about, country="uzbekistan")
    assert 0 < len(expected) < total, "Uzbekistan's events are some of the events, not none or all"
    expect(count(page)).to_have_text(f"Showing {len(expected)} of {total} events")
    marks, entries = shown(page)
    assert marks == expected, f"marks shown but not about Uzbekistan: {marks - expected}; missing: {expected - marks}"
    assert entries == expected, f"entries shown wrongly: {entries ^ expected}"
    assert parse_qs(urlsplit(page.url).query) == {"country": ["uzbekistan"]}

    # "Show all" undoes the filter, and the URL forgets it.
    page.get_by_role("button", name="Show all").click()
    expect(count(page)).to_have_text(f"Showing {total} of {total} events")
    assert shown(page) == (set(about), set(about))
    assert urlsplit(page.url).query == ""
    assert not errors, errors


def test_loading_a_filtered_url_applies_the_filter(page, site_url, site_data, about):
    errors = open_timeline(page, site_url, "?country=uzbekistan&source=article")
    expected = events_where(site_data, about, country="uzbekistan", source="article")
    assert 0 < len(expected) < len(events_where(site_data, about, country="uzbekistan"))
    expect(page.locator("#filter-country")).to_have_value("uzbekistan")
    expect(page.locator("#timeline-filters").get_by_label("The article")).to_be_checked()
    expect(count(page)).to_have_text(f"Showing {len(expected)} of {len(about)} events")
    assert shown(page) == (expected, expected)
    # An era with none of the events left loses its heading too; the others keep theirs.
    headings = " | ".join(page.locator(".md-content h2").filter(visible=True).all_inner_texts())
    for era, events in site_data.eras():
        assert era is not None
        assert (era.title in headings) == any(event.id in expected for event in events), (era.title, headings)
    assert not errors, errors


# The texts of the table of contents' entries that show now, in the sidebar on the right (1280 px wide).
TABLE_OF_CONTENTS = """() => [...document.querySelectorAll('.md-sidebar--secondary .md-nav--secondary a.md-nav__link')]
  .filter(link => link.checkVisibility()).map(link => link.textContent.replace(/\\s+/g, ' ').trim())"""


def eras_listed(page: Page, site_data) -> set[str]:
    """The titles of the eras the table of contents lists now (an entry reads "Title (1989–2001)")."""
    entries = page.evaluate(TABLE_OF_CONTENTS)
    assert entries, "the table of contents shows no entry at all"
    return {era.title for era, _ in site_data.eras() if era and any(entry.startswith(era.title + " (")
                                                                      for entry in entries)}


def test_the_table_of_contents_follows_the_filter(page, site_url, site_data, about):
    errors = open_timeline(page, site_url, "?country=uzbekistan&source=article")
    expected = events_where(site_data, about, country="uzbekistan", source="article")
    everything = {era.title for era, _ in site_data.eras() if era}
    kept = {era.title for era, events in site_data.eras() if era and any(event.id in expected for event in events)}
    assert kept and kept < everything, "the filter should leave some eras, not none or all"
    expect(count(page)).to_have_text(f"Showing {len(expected)} of {len(about)} events")
    assert eras_listed(page, site_data) == kept, f"eras listed without an event shown: {eras_listed(page, site_data)}"
    assert "References" in page.evaluate(TABLE_OF_CONTENTS), "an entry that is not an era stays"

    # Cleared (the source as well as the country), the filter gives every era its entry back.
    page.get_by_role("button", name="Show all").click()
    expect(count(page)).to_have_text(f"Showing {len(about)} of {len(about)} events")
    assert urlsplit(page.url).query == ""
    assert eras_listed(page, site_data) == everything
    assert not errors, errors


def test_article_against_context(page, site_url, site_data, about):
    errors = open_timeline(page, site_url)
    for choice in ("context", "article"):
        page.locator(f'#timeline-filters input[name="source"][value="{choice}"]').check()
        expected = events_where(site_data, about, source=choice)
        expect(count(page)).to_have_text(f"Showing {len(expected)} of {len(about)} events")
        assert shown(page) == (expected, expected), choice
        marks = page.locator(".explainer-timeline__mark").filter(visible=True)
        expect(marks.and_(page.locator(f".is-{'context' if choice == 'article' else 'article'}"))).to_have_count(0)
        assert parse_qs(urlsplit(page.url).query) == {"source": [choice]}
    assert not errors, errors


def test_an_organisation_combines_with_a_country(page, site_url, site_data, about):
    open_timeline(page, site_url, "?organisation=ots")
    expected = events_where(site_data, about, organisation="ots")
    assert expected
    assert shown(page) == (expected, expected)
    page.locator("#filter-country").select_option("kazakhstan")
    both = events_where(site_data, about, country="kazakhstan", organisation="ots")
    assert 0 < len(both) < len(expected), "the two together leave fewer events than the organisation alone"
    expect(count(page)).to_have_text(f"Showing {len(both)} of {len(about)} events")
    assert shown(page) == (both, both)
    assert parse_qs(urlsplit(page.url).query) == {"organisation": ["ots"], "country": ["kazakhstan"]}


def test_the_filter_survives_a_mark_and_a_way_back(page, site_url, site_data, about):
    open_timeline(page, site_url, "?country=uzbekistan")
    expected = events_where(site_data, about, country="uzbekistan")
    # Choosing a mark goes to its entry and keeps the filter.
    event = sorted(expected)[0]
    page.locator(f'.explainer-timeline__mark:has([data-event="{event}"])').focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_url}timeline/?country=uzbekistan#{event}")
    assert shown(page) == (expected, expected)
    # Away to an entry's page and back: the filter, kept in the URL, is applied again.
    page.locator(".md-content a[href$='countries/uzbekistan/']").first.click()
    expect(page).to_have_url(site_url + "countries/uzbekistan/")
    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(f"{site_url}timeline/?country=uzbekistan")))
    expect(page.locator("#filter-country")).to_have_value("uzbekistan")
    expect(count(page)).to_have_text(f"Showing {len(expected)} of {len(about)} events")
    assert shown(page) == (expected, expected)
    # The timeline reached through the menu starts unfiltered.
    page.locator(".md-nav__link[href$='countries/']").first.click()
    expect(page).to_have_url(site_url + "countries/")
    page.locator(".md-nav__link[href$='timeline/']").first.click()
    expect(page).to_have_url(site_url + "timeline/")
    expect(count(page)).to_have_text(f"Showing {len(about)} of {len(about)} events")
    assert shown(page) == (set(about), set(about))


def test_a_value_the_page_does_not_offer_is_ignored(page, site_url, about):
    errors = open_timeline(page, site_url, "?country=atlantis&source=rumour")
    expect(count(page)).to_have_text(f"Showing {len(about)} of {len(about)} events")
    assert shown(page) == (set(about), set(about))
    assert not errors, errors


def test_without_the_script_every_event_shows_and_no_control(new_context, site_url, about):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site_url + "timeline/?country=uzbekistan", wait_until="load")
    expect(page.locator("#timeline-filters")).to_be_hidden()
    assert shown(page) == (set(about), set(about))


def test_showing_the_controls_moves_nothing(phone_page, new_context, site_url):
    """Where scripts run, the controls take their place from the first paint (CSS), not when timeline.js shows them:
    the picture is where it is with the script as without it (not run yet, or not at all), so nothing shifts."""
    places = []
    for run_the_script in (False, True):
        page = phone_page
        if not run_the_script:
            page = new_context(phone_page.viewport_size, has_touch=True).new_page()
            page.route("**/assets/timeline.js", lambda route: route.abort())
        page.goto(site_url + "timeline/", wait_until="load")
        expect(page.locator("#timeline-filters")).to_be_visible()
        places.append(page.locator(".explainer-timeline").bounding_box())
    assert places[0] == places[1], f"the picture moves when the script shows the controls: {places}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_passes_with_the_controls_shown(new_context, site_url, axe_check, scheme):
    page = new_context(color_scheme=scheme).new_page()
    open_timeline(page, site_url, "?country=kazakhstan&source=context")
    expect(page.locator("#timeline-filters input[value=context]")).to_be_checked()
    assert axe_check(page) == ""
