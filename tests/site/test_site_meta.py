"""Every page has a <title> and a description; an entity page's description is its own summary."""

from __future__ import annotations

from explainer.links import plain
from explainer.model import ENTITY_KINDS
from tests.sitebuild import entity_page, html_pages, mkdocs_config, page_url, read_page


def normalise(text: str) -> str:
    return " ".join(text.split())


def title_of(page) -> str:
    title = page.find("title")
    return title.text if title is not None else ""


def description_of(page) -> str | None:
    meta = page.find("meta", name="description")
    return meta.get("content") if meta is not None else None


def test_every_page_has_a_title_and_a_description(site_dir):
    wrong = []
    for path in html_pages(site_dir):
        page = read_page(path)
        if not title_of(page):
            wrong.append(f"{page_url(site_dir, path)}: no <title>")
        if not (description_of(page) or "").strip():
            wrong.append(f"{page_url(site_dir, path)}: no <meta name=description>")
    assert not wrong, "\n".join(wrong)


def test_entity_pages_have_their_own_title_and_description(site_dir, site_data):
    default = normalise(mkdocs_config()["site_description"])
    wrong = []
    for kind in ENTITY_KINDS:
        for entity in getattr(site_data.dataset, kind):
            page = read_page(entity_page(site_dir, kind, entity.id))
            description = normalise(description_of(page) or "")
            if description == default:
                wrong.append(f"{entity.id}: the site's default description")
            if not title_of(page).startswith(entity.name):
                wrong.append(f"{entity.id}: <title> {title_of(page)!r} does not start with {entity.name!r}")
    assert not wrong, "\n".join(wrong)


def test_entity_description_is_the_whole_summary_as_plain_text(site_dir, site_data):
    """The description is the summary with its [[links]] as words: whole (not cut at a quote mark), no markup."""
    wrong = []
    for kind in ENTITY_KINDS:
        for entity in getattr(site_data.dataset, kind):
            page = read_page(entity_page(site_dir, kind, entity.id))
            description = normalise(description_of(page) or "")
            expected = normalise(plain(entity.summary, site_data.names))
            if description != expected:
                wrong.append(f"{entity.id}:\n  shown    {description!r}\n  expected {expected!r}")
            if "[[" in description or "](" in description:
                wrong.append(f"{entity.id}: markup in the description {description!r}")
    assert not wrong, f"{len(wrong)} entity pages with a wrong description:\n" + "\n".join(wrong)


def test_descriptions_are_not_broken_by_quote_marks(site_dir):
    """A " in a description must be escaped: otherwise the <meta> tag ends early and the rest spills out."""
    wrong = []
    for path in html_pages(site_dir):
        meta = read_page(path).find("meta", name="description")
        if meta is not None and set(meta.attrs) != {"name", "content"}:
            wrong.append(f"{page_url(site_dir, path)}: <meta> has stray attributes {sorted(set(meta.attrs))}")
    assert not wrong, "\n".join(wrong)
