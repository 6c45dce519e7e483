"""Country outlines and a projection for the maps drawn at build time (no tiles, no script, no other host).

The outlines are the small extract of Natural Earth in data/geo/ (see its README). Points are projected
equirectangularly with the cosine of the frame's middle latitude, which keeps Central Asia's shapes true enough
at this scale, then simplified to the scale they are drawn at and written as compact SVG path data.
That work is done once, by scripts/extract_geo.py, into data/geo/drawn.json (see its README): the build reads
it while it matches the outlines, and works it out itself otherwise.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import DataError, DataErrors

Point = tuple[float, float]
Ring = list[Point]
GEO_FILE = Path("geo") / "central-asia.json"  # inside the data folder
DRAWN_FILE = Path("geo") / "drawn.json"  # the outlines as drawn at each map's scale, worked out from GEO_FILE
Drawn = tuple[str, Point | None]  # path data, and where the name goes


@dataclass(frozen=True)
class Outline:
    id: str  # the site's country id where the country has a page: "kazakhstan", "turkiye"
    name: str
    rings: list[Ring]


@dataclass(frozen=True)
class Geo:
    countries: list[Outline] = field(default_factory=list)
    borders: dict[tuple[str, str], list[Ring]] = field(default_factory=dict)
    # Every map of one frame draws the same outlines at the same detail: each is projected and simplified once.
    _drawn: dict[tuple[str, Frame, float], Drawn] = field(default_factory=dict, compare=False)

    def outline(self, country_id: str) -> Outline | None:
        return next((outline for outline in self.countries if outline.id == country_id), None)

    def drawn(self, outline: Outline, frame: Frame, detail: float) -> Drawn:
        """An outline's path data in `frame` at `detail`, and where its name goes."""
        key = (outline.id, frame, detail)
        if key not in self._drawn:
            self._drawn[key] = drawn_outline(outline, frame, detail)
        return self._drawn[key]


def fingerprint(path: Path) -> str:
    """What drawn.json was worked out from: the extract's bytes (with Unix line ends, whatever the checkout's)."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def load(data_dir: Path) -> Geo:
    """The extract in data/geo/, or no outlines at all when a data folder has none (the maps then show places)."""
    path = data_dir / GEO_FILE
    if not path.exists():
        return Geo()
    outlines = fingerprint(path)
    drawn = data_dir / DRAWN_FILE
    key = (outlines, fingerprint(drawn) if drawn.exists() else "")
    # While serving, the same files are read at every rebuild: the last outlines read are kept.
    if key not in _LAST:
        geo = read_outlines(path)
        geo._drawn.update(read_drawn(drawn, outlines))
        _LAST.clear()
        _LAST[key] = geo
    return _LAST[key]


_LAST: dict[tuple[str, str], Geo] = {}


# What the geo files may hold: they come from pull requests like the rest of data/, and what they hold is written
# into SVG. An id as the data's ids; a name as plain words; path data as numbers and SVG's path commands only.
GEO_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
GEO_NAME = re.compile(r"[^\W\d_](?:[^\W_]|[ .'’()-])*")
PATH_DATA = re.compile(r"[MmLlHhVvZz0-9 .,\-]*")
MAX_GEO_CHARACTERS = 5_000_000


def _label(path: Path) -> str:
    return f"data/{path.parent.name}/{path.name}"


def _refuse(path: Path, message: str, line: int = 0) -> DataErrors:
    return DataErrors([DataError(_label(path), line, "", message)])


def _json(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if len(text) > MAX_GEO_CHARACTERS:
        raise _refuse(path, f"the file is {len(text):,} characters long, more than {MAX_GEO_CHARACTERS:,}; "
                            "make it again with scripts/extract_geo.py")
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        line = error.lineno if isinstance(error, json.JSONDecodeError) else 0
        raise _refuse(path, "the file is not valid JSON; make it again with scripts/extract_geo.py", line) from None


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{str(value)[:40]!r} is not a number")
    return float(value)


def _points(line: Any) -> Ring:
    return [(_number(lon), _number(lat)) for lon, lat in line]


def _id(value: Any) -> str:
    if not isinstance(value, str) or not GEO_ID.fullmatch(value):
        raise ValueError(f"{str(value)[:40]!r} is not an id (lowercase letters, digits and hyphens)")
    return value


def read_outlines(path: Path) -> Geo:
    """The outlines in `path`, every value checked; raises DataErrors naming the file and what is wrong."""
    raw = _json(path)
    try:
        countries = []
        for country in raw["countries"]:
            if not isinstance(country["name"], str) or not GEO_NAME.fullmatch(country["name"]):
                raise ValueError(f"{str(country['name'])[:40]!r} is not a country's name in plain words")
            countries.append(Outline(_id(country["id"]), country["name"],
                                     [_points(ring) for ring in country["rings"]]))
        borders = {(_id(border["between"][0]), _id(border["between"][1])): [_points(line)
                                                                            for line in border["lines"]]
                   for border in raw["borders"]}
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise _refuse(path, f"the outlines do not have the expected form ({ascii(str(error))[1:-1][:80]}); make "
                            "them again with scripts/extract_geo.py") from None
    return Geo(countries, borders)


def read_drawn(path: Path, outlines: str) -> dict[tuple[str, Frame, float], Drawn]:
    """The outlines as drawn, when `path` was worked out from the outlines with this fingerprint; else nothing."""
    if not path.exists():
        return {}
    raw = _json(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("about"), dict) or \
            raw["about"].get("outlines_sha256") != outlines:
        return {}
    table: dict[tuple[str, Frame, float], Drawn] = {}
    try:
        for scale in raw["scales"]:
            west, south, east, north, width = (_number(value) for value in scale["frame"])
            frame, detail = Frame(west, south, east, north, int(width)), _number(scale["detail"])
            for country, (d, label) in scale["outlines"].items():
                if not isinstance(d, str) or not PATH_DATA.fullmatch(d):
                    raise ValueError(f"the path of {ascii(country)[:40]} holds more than numbers")
                table[(_id(country), frame, detail)] = (d, (_number(label[0]), _number(label[1])) if label else None)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise _refuse(path, f"the drawn outlines do not have the expected form ({ascii(str(error))[1:-1][:80]}); "
                            "make them again with scripts/extract_geo.py --drawn") from None
    return table


def drawn_scales(geo: Geo, scales: list[tuple[Frame, float]]) -> list[dict[str, object]]:
    """Every outline worked out at each scale, for drawn.json: [{"frame", "detail", "outlines": {id: [d, label]}}]."""
    return [{"frame": [frame.west, frame.south, frame.east, frame.north, frame.width], "detail": detail,
             "outlines": {outline.id: list(drawn_outline(outline, frame, detail)) for outline in geo.countries}}
            for frame, detail in scales]


def drawn_outline(outline: Outline, frame: Frame, detail: float) -> Drawn:
    """An outline's path data in `frame` at `detail`, and where its name goes: the work drawn.json saves."""
    return path_data(outline.rings, frame, detail), label_point(outline.rings, frame)


