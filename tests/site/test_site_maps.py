"""The maps' polish (issue 14 follow-up): labels that do not collide, legends that show the marks' own symbols, and
the outlines as drawn worked out once, in data/geo/drawn.json.

Label boxes are estimated from the built SVG and the font sizes in the built maps.css: width from the number of
characters, height from the font's ascent and descent (Chromium measures up to 0.61 em a character for these
names in the bold face, and a line box of 0.88 em above the baseline and 0.2 em below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pytest

from explainer import geo
from explainer.map_labels import Box
from explainer.pictures import SCALES
from tests.sitebuild import REPO, Element, html_pages, read_page

DATA = REPO / "data"
EM_PER_CHARACTER = 0.62
ABOVE_BASELINE, BELOW_BASELINE = 0.88, 0.2
# The star's points reach 11.4 units either side of the place and from 11 above it to 10.7 below.
STAR_REACH = 11.5
LINE_KEY = re.compile(r"M[\d.]+ [\d.]+h[\d.]+")  # a legend's key for a line (the border, a route): one stroke


@dataclass(frozen=True)
class Named:
    """A box on a map, measured from the built SVG, and what it holds: a name, or a place's mark."""

    what: str
    box: Box


def font_size(css: str, selector: str) -> float:
    rule = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert rule, f"maps.css has no rule for {selector}"
    size = re.search(r"font-size:\s*([\d.]+)px", rule.group(1))
    assert size, f"{selector} sets no font size in px"
    return float(size.group(1))


@pytest.fixture(scope="module")
def label_sizes(site_dir: Path) -> dict[str, float]:
    css = (site_dir / "assets" / "maps.css").read_text(encoding="utf-8")
    return {"country": font_size(css, ".explainer-map__labels text"),
            "place": font_size(css, ".explainer-map__place text")}


def figures_of(site_dir: Path) -> list[tuple[str, Element]]:
    """Every map's figure on every built page, named by its page and key."""
    found = []
    for path in html_pages(site_dir):
        if "explainer-map__box" not in path.read_text(encoding="utf-8"):
            continue
        for figure in read_page(path).find_all("figure", class_="explainer-map"):
            key = map_of(figure).get("aria-labelledby").split("-title")[0]
            found.append((f"{path.relative_to(site_dir)} {key}", figure))
    assert len(found) > 20, "the site has fewer maps than it should"
    return found


def map_of(figure: Element) -> Element:
    box = figure.find("div", class_="explainer-map__box")
    assert box and box.find("svg"), "a map's figure has no picture"
    return box.find("svg")


@pytest.fixture(scope="module")
def figures(site_dir: Path) -> list[tuple[str, Element]]:
    return figures_of(site_dir)


@pytest.fixture(scope="module")
def maps(figures: list[tuple[str, Element]]) -> list[tuple[str, Element]]:
    return [(name, map_of(figure)) for name, figure in figures]


def text_box(text: Element, size: float) -> Named:
    x, y, words = float(text.get("x")), float(text.get("y")), text.text
    width = len(words) * size * EM_PER_CHARACTER
    left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor", "start")]
    return Named(words, Box(left, y - ABOVE_BASELINE * size, left + width, y + BELOW_BASELINE * size))


def label_boxes(svg: Element, sizes: dict[str, float]) -> list[Named]:
    countries = [text_box(text, sizes["country"]) for group in svg.find_all("g", class_="explainer-map__labels")
                 for text in group.iter("text")]
    places = [text_box(text, sizes["place"]) for link in svg.find_all("a", class_="explainer-map__place")
              for text in link.iter("text")]
    return countries + places


def symbol_boxes(svg: Element) -> list[Named]:
    """The marks' dots and stars: a label on one would hide the place."""
    boxes = []
    for element in svg.iter():
        if not element.get("data-place"):
            continue
        if element.tag == "circle":
            x, y, reach = float(element.get("cx")), float(element.get("cy")), float(element.get("r")) + 1
        else:
            x, y, reach = float(element.get("data-x")), float(element.get("data-y")), STAR_REACH
        boxes.append(Named(f"{element.get('data-place')}'s mark", Box(x - reach, y - reach, x + reach, y + reach)))
    return boxes


def viewbox_size(svg: Element) -> tuple[float, float]:
    _, _, width, height = (float(n) for n in svg.get("viewbox").split())
    return width, height


def test_no_two_labels_on_a_map_overlap_and_every_label_is_inside_it(maps, label_sizes):
    problems = []
    for name, svg in maps:
        labels = label_boxes(svg, label_sizes)
        width, height = viewbox_size(svg)
        problems += [f"{name}: {a.what} overlaps {b.what}" for a, b in combinations(labels, 2) if a.box.overlaps(b.box)]
        problems += [f"{name}: {box.what} runs off the picture" for box in labels if not box.box.inside(width, height)]
    assert not problems, "\n".join(problems)


def test_no_label_covers_a_places_mark(maps, label_sizes):
    problems = [f"{name}: {label.what} covers {mark.what}" for name, svg in maps
                for label in label_boxes(svg, label_sizes) for mark in symbol_boxes(svg)
                if label.box.overlaps(mark.box)]
    assert not problems, "\n".join(problems)


def symbol(element: Element) -> tuple[str, ...]:
    """What a mark's symbol looks like, wherever it is drawn: its element, classes, and size or outline."""
    shape = element.get("r") if element.tag == "circle" else re.sub(r"^M[-\d.]+ [-\d.]+", "", element.get("d"))
    return element.tag, " ".join(sorted(element.get("class").split())), shape


def test_every_marks_symbol_is_in_its_maps_legend_and_the_legend_shows_no_other(figures):
    problems = []
    for name, figure in figures:
        on_map = {symbol(element) for element in map_of(figure).iter() if element.get("data-place")}
        legend = figure.find("ul", class_="explainer-map__legend")
        keys = {symbol(element) for key in (legend.find_all("svg") if legend else []) for element in key.iter()
                if element.tag == "circle" or (element.tag == "path" and not LINE_KEY.fullmatch(element.get("d")))}
        problems += [f"{name}: the legend lacks the mark {mark}" for mark in on_map - keys]
        problems += [f"{name}: the legend shows {key}, which no mark is drawn with" for key in keys - on_map]
    assert not problems, "\n".join(problems)


def test_drawn_json_is_the_outlines_as_every_map_scale_draws_them():
    """The build trusts data/geo/drawn.json while it matches the extract: it must be what the build would draw."""
    extract = DATA / geo.GEO_FILE
    drawn = geo.read_drawn(DATA / geo.DRAWN_FILE, geo.fingerprint(extract))
    rerun = "run `python scripts/extract_geo.py --drawn data/geo/central-asia.json`"
    assert drawn, f"data/geo/drawn.json is missing or was worked out from other outlines: {rerun}"
    outlines = geo.read_outlines(extract).countries
    expected = {(outline.id, frame, detail): outline for frame, detail in SCALES for outline in outlines}
    assert drawn.keys() == expected.keys(), f"the maps' frames or detail changed: {rerun}"
    for (country, frame, detail), outline in expected.items():
        assert drawn[(country, frame, detail)] == geo.drawn_outline(outline, frame, detail), (country, detail, rerun)
