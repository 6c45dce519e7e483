"""What the maps and the timeline picture show, worked out in Python; templates/*.svg.j2 draw them.

Every shape and mark carries the link and the words it shows, so the templates only lay them out.
Links are relative to the site's root, written after `up` (the page's "../" to the root).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from . import geo, links, map_labels
from .i18n import Language
from .model import Event, Organisation, Place, Series, Treaty, date_key
from .pages import Site, entity_src

# The region: the Caucasus to the Chinese border, the Persian frontier to Astana.
REGION = geo.Frame(west=39.0, south=33.5, east=87.0, north=56.5)
# Wide enough for every member of the organisations that lies in Europe or Asia (Hungary to China).
WIDE = geo.Frame(west=15.0, south=33.0, east=92.0, north=60.0)
# Simplification, in viewBox units (the viewBox is 1000 wide): about a pixel where the map is drawn.
DETAIL = {"region": 1.2, "members": 1.8, "locator": 3.0}
# Each frame at each detail its maps draw: what scripts/extract_geo.py works out once into data/geo/drawn.json.
SCALES = [(REGION, DETAIL["region"]), (WIDE, DETAIL["members"]), (WIDE, DETAIL["locator"])]
PARTIES = ("kazakhstan", "uzbekistan")
ROLE_ORDER = ("founding member", "member", "associate member", "observer", "suspended", "withdrawn", "former")
ROLE_CLASS = {role: role.replace(" ", "-") for role in ROLE_ORDER}
# The symbols a place's mark is drawn with (templates/_map_symbols.svg.j2), and how far each reaches from the place.
SYMBOL_REACH = {"signed": 11.5, "capital": 7.0, "place": 5.5}
# The roles told apart by pattern, not tone alone: the angle of each one's lines (dots for a suspension).
PATTERNS = {"observer": 45, "suspended": 0, "withdrawn": 45, "former": 0}


@dataclass(frozen=True)
class Line:
    """A route drawn through its waypoints: `style` (0, 1, 2…) tells the routes apart by dash as well as name."""

    id: str
    d: str
    style: int


@dataclass(frozen=True)
class Shape:
    id: str
    name: str
    d: str
    href: str | None  # the country's page, from the site's root; None when it has no page
    css: str  # the shading: "party", "member", "observer", ... or "" for a plain neighbour
    title: str
    label: geo.Point | None = None


@dataclass(frozen=True)
class Mark:
    id: str
    name: str
    x: float
    y: float
    kind: str
    href: str
    title: str
    symbol: str  # a key of SYMBOL_REACH: a star where the treaty was signed, a dot for a capital, a ring otherwise
    label: map_labels.Label | None = None  # where its name goes, once the map's names are placed


@dataclass(frozen=True)
class Key:
    """One line of a map's legend: `css` is a shading ("party", a role) or line ("border", "route") the map draws,
    or the name of a mark's symbol; `draw` says which ("area", "line" or "symbol")."""

    css: str
    words: str
    draw: str = "area"


@dataclass(frozen=True)
class MapPicture:
    key: str  # unique on its page: the SVG's ids start with it
    frame: geo.Frame
    title: str
    description: str
    shapes: list[Shape]
    marks: list[Mark] = field(default_factory=list)
    border: str = ""
    routes: list[Line] = field(default_factory=list)
    legend: list[Key] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # the places not marked: off the map or too close to another

    @property
    def height(self) -> int:
        return self.frame.height


def _page(kind: str, entity_id: str) -> str:
    """An entity's address from the site's root, as a directory URL."""
    return entity_src(kind, entity_id).removesuffix(".md") + "/"


def _country_href(site: Site, country_id: str) -> str | None:
    return _page("countries", country_id) if site.kind_of.get(country_id) == "countries" else None


def _name(site: Site, outline: geo.Outline) -> str:
    entity = site.entity_by_id.get(outline.id)
    return entity.name if entity else outline.name


