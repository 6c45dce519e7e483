"""The pictures drawn at build time (issue 14): the region map, the members maps and the timeline.

Positions are checked against the data through the projection the maps state (pictures.REGION), and the
timeline's scale is re-derived here from its constants, so a mark drawn at the wrong date fails.
"""

from __future__ import annotations

import math
import re

import pytest

from explainer.model import Organisation, date_key
from explainer.pictures import GUTTER, PX_PER_YEAR, REGION, ROLE_ORDER, latest_roles
from tests.sitebuild import article_of, entity_page, read_page, resolve_href, text_of

# Derived from the pictures' own role order, so that a new role is checked like the others.
ROLE_CLASSES = {f"is-{role.replace(' ', '-')}" for role in ROLE_ORDER}


def region_maps(site_dir):
    """The region map on the home page and on the Map page."""
    for path in (site_dir / "index.html", site_dir / "places" / "index.html"):
        article = article_of(read_page(path))
        figure = article.find("figure", class_="explainer-map--region")
        assert figure is not None, f"{path.relative_to(site_dir)} has no region map"
        yield path, figure


def shapes(figure):
    return {path.get("data-country"): path for path in figure.iter("path") if path.get("data-country")}


def test_the_region_map_draws_the_countries_and_links_them(site_dir, site_data):
    for path, figure in region_maps(site_dir):
        drawn = shapes(figure)
        expected = {"kazakhstan", "uzbekistan", "kyrgyzstan", "tajikistan", "turkmenistan", "azerbaijan", "russia",
                    "china", "iran", "georgia", "armenia", "turkiye", "afghanistan"}
        assert expected <= drawn.keys(), f"outlines missing: {expected - drawn.keys()}"
        for country in ("kazakhstan", "uzbekistan"):
            assert drawn[country].has_class("is-party") and len(drawn[country].get("d")) > 200
        assert not any(shape.has_class("is-party") for key, shape in drawn.items()
                       if key not in ("kazakhstan", "uzbekistan"))
        for country, shape in drawn.items():
            link = shape.parent
            if country in site_data.kind_of:
                assert link.tag == "a", f"{country}'s shape does not link to its page"
                target, _ = resolve_href(site_dir, path, link.get("xlink:href"))
                assert target == entity_page(site_dir, "countries", country)


def test_the_region_map_picks_out_the_common_border(site_dir, site_data):
    for _, figure in region_maps(site_dir):
        border = figure.find("path", class_="explainer-map__border")
        assert border is not None and border.get("data-border") == "kazakhstan-uzbekistan"
        xs, ys = path_points(border.get("d"))
        # It runs between the ends of the border in the outlines' data, through the same projection.
        lines = site_data.geo.borders[("kazakhstan", "uzbekistan")]
        ends = [REGION.project(*point) for line in lines for point in (line[0], line[-1])]
        drawn = list(zip(xs, ys, strict=True))
        for x, y in ends:
            assert any(abs(x - dx) <= 1 and abs(y - dy) <= 1 for dx, dy in drawn), (x, y)
        assert len(drawn) > 20, "the border is drawn too coarsely"


def path_points(d: str) -> tuple[list[float], list[float]]:
    """The absolute points of path data written as M x y l dx dy ... (z)."""
    xs, ys = [], []
    for move in re.finditer(r"M(-?\d+) (-?\d+)l([^Mz]*)", d):
        x, y = int(move.group(1)), int(move.group(2))
        xs.append(x)
        ys.append(y)
        steps = [int(n) for n in re.findall(r"-?\d+", move.group(3))]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            xs.append(x)
            ys.append(y)
    return xs, ys


def test_the_region_map_puts_every_place_at_its_coordinates(site_dir, site_data):
    places = site_data.dataset.places
    assert {"astana", "tashkent", "bishkek", "dushanbe", "ashgabat"} <= {place.id for place in places}
    for path, figure in region_maps(site_dir):
        marks = {element.get("data-place"): element for element in figure.iter() if element.get("data-place")}
        facts = [text_of(item) for item in figure.parent.find("details", class_="explainer-map__facts").iter("li")]
        for place in places:
            if place.id not in marks:
                # Left out only where a mark already stands (a crossing beside Tashkent), and said so in the list.
                assert place.kind != "capital", f"the capital {place.id} is not on the map"
                assert any(item.startswith(f"{place.name}:") and "(not marked: " in item for item in facts), \
                    f"{place.id} is neither on the map nor listed as not marked"
                continue
            element = marks[place.id]
            x = float(element.get("cx") or element.get("data-x"))
            y = float(element.get("cy") or element.get("data-y"))
            # Equirectangular with the cosine of the middle latitude, as the map's frame states.
            cos = math.cos(math.radians((REGION.south + REGION.north) / 2))
            scale = REGION.width / ((REGION.east - REGION.west) * cos)
            assert x == pytest.approx((place.lon - REGION.west) * cos * scale, abs=0.1), place.id
            assert y == pytest.approx((REGION.north - place.lat) * scale, abs=0.1), place.id
            link = element.parent
            target, _ = resolve_href(site_dir, path, link.get("xlink:href"))
            assert target == entity_page(site_dir, "places", place.id)
        # Tashkent is marked as the place of signing, and says so.
        assert marks["tashkent"].has_class("explainer-map__signed")
        assert "treaty was signed" in marks["tashkent"].parent.get("aria-label")


