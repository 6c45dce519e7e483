"""Text from the data is escaped: characters that mean something in HTML show up as text, never as markup.

Builds its own copy of the project, with such characters put into one entry's summary and name. (Tags, links and
images in data text are refused by the loader: tests/test_hostile_text.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from explainer.model import KIND_BY_KEY, PAGE_KINDS, Organisation
from tests.sitebuild import (
    article_of,
    build_project,
    copy_project,
    entity_page,
    load_site,
    parse_html,
    read_page,
    text_of,
)

SUMMARY_HTML = "Injected <1> and <2022> & <5% text."
NAME_HTML = "Renamed <7> & Co"
RAW = ("<1>", "<2022>", "<7>", "<5%")


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """(site folder, kind, id) of a build whose entry has HTML in its summary and name."""
    site = load_site()
    # An entry that other pages link to, so its name shows up in their links too; an organisation in a
    # line of succession if there is one, so its name is drawn in the diagram as well.
    successors = {org.succeeded_by for org in site.dataset.of(Organisation)}
    candidates = [("organisations", org.id) for org in site.dataset.of(Organisation)
                  if org.succeeded_by or org.id in successors]
    candidates += [(kind.key, entity.id) for kind in PAGE_KINDS for entity in getattr(site.dataset, kind.key)]
    kind, entity_id = next((kind, entity_id) for kind, entity_id in candidates if site.mentioned_by.get(entity_id))
    project = copy_project(tmp_path_factory.mktemp("escaping") / "project")
    path = project / KIND_BY_KEY[kind].data_file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = next(entry for entry in data[kind] if entry["id"] == entity_id)
    entry["summary"] = f"{SUMMARY_HTML} {entry['summary']}"
    entry["name"] = NAME_HTML
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    site_dir = build_project(project, project / "site")
    return site_dir, kind, entity_id, site.mentioned_by[entity_id]


def test_summary_shows_as_text_on_its_page(injected):
    site_dir, kind, entity_id, _ = injected
    html = entity_page(site_dir, kind, entity_id).read_text(encoding="utf-8")
    assert "&lt;1&gt; and &lt;2022&gt; &amp; &lt;5% text" in html
    article = article_of(parse_html(html))
    assert SUMMARY_HTML in text_of(article)


def test_summary_shows_as_text_on_the_section_page(injected):
    site_dir, kind, _, _ = injected
    article = article_of(read_page(site_dir / KIND_BY_KEY[kind].folder / "index.html"))
    assert SUMMARY_HTML in text_of(article)


def test_name_shows_as_text_where_pages_link_to_it(injected):
    site_dir, kind, entity_id, mentioned_by = injected
    site = load_site()
    for other in mentioned_by:
        path = entity_page(site_dir, site.kind_of[other], other)
        article = article_of(parse_html(path.read_text(encoding="utf-8")))
        texts = [a.text for a in article.iter("a") if a.get("href", "").rstrip("/").endswith(f"/{entity_id}")]
        assert NAME_HTML in texts, f"{other}: links to {entity_id} read {texts}, expected the name as text"


def test_no_raw_html_from_the_data_anywhere(injected):
    """No page (head, header, links, search index) carries the data's HTML as markup."""
    site_dir, *_ = injected
    files = sorted(site_dir.rglob("*.html")) + [site_dir / "search" / "search_index.json"]
    found = [f"{path.relative_to(site_dir)}: {raw}" for path in files for raw in RAW
             if raw in Path(path).read_text(encoding="utf-8")]
    assert not found, "the data's HTML reaches the site as markup:\n" + "\n".join(found)