def _shapes(site: Site, frame: geo.Frame, detail: float, css_of: dict[str, str], titles: dict[str, str],
            labelled: set[str], links: bool = True) -> list[Shape]:
    shapes = []
    for outline in site.geo.countries:
        d, label_at = site.geo.drawn(outline, frame, detail)
        if not d:
            continue
        name = _name(site, outline)
        shapes.append(Shape(outline.id, name, d, _country_href(site, outline.id) if links else None,
                            css_of.get(outline.id, ""), titles.get(outline.id, name),
                            label_at if outline.id in labelled else None))
    # Shaded countries last, so that their outlines are drawn over their neighbours'.
    return sorted(shapes, key=lambda shape: bool(shape.css))


def places(site: Site) -> list[Place]:
    return site.dataset.of(Place)


def route_of(site: Site, route_id: str) -> list[Place]:
    """A route's waypoints, in the order the data file lists them."""
    return [place for place in places(site) if place.on_route == route_id]


def _marks(site: Site, frame: geo.Frame) -> tuple[list[Mark], list[Place]]:
    """The places' marks, and the places left out: those off the map, or too close to a mark drawn before them
    (the data file's order: capitals first) to tell apart at this scale, such as a crossing beside Tashkent."""
    marks: list[Mark] = []
    left_out = []
    for place in places(site):
        if not frame.contains(place.lon, place.lat):
            left_out.append(place)
            continue
        x, y = frame.project(place.lon, place.lat)
        if any(math.dist((x, y), (mark.x, mark.y)) < 2 * SYMBOL_REACH["place"] + SYMBOL_REACH[mark.symbol]
               for mark in marks):
            left_out.append(place)
            continue
        signed = place.id == _signing_place(site)
        title = place_title(site, place) + (site.language.gettext(" (the treaty was signed here)") if signed else "")
        symbol = "signed" if signed else "capital" if place.kind == "capital" else "place"
        marks.append(Mark(place.id, place.name, round(x, 1), round(y, 1), (place.kind or "place").replace(" ", "-"),
                          _page("places", place.id), title, symbol))
    return marks, left_out


def _labelled(frame: geo.Frame, shapes: list[Shape], marks: list[Mark]) -> tuple[list[Shape], list[Mark]]:
    """The map's names placed so that none overlaps another or a mark (map_labels). A country's name with no room is
    left out (its shape's title still names it); a place's name with no room stays right of its mark, and
    tests/site/test_site_maps.py names the clash."""
    taken = [map_labels.mark_box(mark.x, mark.y, SYMBOL_REACH[mark.symbol]) for mark in marks]
    placed_marks = []
    for mark in marks:
        spots = map_labels.beside(mark.x, mark.y, SYMBOL_REACH[mark.symbol], left_first=mark.x > frame.width * 0.8)
        label = map_labels.place(mark.name, spots, taken, frame.width, frame.height)
        # A capital always has its name (the test names a clash); another place with no room keeps its mark, and
        # its title and the map's list name it.
        if label is None and mark.symbol != "place":
            label = spots[0]
        if label is not None:
            taken.append(label.box(mark.name))
        placed_marks.append(replace(mark, label=label))
    names: dict[str, geo.Point | None] = {}
    # The smallest shapes first: they have the fewest spots (the length of a shape's path stands for its size).
    for shape, centre in sorted(((shape, shape.label) for shape in shapes if shape.label), key=lambda s: len(s[0].d)):
        spot = map_labels.place(shape.name, map_labels.nudged(centre), taken, frame.width, frame.height,
                                map_labels.in_shape(shape.d))
        if spot:
            taken.append(spot.box(shape.name))
        names[shape.id] = (spot.x, spot.y) if spot else None
    return [replace(shape, label=names[shape.id]) if shape.id in names else shape for shape in shapes], placed_marks


# A place's title on a map: its name, kind and country, one sentence per kind (in Russian the country follows a
# comma: a name cannot be declined).
PLACE_TITLES = {"capital": "%(place)s: capital of %(country)s", "city": "%(place)s: city in %(country)s",
                "port": "%(place)s: port in %(country)s",
                "border crossing": "%(place)s: border crossing in %(country)s",
                "place": "%(place)s: place in %(country)s"}


