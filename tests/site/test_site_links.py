"""No broken internal link or anchor anywhere in the built site, and no page that nothing links to."""

from __future__ import annotations

from collections import defaultdict

from tests.sitebuild import html_pages, is_external, links_of, page_ids, page_url, read_page, resolve_href

# Attributes that point at another file of the site, per tag (SVG links may use xlink:href).
LINKING = {"a": ("href", "xlink:href"), "link": ("href",), "script": ("src",), "img": ("src",),
           "source": ("src",), "iframe": ("src",)}


def local_refs(page):
    """(tag, url) for every reference in the page that stays on the site."""
    for element in page.iter():
        for attribute in LINKING.get(element.tag, ()):
            value = element.attrs.get(attribute)
            if value is None or is_external(value) or value.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            yield element.tag, value


def test_no_broken_internal_link_or_anchor(site_dir):
    broken, no_anchor = [], []
    checked = 0
    for path in html_pages(site_dir, every_language=True):
        for tag, href in local_refs(read_page(path)):
            target, fragment = resolve_href(site_dir, path, href)
            checked += 1
            if not target.is_file() or not target.resolve().is_relative_to(site_dir.resolve()):
                broken.append(f"{page_url(site_dir, path)}: <{tag}> {href}")
            elif fragment and target.suffix == ".html" and fragment not in page_ids(target):
                no_anchor.append(f"{page_url(site_dir, path)}: {href} (no id {fragment!r} on "
                                 f"{page_url(site_dir, target)})")
    assert checked > 1000, f"only {checked} links found: is the parser reading the pages?"
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:50])
    assert not no_anchor, f"{len(no_anchor)} links to missing anchors:\n" + "\n".join(no_anchor[:50])


def test_no_orphan_page(site_dir):
    """Every page but 404.html is linked (by <a>) from at least one other page."""
    linked_from: dict[str, set[str]] = defaultdict(set)
    pages = [path for path in html_pages(site_dir, every_language=True) if path.name != "404.html"]
    for path in pages:
        for href in links_of(read_page(path)):
            if is_external(href):
                continue
            target, _ = resolve_href(site_dir, path, href)
            if target != path:
                linked_from[page_url(site_dir, target)].add(page_url(site_dir, path))
    orphans = [page_url(site_dir, path) for path in pages
               if not path.relative_to(site_dir).parts[0] == "search" and not linked_from[page_url(site_dir, path)]]
    assert not orphans, f"pages no other page links to: {orphans}"
