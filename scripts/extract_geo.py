"""Cut the maps' country outlines out of Natural Earth, once, into data/geo/central-asia.json, and draw them.

Run by hand when the extract should change; the build reads only data/geo/ (no network, no Node):

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/extract_geo.py package/countries-50m.json data/geo/central-asia.json

Beside the extract it writes drawn.json: every outline simplified, and its label point, at each scale the maps
draw (pictures.SCALES), so that the build does not redo that work. After changing the maps' frames or detail:

    python scripts/extract_geo.py --drawn data/geo/central-asia.json

world-atlas ships Natural Earth's Admin 0 countries as TopoJSON: shared borders are arcs, quantised and
delta-encoded. This decodes the arcs, keeps the countries the maps draw, clips them to a box round the region,
rounds to 0.01° (about a kilometre, far finer than the maps draw) and adds the Kazakhstan–Uzbekistan border as
the arcs the two countries share.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
from explainer import geo  # noqa: E402  (the core's geometry, run from a script)
from explainer.geo import Ring, clip  # noqa: E402
from explainer.pictures import SCALES  # noqa: E402

# West, south, east, north: every map's frame lies inside, so the clipped edges are never drawn.
BOX = (10.0, 28.0, 100.0, 64.0)
# Central Asia, its neighbours, and every other member of the organisations that the frame can hold.
COUNTRIES = [
    "Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Afghanistan", "Iran", "Pakistan",
    "India", "Nepal", "China", "Mongolia", "Russia", "Azerbaijan", "Armenia", "Georgia", "Turkey", "Syria", "Iraq",
    "Ukraine", "Belarus", "Moldova", "Romania", "Hungary", "Bulgaria", "Poland", "Slovakia", "Serbia", "Croatia",
    "Bosnia and Herz.", "Montenegro", "Kosovo", "Macedonia", "Albania", "Greece", "Slovenia", "Austria", "Czechia",
    "Germany", "Italy", "Lithuania", "Latvia", "Estonia", "Finland", "Sweden", "Denmark", "Cyprus", "N. Cyprus",
    "Lebanon", "Israel", "Palestine", "Jordan", "Saudi Arabia", "Kuwait", "Egypt", "Libya", "Tunisia", "Bhutan",
]
# Where Natural Earth's short name is not the site's id.
IDS = {"Turkey": "turkiye", "Bosnia and Herz.": "bosnia-and-herzegovina", "N. Cyprus": "northern-cyprus",
       "Macedonia": "north-macedonia"}
BORDERS = [("Kazakhstan", "Uzbekistan")]


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return IDS.get(name) or re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Every arc in degrees: undo the delta encoding and the quantisation."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(indexes: list[int], arcs: list[Ring]) -> Ring:
    """A ring from its arcs; ~i means arc i reversed. Each arc starts where the last ended: skip that point."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    return geometry["arcs"] if geometry["type"] == "MultiPolygon" else []


def rounded(points: Ring) -> list[list[float]]:
    """To 0.01°, without the repeats that rounding makes."""
    result: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, 2), round(lat, 2)]
        if not result or point != result[-1]:
            result.append(point)
    return result


def shared_arcs(first: dict[str, Any], second: dict[str, Any]) -> set[int]:
    def used(geometry: dict[str, Any]) -> set[int]:
        return {index if index >= 0 else ~index for polygon in polygons(geometry) for ring in polygon
                for index in ring}
    return used(first) & used(second)


def extract(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    geometries = {geometry["properties"]["name"]: geometry
                  for geometry in topology["objects"]["countries"]["geometries"]}
    countries = []
    for name in COUNTRIES:
        rings = [rounded(clipped) for polygon in polygons(geometries[name]) for indexes in polygon
                 if len(clipped := clip(ring_points(indexes, arcs), BOX)) >= 3]
        if rings:
            countries.append({"id": slug(name), "name": name, "iso": geometries[name].get("id", ""), "rings": rings})
    borders = [{"between": [slug(first), slug(second)],
                "lines": [rounded(arcs[index]) for index in sorted(shared_arcs(geometries[first], geometries[second]))]}
               for first, second in BORDERS]
    return {"countries": countries, "borders": borders}


def write_drawn(extract_path: Path) -> Path:
    """drawn.json beside the extract: its outlines as each map's scale draws them, and the extract's fingerprint."""
    target = extract_path.parent / geo.DRAWN_FILE.name
    header = {"made_by": "scripts/extract_geo.py --drawn", "from": extract_path.name,
              "outlines_sha256": geo.fingerprint(extract_path)}
    # One scale per line, so that a diff shows which one changed.
    scales = [json.dumps(scale, separators=(",", ":"), ensure_ascii=False)
              for scale in geo.drawn_scales(geo.read_outlines(extract_path), SCALES)]
    target.write_text('{"about":' + json.dumps(header) + ',\n"scales":[\n' + ",\n".join(scales) + "\n]}\n",
                      encoding="utf-8")
    return target


def main(source: Path, target: Path) -> None:
    extract_data = extract(json.loads(source.read_text(encoding="utf-8")))
    header = {"source": "Natural Earth 4.1.0, Admin 0 countries 1:50m, public domain",
              "via": "world-atlas 2.0.2 (npm), countries-50m.json", "made_by": "scripts/extract_geo.py",
              "box": list(BOX)}
    # One country per line: a diff shows which outline changed.
    lines = [json.dumps(country, separators=(",", ":")) for country in extract_data["countries"]]
    borders = json.dumps(extract_data["borders"], separators=(",", ":"))
    target.write_text('{"about":' + json.dumps(header) + ',\n"borders":' + borders + ',\n"countries":[\n'
                      + ",\n".join(lines) + "\n]}\n", encoding="utf-8")
    write_drawn(target)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drawn", type=Path, metavar="EXTRACT", help="only redraw drawn.json from this extract")
    parser.add_argument("paths", type=Path, nargs="*", metavar="SOURCE TARGET",
                        help="world-atlas's countries-50m.json, and the extract to write")
    args = parser.parse_args()
    if args.drawn:
        print(write_drawn(args.drawn))
    elif len(args.paths) == 2:
        main(*args.paths)
    else:
        parser.error("give SOURCE and TARGET, or --drawn EXTRACT")
