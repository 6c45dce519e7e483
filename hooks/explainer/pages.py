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

from . import history, links
from .load import ARTICLE_ID, iter_nodes, load_dataset, owner_id
from .model import (
    KIND_BY_KEY,
    PAGE_KINDS,
    Check,
    Citation,
    Dataset,
    Entity,
    Era,
    Event,
    Organisation,
    Source,
    date_key,
)

TIMELINE_PAGE = "timeline.md"
GLOSSARY_PAGE = "glossary.md"
SOURCES_PAGE = "sources.md"
CHECKS_PAGE = "fact-checks.md"
SINCE_PAGE = "since-the-article.md"
CHANGES_PAGE = "changes.md"
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
    linker: links.Linker = field(default_factory=links.Linker)
    # From git: when each entry's lines last changed, and the data's change log (empty without the history).
    changed: dict[str, datetime] = field(default_factory=dict)
    changes: list[history.Change] = field(default_factory=list)
    # The published site, from mkdocs.yml, for citations and share cards.
    site_name: str = ""
    site_url: str = ""

    @classmethod
    def load(cls, data_dir: Path, site_name: str = "", site_url: str = "") -> Site:
        with cyclic_gc_paused():
            site = cls.from_dataset(load_dataset(data_dir))
        root = data_dir.parent
        site.changed = history.entry_dates(root, ((entry.id, entry) for kind in Dataset.model_fields
                                                  for entry in getattr(site.dataset, kind)))
        site.changes = history.change_log(root, [history.relative(data_dir, root)])
        site.site_name, site.site_url = site_name, site_url
        return site

    def page_url(self, src_uri: str) -> str:
        """The published address of a page made from `src_uri` ("countries/kazakhstan.md"), or of another file."""
        path = src_uri
        if src_uri.endswith(".md"):
            path = src_uri.removesuffix(".md")
            path = "" if path == "index" else path.removesuffix("/index") + "/"
        return self.site_url.rstrip("/") + "/" + path if self.site_url else path

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> Site:
        site = cls(dataset)
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
        site.cited_by = site._citing_entities()
        site.glossary = {abbr: entity.id for entity in site.entity_by_id.values() for abbr in entity.abbreviations}
        expansions = {abbr: site.entity_by_id[entity_id].name for abbr, entity_id in site.glossary.items()}
        site.linker = links.Linker(site.targets, expansions)
        return site

    def _citing_entities(self) -> dict[str, list[str]]:
        cited: dict[str, set[str]] = defaultdict(set)
        for where, node in iter_nodes(self.dataset):
            owner = owner_id(where)
            if isinstance(node, Citation) and owner in self.entity_by_id:
                cited[node.source].add(owner)
        return {source: sorted(owners) for source, owners in cited.items()}

    def entities(self, kind: str) -> list[Entity]:
        return sorted(getattr(self.dataset, kind), key=lambda entity: entity.name.lower())

    def organisations_by_founding(self) -> list[Organisation]:
        """Oldest first; an organisation with no cited founding date goes last."""
        return sorted(self.dataset.of(Organisation),
                      key=lambda org: (org.founded is None, date_key(org.founded or "0"), org.name))

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


def _in_span(date: str, start: str | None, end: str | None) -> bool:
    return (not start or date_key(date) >= date_key(start)) and (not end or date_end_key(date) <= date_end_key(end))


def _group(items: list[T], ids_of: Callable[[T], set[str]]) -> dict[str, list[T]]:
    """Index items by every id each one names."""
    grouped: dict[str, list[T]] = defaultdict(list)
    for item in items:
        for entity_id in sorted(ids_of(item)):
            grouped[entity_id].append(item)
    return grouped