def place_title(site: Site, place: Place) -> str:
    """ "Tashkent: capital of Uzbekistan"."""
    return site.language.gettext(PLACE_TITLES[place.kind or "place"]) % {
        "place": place.name, "country": site.names.get(place.country, place.country)}


def _signing_place(site: Site) -> str:
    """The place whose name is the treaty's place of signing (Tashkent)."""
    names = {treaty.place.lower() for treaty in site.dataset.of(Treaty)}
    return next((place.id for place in places(site) if place.name.lower() in names), "")


def symbol_keys(site: Site, marks: list[Mark]) -> list[Key]:
    """A legend line for each symbol the marks are drawn with, saying which kinds of place it stands for."""
    _ = site.language.gettext
    kinds: dict[str, list[str]] = {}
    for mark in marks:
        named, kind = kinds.setdefault(mark.symbol, []), _(mark.kind.replace("-", " "))
        if kind not in named:
            named.append(kind)
    words = {"signed": _("Where the treaty was signed"), "capital": _("Capital")}
    return [Key(symbol, words.get(symbol) or _listed(site, kinds[symbol], "or").capitalize(), "symbol")
            for symbol in SYMBOL_REACH if symbol in kinds]


def _listed(site: Site, words: list[str], conjunction: str = "and") -> str:
    """Words joined as a list: port; port or city; border crossing, port or city."""
    if len(words) < 2:
        return words[0]
    return site.language.gettext(f"%(first)s {conjunction} %(last)s") % {"first": ", ".join(words[:-1]),
                                                                        "last": words[-1]}


def region_map(site: Site) -> MapPicture:
    """The home page's and the Map page's map: the two parties, their border, the places and the routes."""
    frame, detail = REGION, DETAIL["region"]
    css_of = {country: "party" for country in PARTIES}
    labelled = {outline.id for outline in site.geo.countries if site.kind_of.get(outline.id) == "countries"}
    shapes = _shapes(site, frame, detail, css_of, {}, labelled)
    border = "".join(geo.path_data(lines, frame, detail, closed=False) for lines in site.geo.borders.values())
    route_ids = list(dict.fromkeys(place.on_route for place in places(site) if place.on_route))
    routes = [Line(route_id, geo.path_data([[(place.lon, place.lat) for place in route_of(site, route_id)]], frame,
                                           0.1, closed=False), style)
              for style, route_id in enumerate(route_ids)]
    marks, left_out = _marks(site, frame)
    signed = next((mark.name for mark in marks if mark.symbol == "signed"), "")
    _ = site.language.gettext
    description = (_("Kazakhstan and Uzbekistan are shaded and their common border is drawn thick. ")
                   + (_("A star marks %(place)s, where the treaty was signed. ") % {"place": signed} if signed else "")
                   + (_("Dots mark the capitals, rings the other places; dashed lines join each route's waypoints, as "
                        "the legend shows.") if routes else _("Dots mark the capitals, rings the other places.")))
    legend = [Key("party", _("Kazakhstan and Uzbekistan, the treaty's parties")),
              Key("border", _("Their common border"), "line"),
              *[Key(f"route-{line.style}", _("%(route)s, through its cited waypoints (straight lines, not the track)")
                    % {"route": links.capitalised(site.names[line.id])}, "line") for line in routes],
              *symbol_keys(site, marks)]
    shapes, marks = _labelled(frame, shapes, marks)
    return MapPicture("region", frame, _("Map of Central Asia: Kazakhstan, Uzbekistan and their routes"),
                      description, shapes, marks, border, routes, legend, [place.id for place in left_out])


def locator_map(site: Site, country_id: str) -> MapPicture | None:
    """A small map that picks out one country; None when it is not on the wide frame (Cuba, Japan)."""
    outline = site.geo.outline(country_id)
    if not outline or not site.geo.drawn(outline, WIDE, DETAIL["locator"])[0]:
        return None
    name = site.names.get(country_id, outline.name)
    shapes = _shapes(site, WIDE, DETAIL["locator"], {country_id: "party"}, {}, set(), links=False)
    _ = site.language.gettext
    description = _("%(country)s is shaded on a map of the region from Central Europe to China.") % {
        "country": links.capitalised(name)}
    return MapPicture(f"locator-{country_id}", WIDE, _("Where %(country)s is") % {"country": name}, description,
                      shapes)


