"""Which pages exist, where they live and what they are called; the indexes every page draws on."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from . import geo, history, i18n, jargon, links, safety, translations
from .errors import DataError, DataErrors
from .load import ARTICLE_ID, iter_nodes, load_dataset, owner_id, walk
from .model import (
    KIND_BY_KEY,
    PAGE_KINDS,
    Check,
    Citation,
    Dataset,
    Entity,
    Era,
    Event,
    Fact,
    Membership,
    Node,
    Organisation,
    Source,
    Term,
    date_key,
)
from .values import values_of

TIMELINE_PAGE = "timeline.md"
GLOSSARY_PAGE = "glossary.md"
SOURCES_PAGE = "sources.md"
CHECKS_PAGE = "fact-checks.md"
ALLOWED_VALUES_PAGE = "allowed-values.md"
SINCE_PAGE = "since-the-article.md"
NUMBERS_PAGE = "numbers.md"
CHANGES_PAGE = "changes.md"
CHANGE_LOG_PAGE = "change-log.md"
CHANGES_FEED = "changes.xml"
T = TypeVar("T")
# Past this size a country × organisation table is no longer readable (and grows as their product):
# the organisations page then points to each country's memberships and to the CSV instead.
MATRIX_MAX_ORGANISATIONS = 40
MATRIX_MAX_COUNTRIES = 120


def entity_src(kind: str, entity_id: str) -> str:
    return f"{KIND_BY_KEY[kind].folder}/{entity_id}.md"


def section_src(kind: str) -> str:
    return f"{KIND_BY_KEY[kind].folder}/index.md"


def date_end_key(date: str) -> tuple[int, int, int]:
    """The last day a date of any precision can mean: "2022" runs to the end of 2022."""
    year, month, day = date_key(date)
    return year, month or 12, day or 31


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Loading only adds objects, so the collector would rescan them in vain: 40% of the load time at N=5,000."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class Site:
    """The loaded data plus every index the pages need, built once per build."""

    dataset: Dataset
    kind_of: dict[str, str] = field(default_factory=dict)
    entity_by_id: dict[str, Entity] = field(default_factory=dict)
    targets: dict[str, tuple[str, str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    mentioned_by: dict[str, list[str]] = field(default_factory=dict)
    events_of: dict[str, list[Event]] = field(default_factory=dict)
    checks_of: dict[str, list[Check]] = field(default_factory=dict)
    memberships_of: dict[str, list[Organisation]] = field(default_factory=dict)
    predecessors_of: dict[str, list[Organisation]] = field(default_factory=dict)
    cited_by: dict[str, list[str]] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    glossary: dict[str, str] = field(default_factory=dict)
    lines_of: dict[str, tuple[str, int, int | None]] = field(default_factory=dict)
    linker: links.Linker = field(default_factory=links.Linker)
    geo: geo.Geo = field(default_factory=geo.Geo)  # the maps' country outlines
    # From git: when each entry's lines last changed, and the data's change log (empty without the history).
    changed: dict[str, datetime] = field(default_factory=dict)
    changes: list[history.Change] = field(default_factory=list)
    # From git: when each statement (a fact, by its id, or an event) last changed, for the readers' "What changed".
    statements_changed: dict[str, datetime] = field(default_factory=dict)
    # The published site, from mkdocs.yml, for citations and share cards.
    site_name: str = ""
    site_url: str = ""
    # The pages' language, and (for a translation) what its translations cover.
    language: i18n.Language = field(default_factory=i18n.Language)
    coverage: translations.Coverage | None = None
    # In a translation, each entry as written in English: what a page leaves out because its text already tells it
    # is worked out from the English, so that both languages show the same (render.untold_events).
    english: dict[str, Entity] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path, site_name: str = "", site_url: str = "", language: str = "en") -> Site:
        """The site in `language`: for a translation, the data with its translations written in (translations.py)."""
        with cyclic_gc_paused():
            dataset = load_dataset(data_dir)
            coverage, english = None, {}
            if language != "en":
                overlay = translations.load_overlay(data_dir, language, dataset)
                problems = [DataError(f"hooks/explainer/messages/{language}", 0, "", problem)
                            for problem in i18n.message_problems(language)]
                if overlay.errors or problems:
                    raise DataErrors(overlay.errors + problems)
                english = {entity.id: entity for kind in PAGE_KINDS for entity in getattr(dataset, kind.key)}
                dataset, coverage = translations.translated(dataset, overlay)
            site = cls.from_dataset(dataset, language)
            site.coverage = coverage
            site.english = english
        site.geo = geo.load(data_dir)
        root = data_dir.parent
        site.changed = history.node_dates(root, ((entry.id, entry) for kind in Dataset.model_fields
                                                  for entry in getattr(site.dataset, kind)))
        site.changes = history.change_log(root, [history.relative(data_dir, root)])
        site.statements_changed = history.node_dates(root, site.statement_nodes())
        site.site_name, site.site_url = site_name, site_url
        return site

    def statement_nodes(self) -> Iterator[tuple[str | None, Node]]:
        """Each fact and event by its id, and each entry unkeyed (where the statement before it ends)."""
        for kind in Dataset.model_fields:
            for entry in getattr(self.dataset, kind):
                yield (entry.id if isinstance(entry, Event) else None), entry
        for _, node in iter_nodes(self.dataset):
            if isinstance(node, Fact) and node.id:
                yield node.id, node

    def statements(self) -> dict[str, tuple[str, str, Fact | Event]]:
        """Each fact's and event's id → (its place from the site's root, with its anchor; the name of the page it is
        on; the statement)."""
        found: dict[str, tuple[str, str, Fact | Event]] = {
            event.id: (f"{TIMELINE_PAGE}#{event.id}", "Timeline", event) for event in self.dataset.of(Event)}
        for where, node in iter_nodes(self.dataset):
            owner = owner_id(where)
            if isinstance(node, Fact) and node.id and owner in self.targets:
                found[node.id] = (f"{self.targets[owner][0]}#claim-{node.id}", self.entity_by_id[owner].name, node)
        return found

    def checked_as_of(self, entity: Entity) -> tuple[str, str] | None:
        """When the entry's statements about the present were checked: the oldest and the newest `as_of` among
        them, if any."""
        dates = sorted((date for _, node in walk(entity, entity.id) if (date := getattr(node, "as_of", None))),
                       key=date_key)
        return (dates[0], dates[-1]) if dates else None

    def link_hosts(self) -> frozenset[str]:
        """The hosts of the sources' addresses: the only other hosts the pages may link to."""
        return frozenset(safety.host_of(source.url) for source in self.sources.values())

    def page_url(self, src_uri: str) -> str:
        """The published address of a page made from `src_uri` ("countries/kazakhstan.md"), or of another file."""
        path = src_uri
        if src_uri.endswith(".md"):
            path = src_uri.removesuffix(".md")
            path = "" if path == "index" else path.removesuffix("/index") + "/"
        return self.site_url.rstrip("/") + "/" + path if self.site_url else path

    @classmethod
    def from_dataset(cls, dataset: Dataset, language: str = "en") -> Site:
        site = cls(dataset, language=i18n.language(language))
        for kind in PAGE_KINDS:
            for entity in getattr(dataset, kind.key):
                site.kind_of[entity.id] = kind.key
                site.entity_by_id[entity.id] = entity
                # A bare [[id]] in running text reads as the entity's in-text form ("the EAEU").
                site.targets[entity.id] = (entity_src(kind.key, entity.id), entity.in_text or entity.name)
                site.names[entity.id] = entity.in_text or entity.name
        site.mentioned_by = links.backlinks(links.entity_mentions(dataset))
        site.events_of = _group(dataset.of(Event), lambda event: set(event.about) | links.mentions(event))
        site.checks_of = _group(dataset.of(Check), lambda check: set(check.about))
        site.memberships_of = _group(site.organisations_by_founding(),
                                     lambda org: {member.country for member in org.members})
        site.predecessors_of = _group(dataset.of(Organisation),
                                      lambda org: {org.succeeded_by} if org.succeeded_by else set())
        site.sources = {source.id: source for source in dataset.of(Source)}
        site.lines_of = _entry_lines(dataset)
        site.cited_by = site._citing_entities()
        site.glossary = {abbr: entity.id for entity in site.entity_by_id.values() for abbr in entity.abbreviations}
        expansions = {abbr: i18n.unmarked(site.entity_by_id[entity_id].name)
                      for abbr, entity_id in site.glossary.items()}
        terms = {jargon.term_words(i18n.unmarked(term.term)): term.id for term in dataset.of(Term)}
        site.linker = links.Linker(site.targets, expansions, terms, values_of(dataset), language)
        return site

    def _citing_entities(self) -> dict[str, list[str]]:
        cited: dict[str, set[str]] = defaultdict(set)
        for where, node in iter_nodes(self.dataset):
            owner = owner_id(where)
            if isinstance(node, Citation) and owner in self.entity_by_id:
                cited[node.source].add(owner)
        return {source: sorted(owners) for source, owners in cited.items()}

    def connected(self, entity_id: str) -> list[tuple[str, list[str]]]:
        """The entries this one names as related or is mentioned on, each once, by kind in the site's order."""
        entity = self.entity_by_id[entity_id]
        ids = (set(entity.related) | set(self.mentioned_by.get(entity_id, []))) - {entity_id}
        by_name = sorted(ids, key=lambda other: self.entity_by_id[other].name.lower())
        groups = [(kind.key, [other for other in by_name if self.kind_of[other] == kind.key]) for kind in PAGE_KINDS]
        return [(kind, members) for kind, members in groups if members]

    def checks_in_full(self, entity_id: str) -> list[Check]:
        """The checks this page tells in full: those mainly about it (the first entry of their `about:`)."""
        return [check for check in self.checks_of.get(entity_id, []) if main_entry(check) == entity_id]

    def checks_pointed_to(self, entity_id: str) -> list[Check]:
        """The checks this page only points to: told in full on the page of the entry they are mainly about."""
        return [check for check in self.checks_of.get(entity_id, []) if main_entry(check) != entity_id]

    def entities(self, kind: str) -> list[Entity]:
        return sorted(getattr(self.dataset, kind), key=lambda entity: entity.name.lower())

    def organisations_by_founding(self) -> list[Organisation]:
        """Oldest first; an organisation with no cited founding date goes last."""
        return sorted(self.dataset.of(Organisation),
                      key=lambda org: (org.founded is None, date_key(org.founded or "0"), org.name))

    def roles_today(self, country_id: str) -> tuple[list[tuple[Organisation, Membership]], list[Organisation]]:
        """A country's current roles (organisations still in being, periods without an end), and the
        organisations still in being where the data records no current role for it."""
        current = [(org, member) for org in self.organisations_by_founding() if not org.ended
                   for member in org.members if member.country == country_id and not member.end]
        holding = {org.id for org, _ in current}
        others = [org for org in self.organisations_by_founding() if not org.ended and org.id not in holding]
        return current, others

    def membership_matrix(self) -> tuple[list[Organisation], list[Entity]] | None:
        """The organisations and countries of the membership table, or None when it would be too big to read."""
        organisations = [org for org in self.organisations_by_founding() if org.members]
        countries = [country for country in self.entities("countries") if country.id in self.memberships_of]
        if len(organisations) > MATRIX_MAX_ORGANISATIONS or len(countries) > MATRIX_MAX_COUNTRIES:
            return None
        return organisations, countries

    def eras(self) -> list[tuple[Era | None, list[Event]]]:
        """Events in date order, grouped into the era whose span holds each date."""
        eras = sorted(self.dataset.of(Era), key=lambda era: date_key(era.start or "0"))
        grouped: dict[str, list[Event]] = {era.id: [] for era in eras}
        unplaced: list[Event] = []
        for event in sorted(self.dataset.of(Event), key=lambda event: (date_key(event.date), event.id)):
            era = next((era for era in eras if _in_span(event.date, era.start, era.end)), None)
            (grouped[era.id] if era else unplaced).append(event)
        result: list[tuple[Era | None, list[Event]]] = [(era, grouped[era.id]) for era in eras if grouped[era.id]]
        return result + ([(None, unplaced)] if unplaced else [])

    def is_article_fact(self, cite: list[Citation]) -> bool:
        return any(citation.source == ARTICLE_ID for citation in cite)


def main_entry(check: Check) -> str:
    """The entry a check is mainly about, whose page tells it in full: the first of its `about:`."""
    return check.about[0]


def _entry_lines(dataset: Dataset) -> dict[str, tuple[str, int, int | None]]:
    """Each entry's file and lines: from its own line to the line before the next entry of its file (None: the end)."""
    by_file: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key in Dataset.model_fields:
        for entry in getattr(dataset, key):
            by_file[entry._file].append((entry._line, entry.id))
    lines: dict[str, tuple[str, int, int | None]] = {}
    for file, starts in by_file.items():
        starts.sort()
        for (start, entry_id), following in zip(starts, [*starts[1:], None], strict=True):
            lines[entry_id] = (file, start, following[0] - 1 if following else None)
    return lines


def _in_span(date: str, start: str | None, end: str | None) -> bool:
    return (not start or date_key(date) >= date_key(start)) and (not end or date_end_key(date) <= date_end_key(end))


def _group(items: list[T], ids_of: Callable[[T], set[str]]) -> dict[str, list[T]]:
    """Index items by every id each one names."""
    grouped: dict[str, list[T]] = defaultdict(list)
    for item in items:
        for entity_id in sorted(ids_of(item)):
            grouped[entity_id].append(item)
    return grouped
