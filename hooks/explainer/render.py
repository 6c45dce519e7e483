"""Model → Markdown (and the open-data files) through the Jinja templates in templates/."""

from __future__ import annotations

import csv
import dataclasses
import functools
import html
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

import jinja2

from . import links, pictures
from .i18n import Language, in_latin, show_date, unmarked
from .markup import PICTURE_MARK
from .model import (
    DATE_PATTERN,
    KIND_BY_KEY,
    KIND_OF_MODEL,
    MONTHS,
    PAGE_KINDS,
    SOURCE_KINDS,
    Agreement,
    Check,
    Citation,
    Entity,
    Event,
    Fact,
    Organisation,
    Place,
    Series,
    Source,
    Term,
    Treaty,
    closed_fields,
    date_key,
    json_schema,
)
from .output import Output
from .pages import (
    ALLOWED_VALUES_PAGE,
    CHANGE_LOG_PAGE,
    CHANGES_FEED,
    CHANGES_PAGE,
    CHECKS_PAGE,
    GLOSSARY_PAGE,
    NUMBERS_PAGE,
    SINCE_PAGE,
    SOURCES_PAGE,
    TIMELINE_PAGE,
    Site,
    entity_src,
    section_src,
)
from .translations import FOLDER, quote_language

TEMPLATES = Path(__file__).parent / "templates"
# What a link to an entity page shows on hover or focus (docs/assets/explainer.js fetches it on the first one).
PREVIEWS_FILE = "assets/previews.json"
BIBTEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                   "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def outputs(site: Site, source_url: str = "") -> Iterator[Output]:
    """Every generated page and data file of the site; `source_url` is where the repository shows its files. In a
    translation, a page's edit button opens the translations of its data file (data/i18n/<code>/<file>)."""
    for output in _outputs(site, source_url):
        path = output.edit_path or ""
        if site.language.is_source or not (path.startswith("data/") and path.endswith(".yml")):
            yield output
        else:
            yield dataclasses.replace(output, edit_path=f"data/{FOLDER}/{site.language.code}/{Path(path).name}",
                                      edit_url=None)


def _outputs(site: Site, source_url: str = "") -> Iterator[Output]:
    env = environment(site)
    env.globals["source_lines_url"] = lambda entity_id: source_lines_url(site, source_url, entity_id)
    for kind in PAGE_KINDS:
        yield Output(section_src(kind.key), _render(env, f"section-{kind.key}.md.j2", "section.md.j2", site=site,
                                                    kind=kind.key), kind.data_file)
        for entity in site.entities(kind.key):
            yield Output(entity_src(kind.key, entity.id),
                         _render(env, f"entity-{kind.key}.md.j2", "entity.md.j2", site=site, kind=kind.key,
                                 entity=entity, refs=References(site)), kind.data_file,
                         source_lines_url(site, source_url, entity.id) or None)
    timeline, organisations = KIND_OF_MODEL[Event].data_file, KIND_OF_MODEL[Organisation].data_file
    yield Output(TIMELINE_PAGE, _render(env, "timeline.md.j2", site=site, refs=References(site)), timeline)
    yield Output(GLOSSARY_PAGE, _render(env, "glossary.md.j2", site=site, refs=References(site)),
                 KIND_OF_MODEL[Term].data_file)
    yield Output(SOURCES_PAGE, _render(env, "sources.md.j2", site=site), KIND_OF_MODEL[Source].data_file)
    yield Output(CHECKS_PAGE, _render(env, "fact-checks.md.j2", site=site, refs=References(site)),
                 KIND_OF_MODEL[Check].data_file)
    # Made from the model's rules: there is nothing on it for an editor to change.
    yield Output(ALLOWED_VALUES_PAGE, _render(env, "allowed-values.md.j2"), None)
    yield Output(SINCE_PAGE, _render(env, "since-the-article.md.j2", site=site, refs=References(site)),
                 KIND_BY_KEY["treaties"].data_file)
    yield Output(NUMBERS_PAGE, _render(env, "numbers.md.j2", site=site, refs=References(site)),
                 KIND_OF_MODEL[Series].data_file)
    # Made from git, not from a file an editor could change: no edit link.
    yield Output(CHANGES_PAGE, _render(env, "changes.md.j2", site=site), None)
    yield Output(CHANGE_LOG_PAGE, _render(env, "change-log.md.j2", site=site), None)
    yield Output(CHANGES_FEED, changes_feed(site), None)
    yield Output("data.json", data_json(site), "data/")
    yield Output(PREVIEWS_FILE, previews_json(site), "data/")
    yield Output("memberships.csv", memberships_csv(site), organisations)
    yield Output("timeline.csv", timeline_csv(site), timeline)
    yield Output("schema/data.schema.json", json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n",
                 "hooks/explainer/model.py")