def latest_roles(organisation: Organisation) -> dict[str, str]:
    """Each member's role in its latest period: what the shading shows (all periods are listed beside it)."""
    roles: dict[str, tuple[tuple[int, int, int], str]] = {}
    for member in organisation.members:
        start = date_key(member.start or "0")
        if member.country not in roles or start >= roles[member.country][0]:
            roles[member.country] = (start, member.role)
    return {country: role for country, (_, role) in roles.items()}


def _members_picture(site: Site, key: str, title: str, roles: dict[str, str], notes: dict[str, str]) -> MapPicture:
    _ = site.language.gettext
    css_of = {country: ROLE_CLASS[role] for country, role in roles.items()}
    # A country's note, where it has one, in place of its role ("former" has no words of its own).
    described = {country: notes[country] if country in notes else _(role) for country, role in roles.items()}
    titles = {country: f"{site.names.get(country, country)}: {described[country]}" for country in roles}
    shapes, _marks = _labelled(WIDE, _shapes(site, WIDE, DETAIL["members"], css_of, titles, set(roles)), [])
    legend = [Key(ROLE_CLASS[role], _(role).capitalize() if role != "former" else
                  _("Member of an earlier organisation only")) for role in ROLE_ORDER if role in roles.values()]
    drawn = {shape.id for shape in shapes}
    off_map = [site.names.get(country, country) for country in roles if country not in drawn]
    description = _("Members are shaded by role; the list below gives each member this site records, with its "
                    "periods.") + (_(" Not on the map: %(countries)s.") % {"countries": ", ".join(off_map)}
                                   if off_map else "")
    return MapPicture(key, WIDE, title, description, shapes, legend=legend)


def members_map(site: Site, organisation: Organisation) -> MapPicture | None:
    if not organisation.members:
        return None
    roles = latest_roles(organisation)
    return _members_picture(site, f"members-{organisation.id}", site.language.gettext(
        "Members of %(organisation)s, by role") % {"organisation": site.names[organisation.id]}, roles, {})


def succession_map(site: Site, chain: list[Organisation]) -> MapPicture | None:
    """One line of succession: each country by its role in the line's last organisation, or as a former member."""
    last = chain[-1]
    roles = latest_roles(last)
    earlier: dict[str, list[str]] = {}  # a country not in the last organisation → the earlier ones it was in
    for org in chain[:-1]:
        for country in latest_roles(org):
            if country not in roles:
                earlier.setdefault(country, []).append(site.names[org.id])
    roles.update({country: "former" for country in earlier})
    if not roles:
        return None
    names = " → ".join(org.abbreviations[0] if org.abbreviations else org.name for org in chain)
    _ = site.language.gettext
    return _members_picture(site, f"line-{chain[0].id}",
                            _("%(line)s: members of %(organisation)s and earlier members") % {
                                "line": names, "organisation": site.names[last.id]}, roles,
                            {country: _("only in %(organisations)s") % {"organisations": _listed(site, orgs)}
                             for country, orgs in earlier.items()})


# ----- the timeline ----------------------------------------------------------------------------------------

PX_PER_YEAR = 40
GUTTER = 78  # room on the left for the lanes' names
LANE = 14
TIP_HEIGHT = 84
TIP_WIDTH = 300  # the strip on top where a hovered or focused mark shows its event
BAND_ROWS = 3  # era names alternate over three rows, so that short eras' names do not collide


@dataclass(frozen=True)
class Band:
    title: str
    x: float
    width: float
    row: int


@dataclass(frozen=True)
class Facets:
    """What the timeline's filters pick an event by: the countries and organisations it is about, and its source."""

    countries: tuple[str, ...]
    organisations: tuple[str, ...]
    article: bool


@dataclass(frozen=True)
class TimelineFilters:
    """The choices the timeline's filters offer: only the countries and organisations some event is about."""

    countries: list[tuple[str, str]]  # (id, name), by name
    organisations: list[tuple[str, str]]
    total: int