@dataclass(frozen=True)
class Frame:
    """The part of the globe a map shows, and its projection onto a viewBox `width` units wide."""

    west: float
    south: float
    east: float
    north: float
    width: int = 1000

    @cached_property
    def _cos(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @cached_property
    def scale(self) -> float:
        """ViewBox units per degree of latitude."""
        return self.width / ((self.east - self.west) * self._cos)

    @property
    def height(self) -> int:
        return round((self.north - self.south) * self.scale)

    def project(self, lon: float, lat: float) -> Point:
        return (lon - self.west) * self._cos * self.scale, (self.north - lat) * self.scale

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def simplified(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: drop the points that lie within `tolerance` of the line their neighbours draw."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            x, y = points[index]
            gap = (abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length if length
                   else math.hypot(x - x1, y - y1))
            if gap > distance:
                farthest, distance = index, gap
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _visible(points: list[Point], frame: Frame) -> bool:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return max(xs) >= 0 and min(xs) <= frame.width and max(ys) >= 0 and min(ys) <= frame.height


def area(points: list[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))) / 2


def _numbers(values: list[int]) -> str:
    """SVG numbers with no space before a minus sign: "3 4-5-6"."""
    text = ""
    for value in values:
        text += (" " if text and value >= 0 else "") + str(value)
    return text


def _path(points: list[tuple[int, int]], closed: bool) -> str:
    (x0, y0), steps = points[0], []
    for (xa, ya), (xb, yb) in zip(points, points[1:], strict=False):
        steps += [xb - xa, yb - ya]
    return f"M{x0} {y0}l{_numbers(steps)}" + ("z" if closed else "")


def _rounded(points: list[Point]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for x, y in points:
        point = (round(x), round(y))
        if not result or point != result[-1]:
            result.append(point)
    return result


def path_data(rings: list[Ring], frame: Frame, tolerance: float, closed: bool = True) -> str:
    """Rings (or lines) of lon/lat as SVG path data in whole viewBox units, simplified to `tolerance` units.

    Rings off the frame and specks smaller than the tolerance are left out: at this scale they are invisible.
    """
    paths = []
    for ring in rings:
        projected = [frame.project(lon, lat) for lon, lat in ring]
        if not projected or not _visible(projected, frame):
            continue
        if closed and area(projected) < tolerance * tolerance * 4:
            continue
        points = _rounded(simplified(projected, tolerance))
        if len(points) >= (3 if closed else 2):
            paths.append(_path(points, closed))
    return "".join(paths)


def label_point(rings: list[Ring], frame: Frame) -> Point | None:
    """Where a country's name goes: the centroid of its largest ring's part inside the frame."""
    inside = [[frame.project(lon, lat) for lon, lat in clip(ring, (frame.west, frame.south, frame.east, frame.north))]
              for ring in rings]
    inside = [ring for ring in inside if len(ring) >= 3]
    if not inside:
        return None
    ring = max(inside, key=area)
    twice_area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
    if not twice_area:
        return None
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
    return cx / (3 * twice_area), cy / (3 * twice_area)


def clip(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland–Hodgman against a west, south, east, north box (convex, so one pass per side is enough)."""
    west, south, east, north = box
    sides = [(0, west, 1), (0, east, -1), (1, south, 1), (1, north, -1)]
    for axis, value, sign in sides:
        result: Ring = []
        for current, previous in zip(ring, ring[-1:] + ring[:-1], strict=True):
            current_in, previous_in = (current[axis] - value) * sign >= 0, (previous[axis] - value) * sign >= 0
            if current_in != previous_in:
                t = (value - previous[axis]) / (current[axis] - previous[axis])
                other = previous[1 - axis] + t * (current[1 - axis] - previous[1 - axis])
                result.append((value, other) if axis == 0 else (other, value))
            if current_in:
                result.append(current)
        ring = result
        if not ring:
            break
    return ring
