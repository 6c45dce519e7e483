"""Reading the site makes no request to a third-party host: everything a page loads is local.

Outbound <a href> links (to the sources) are navigation, not requests, and are fine.
"""

from __future__ import annotations

import re

from tests.sitebuild import URL_IN_CSS, html_pages, is_external, page_url, read_page, resolve_href

# Attributes through which a page makes the browser fetch something.
FETCHING = {
    "link": ("href",), "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "embed": ("src",), "object": ("data",), "track": ("src",),
    "image": ("href", "xlink:href"), "use": ("href", "xlink:href"), "input": ("src",),
}
# <link rel> values that are metadata, never fetched by the browser: the canonical address of the page.
NOT_FETCHED = {"canonical"}
FONT_HOSTS = re.compile(r"fonts\.(googleapis|gstatic)\.com")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# The theme's own scripts: they reach a third-party host only when a page asks for it (checked below).
# Material's own scripts, in each language's copy of the theme (ru/assets/…).
THEME_SCRIPTS = re.compile(r"^(?:[a-z]{2}/)?assets/javascripts/(bundle\.[0-9a-f]+\.min\.js|lunr/.*|workers/.*)$")


def fetched_urls(element):
    if element.tag == "link" and set(element.get("rel").split()) <= NOT_FETCHED and element.get("rel"):
        return
    for attribute in FETCHING.get(element.tag, ()):
        value = element.attrs.get(attribute)
        if value:
            # srcset: "a.png 1x, b.png 2x"
            yield from (part.split()[0] for part in value.split(",") if part.strip()) if "srcset" in attribute \
                else [value]
    style = element.attrs.get("style", "")
    for match in URL_IN_CSS.finditer(style):
        yield match.group("url") or match.group("import")


def test_html_loads_nothing_from_another_host(site_dir):
    remote = []
    for path in html_pages(site_dir, every_language=True):
        page = read_page(path)
        for element in page.iter():
            remote += [f"{page_url(site_dir, path)}: <{element.tag}> {url}"
                       for url in fetched_urls(element) if is_external(url) and not url.startswith("data:")]
        for style in page.iter("style"):
            remote += [f"{page_url(site_dir, path)}: <style> {url}" for url in css_urls(style.text)
                       if is_external(url)]
    assert not remote, "pages load from third-party hosts:\n" + "\n".join(sorted(set(remote))[:50])


def css_urls(css: str):
    for match in URL_IN_CSS.finditer(CSS_COMMENT.sub("", css)):
        url = (match.group("url") or match.group("import") or "").strip()
        if url and not url.startswith("data:"):
            yield url


def test_css_loads_nothing_from_another_host(site_dir):
    sheets = sorted(site_dir.rglob("*.css"))
    assert sheets, "no stylesheets found"
    remote = [f"{sheet.relative_to(site_dir)}: {url}" for sheet in sheets
              for url in css_urls(sheet.read_text(encoding="utf-8")) if is_external(url)]
    assert not remote, "stylesheets load from third-party hosts:\n" + "\n".join(remote)


def test_no_google_fonts_anywhere(site_dir):
    found = [path.relative_to(site_dir).as_posix() for pattern in ("*.html", "*.css", "*.js")
             for path in site_dir.rglob(pattern) if FONT_HOSTS.search(path.read_text(encoding="utf-8"))]
    assert not found, f"Google Fonts referenced in {found} (set theme.font: false)"


def test_scripts_are_local_and_make_no_remote_call(site_dir):
    """Every <script src> is a file of the site; our own scripts, inline or not, name no remote host at all."""
    loaded = set()
    for path in html_pages(site_dir, every_language=True):
        for script in read_page(path).iter("script"):
            src = script.get("src")
            if not src:
                inline = re.findall(r"https?://[^\s'\"`)]+", script.text)
                assert not inline, f"an inline script on {page_url(site_dir, path)} names {inline}"
            else:
                assert not is_external(src), f"{page_url(site_dir, path)} loads {src}"
                target, _ = resolve_href(site_dir, path, src)
                assert target.is_file(), f"{page_url(site_dir, path)} loads {src}, which is not in the site"
                loaded.add(target.relative_to(site_dir).as_posix())
    assert loaded, "no scripts found"
    for script in sorted(loaded):
        if THEME_SCRIPTS.match(script):
            continue
        urls = re.findall(r"https?://[^\s'\"`)]+", (site_dir / script).read_text(encoding="utf-8"))
        assert not urls, f"{script} names remote URLs: {urls}"


def test_nothing_triggers_the_themes_remote_loads(site_dir):
    """Material's bundle fetches Mermaid from unpkg.com when a page has a Mermaid diagram, and calls the
    GitHub API when repo_url shows a repository widget: no page may have either."""
    for path in html_pages(site_dir, every_language=True):
        page = read_page(path)
        mermaid = [element for element in page.iter() if element.has_class("mermaid")]
        assert not mermaid, f"{page_url(site_dir, path)} has a Mermaid diagram (Material loads it from unpkg.com)"
        source = [element for element in page.iter() if element.get("data-md-component") == "source"]
        assert not source, f"{page_url(site_dir, path)} shows a repository widget (Material calls api.github.com)"