FILTER_KINDS = ("countries", "organisations")


def event_facets(site: Site, event: Event) -> Facets:
    """An event is about its `about:` entries and the entries its title links."""
    ids = set(event.about) | links.linked_ids(event.title)
    countries, organisations = (tuple(sorted(i for i in ids if site.kind_of.get(i) == kind)) for kind in FILTER_KINDS)
    return Facets(countries, organisations, site.is_article_fact(event.cite))


def timeline_filters(site: Site) -> TimelineFilters:
    events = [event for _, events in site.eras() for event in events]
    facets = [event_facets(site, event) for event in events]

    def choices(ids: set[str]) -> list[tuple[str, str]]:
        return sorted(((i, site.entity_by_id[i].name) for i in ids), key=lambda choice: choice[1])

    return TimelineFilters(choices({i for f in facets for i in f.countries}),
                           choices({i for f in facets for i in f.organisations}), len(events))


@dataclass(frozen=True)
class EventMark:
    id: str
    date: str
    title: str  # plain text
    article: bool
    facets: Facets
    x: float
    width: float  # 0 for a day; the span of its month or year otherwise
    y: float
    tip_x: float  # where its tip box starts, kept inside the picture


@dataclass(frozen=True)
class TimelinePicture:
    width: int
    height: int
    axis_y: float
    bands: list[Band]
    marks: list[EventMark]
    ticks: list[tuple[float, int]]
    lanes_top: float
    lanes_bottom: float
    first_year: int  # of the first and the last event: the picture's title names them
    last_year: int


def year_fraction(date: str) -> float:
    """Where a date starts, in years: "2022-12-22" → 2022.97, "2022-12" → 2022.92, "2022" → 2022.0."""
    year, month, day = date_key(date)
    return year + ((month or 1) - 1) / 12 + ((day or 1) - 1) / 365


def date_extent(date: str) -> tuple[float, float]:
    """The start and length in years of what a date can mean: a day is a point, a month or a year a span."""
    parts = len(date.split("-"))
    return year_fraction(date), (0.0 if parts == 3 else 1 / 12 if parts == 2 else 1.0)


def axis_x(years: float, first_year: int) -> float:
    return round(GUTTER + (years - first_year) * PX_PER_YEAR, 1)


def _lanes(spans: list[tuple[float, float]]) -> list[int]:
    """The first lane where each span fits after the ones before it (spans in date order)."""
    ends: list[float] = []
    lanes = []
    for start, end in spans:
        lane = next((i for i, last in enumerate(ends) if last < start), len(ends))
        if lane == len(ends):
            ends.append(end)
        ends[lane] = end
        lanes.append(lane)
    return lanes


def timeline_picture(site: Site) -> TimelinePicture | None:
    """The eras as bands on a time axis and every dated event as a mark: article events above, context below."""
    grouped = site.eras()
    events = [event for _, events in grouped for event in events]
    if not events:
        return None
    first_year = min(date_key(event.date)[0] for event in events)
    last_year = max(date_key(event.date)[0] for event in events) + 1
    width = round(axis_x(last_year, first_year) + 12)
    placed = []
    for event in events:
        start, length = date_extent(event.date)
        x, span = axis_x(start, first_year), round(length * PX_PER_YEAR, 1)
        placed.append((event, x, span, site.is_article_fact(event.cite)))
    # A day's mark is a dot 10 wide; a span at least 4: what a lane must leave room for.
    footprint = [(x - 6, x + max(span, 6) + 2) for _, x, span, _ in placed]
    above = _lanes([box for box, (_, _, _, article) in zip(footprint, placed, strict=True) if article])
    below = _lanes([box for box, (_, _, _, article) in zip(footprint, placed, strict=True) if not article])
    lanes_top = TIP_HEIGHT + BAND_ROWS * 16 + 8
    axis_y = lanes_top + (max(above, default=0) + 1) * LANE + 8
    lanes_bottom = axis_y + 8 + (max(below, default=0) + 1) * LANE
    above_lanes, below_lanes = iter(above), iter(below)
    marks = []
    for event, x, span, article in placed:
        y = axis_y - 14 - next(above_lanes) * LANE if article else axis_y + 14 + next(below_lanes) * LANE
        marks.append(EventMark(event.id, event.date, links.plain(event.title, site.names), article,
                               event_facets(site, event), x, span, y,
                               round(min(max(x - 20, 4), width - TIP_WIDTH - 4), 1)))
    bands = []
    for index, (era, _) in enumerate(era for era in grouped if era[0]):
        if era and era.start:
            start = axis_x(year_fraction(era.start), first_year)
            end_start, end_length = date_extent(era.end or str(last_year - 1))
            bands.append(Band(era.title, start, round(axis_x(end_start + end_length, first_year) - start, 1),
                              index % BAND_ROWS))
    ticks = [(axis_x(year, first_year), year) for year in range(first_year, last_year + 1) if year % 5 == 0]
    return TimelinePicture(width, round(lanes_bottom + 30), axis_y, bands, marks, ticks, lanes_top, lanes_bottom,
                           first_year, last_year - 1)



