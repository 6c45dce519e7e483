"""Build the real site once per test run, and read its HTML with the standard library.

`build_site()` is shared by the site tests (tests/site/) and the browser tests: keep its signature.
The HTML helpers build a small element tree with `html.parser`, enough to find links, ids, tables
and sections without adding a dependency.
"""

from __future__ import annotations

import atexit
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import yaml

if TYPE_CHECKING:
    from explainer.pages import Site

REPO = Path(__file__).resolve().parents[1]
# What a copy of the project leaves out (the tests that change data build a copy of the rest).
NOT_COPIED = (".*", "__pycache__", "*.pyc", "*.egg-info", "tests", "site", "build", "benchmarks", "node_modules")

_built: Path | None = None
_build_failure: str | None = None


# ----- building -----------------------------------------------------------------------------------------


def run_build(project: Path, site_dir: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` on `project` (its `config`) into `site_dir`; return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / config), "-d", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False,
    )


def translations(project: Path) -> list[str]:
    """The codes of the site's other languages, each built by its mkdocs.<code>.yml under /<code>/."""
    return sorted(path.name.split(".")[1] for path in project.glob("mkdocs.*.yml"))


def build_output(result: subprocess.CompletedProcess[str]) -> str:
    return f"{result.stdout}{result.stderr}"


def build_project(project: Path, site_dir: Path, config: str = "mkdocs.yml") -> Path:
    """Build `project` strictly into `site_dir`; fail with the build's output on an error or a warning."""
    result = run_build(project, site_dir, config)
    output = build_output(result)
    assert result.returncode == 0, f"mkdocs build --strict failed (exit {result.returncode}):\n{output}"
    warnings = [line for line in output.splitlines() if "WARNING" in line]
    assert not warnings, "the strict build printed warnings:\n" + "\n".join(warnings)
    assert (site_dir / "index.html").is_file(), f"the build wrote no index.html:\n{output}"
    return site_dir


def build_site() -> Path:
    """The real site, built once per test process into a temporary folder (removed at exit)."""
    global _built, _build_failure
    # A failed build fails every caller at once, rather than being tried again for each.
    assert _build_failure is None, _build_failure
    if _built is None:
        site_dir = Path(tempfile.mkdtemp(prefix="explainer-site-"))
        atexit.register(shutil.rmtree, site_dir, ignore_errors=True)
        try:
            _built = build_project(REPO, site_dir)
            # Each translation under its own folder, as `make build` publishes them (after the English: each build
            # empties its folder first).
            for code in translations(REPO):
                build_project(REPO, site_dir / code, f"mkdocs.{code}.yml")
        except AssertionError as error:
            _build_failure = str(error)
            raise
    return _built


def copy_project(destination: Path) -> Path:
    """Copy the project (mkdocs.yml, docs, hooks, data, overrides, ...; no .git, .venv or tests) to
    `destination`, for tests that change it and build the copy."""
    shutil.copytree(REPO, destination, ignore=shutil.ignore_patterns(*NOT_COPIED), dirs_exist_ok=True)
    assert (destination / "mkdocs.yml").is_file() and (destination / "data").is_dir()
    return destination


def load_site(data_dir: Path | None = None) -> Site:
    """The loaded data with every index the pages use (what the build itself loads)."""
    from explainer.pages import Site

    return Site.load(data_dir or REPO / "data")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: tags such as !!python/name: or !ENV become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@lru_cache(maxsize=1)
def mkdocs_config() -> dict:
    """mkdocs.yml as plain data (for site_url, edit_uri, site_description)."""
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def site_path_prefix() -> str:
    """The path part of site_url ("/explainer/"): 404.html links from it."""
    path = urlsplit(mkdocs_config().get("site_url") or "/").path or "/"
    return path if path.endswith("/") else path + "/"


# ----- a small element tree ------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """Descendants in document order, optionally only those with this tag."""
        for child in self.children:
            if isinstance(child, Element):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def find_all(self, tag: str | None = None, class_: str | None = None, **attrs: str) -> list[Element]:
        return [element for element in self.iter(tag)
                if (class_ is None or element.has_class(class_))
                and all(element.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())]

    def find(self, tag: str | None = None, class_: str | None = None, **attrs: str) -> Element | None:
        found = self.find_all(tag, class_, **attrs)
        return found[0] if found else None

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    def get(self, name: str, default: str = "") -> str:
        return self.attrs.get(name, default)

    @property
    def text(self) -> str:
        """The text inside, whitespace collapsed."""
        return " ".join("".join(self._texts()).split())

    def _texts(self, skip: frozenset[str] = frozenset()) -> Iterator[str]:
        for child in self.children:
            if isinstance(child, str):
                yield child
            elif child.tag not in skip:
                yield from child._texts(skip)

    def text_without(self, *tags: str) -> str:
        """The text inside, leaving out the text of these elements (e.g. "code", "pre")."""
        return " ".join("".join(self._texts(frozenset(tags))).split())

    def element_children(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open element; a stray end tag is ignored.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _tree(html: str | Element) -> Element:
    return html if isinstance(html, Element) else parse_html(html)


def href_of(a: Element) -> str | None:
    """An <a>'s target: href, or xlink:href for an SVG link."""
    return a.attrs.get("href", a.attrs.get("xlink:href"))


def links_of(html: str | Element) -> list[str]:
    """The href (or SVG xlink:href) of every <a>, in document order."""
    return [href for a in _tree(html).iter("a") if (href := href_of(a)) is not None]


def ids_of(html: str | Element) -> set[str]:
    """Every id in the page (and the old-style <a name>)."""
    tree = _tree(html)
    return ({element.attrs["id"] for element in tree.iter() if "id" in element.attrs}
            | {a.attrs["name"] for a in tree.iter("a") if "name" in a.attrs})


def text_of(html: str | Element) -> str:
    """The page's visible text (no scripts or styles), whitespace collapsed."""
    return _tree(html).text_without("script", "style", "template")


# ----- reading the built site ----------------------------------------------------------------------------


@cache
def read_page(path: Path) -> Element:
    """A built HTML file as an element tree (cached: each page is parsed once per run)."""
    return parse_html(path.read_text(encoding="utf-8"))


@cache
def page_ids(path: Path) -> frozenset[str]:
    """The ids of a built HTML file (cached)."""
    return frozenset(ids_of(read_page(path)))


def article_of(page: Element) -> Element:
    """The page's main content (Material's <article class="md-content__inner">)."""
    article = page.find("article", class_="md-content__inner")
    assert article is not None, "the page has no <article class=md-content__inner>"
    return article


def html_pages(site_dir: Path, every_language: bool = False) -> list[Path]:
    """The English site's pages, or with `every_language` the translations' too (under /<code>/)."""
    others = () if every_language else tuple(site_dir / code for code in translations(REPO))
    return sorted(path for path in site_dir.rglob("*.html") if not any(path.is_relative_to(other) for other in others))


def page_url(site_dir: Path, path: Path) -> str:
    """The site path of a built page: "countries/kazakhstan/" for countries/kazakhstan/index.html."""
    relative = path.relative_to(site_dir).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def entity_page(site_dir: Path, kind: str, entity_id: str) -> Path:
    from explainer.model import KIND_BY_KEY

    return site_dir / KIND_BY_KEY[kind].folder / entity_id / "index.html"


def is_external(href: str) -> bool:
    scheme = urlsplit(href).scheme
    return bool(scheme) or href.startswith("//")


def resolve_href(site_dir: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file a local href leads to from `page`, and its #fragment ("" if none).

    "../x/" from countries/kazakhstan/index.html → site/countries/x/index.html. Absolute paths are
    read under site_url's path, as the 404 page writes them.
    """
    parts = urlsplit(href)
    path = unquote(parts.path)
    if path.startswith("/"):
        prefix = site_path_prefix()
        path = path[len(prefix):] if path.startswith(prefix) else path.lstrip("/")
        base = ""
    else:
        base = page.parent.relative_to(site_dir).as_posix()
    if not path:
        return page, parts.fragment
    joined = posixpath.normpath(posixpath.join(base, path)) if base not in ("", ".") else posixpath.normpath(path)
    target = site_dir / joined if joined != "." else site_dir
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


URL_IN_CSS = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)|@import\s+(['"])(?P<import>[^'"]*)\3""")


def entity_urls(site: object) -> dict[str, str]:
    """Site path of every entity page ("countries/kazakhstan/") → the entity's id."""
    from explainer.model import KIND_BY_KEY

    return {f"{KIND_BY_KEY[kind].folder}/{entity_id}/": entity_id
            for entity_id, kind in site.kind_of.items()}  # type: ignore[attr-defined]


def linked_entities(site_dir: Path, page: Path, element: Element, urls: dict[str, str]) -> list[str]:
    """The ids of the entity pages that the <a> links inside `element` lead to, in order."""
    found = []
    for href in links_of(element):
        if is_external(href):
            continue
        target, _ = resolve_href(site_dir, page, href)
        if target.name == "index.html" and target.is_relative_to(site_dir):
            url = page_url(site_dir, target)
            if url in urls:
                found.append(urls[url])
    return found


def section_of(article: Element, heading_id: str) -> list[Element]:
    """The elements after the heading with this id, up to the next heading of the same or a higher level (within
    the <section> that holds the heading, if one does, as each fact check's does)."""
    children = article.element_children()
    heading = next((child for child in children if child.attrs.get("id") == heading_id), None)
    if heading is None:
        holder = next((child for child in children if child.tag == "section"
                       and any(inner.attrs.get("id") == heading_id for inner in child.element_children())), None)
        return section_of(holder, heading_id) if holder is not None else []
    level = heading.tag
    section = []
    for child in children[children.index(heading) + 1:]:
        if re.fullmatch(r"h[1-6]", child.tag) and child.tag <= level:
            break
        section.append(child)
    return section
