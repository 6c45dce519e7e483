"""Edit links: a generated page opens the YAML file behind it, a hand-written page its file in docs/."""

from __future__ import annotations

from explainer.model import PAGE_KINDS
from tests.sitebuild import REPO, entity_page, html_pages, mkdocs_config, page_url, read_page

# Generated pages that are not entity or section pages, and the data file behind each.
OTHER_GENERATED = {
    "timeline/": "data/timeline.yml",
    "sources/": "data/sources.yml",
    "fact-checks/": "data/checks.yml",
}


def edit_link(path) -> str | None:
    """The href of Material's edit button (a.md-content__button with "edit" in its title or href)."""
    for a in read_page(path).find_all("a", class_="md-content__button"):
        if "edit" in a.get("title").lower() or "edit" in a.get("href") or a.get("rel") == "edit":
            return a.get("href")
    return None


def edit_uri() -> str:
    uri = mkdocs_config()["edit_uri"]
    return uri if uri.endswith("/") else uri + "/"


def blob_uri() -> str:
    """Where the repository shows a file (and its lines) rather than editing it."""
    return edit_uri().replace("/edit/", "/blob/")


def test_entity_and_section_pages_edit_their_yaml_file(site_dir, site_data):
    """A section's edit button opens its data file; an entry's, its own lines in that file (issue 26: no reader
    text names the files)."""
    wrong = []
    for kind in PAGE_KINDS:
        data_file = kind.data_file
        section = site_dir / kind.folder / "index.html"
        if edit_link(section) != edit_uri() + data_file:
            wrong.append(f"{page_url(site_dir, section)}: {edit_link(section)}, expected {edit_uri() + data_file}")
        for entity in getattr(site_data.dataset, kind.key):
            path = entity_page(site_dir, kind.key, entity.id)
            href = edit_link(path) or ""
            if not href.startswith(f"{blob_uri()}{data_file}#L"):
                wrong.append(f"{page_url(site_dir, path)}: {href}, expected the lines of its entry in {data_file}")
    assert not wrong, "\n".join(wrong)


def test_other_generated_pages_edit_their_yaml_file(site_dir):
    for url, data_file in OTHER_GENERATED.items():
        href = edit_link(site_dir / url / "index.html")
        assert href == edit_uri() + data_file, f"{url}: {href}"


def test_docs_pages_edit_their_markdown_file(site_dir):
    docs = sorted((REPO / "docs").rglob("*.md"))
    assert docs
    for source in docs:
        relative = source.relative_to(REPO / "docs").with_suffix("")
        # use_directory_urls: docs/index.md → index.html, docs/editors.md → editors/index.html.
        folder = relative.parent if relative.name == "index" else relative
        built = site_dir / folder / "index.html"
        href = edit_link(built)
        expected = edit_uri() + "docs/" + source.relative_to(REPO / "docs").as_posix()
        assert href == expected, f"{page_url(site_dir, built)}: edit link {href}, expected {expected}"


def test_every_edit_link_names_a_file_in_the_repository(site_dir):
    """Whatever the page, its edit link opens a file that exists (a data file, a docs page)."""
    wrong = []
    for path in html_pages(site_dir):
        href = edit_link(path)
        if href is None:
            continue
        assert href.startswith((edit_uri(), blob_uri())), f"{page_url(site_dir, path)}: {href}"
        target = href.removeprefix(edit_uri()).removeprefix(blob_uri()).split("#")[0]
        if not (REPO / target).is_file() or not (target.startswith("data/") or target.startswith("docs/")):
            wrong.append(f"{page_url(site_dir, path)}: {target}")
    assert not wrong, "edit links to files that are not in data/ or docs/:\n" + "\n".join(wrong)