# ----- a series as a bar chart ------------------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT = 640, 300
CHART_LEFT, CHART_RIGHT, CHART_TOP, CHART_BOTTOM = 48, 16, 28, 36


@dataclass(frozen=True)
class Bar:
    label: str  # the period as shown: "2019"
    value: float
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Goal:
    """A target drawn as a dashed line across the chart, with its words."""

    label: str
    y: float


@dataclass(frozen=True)
class SeriesChart:
    width: int
    height: int
    bars: list[Bar]
    gaps: list[tuple[float, str]]  # (x, year) of each year in the range with no figure: a slot left empty
    ticks: list[tuple[float, str]]  # (y, value as shown)
    goals: list[Goal]
    baseline: float  # the y of zero


def nice_step(top: float) -> float:
    """A round step for about five gridlines up to `top`: 1, 2 or 5 times a power of ten."""
    rough = top / 5 or 1
    power = 10 ** math.floor(math.log10(rough))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= rough)


def series_chart(series: Series, language: Language | None = None) -> SeriesChart:
    """Bars for each point (in period order), gridlines at round values, and the targets as lines; its words and
    numbers in `language` (English if none)."""
    language = language or Language()
    points = sorted(series.points, key=lambda point: date_key(point.period))
    top = max([point.value for point in points] + [target.value for target in series.targets])
    step = nice_step(top)
    ceiling = math.ceil(top / step) * step or step
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    baseline = CHART_TOP + plot_height

    def y_of(value: float) -> float:
        return round(baseline - value / ceiling * plot_height, 1)

    # One slot a year from the first to the last, so that a year with no figure shows as a gap, not as nothing.
    first, last = date_key(points[0].period)[0], date_key(points[-1].period)[0]
    years = list(range(first, last + 1)) if len(points) == len({date_key(p.period)[0] for p in points}) else []
    slots = len(years) or len(points)
    slot = (CHART_WIDTH - CHART_LEFT - CHART_RIGHT) / slots

    def x_of(index: int) -> float:
        return round(CHART_LEFT + index * slot + slot * 0.15, 1)

    place = {year: index for index, year in enumerate(years)}
    bars = [Bar(point.period, point.value, x_of(place.get(date_key(point.period)[0], index)), y_of(point.value),
                round(slot * 0.7, 1), round(baseline - y_of(point.value), 1)) for index, point in enumerate(points)]
    shown = {date_key(point.period)[0] for point in points}
    gaps = [(round(x_of(index) + slot * 0.35, 1), str(year)) for index, year in enumerate(years) if year not in shown]
    ticks = [(y_of(step * index), language.figure(step * index)) for index in range(round(ceiling / step) + 1)]
    goals = [Goal(language.gettext("Target: %(value)s by %(year)s") % {"value": language.figure(target.value),
                                                                      "year": target.by}, y_of(target.value))
             for target in series.targets]
    return SeriesChart(CHART_WIDTH, CHART_HEIGHT, bars, gaps, ticks, goals, baseline)
