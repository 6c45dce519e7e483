"""Every entity has its page, the page links to everything the entry names, and "Connected" is right."""

from __future__ import annotations

import re

from explainer import model
from explainer.links import backlinks, entity_mentions
from explainer.model import ENTITY_KINDS, PAGE_KINDS
from tests.sitebuild import (
    article_of,
    entity_page,
    entity_urls,
    linked_entities,
    read_page,
    section_of,
)

LINK = re.compile(r"\[\[([^\]|]*)(?:\|[^\]]*)?\]\]")
# The fields through which an entry names another, as the model declares them; the data is read straight from YAML.
REFERENCE_FIELDS = {name for cls in vars(model).values() if isinstance(cls, type) and issubclass(cls, model.Node)
                    for name, _ in model.references(cls)}


def referenced(value: object, key: str | None = None) -> set[str]:
    """Every id an entry names: in its reference fields, nested ones included, and in [[links]] in any text."""
    if isinstance(value, dict):
        return set().union(*(referenced(child, name) for name, child in value.items()))
    if isinstance(value, list):
        return set().union(*(referenced(child, key) for child in value))
    if isinstance(value, str):
        return ({value} if key in REFERENCE_FIELDS else set()) | {match.strip() for match in LINK.findall(value)}
    return set()


def all_entities(site_data):
    for kind in ENTITY_KINDS:
        for entity in getattr(site_data.dataset, kind):
            yield kind, entity


def test_every_entity_has_its_page(site_dir, site_data):
    missing, wrong_title = [], []
    for kind, entity in all_entities(site_data):
        path = entity_page(site_dir, kind, entity.id)
        if not path.is_file():
            missing.append(path.relative_to(site_dir).as_posix())
            continue
        heading = article_of(read_page(path)).find("h1")
        if heading is None or not heading.text.startswith(entity.name):
            wrong_title.append((entity.id, heading.text if heading else None))
    assert not missing, f"entities without a page: {missing}"
    assert not wrong_title, f"pages whose <h1> is not the entity's name: {wrong_title}"


def test_no_page_without_an_entity(site_dir, site_data):
    """Each section folder holds exactly the pages of its entries (no stale or stray page)."""
    for kind in PAGE_KINDS:
        folder = kind.folder
        built = {path.parent.name for path in (site_dir / folder).glob("*/index.html")}
        expected = {entity.id for entity in getattr(site_data.dataset, kind.key)}
        assert built == expected, f"{folder}/: pages {sorted(built - expected)} have no entry; " \
                                  f"entries {sorted(expected - built)} have no page"


def test_section_index_lists_every_entity(site_dir, site_data):
    urls = entity_urls(site_data)
    for kind in PAGE_KINDS:
        path = site_dir / kind.folder / "index.html"
        listed = set(linked_entities(site_dir, path, article_of(read_page(path)), urls))
        expected = {entity.id for entity in getattr(site_data.dataset, kind.key)}
        assert expected <= listed, f"{kind.folder}/ does not link to {sorted(expected - listed)}"


def test_entity_pages_link_to_everything_they_name(site_dir, site_data):
    urls = entity_urls(site_data)
    mentions = entity_mentions(site_data.dataset)
    missing = {}
    for kind, entity in all_entities(site_data):
        expected = (referenced(entity.model_dump()) | mentions.get(entity.id, set())) - {entity.id}
        path = entity_page(site_dir, kind, entity.id)
        linked = set(linked_entities(site_dir, path, article_of(read_page(path)), urls))
        if expected - linked:
            missing[entity.id] = sorted(expected - linked)
    assert not missing, f"entity pages that do not link to entries they name: {missing}"


def test_referencing_finds_reference_fields(site_data):
    """The test's own reading of the data sees the known references (so the test above can fail)."""
    treaty = site_data.entity_by_id["treaty-on-allied-relations"]
    assert {"kazakhstan", "uzbekistan"} <= referenced(treaty.model_dump())
    eaeu = site_data.entity_by_id["eaeu"]
    assert "uzbekistan" in referenced(eaeu.model_dump())


def connected(site_dir, site_data, kind, entity_id, urls):
    path = entity_page(site_dir, kind, entity_id)
    article = article_of(read_page(path))
    if "connected" not in {child.attrs.get("id") for child in article.element_children()}:
        return None
    found = []
    for element in section_of(article, "connected"):
        found += linked_entities(site_dir, path, element, urls)
    return found


def test_known_backlink_kazakhstan_is_connected_to_the_treaty(site_dir, site_data):
    treaty = site_data.entity_by_id["treaty-on-allied-relations"]
    assert "kazakhstan" in treaty.parties, "the known pair: the treaty names Kazakhstan as a party"
    found = connected(site_dir, site_data, "countries", "kazakhstan", entity_urls(site_data))
    assert found is not None, "countries/kazakhstan/ has no 'Connected' section"
    assert "treaty-on-allied-relations" in found


def test_connected_holds_the_backlinks_and_related_once(site_dir, site_data):
    urls = entity_urls(site_data)
    index = backlinks(entity_mentions(site_data.dataset))
    wrong = {}
    for kind, entity in all_entities(site_data):
        expected = (set(index.get(entity.id, [])) | set(entity.related)) - {entity.id}
        found = connected(site_dir, site_data, kind, entity.id, urls)
        if found is None:
            if expected:
                wrong[entity.id] = f"no 'Connected' section, expected {sorted(expected)}"
        elif set(found) != expected or len(found) != len(set(found)):
            wrong[entity.id] = f"shows {found}, expected {sorted(expected)}"
    assert not wrong, f"'Connected' sections that differ from the backlinks: {wrong}"


def test_every_reference_is_a_backlink(site_dir, site_data):
    """Read from the data directly: if A names B, B's page lists A under 'Connected'."""
    urls = entity_urls(site_data)
    shown = {entity.id: set(connected(site_dir, site_data, kind, entity.id, urls) or [])
             for kind, entity in all_entities(site_data)}
    missing = []
    for _, entity in all_entities(site_data):
        for target in referenced(entity.model_dump()) - {entity.id}:
            if target in shown and entity.id not in shown[target]:
                missing.append(f"{target} ← {entity.id}")
    assert not missing, f"backlinks missing from 'Connected': {sorted(missing)}"


def test_connected_is_grouped_by_kind(site_dir, site_data):
    """One line per kind, named by its section's title, holding entries of that kind only, each kind once."""
    urls = entity_urls(site_data)
    titles = {kind.title: kind.key for kind in PAGE_KINDS}
    wrong = []
    for kind, entity in all_entities(site_data):
        path = entity_page(site_dir, kind, entity.id)
        lists = [element for element in section_of(article_of(read_page(path)), "connected") if element.tag == "ul"]
        seen = []
        for item in (li for ul in lists for li in ul.element_children()):
            label = item.find("strong")
            group = titles.get(label.text.rstrip(":")) if label else None
            members = linked_entities(site_dir, path, item, urls)
            if group is None or not members or any(site_data.kind_of[m] != group for m in members):
                wrong.append(f"{entity.id}: {item.text[:80]!r} is not one kind's group")
            seen.append(group)
        if len(seen) != len(set(seen)):
            wrong.append(f"{entity.id}: a kind has more than one group")
    assert not wrong, "\n".join(wrong)