def _render(env: jinja2.Environment, *names: str, **context: object) -> str:
    return env.select_template(list(names)).render(**context)


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, for every environment made from them (Jinja checks each against its
    source, so an edited template is compiled again): compiling took a tenth of a build."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def environment(site: Site) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=COMPILED_TEMPLATES,
        undefined=jinja2.StrictUndefined,
        # The pictures (*.svg.j2) are HTML: every value they write is escaped unless the core made it as markup.
        # The Markdown templates escape with the filters below (text, cell, literal), as Markdown needs.
        autoescape=jinja2.select_autoescape(enabled_extensions=("svg.j2", "html.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown's attribute lists ({#anchor}) would otherwise open Jinja comments.
        comment_start_string="{##",
        comment_end_string="##}",
        # The words around the data: {{ _("In brief") }}, and {% trans %} for sentences (i18n.py).
        extensions=["jinja2.ext.i18n"],
    )
    language = site.language
    env.install_gettext_callables(language.gettext, language.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        text=escape_text,
        quoted=lambda text: quoted(text, language),
        cell=escape_cell,
        date=lambda date, form="": language.date(date, form),
        year=lambda date: date[:4] if date else "",
        span=lambda start, end, precision="full": show_span(start, end, precision, language),
        plain=lambda text: links.plain(text, site.names),
        # Lists, tables and infoboxes name an entity as a title does, not as a sentence does.
        name_link=lambda entity_id: f"[[{entity_id}|{escape_text(site.entity_by_id[entity_id].name)}]]",
        linked_ids=links.linked_ids,
        tojson=lambda value: json.dumps(value, ensure_ascii=False),
        urlencode_url=lambda url: url.replace(" ", "%20").replace("(", "%28").replace(")", "%29"),
        is_article=site.is_article_fact,
        coordinates=lambda place: show_coordinates(place, language),
        day=lambda moment: language.date(moment.date().isoformat()),
        day_of=lambda change: language.date(change.date.date().isoformat()),
        literal=escape_literal,
        name_of=lambda entity_id: site.entity_by_id[entity_id].name,
        bibtex=escape_bibtex,
        figure=language.figure,
        capitalised=links.capitalised,
    )
    # What draws words or numbers in the pages' language.
    env.globals.update(membership_cell=lambda organisation, country: membership_cell(organisation, country, language),
                       series_chart=lambda series: pictures.series_chart(series, language))
    env.tests["is_article"] = site.is_article_fact
    env.tests["latin"] = in_latin
    # The language of a citation's quote ("en", "ru", "kk", "uz" or "" when its letters do not tell).
    env.filters["quote_lang"] = quote_language
    # The pages' language, and when the translations of a data file were last checked (None in English, or when the
    # file has no translations yet).
    env.globals["page_lang"] = language.code
    env.globals["translation_note_html"] = language.translation_note
    env.globals["translation_checked"] = lambda data_file: site.coverage.checked.get(data_file) \
        if site.coverage else None
    env.globals.update(KINDS=KIND_BY_KEY, SOURCE_KINDS=SOURCE_KINDS, closed_fields=closed_fields,
                       section_src=section_src, entity_src=entity_src,
                       TIMELINE_PAGE=TIMELINE_PAGE, CHECKS_PAGE=CHECKS_PAGE, SOURCES_PAGE=SOURCES_PAGE,
                       GLOSSARY_PAGE=GLOSSARY_PAGE, succession_chains=links.succession_chains,
                       region_map=pictures.region_map,
                       locator_map=pictures.locator_map, members_map=pictures.members_map,
                       succession_map=pictures.succession_map, route_of=pictures.route_of,
                       timeline_picture=pictures.timeline_picture,
                       PATTERNS=pictures.PATTERNS, NUMBERS_PAGE=NUMBERS_PAGE,
                       event_facets=lambda event: pictures.event_facets(site, event),
                       timeline_filters=pictures.timeline_filters,
                       untold_events=lambda entity: untold_events(site, entity),
                       CHANGES_FEED=CHANGES_FEED, CHANGES_PAGE=CHANGES_PAGE, CHANGE_LOG_PAGE=CHANGE_LOG_PAGE,
                       recent_statements=lambda: recent_statements(site),
                       statement_text=lambda node: node.title if isinstance(node, Event) else node.text,
                       council_meetings=lambda treaty: council_meetings(site, treaty),
                       events_since=lambda treaty: events_since(site, treaty))
    return env


# A hand-written page asks for a picture with this comment; its links are written from ROOT, then from the page.
ROOT = "\x00root/"


def page_pictures(site: Site) -> dict[str, str]:
    """The pictures that hand-written pages in docs/ may show, by name: the region map, and each series' chart
    (`series-<id>`), which links to its figures and sources on the numbers page."""
    env = environment(site)
    charts = {f"series-{series.id}": env.get_template("series-picture.md.j2").render(site=site, series=series, up=ROOT)
              for series in site.dataset.of(Series)}
    return {"region-map": env.get_template("region-map.md.j2").render(site=site, up=ROOT), **charts}


def with_pictures(markdown: str, page_src: str, shown: dict[str, str]) -> str:
    """The page with each <!-- picture: NAME --> replaced by that picture, its links made relative to the page."""
    depth = page_src.count("/") + (0 if page_src.rsplit("/", 1)[-1] == "index.md" else 1)
    return PICTURE_MARK.sub(lambda mark: shown.get(mark.group("name"), mark.group(0)).replace(ROOT, "../" * depth),
                            markdown)


# ----- filters --------------------------------------------------------------------------------------


def source_lines_url(site: Site, source_url: str, entity_id: str) -> str:
    """The entry's lines in the repository, so an editor lands on the entry, not the top of the file."""
    if not source_url or entity_id not in site.lines_of:
        return ""
    file, start, end = site.lines_of[entity_id]
    return f"{source_url}{file}#L{start}" + (f"-L{end}" if end else "")


def escape_text(text: str | None) -> str:
    """Data text is Markdown, never HTML: a <script> in YAML shows as text."""
    return html.escape(text or "", quote=False)


def escape_bibtex(text: str) -> str:
    """Text for a BibTeX field: its special characters as TeX writes them."""
    return "".join(BIBTEX_SPECIALS.get(character, character) for character in text)


def escape_literal(text: str) -> str:
    """Text shown as written (a commit subject): no HTML, and Markdown's punctuation kept as punctuation."""
    return re.sub(r"([\\`*_{}\[\]()#+!-])", r"\\\1", escape_text(text))


def quoted(text: str | None, language: Language | None = None) -> str:
    """A quotation in the language's marks (“…”, «…»), on one line; quotation marks inside it become the inner ones,
    as the language nests them (‘…’, „…“)."""
    opening, closing, inner_opening, inner_closing = (language or Language()).quotation_marks
    inner = (text or "").replace("\n", " ").replace(opening, inner_opening).replace(closing, inner_closing)
    # Straight double quotes inside, as sources print them, nest as the inner ones too.
    inner = re.sub(r'"([^"]*)"', f"{inner_opening}\\1{inner_closing}", inner).replace('"', inner_closing)
    return f"{opening}{escape_text(inner)}{closing}"


def escape_cell(text: str | None) -> str:
    """Text for a Markdown table cell: escaped, on one line, pipes kept as text."""
    return escape_text(text).replace("|", "\\|").replace("\n", " ")


def show_span(start: str | None, end: str | None, precision: str = "full", language: Language | None = None) -> str:
    """ "2006–2008", "since 2020", "until 1999"; years only where precision is "year"."""
    language = language or Language()
    shown = (lambda date: date[:4] if date else "") if precision == "year" else language.date
    if start and end:
        first, last = shown(start), shown(end)
        return first if first == last else f"{first}–{last}" if precision == "year" else f"{first} – {last}"

    def after(date: str) -> str:  # after «с», «до»: «с июня 2019 года», «с 2019 года»
        return language.date(date[:4] if precision == "year" else date, "genitive")

    if start:
        return language.gettext("since %(date)s") % {"date": after(start)}
    return language.gettext("until %(date)s") % {"date": after(end)} if end else ""


def show_coordinates(place: Place, language: Language | None = None) -> str:
    """ "41.26° N, 69.22° E": degrees with their hemispheres, as a gazetteer gives them; an estimate to a tenth of a
    degree, "about 40.7° N, 68.6° E". In Russian, "41,26° с. ш., 69,22° в. д."."""
    language = language or Language()
    _ = language.gettext
    digits = 1 if place.approximate else 2
    latitude, longitude = (language.figure(abs(value), digits) for value in (place.lat, place.lon))
    shown = _("%(latitude)s° %(north)s, %(longitude)s° %(east)s") % {
        "latitude": latitude, "north": _("N") if place.lat >= 0 else _("S"),
        "longitude": longitude, "east": _("E") if place.lon >= 0 else _("W")}
    return _("about %(coordinates)s") % {"coordinates": shown} if place.approximate else shown


def membership_cell(organisation: Organisation, country_id: str, language: Language | None = None) -> str:
    """One cell of the membership matrix: "Observer since 2020", "Suspended 2006–2008"."""
    language = language or Language()
    periods = [member for member in organisation.members if member.country == country_id]
    parts = [f"{language.gettext(member.role)} {show_span(member.start, member.end, 'year', language)}".strip()
             for member in periods]
    # English capitalises each period ("Founding member 1991–2005; Associate member since 2005"); Russian the cell.
    cell = "; ".join(part[:1].upper() + part[1:] for part in parts) if language.is_source else "; ".join(parts)
    return cell[:1].upper() + cell[1:]


# ----- the timeline excerpt of an entity page: only what the page has not told -------------------------------

# A year on its own, not the end of "December 2022" (that names a month, not the year).
YEAR_ALONE = "".join(f"(?<!{month} )" for month in MONTHS) + r"(?<!\d)"


def untold_events(site: Site, entity: Entity) -> list[Event]:
    """The entity's events, in date order, leaving out those whose date the page's own text already gives (read in
    English, the text every translation follows)."""
    told = own_text(site.english.get(entity.id, entity))
    events = sorted(site.events_of.get(entity.id, []), key=lambda event: (event.date, event.id))
    return [event for event in events if not date_told(show_date(event.date), len(event.date.split("-")), told)]


def own_text(entity: Entity) -> str:
    """Everything the entry itself shows (its texts, and its dates as shown), without its citations."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(show_date(value) if re.fullmatch(DATE_PATTERN, value) else value)
        elif isinstance(value, dict):
            for key, inner in value.items():
                # Infoboxes show a ratification's date, not its text.
                if key == "ratifications":
                    walk([ratification["date"] for ratification in inner])
                elif key not in ("cite", "id", "related"):
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(entity.model_dump())
    return "\n".join(found)


@functools.lru_cache(maxsize=20_000)
def date_told(shown_date: str, precision: int, text: str) -> bool:
    """Whether `text` gives a date, as pages show it, at its own precision (1 year, 2 month, 3 day): "May 2024" is
    not told by "20 May 2024"."""
    shown = re.escape(shown_date)
    pattern = {1: YEAR_ALONE + shown + r"\b", 2: r"(?<!\d )" + shown + r"\b", 3: r"(?<!\d)" + shown + r"\b"}
    return bool(re.search(pattern[precision], text))


# ----- citations, numbered per page as footnotes ----------------------------------------------------------


class References:
    """A page's numbered references, Wikipedia-style: one per source, which keeps its number wherever the page cites
    it; the reference lists the words quoted from that source on the page, each once."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.numbers: dict[str, int] = {}
        self.quoted: dict[str, list[Citation]] = {}

    def marks(self, cite: list[Citation]) -> str:
        """Footnote markers for a list of citations, such as [^1][^4]: one per source."""
        return "".join(f"[^{number}]" for number in dict.fromkeys(self._number(citation) for citation in cite))

    def _number(self, citation: Citation) -> int:
        if citation.source not in self.numbers:
            self.numbers[citation.source] = len(self.numbers) + 1
            self.quoted[citation.source] = []
        said = self.quoted[citation.source]
        # Each of the source's words once: the same quote cited twice keeps its first note and adds a new one.
        same = next((index for index, other in enumerate(said) if other.quote == citation.quote), None)
        if same is None:
            said.append(citation)
        elif citation.note and citation.note not in (said[same].note or ""):
            said[same] = said[same].model_copy(
                update={"note": f"{said[same].note}; {citation.note}" if said[same].note else citation.note})
        return self.numbers[citation.source]

    def definitions(self) -> Iterator[tuple[int, str, list[Citation]]]:
        """(number, source id, the citations of it on this page) in the order the page first cites them."""
        return ((number, source, self.quoted[source]) for source, number in self.numbers.items())


# ----- since the article, and what changed ------------------------------------------------------------


def events_after_signing(site: Site, treaty: Treaty) -> Iterator[Event]:
    """The timeline's events after the treaty was signed, in date order."""
    return (event for _, events in site.eras() for event in events
            if date_key(event.date) > date_key(treaty.signed))


def council_meetings(site: Site, treaty: Treaty) -> list[Event]:
    """The events after the signing that concern a council (an agreement of kind "council"), in date order."""
    councils = {agreement.id for agreement in site.dataset.of(Agreement) if agreement.kind == "council"}
    return [event for event in events_after_signing(site, treaty) if councils & set(event.about)]


def events_since(site: Site, treaty: Treaty) -> list[tuple[str, list[Event]]]:
    """The relationship since the signing: every later event on the timeline, by year, oldest first, leaving out
    the council meetings that the treaty's own steps already list."""
    told = {event.id for event in council_meetings(site, treaty)}
    by_year: dict[str, list[Event]] = {}
    for event in events_after_signing(site, treaty):
        if event.id not in told:
            by_year.setdefault(event.date[:4], []).append(event)
    return list(by_year.items())


# The readers' "What changed": the statements changed on the most recent days, up to about this many.
RECENT_STATEMENTS = 120


def recent_statements(site: Site) -> list[tuple[str, list[tuple[str, str, Fact | Event]]]]:
    """(day, [(where the statement is, its page's name, the statement)]) for the statements that changed most
    recently, newest day first; whole days, until about RECENT_STATEMENTS are listed."""
    statements = site.statements()
    by_day: dict[str, list[tuple[str, str, Fact | Event]]] = {}
    listed = 0
    for key, moment in sorted(site.statements_changed.items(), key=lambda item: item[1], reverse=True):
        day = moment.date().isoformat()
        if key not in statements or (day not in by_day and listed >= RECENT_STATEMENTS):
            continue
        by_day.setdefault(day, []).append(statements[key])
        listed += 1
    return list(by_day.items())


def changes_feed(site: Site) -> str:
    """The change log as an Atom feed (RFC 4287): one entry per commit, linking to it on the change log page."""
    atom = "http://www.w3.org/2005/Atom"
    ElementTree.register_namespace("", atom)
    page = site.page_url(CHANGES_PAGE)
    feed = ElementTree.Element(f"{{{atom}}}feed")

    def add(parent: ElementTree.Element, tag: str, text: str = "", **attributes: str) -> ElementTree.Element:
        child = ElementTree.SubElement(parent, f"{{{atom}}}{tag}", attributes)
        child.text = text or None
        return child

    add(feed, "title", f"{site.site_name}: what changed")
    add(feed, "id", page)
    add(feed, "link", href=page)
    add(feed, "link", rel="self", href=site.page_url(CHANGES_FEED))
    add(feed, "updated", (site.changes[0].date if site.changes else datetime(1970, 1, 1, tzinfo=UTC))
        .isoformat())
    add(add(feed, "author"), "name", site.site_name)
    for change in site.changes:
        entry = add(feed, "entry")
        add(entry, "title", change.subject)
        add(entry, "id", f"{page}#change-{change.sha[:10]}")
        add(entry, "link", href=f"{page}#change-{change.sha[:10]}")
        add(entry, "updated", change.date.isoformat())
        add(entry, "summary", "Files changed: " + ", ".join(change.files))
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


# ----- open data ---------------------------------------------------------------------------------------


def data_json(site: Site) -> str:
    # pydantic's own serialiser: json.dumps with an indent falls back to pure Python (a second at N=5,000).
    # In a translation, any English still untranslated is plain text here, without its marks.
    return unmarked(site.dataset.model_dump_json(indent=1, exclude_none=True)) + "\n"


def previews_json(site: Site) -> str:
    """Each entity page's URL (as "countries/kazakhstan/") → its name, kind and summary, as plain text."""
    previews = {entity_src(kind.key, entity.id).removesuffix(".md") + "/": {
        "name": unmarked(entity.name), "kind": unmarked(site.language.gettext(kind.label)),
        "summary": unmarked(" ".join(links.plain(entity.summary, site.names).split()))}
        for kind in PAGE_KINDS for entity in site.entities(kind.key)}
    return json.dumps(previews, ensure_ascii=False, separators=(",", ":")) + "\n"


def _csv(header: list[str], rows: Iterator[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def memberships_csv(site: Site) -> str:
    rows = ([org.id, org.name, member.country, member.role, member.start or "", member.end or "",
             " ".join(citation.source for citation in member.cite)]
            for org in site.dataset.of(Organisation) for member in org.members)
    return _csv(["organisation", "organisation_name", "country", "role", "start", "end", "sources"], rows)


def timeline_csv(site: Site) -> str:
    rows = ([event.date, event.id, links.plain(event.title, site.names), " ".join(event.about),
             " ".join(citation.source for citation in event.cite)]
            for _, events in site.eras() for event in events)
    return _csv(["date", "id", "title", "about", "sources"], rows)
