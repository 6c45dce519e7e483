"""The typed data model: what an entry in data/*.yml may hold.

Every YAML mapping is validated against one of these classes. The JSON Schema that editors'
tools use (schema/data.schema.json) is generated from `Dataset`.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    create_model,
    model_validator,
)

DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
DATE_HINT = "use YYYY, YYYY-MM or YYYY-MM-DD"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# An "In brief" box is read in a minute: a handful of points, not a second list of facts.
IN_BRIEF_MIN, IN_BRIEF_MAX = 3, 5


BOOLEAN_HINT = "found true/false (YAML reads yes, no, on and off that way); put the value in quotes"


def check_date(value: object) -> str:
    """Accept "1994", 1994, "2017-09" or "2022-12-22"; refuse anything else, with the fix."""
    text = str(value)
    if isinstance(value, bool):
        raise ValueError(BOOLEAN_HINT)
    if not re.match(DATE_PATTERN, text):
        raise ValueError(f'"{text}" is not a date ({DATE_HINT})')
    year, *rest = (int(part) for part in text.split("-"))
    if len(rest) == 2:
        month, day = rest
        days_in_month = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31,
                         30, 31, 31, 30, 31, 30, 31][month - 1]
        if day > days_in_month:
            raise ValueError(f'"{text}" is not a date: that month has {days_in_month} days ({DATE_HINT})')
    return text


def check_id(value: object) -> str:
    text = str(value)
    if isinstance(value, bool):
        raise ValueError(BOOLEAN_HINT)
    if not isinstance(value, str) or not re.match(ID_PATTERN, text):
        raise ValueError(f'"{text}" is not a valid id (use lowercase letters, digits and single hyphens, '
                         'such as "eaeu" or "treaty-on-allied-relations")')
    return text


def check_url(value: object) -> object:
    if isinstance(value, str) and not re.match(r"^https?://\S+$", value.strip()):
        raise ValueError(f'"{value}" is not a public URL; it must start with https:// (or http://) and have no spaces')
    return value


Date = Annotated[str, BeforeValidator(check_date),
                 WithJsonSchema({"type": ["string", "integer"], "pattern": DATE_PATTERN,
                                 "description": f"A date at its own precision: {DATE_HINT}"})]
Id = Annotated[str, BeforeValidator(check_id),
               WithJsonSchema({"type": "string", "pattern": ID_PATTERN,
                               "description": "The id of another entry, e.g. tokayev"})]


@dataclass(frozen=True)
class Ref:
    """Marks a field that names other entries, by the key of their kind; None means any entry with a page.

    The loader checks these names and the backlinks follow them: `Annotated[list[Id], Ref("countries")]`.
    """

    kind: str | None = None


@dataclass(frozen=True)
class Prose:
    """Marks a field of Markdown, which may run over several lines; every other text field is one line of text."""


Markdown = Annotated[str, Field(min_length=1, description="Markdown; link entries with [[id]] or [[id|text]]"),
                     Prose()]


@functools.cache
def is_prose(model: type[BaseModel], name: str) -> bool:
    """Whether `model`'s field `name` is Markdown (Prose), however it is wrapped (X | None, Annotated)."""
    info = model.model_fields[name]

    def marked(annotation: Any) -> bool:
        return any(isinstance(arg, Prose) or marked(arg) for arg in get_args(annotation))

    return any(isinstance(meta, Prose) for meta in info.metadata) or marked(info.annotation)


