"""The timeline is in date order and shows each date at its own precision."""

from __future__ import annotations

import calendar
import re

from explainer.i18n import show_date
from explainer.model import ENTITY_KINDS, date_key
from explainer.render import untold_events
from tests.sitebuild import article_of, entity_page, read_page, section_of


def shown_date(date: str) -> str:
    """How a date of its precision reads, written out here rather than taken from render.py."""
    parts = [int(part) for part in date.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = calendar.month_name[parts[1]]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def timeline(site_dir):
    return article_of(read_page(site_dir / "timeline" / "index.html"))


def times_of(article):
    return [time for time in article.iter("time") if "datetime" in time.attrs]


def test_timeline_shows_every_event_once(site_dir, site_data):
    shown = [time.get("id") for time in times_of(timeline(site_dir))]
    expected = sorted(event.id for event in site_data.dataset.events)
    assert expected, "the data has no events"
    assert sorted(shown) == expected


def test_timeline_is_in_date_order(site_dir, site_data):
    dates = [time.get("datetime") for time in times_of(timeline(site_dir))]
    assert len(dates) == len(site_data.dataset.events)
    keys = [date_key(date) for date in dates]
    out_of_order = [(dates[i], dates[i + 1]) for i in range(len(keys) - 1) if keys[i] > keys[i + 1]]
    assert not out_of_order, f"timeline entries out of order: {out_of_order}"


def test_timeline_dates_match_the_data_at_their_precision(site_dir, site_data):
    by_id = {time.get("id"): time for time in times_of(timeline(site_dir))}
    wrong = []
    for event in site_data.dataset.events:
        time = by_id.get(event.id)
        if time is None or time.get("datetime") != event.date or time.text != shown_date(event.date):
            wrong.append((event.id, event.date, time.get("datetime") if time else None, time.text if time else None))
    assert not wrong, f"events shown with the wrong date (id, data, datetime, text): {wrong}"


def test_known_precisions(site_dir, site_data):
    """A year stays a year, a month a month, a day a day: one event of each precision from the data."""
    by_id = {time.get("id"): time.text for time in times_of(timeline(site_dir))}
    patterns = {
        1: r"\d{4}",  # "1994"
        2: r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}",
        3: r"[1-9]\d? (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}",
    }
    for parts, pattern in patterns.items():
        event = next((event for event in site_data.dataset.events if len(event.date.split("-")) == parts), None)
        assert event is not None, f"the data has no event dated with {parts} part(s)"
        assert re.fullmatch(pattern, by_id[event.id]), f"{event.id} ({event.date}) shows as {by_id[event.id]!r}"
    # The known ones: the signing day, and a year-only event shown without an invented month or day.
    signing = [text for event_id, text in by_id.items()
               if any(event.id == event_id and event.date == "2022-12-22" for event in site_data.dataset.events)]
    assert signing and set(signing) == {"22 December 2022"}
    years = {event.id for event in site_data.dataset.events if event.date == "1994"}
    assert years and {by_id[event_id] for event_id in years} == {"1994"}


def test_era_headings_show_their_years(site_dir, site_data):
    """An era within one year reads "(2022)", not "(2022–2022)"; every era with events has its heading."""
    headings = [heading.text.rstrip("¶").strip() for heading in timeline(site_dir).iter("h2")]
    for era, _events in site_data.eras():
        if era is None:
            continue
        matching = [heading for heading in headings if heading.startswith(era.title)]
        assert matching, f"no heading for the era {era.id} ({era.title})"
        doubled = re.search(r"\((\d{4})–\1\)", matching[0])
        assert not doubled, f"era heading repeats its year: {matching[0]!r}"


def test_entity_timeline_slices_are_in_order(site_dir, site_data):
    """Each entity page's 'On the timeline' list is in date order and shows dates at their precision."""
    wrong = []
    for kind in ENTITY_KINDS:
        for entity in getattr(site_data.dataset, kind):
            times = times_of(article_of(read_page(entity_page(site_dir, kind, entity.id))))
            keys = [date_key(time.get("datetime")) for time in times]
            if keys != sorted(keys) or any(time.text != shown_date(time.get("datetime")) for time in times):
                wrong.append(entity.id)
            expected = len(untold_events(site_data, entity))
            if len(times) != expected:
                wrong.append(f"{entity.id}: {len(times)} dates shown, {expected} events not told above")
    assert not wrong, f"entity timelines out of order or mis-shown: {wrong}"