def test_the_region_map_has_a_title_a_description_and_its_facts_as_a_list(site_dir, site_data):
    for _, figure in region_maps(site_dir):
        svg = figure.find("svg")
        labelled = svg.get("aria-labelledby").split()
        assert [figure.find(id=label).tag for label in labelled] == ["title", "desc"]
        facts = figure.parent.find("details", class_="explainer-map__facts")
        text = facts.text
        for place in site_data.dataset.places:
            assert place.name in text
        assert "Dostyk → Aktau → Baku → Tbilisi → Kars" in text


def test_each_organisations_map_shades_exactly_its_members_by_role(site_dir, site_data):
    organisations = [org for org in site_data.dataset.of(Organisation) if org.members]
    assert organisations
    for org in organisations:
        figure = article_of(read_page(entity_page(site_dir, "organisations", org.id))).find(
            "figure", class_="explainer-map--members")
        assert figure is not None, f"{org.id} has no members map"
        shaded = {country: (ROLE_CLASSES & set(shape.get("class").split()))
                  for country, shape in shapes(figure).items()}
        roles = latest_roles(org)
        drawn_members = {country for country in roles if country in shaded}
        assert {country: classes for country, classes in shaded.items() if classes} == {
            country: {"is-" + roles[country].replace(" ", "-")} for country in drawn_members}, org.id
        legend = figure.find("ul", class_="explainer-map__legend").text
        for role in set(roles.values()):
            assert role.capitalize() in legend
        # A member the frame cannot hold (Cuba) is named rather than silently left out.
        for country in set(roles) - set(shaded):
            assert site_data.names[country] in figure.find("desc").text


def test_a_suspended_membership_is_shaded_as_suspended():
    """The latest period decides: Uzbekistan's CSTO membership was suspended in 2012."""
    from tests.sitebuild import load_site

    csto = next(org for org in load_site().dataset.of(Organisation) if org.id == "csto")
    assert latest_roles(csto)["uzbekistan"] == "suspended"


def test_the_organisations_section_has_one_map_per_line_of_succession(site_dir):
    article = article_of(read_page(site_dir / "organisations" / "index.html"))
    lines = article.find_all("figure", class_="explainer-map--line")
    assert len(lines) == 2  # CAU → … → EAEU, and the Turkic Council → OTS
    eaeu_line = shapes(lines[0])
    assert eaeu_line["tajikistan"].has_class("is-former") and eaeu_line["kazakhstan"].has_class("is-founding-member")


def test_country_pages_have_a_locator_when_the_country_is_on_the_map(site_dir):
    for country, expected in (("kazakhstan", True), ("uzbekistan", True), ("cuba", False), ("japan", False)):
        infobox = article_of(read_page(entity_page(site_dir, "countries", country))).find(
            "div", class_="explainer-infobox")
        figure = infobox.find("figure", class_="explainer-map--locator")
        assert (figure is not None) == expected, country
        if figure:
            drawn = shapes(figure)
            assert [key for key, shape in drawn.items() if shape.has_class("is-party")] == [country]


def expected_x(date: str, first_year: int) -> float:
    year, month, day = date_key(date)
    return GUTTER + (year + ((month or 1) - 1) / 12 + ((day or 1) - 1) / 365 - first_year) * PX_PER_YEAR


def test_the_timeline_has_one_mark_per_event_at_its_date(site_dir, site_data):
    article = article_of(read_page(site_dir / "timeline" / "index.html"))
    figure = article.find("figure", class_="explainer-timeline")
    marks = {element.get("data-event"): element for element in figure.iter() if element.get("data-event")}
    events = site_data.dataset.events
    assert sorted(marks) == sorted(event.id for event in events)
    first_year = min(date_key(event.date)[0] for event in events)
    for event in events:
        mark = marks[event.id]
        precision = len(event.date.split("-"))
        x = float(mark.get("cx") or mark.get("x"))
        assert x == pytest.approx(expected_x(event.date, first_year), abs=0.1), event.id
        if precision == 3:
            assert mark.tag == "circle", f"{event.id}: a day is a point"
        else:
            assert mark.tag == "rect", f"{event.id}: a month or a year is a span"
            span = PX_PER_YEAR / 12 if precision == 2 else PX_PER_YEAR
            assert float(mark.get("width")) == pytest.approx(max(span, 4), abs=0.1), event.id
        link = mark.parent
        assert link.get("xlink:href") == f"#{event.id}"
        article_event = site_data.is_article_fact(event.cite)
        assert link.has_class("is-article") == article_event and link.has_class("is-context") != article_event


def test_article_events_are_above_the_axis_and_context_below(site_dir):
    figure = article_of(read_page(site_dir / "timeline" / "index.html")).find("figure", class_="explainer-timeline")
    axis = float(figure.find("line", class_="explainer-timeline__axis").get("y1"))
    for link in figure.find_all("a"):
        mark = next(child for child in link.element_children() if child.get("data-event"))
        y = float(mark.get("cy") or float(mark.get("y")) + 5)
        assert (y < axis) == link.has_class("is-article"), mark.get("data-event")


def test_every_timeline_entry_has_a_visible_permalink(site_dir, site_data):
    article = article_of(read_page(site_dir / "timeline" / "index.html"))
    permalinks = {link.get("href") for link in article.find_all("a", class_="explainer-permalink")}
    assert permalinks == {f"#{event.id}" for event in site_data.dataset.events}


def test_the_eras_are_bands_on_the_axis(site_dir, site_data):
    figure = article_of(read_page(site_dir / "timeline" / "index.html")).find("figure", class_="explainer-timeline")
    bands = figure.find_all("rect", class_="explainer-timeline__band")
    assert len(bands) == len(site_data.dataset.eras)
    names = figure.find("g", class_="explainer-timeline__bands").text
    for era in site_data.dataset.eras:
        assert era.title in names
