"""The maps' polish (issue 14 follow-up): the outlines as drawn are worked out once, in data/geo/drawn.json."""

from __future__ import annotations

from explainer import geo
from explainer.pictures import SCALES
from tests.sitebuild import REPO

DATA = REPO / "data"


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