def test_entity_timeline_leaves_out_only_what_the_page_already_dates(site_dir, site_data):
    """An event left out of a page's excerpt has its date, at its precision, elsewhere on the page, which says so."""
    wrong = []
    left_out_somewhere = 0
    for kind in ENTITY_KINDS:
        for entity in getattr(site_data.dataset, kind):
            article = article_of(read_page(entity_page(site_dir, kind, entity.id)))
            excerpt = section_of(article, "on-the-timeline")
            shown = {time.get("datetime") for element in excerpt for time in times_of(element)}
            rest = " ".join(element.text for element in article.element_children() if element not in excerpt)
            left_out = [event for event in site_data.events_of.get(entity.id, []) if event.date not in shown]
            left_out_somewhere += len(left_out)
            wrong += [f"{entity.id}: leaves out {event.id}, but {show_date(event.date)!r} is not on the page"
                      for event in left_out if show_date(event.date) not in rest]
            if left_out and shown and "left out" not in " ".join(element.text for element in excerpt):
                wrong.append(f"{entity.id}: leaves out events without saying so")
    assert left_out_somewhere, "no page leaves an event out (the test would pass on nothing)"
    assert not wrong, "\n".join(wrong)


# ----- the filters (assets/timeline.js reads what the page carries) ----------------------------------------

TITLE_LINK = re.compile(r"\[\[([^\]|]+)")


def expected_facets(site_data) -> dict[str, dict[str, str]]:
    """Each event's filter attributes, from the data: its `about:` and its title's links, split by kind."""
    countries = {country.id for country in site_data.dataset.countries}
    organisations = {organisation.id for organisation in site_data.dataset.organisations}
    expected = {}
    for event in site_data.dataset.events:
        ids = set(event.about) | set(TITLE_LINK.findall(event.title))
        expected[event.id] = {
            "data-countries": " ".join(sorted(ids & countries)),
            "data-organisations": " ".join(sorted(ids & organisations)),
            "data-source": "article" if any(citation.source == "article" for citation in event.cite) else "context",
        }
    return expected


def facets_of(element) -> dict[str, str]:
    return {name: element.get(name, "<missing>") for name in ("data-countries", "data-organisations", "data-source")}


def test_every_mark_and_entry_carries_what_the_filters_read(site_dir, site_data):
    article = timeline(site_dir)
    expected = expected_facets(site_data)
    assert any(facets["data-countries"] for facets in expected.values())
    assert any(facets["data-organisations"] for facets in expected.values())
    assert {facets["data-source"] for facets in expected.values()} == {"article", "context"}
    entries = {time.get("id"): facets_of(time.parent) for time in times_of(article) if time.parent.tag == "li"}
    figure = article.find("figure", class_="explainer-timeline")
    marks = {shape.get("data-event"): facets_of(shape.parent) for shape in figure.iter() if shape.get("data-event")}
    assert entries == expected, "list entries whose filter attributes differ from the data"
    assert marks == expected, "marks whose filter attributes differ from the data"


def test_the_filters_offer_what_occurs_and_are_hidden_until_the_script_shows_them(site_dir, site_data):
    form = timeline(site_dir).find("form", id="timeline-filters")
    assert form is not None and "hidden" in form.attrs, "the controls show only with the script"
    expected = expected_facets(site_data).values()
    for name, attribute in (("country", "data-countries"), ("organisation", "data-organisations")):
        select = form.find("select", id=f"filter-{name}")
        assert select is not None and form.find("label", for_=f"filter-{name}") is not None
        offered = [option.get("value") for option in select.iter("option")]
        assert offered[0] == "", f"the {name} filter starts on 'any'"
        assert set(offered[1:]) == {i for facets in expected for i in facets[attribute].split()}
        names = [option.text for option in select.iter("option")][1:]
        assert names == sorted(names), f"the {name} choices are in the order of their names"
    assert [radio.get("value") for radio in form.find_all("input", type="radio")] == ["", "article", "context"]
    status = form.find(None, role="status")
    total = len(site_data.dataset.events)
    assert status is not None and status.text == f"Showing {total} of {total} events"
