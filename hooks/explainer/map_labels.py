"""Where the maps' names go: beside each place's mark and inside each country, no two overlapping, none off the map.

Names are placed greedily: the places' first, each at the first free spot beside its mark, then the countries',
the smallest country first, each at the free spot nearest its centroid that is still inside the country.
A text's box is estimated from its length (Chromium measures at most 0.61 em a character for these names).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .geo import Point, area

SIZE = 17.0  # the names' font size in the SVG's units, as maps.css sets it for both kinds of name
EM_PER_CHARACTER = 0.62
ABOVE_BASELINE, BELOW_BASELINE = 0.88, 0.2  # the line box round the baseline, in em
GAP = 3.0  # between a mark and its name, and kept round every name
# Where a country's name may move from its centroid, nearest first: steps of about a line and a few letters.
NUDGES = sorted(((dx, dy) for dx in range(-90, 91, 15) for dy in range(-60, 61, 10)),
                key=lambda step: math.hypot(step[0], 1.5 * step[1]))


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height

    def grown(self, by: float) -> Box:
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)


@dataclass(frozen=True)
class Label:
    """A name's baseline point and which end of the text it anchors ("start", "middle" or "end")."""

    x: float
    y: float
    anchor: str = "middle"

    def box(self, text: str) -> Box:
        width = len(text) * SIZE * EM_PER_CHARACTER
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        return Box(left, self.y - ABOVE_BASELINE * SIZE, left + width, self.y + BELOW_BASELINE * SIZE)


def mark_box(x: float, y: float, reach: float) -> Box:
    return Box(x - reach, y - reach, x + reach, y + reach)


def beside(x: float, y: float, reach: float, left_first: bool) -> list[Label]:
    """Spots for a place's name round its mark (`reach` from its centre): right or left, then above or below."""
    off, middle = reach + GAP, y + 0.34 * SIZE  # a baseline that centres the name on the mark
    over, under = y - off - BELOW_BASELINE * SIZE, y + off + ABOVE_BASELINE * SIZE
    sides = [Label(x + off, middle, "start"), Label(x - off, middle, "end")]
    corners = [Label(x + reach / 2, over, "start"), Label(x + reach / 2, under, "start"),
               Label(x - reach / 2, over, "end"), Label(x - reach / 2, under, "end")]
    if left_first:
        sides, corners = sides[::-1], corners[2:] + corners[:2]
    return [_rounded(label) for label in sides + corners + [Label(x, over), Label(x, under)]]


def nudged(centre: Point) -> Iterator[Label]:
    """Spots for a country's name: its centroid, then nudged, nearest first (made as they are tried)."""
    return (_rounded(Label(centre[0] + dx, centre[1] + dy)) for dx, dy in NUDGES)


def in_shape(d: str) -> Callable[[Label], bool]:
    """Whether a name's middle is in the shape's largest part (where geo.label_point puts the centroid: not on an
    exclave or an island)."""
    middle = (ABOVE_BASELINE - BELOW_BASELINE) / 2 * SIZE  # from the baseline up to the name's middle
    return lambda spot: contains([_largest_ring(d)], (spot.x, spot.y - middle))


def place(text: str, spots: Iterable[Label], taken: list[Box], width: float, height: float,
          allowed: Callable[[Label], bool] | None = None) -> Label | None:
    """The first spot where `text` stays inside the map and clear of everything `taken` (and that `allowed` allows,
    checked last as it costs most); None if there is none."""
    def fits(spot: Label) -> bool:
        box = spot.box(text).grown(GAP)
        return box.inside(width, height) and not any(box.overlaps(other) for other in taken)

    return next((spot for spot in spots if fits(spot) and (allowed is None or allowed(spot))), None)


@functools.lru_cache(maxsize=256)
def _largest_ring(d: str) -> list[Point]:
    """Cached: the members maps draw the same shapes at the same scale."""
    return max(path_rings(d), key=area)


def path_rings(d: str) -> list[list[Point]]:
    """The rings of path data that geo.path_data wrote (M x y l dx dy ... z), in absolute units."""
    rings = []
    for move in re.finditer(r"M(-?\d+) (-?\d+)l([^Mz]*)", d):
        x, y = float(move.group(1)), float(move.group(2))
        ring = [(x, y)]
        steps = [float(n) for n in re.findall(r"-?\d+", move.group(3))]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def contains(rings: list[list[Point]], point: Point) -> bool:
    """Even-odd rule: inside when a ray from the point crosses the rings' edges an odd number of times."""
    px, py = point
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > py) != (y2 > py) and px < x1 + (py - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _rounded(label: Label) -> Label:
    return Label(round(label.x, 1), round(label.y, 1), label.anchor)