def date_key(date: str) -> tuple[int, int, int]:
    """Sort key for dates of mixed precision: "1994" sorts before "1994-03"."""
    parts = [int(part) for part in date.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


class Node(BaseModel):
    """Base of every mapping in the data: no unknown keys, and it remembers where it was written."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    _file: str = PrivateAttr(default="")
    _line: int = PrivateAttr(default=0)
    # A plain default, not default_factory: pydantic inspects a factory's signature on every instance.
    _key_lines: dict[str, int] | None = PrivateAttr(default=None)
    _item_lines: dict[str, list[int]] | None = PrivateAttr(default=None)  # each list field's items

    @model_validator(mode="wrap")
    @classmethod
    def _keep_position(cls, data: Any, handler: Any) -> Any:
        node = handler(data)
        # The YAML loader hands over dicts that know their file and line; keep them for later errors.
        node._file = getattr(data, "file", "")
        node._line = getattr(data, "line", 0)
        node._key_lines = getattr(data, "key_lines", None)
        if isinstance(data, dict):
            node._item_lines = {key: value.item_lines for key, value in data.items() if hasattr(value, "item_lines")}
        return node

    def line_of(self, field: str, index: int | None = None) -> int:
        """The line where `field` (or its item `index`, for a list) was written, or the entry's own line."""
        items = (self._item_lines or {}).get(field, [])
        if index is not None and index < len(items):
            return items[index]
        return (self._key_lines or {}).get(field, self._line)


class Citation(Node):
    """Where a fact comes from: a verbatim quote of the article, or a context source by id."""

    source: Id = Field(description='"article" or the id of an entry in sources.yml')
    quote: str | None = Field(
        default=None,
        description="The words of the source that support the statement: for the article, copied exactly from "
                    "data/sources/article.txt (checked); for any other source, its own words, a sentence or two "
                    "(required).",
    )
    translation: str | None = Field(
        default=None, description="The quote in English, where the source is in another language")
    note: str | None = Field(default=None, description="Where in the source, or what it shows")

    @model_validator(mode="after")
    def _article_needs_quote(self) -> Citation:
        if self.source == "article" and not self.quote:
            raise ValueError('a citation of the article needs a quote (add quote: "the exact words")')
        return self


Cite = Annotated[list[Citation], Field(min_length=1, description="At least one citation")]


class Fact(Node):
    """One statement with its citations. It counts as the article's when it cites the article.

    Each fact is citable at its page's #claim-<id>: `id` when given, else one the loader derives from the owning
    entry's id and the fact's text (`claim_id`), so that adding or moving facts never changes another's link.
    """

    id: Id | None = Field(
        default=None,
        description="Optional: a stable name for this claim's link (#claim-<id>). Left out, it is made from the "
                    "entry's id and the text; give one to keep the link when the text is reworded.")
    text: Markdown
    cite: Cite
    as_of: Date | None = Field(
        default=None, description="A statement about the present: when it was last checked (the date of the newest "
                                  "source showing it still holds), such as 2025-11")


def claim_id(owner: str, text: str) -> str:
    """A fact's default id: a short hash of its entry's id and its text, whitespace aside; not its position."""
    return hashlib.sha1(f"{owner}\n{' '.join(text.split())}".encode()).hexdigest()[:8]


class Span(Node):
    start: Date | None = None
    end: Date | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> Span:
        if self.start and self.end and date_key(self.end) < date_key(self.start):
            raise ValueError(f'the span ends ({self.end}) before it starts ({self.start}); swap or fix the dates')
        return self


class Entity(Node):
    """What every page-bearing entry has."""

    id: Id
    name: str = Field(min_length=1)
    in_text: str | None = Field(
        default=None, min_length=1,
        description='How a sentence names it, when that differs from the name: "the Eurasian Economic Union", '
                    '"commercial agreements". A bare [[id]] link shows this; it is capitalised at the start of a '
                    'sentence.')
    abbreviations: list[str] = Field(default_factory=list,
                                     description="Short forms, shown as tooltips and in the glossary")
    aliases: list[str] = Field(default_factory=list, description="Other names, including the article's")
    summary: Markdown = Field(description="One or two sentences: what this is and why it matters here")
    cite: Cite
    body: Markdown | None = Field(default=None, description="The longer explanation")
    facts: list[Fact] = Field(default_factory=list)
    in_brief: list[Fact] = Field(
        default_factory=list,
        description="Three to five cited points a newcomer takes in within a minute, shown in a box at the top of "
                    "the page. Leave out rather than pad: a page without them shows no box.")
    related: Annotated[list[Id], Ref()] = Field(default_factory=list)

    @model_validator(mode="after")
    def _in_brief_size(self) -> Entity:
        if self.in_brief and not IN_BRIEF_MIN <= len(self.in_brief) <= IN_BRIEF_MAX:
            raise ValueError(f"in_brief has {len(self.in_brief)} points; give {IN_BRIEF_MIN} to {IN_BRIEF_MAX}, "
                             "or leave it out")
        return self


class Ratification(Node):
    country: Annotated[Id, Ref("countries")]
    date: Date
    text: Markdown | None = None
    cite: Cite


class Treaty(Entity):
    official_name: str
    official_name_ru: str | None = None
    signed: Date
    place: str
    parties: Annotated[list[Id], Ref("countries")] = Field(min_length=1)
    signatories: Annotated[list[Id], Ref("people")] = Field(default_factory=list)
    in_force: Date | None = None
    provisions: list[Fact] = Field(default_factory=list)
    ratifications: list[Ratification] = Field(default_factory=list)


class Agreement(Entity):
    kind: Literal["treaty", "intergovernmental agreement", "declaration", "commercial agreements", "working group",
                  "council"]
    date: Date | None = Field(default=None, description="When it was signed, agreed or set up")
    in_force: Date | None = None
    parties: Annotated[list[Id], Ref("countries")] = Field(default_factory=list)
    ratifications: list[Ratification] = Field(default_factory=list)
    worth_usd_billion: float | None = Field(
        default=None, gt=0, description="What the deals are worth, in US$ billion, as the cited official accounts give "
                                        "it (the summary says whose figure it is)")


Role = Literal["founding member", "member", "associate member", "observer", "suspended", "withdrawn"]


class Membership(Span):
    country: Annotated[Id, Ref("countries")]
    role: Role
    cite: Cite
    why: list[Fact] = Field(
        default_factory=list,
        description="Why the country joined, stayed, stepped back or left: what its government said at the time and "
                    "what named analysts say, each attributed in the text (\"Tashkent said…\", \"X argues…\"), "
                    "never in the site's voice")
    as_of: Date | None = Field(
        default=None, description="A statement about the present: when it was last checked (the date of the newest "
                                  "source showing it still holds), such as 2025-11")


class Organisation(Entity):
    founded: Date | None = Field(default=None, description="Leave out rather than cite no source")
    ended: Date | None = None
    succeeded_by: Annotated[Id | None, Ref("organisations")] = Field(
        default=None, description="The organisation that took its place")
    members: list[Membership] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ended_after_founded(self) -> Organisation:
        if self.founded and self.ended and date_key(self.ended) < date_key(self.founded):
            raise ValueError(f"it ended ({self.ended}) before it was founded ({self.founded}); fix the dates")
        return self


class Post(Span):
    title: str
    country: Annotated[Id | None, Ref("countries")] = None
    cite: Cite
    as_of: Date | None = Field(
        default=None, description="A statement about the present: when it was last checked (the date of the newest "
                                  "source showing it still holds), such as 2025-11")


class Person(Entity):
    country: Annotated[Id, Ref("countries")]
    posts: list[Post] = Field(default_factory=list)


class Country(Entity):
    capital: str | None = None


class Concept(Entity):
    pass


PlaceKind = Literal["capital", "city", "port", "border crossing"]


class Place(Entity):
    """A point on the map: a capital, a port, a waypoint of a route; its coordinates cite a gazetteer."""

    lat: float = Field(ge=-90, le=90, description="Latitude in decimal degrees, north positive")
    lon: float = Field(ge=-180, le=180, description="Longitude in decimal degrees, east positive")
    kind: PlaceKind | None = None
    approximate: bool = Field(default=False, description="True when the coordinates are an editor's estimate (a "
                                                          "crossing no gazetteer lists), not GeoNames'")
    country: Annotated[Id, Ref("countries")]
    on_route: Annotated[Id | None, Ref("routes")] = Field(
        default=None, description="The route it is a waypoint of, such as middle-corridor; the map draws the route "
                                  "through its waypoints in the order this file lists them")


class Route(Entity):
    """A physical route, such as the Middle Corridor: its waypoints are the places whose `on_route` names it."""


class Border(Entity):
    """A land border between two countries: its length, the agreements that fixed it, and the crossings and cities
    along it (places, which the region map draws)."""

    countries: Annotated[list[Id], Ref("countries")] = Field(min_length=2, max_length=2)
    length_km: float | None = Field(default=None, gt=0, description="Its length in kilometres, as its source gives it")
    agreements: Annotated[list[Id], Ref("agreements")] = Field(
        default_factory=list, description="The agreements that delimited or demarcated it")
    crossings: Annotated[list[Id], Ref("places")] = Field(
        default_factory=list, description="Its main crossing points (places of kind: border crossing)")
    cities: Annotated[list[Id], Ref("places")] = Field(
        default_factory=list, description="The main cities near it, on either side")


class Project(Entity):
    """A joint undertaking on the ground, such as the industrial cooperation centre on the border: what founded it,
    where it lies, and the stage it has reached (`stage`, with its `as_of` in the facts)."""

    founded_by: Annotated[list[Id], Ref("agreements")] = Field(
        default_factory=list, description="The agreements that set it up")
    places: Annotated[list[Id], Ref("places")] = Field(default_factory=list, description="Where it lies")
    started: Date | None = Field(default=None, description="When work began or it was founded")
    stage: Markdown | None = Field(default=None, description="How far along it is: say when, with `as_of`")
    stage_as_of: Date | None = Field(default=None, description="When the stage was last checked")


class Point(Node):
    """One value of a series: a year's figure, with its source's words."""

    period: Date = Field(description="The year (or month) the value is for")
    value: float
    cite: Cite
    note: str | None = Field(default=None, description="How this value was counted, where it differs")


class Target(Node):
    """A goal set for a series, such as a trade target the presidents set."""

    value: float
    by: Date = Field(description="The year by which it is to be reached")
    set_on: Date = Field(description="When it was set")
    text: Markdown = Field(description="Who set it and how: one sentence")
    cite: Cite


class Series(Node):
    """Figures over time, such as trade turnover by year, drawn as a chart with a table beside it."""

    id: Id
    title: str = Field(min_length=1, description="What is counted, as a chart's title")
    unit: str = Field(min_length=1, description='Such as "US$ billion"')
    about: Annotated[list[Id], Ref()] = Field(min_length=1, description="The entries whose pages show the chart")
    summary: Markdown = Field(description="One or two sentences: what the figures show")
    method: list[Fact] = Field(default_factory=list, description="How each statistics office counts")
    points: list[Point] = Field(min_length=1)
    targets: list[Target] = Field(default_factory=list)


class Era(Span):
    id: Id
    title: str


class Event(Node):
    id: Id
    date: Date
    title: Markdown
    about: Annotated[list[Id], Ref()] = Field(min_length=1, description="The entries this event belongs to")
    cite: Cite


class Term(Node):
    """A word a general reader may not know (ratification, Majilis), explained on the glossary page."""

    id: Id
    term: str = Field(min_length=1)
    means: Markdown = Field(description="A sentence or two in plain words")
    cite: Cite


Verdict = Literal["wrong", "imprecise", "unverified", "omitted", "inconsistent", "later development", "confirmed"]


class Check(Node):
    """A fact check: where the article and the record part ways."""

    id: Id
    title: str
    verdict: Verdict
    about: Annotated[list[Id], Ref()] = Field(
        min_length=1, description="The entries whose pages show this check, the main one first: its page tells the "
                                  "check in full, the others point to it")
    article_says: Citation
    record_shows: Markdown
    cite: Cite


SourceKind = Literal["article", "official", "agency", "newspaper", "broadcaster", "analysis", "reference"]
# What each kind of context source is, as the Sources page groups them (the article has its own section).
SOURCE_KINDS: dict[str, str] = {
    "official": "Official sources: governments, parliaments, official gazettes and the organisations themselves",
    "agency": "News agencies",
    "newspaper": "Newspapers and news sites",
    "broadcaster": "Broadcasters",
    "analysis": "Analysis: think tanks, journals and named experts",
    "reference": "Reference works",
}


class Source(Node):
    id: Id
    kind: SourceKind
    publisher: str
    title: str
    url: Annotated[str, BeforeValidator(check_url)] = Field(description="A public URL, starting with https://")
    author: str | None = None
    date: Date | None = None
    note: str | None = None


N = TypeVar("N", bound=Node)


@dataclass(frozen=True)
class Kind:
    """One kind of entry, defined once: the loader, pages, schema, tests and benchmark all derive from it."""

    key: str  # its list in a data file, such as `people:`
    model: type[Node]
    data_file: str  # where editors keep it
    folder: str = ""  # for kinds with a page per entry: the section's folder
    title: str = ""  # the section's title
    label: str = ""  # what one entry is called, as in "Tokayev · Person"

    @property
    def has_pages(self) -> bool:
        return bool(self.folder)


# In the order the site lists them.
KINDS: tuple[Kind, ...] = (
    Kind("treaties", Treaty, "data/treaty.yml", "treaty", "The treaty", "Treaty"),
    Kind("agreements", Agreement, "data/agreements.yml", "agreements", "Agreements and councils", "Agreement"),
    Kind("organisations", Organisation, "data/organisations.yml", "organisations", "Organisations", "Organisation"),
    Kind("people", Person, "data/people.yml", "people", "People", "Person"),
    Kind("countries", Country, "data/countries.yml", "countries", "Countries", "Country"),
    Kind("concepts", Concept, "data/concepts.yml", "concepts", "Topics", "Topic"),
    Kind("places", Place, "data/places.yml", "places", "Map", "Place"),
    Kind("borders", Border, "data/borders.yml", "borders", "Borders", "Border"),
    Kind("routes", Route, "data/routes.yml", "routes", "Routes", "Route"),
    Kind("projects", Project, "data/projects.yml", "projects", "Projects", "Project"),
    Kind("series", Series, "data/figures.yml"),
    Kind("sources", Source, "data/sources.yml"),
    Kind("eras", Era, "data/timeline.yml"),
    Kind("events", Event, "data/timeline.yml"),
    Kind("checks", Check, "data/checks.yml"),
    Kind("terms", Term, "data/glossary.yml"),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}
KIND_OF_MODEL = {kind.model: kind for kind in KINDS}
PAGE_KINDS = tuple(kind for kind in KINDS if kind.has_pages)
ENTITY_KINDS: dict[str, type[Entity]] = {kind.key: kind.model for kind in PAGE_KINDS}  # type: ignore[misc]


class DatasetBase(Node):
    """Everything in data/: one list per kind. A file may hold any of these lists; by convention, one kind."""

    def of(self, model: type[N]) -> list[N]:
        """The entries of one kind, typed: `dataset.of(Event)`."""
        entries: list[N] = getattr(self, KIND_OF_MODEL[model].key)
        return entries


Dataset = create_model(  # type: ignore[call-overload]
    "Dataset", __base__=DatasetBase, __doc__=DatasetBase.__doc__,
    **{kind.key: (list[kind.model], Field(default_factory=list)) for kind in KINDS})  # type: ignore[name-defined]


def references(model: type[Node]) -> list[tuple[str, Ref]]:
    """The fields of `model` that name other entries, as declared on them."""
    return [(name, meta) for name, info in model.model_fields.items() for meta in info.metadata
            if isinstance(meta, Ref)]


def closed_fields() -> list[tuple[str, str, list[str]]]:
    """(where, field, allowed values) of every field that takes one of a fixed list, such as `verdict`.

    Derived from the model, so the editors' guide cannot drift from what the loader accepts.
    """
    found: list[tuple[str, str, list[str]]] = []

    def visit(model: type[Node], where: str) -> None:
        for name, info in model.model_fields.items():
            for inner in _inner_types(info.annotation):
                if get_origin(inner) is Literal:
                    found.append((where, name, [str(value) for value in get_args(inner)]))
                elif isinstance(inner, type) and issubclass(inner, Node):
                    visit(inner, f"{where} › {name}")

    for kind in KINDS:
        visit(kind.model, kind.key)
    return found


def _inner_types(annotation: Any) -> list[Any]:
    """list[X] → [X], X | None → [X], Annotated[X, …] → [X]; a Literal is kept whole."""
    if get_origin(annotation) is Literal or not get_args(annotation):
        return [annotation]
    arguments = get_args(annotation)[:1] if get_origin(annotation) is Annotated else get_args(annotation)
    return [inner for argument in arguments if argument is not type(None) for inner in _inner_types(argument)]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data file, for editors' tools (`# yaml-language-server: $schema=...`)."""
    schema = Dataset.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Treaty explainer data file"
    return schema


if __name__ == "__main__":
    # `make schema` regenerates schema/data.schema.json from this model.
    import json

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
