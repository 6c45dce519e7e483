"""The last check over every built page, read with a real HTML parser, and its Content-Security-Policy.

Built the other way round from a blocklist: what a page may hold is listed, and anything else stops the build.
- The content (the HTML that Markdown made of a page, before the theme wraps it) may hold only the elements and
  attributes in CONTENT, with URL and style values of the forms below.
- The whole page may run only the theme's own scripts: those of the same template rendered with no content
  (`Allowed.scripts`, found once per build by the hooks). Any other <script>, an event handler, a script URL, a
  <base>, a <meta http-equiv>, a frame or object, a <style> the theme did not write, anything loaded from another
  host, or a link to a host that no source in data/sources.yml (nor the site's settings) declares, stops it.
GitHub Pages cannot send headers, so the policy travels in a <meta> tag; it allows exactly the theme's inline
scripts, by hash, whatever else a page holds.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Every element and attribute that the content of a page may hold: what Markdown, its extensions and the core's
# templates write (the maps and timeline are SVG). A new one is added here on purpose, never by a page.
# data-search-exclude keeps labels, pictures and reference marks out of the search index (Material's search plugin).
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "tabindex", "hidden",
                               "data-search-exclude"})
CONTENT: dict[str, frozenset[str]] = {tag: frozenset(attributes.split()) | GLOBAL_ATTRIBUTES for tag, attributes in {
    # Text and structure (Markdown, tables, footnotes, definition lists, admonitions, details)
    "p": "data-copy aria-hidden", "br": "", "hr": "", "h1": "", "h2": "", "h3": "", "h4": "", "h5": "", "h6": "",
    "em": "",
    "strong": "", "b": "", "i": "", "small": "", "sub": "", "sup": "", "s": "", "del": "", "ins": "", "mark": "",
    "code": "", "pre": "", "kbd": "", "blockquote": "cite", "q": "cite", "cite": "", "ul": "", "ol": "start",
    "li": "value data-countries data-country data-organisations data-source", "dl": "", "dt": "", "dd": "",
    "table": "", "thead": "", "tbody": "", "tfoot": "", "tr": "", "th": "align colspan rowspan scope style",
    "td": "align colspan rowspan style", "caption": "", "div": "aria-label aria-labelledby xmlns", "span": "aria-label",
    "abbr": "", "time": "datetime", "details": "open", "summary": "", "figure": "", "figcaption": "",
    "a": "href rel aria-label xlink:href data-countries data-organisations data-source", "img": "src alt width height "
    "loading decoding", "nav": "aria-label", "section": "aria-label data-verdict", "aside": "aria-label",
    # The timeline's filters (templates/_timeline-filters.j2); no action: a form of the content sends nothing.
    "form": "aria-label", "fieldset": "", "legend": "", "label": "for", "input": "type name value checked",
    "select": "name", "option": "value selected", "button": "type data-filter-reset",
    # The pictures the core draws (templates/*.svg.j2)
    "svg": "xmlns xmlns:xlink viewbox width height aria-hidden aria-labelledby style focusable",
    "g": "aria-hidden transform", "title": "", "desc": "", "defs": "", "text": "x y dx dy text-anchor",
    "tspan": "x y dx dy", "path": "d fill stroke stroke-width data-border data-country data-place data-route "
    "data-x data-y style", "circle": "cx cy r fill data-date data-event data-place",
    "rect": "x y width height rx fill data-date data-event style", "line": "x1 x2 y1 y2 marker-end",
    "polyline": "points", "polygon": "points", "pattern": "width height patternunits patterntransform",
    "marker": "viewbox markerwidth markerheight orient refx refy",
    "foreignobject": "x y width height aria-hidden",
}.items()}
# The only styles a page writes itself: a map's pattern fill, a picture's width and a table column's alignment
# (Markdown's tables). CSS cannot run a script, but it can cover the page with something else.
STYLE_VALUES = re.compile(r"fill:url\(#[a-z0-9-]+\)|max-width: ?\d+px|text-align: ?(?:left|right|center);?")
# Where a URL can hide in an attribute; `srcset` is a list of them.
URL_ATTRIBUTES = frozenset({"href", "src", "xlink:href", "action", "formaction", "data", "poster", "cite",
                            "background", "srcset", "ping", "manifest", "codebase", "longdesc", "usemap"})
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})
# Elements that load or run something whatever their attributes, or change how the page's links resolve.
NEVER = frozenset({"base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "param",
                   "noscript", "template", "math"})
# A <link> with these relations points somewhere; every other relation makes the browser load its href.
LINK_REFERENCES = frozenset({"canonical", "alternate", "author", "license", "next", "prev", "help", "search",
                             "feed"})
# The editors' guide links the preview that `make serve` starts on the editor's own machine.
LOOPBACK = re.compile(r"(?:127\.0\.0\.1|localhost)(?::\d+)?")
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Allowed:
    """What a page of this build may hold beyond its content: the theme's own scripts and styles, from the same
    template rendered with no content, and the hosts a link may lead to."""

    scripts: frozenset[str] = frozenset()  # the text of each inline <script> that runs
    data_scripts: frozenset[str] = frozenset()  # the text of each JSON <script>: data, never run
    script_sources: frozenset[str] = frozenset()  # the src= of each <script src>
    styles: frozenset[str] = frozenset()  # the text of each <style>
    own_host: str = ""
    link_hosts: frozenset[str] = frozenset()  # the sources', the repository's and the theme's

    @classmethod
    def of_page(cls, page: str, own_host: str, link_hosts: Iterable[str]) -> Allowed:
        """What `page`, the theme's template rendered with no content, holds; its links' hosts are allowed too."""
        tree = LexborHTMLParser(page)
        inline = [script for script in tree.css("script") if "src" not in script.attributes]
        return cls(frozenset(script.text() for script in inline if not _is_data(script)),
                   frozenset(script.text() for script in inline if _is_data(script)),
                   frozenset(script.attributes["src"] or "" for script in tree.css("script[src]")),
                   frozenset(style.text() for style in tree.css("style")), own_host.lower(),
                   frozenset(host.lower() for host in link_hosts) | {host_of(link.attributes["href"] or "")
                                                                       for link in tree.css("a[href]")} - {""})


def _is_data(script: LexborNode) -> bool:
    return (script.attributes.get("type") or "").lower() == "application/json"


def host_of(url: str) -> str:
    """The host (and port) of a URL, lower case; "" for a relative one."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return "?"


def _url(value: str) -> str:
    """An attribute's URL as a browser reads it: control characters and spaces gone (the parser decoded entities)."""
    return INVISIBLE.sub("", value)


def _url_problems(tag: str, key: str, value: str, allowed: Allowed, loads: bool) -> Iterator[str]:
    urls = [part.strip().split(" ")[0] for part in value.split(",")] if key == "srcset" else [value]
    for raw in urls:
        url = _url(raw)
        scheme = url.split(":", 1)[0].lower() if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) else ""
        if scheme not in SAFE_SCHEMES:
            yield f"<{tag}> has a {scheme}: address in {key}= ({url[:40]}); only http(s):, mailto: and the site's own"
            continue
        host = host_of(url)
        if not host or host == allowed.own_host or (not loads and LOOPBACK.fullmatch(host)):
            continue
        if loads:
            yield f"<{tag}> loads {url[:60]} from another host; keep the file in the site"
        elif tag != "a" or host not in allowed.link_hosts:
            yield (f"<{tag}> links to {url[:60]}, a host no source declares; add the source to data/sources.yml "
                   "or link a page of the site")


def _elements(root: LexborNode | None) -> Iterator[tuple[LexborNode, str]]:
    """Every element under `root` with its name in lower case (lexbor keeps SVG's camel case)."""
    for node in root.traverse(include_text=False) if root is not None else []:
        tag = (node.tag or "-").lower()
        if not tag.startswith("-"):  # comments and the document itself
            yield node, tag


def content_problems(fragment: str, allowed: Allowed) -> list[str]:
    """What the HTML that Markdown made of a page holds beyond CONTENT: one line each, naming the element."""
    found: list[str] = []
    tree = LexborHTMLParser(f"<body>{fragment}</body>")
    body = tree.body
    if body is None:
        return found
    for node, tag in _elements(body):
        if tag == "body":
            continue
        permitted = CONTENT.get(tag)
        if permitted is None:
            found.append(f"a <{tag}> element is not allowed in a page's content; write Markdown")
            continue
        for key, value in node.attributes.items():
            key = key.lower()
            if key not in permitted:
                found.append(f"<{tag}> may not have the attribute {key}= in a page's content")
            elif key == "style" and not STYLE_VALUES.fullmatch((value or "").strip()):
                found.append(f"<{tag}> has a style= the site did not write ({(value or '')[:40]})")
            elif key in URL_ATTRIBUTES:
                found += _url_problems(tag, key, value or "", allowed, loads=tag == "img")
    return list(dict.fromkeys(found))


def problems(page: str, allowed: Allowed) -> list[str]:
    """What is wrong with a whole built page, the theme's parts included: one line each, naming the element."""
    found: list[str] = []
    tree = LexborHTMLParser(page)
    styles = 0
    for node, tag in _elements(tree.root):
        attributes = {key.lower(): value or "" for key, value in node.attributes.items()}
        if tag in NEVER:
            found.append(f"a <{tag}> element is not allowed on a page")
        elif tag == "script":
            if "src" in attributes:
                if attributes["src"] not in allowed.script_sources:
                    found.append(f"<script src=\"{attributes['src'][:60]}\"> is not one of the theme's own scripts")
            elif node.text() not in (allowed.data_scripts if _is_data(node) else allowed.scripts):
                found.append(f"a <script> that is not the theme's own ({' '.join(node.text().split())[:40]}…); "
                             "only the theme's scripts may run")
        elif tag == "style":
            styles += 1
            if node.text() not in allowed.styles:
                found.append("a <style> element the theme did not write")
        elif tag == "meta" and "http-equiv" in attributes:
            found.append(f"<meta http-equiv=\"{attributes['http-equiv'][:30]}\"> is not allowed (it can redirect "
                         "or change the page's policy)")
        for key, value in attributes.items():
            if key.startswith("on"):
                found.append(f"<{tag}> has an event-handler attribute {key}=")
            elif key in URL_ATTRIBUTES:
                rel = set(attributes.get("rel", "").lower().split())
                loads = tag != "a" and tag != "form" and not (tag == "link" and rel & LINK_REFERENCES)
                found += _url_problems(tag, key, value, allowed, loads=loads)
    if styles > len(allowed.styles):
        found.append("more <style> elements than the theme writes")
    return list(dict.fromkeys(found))


def script_hash(code: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()}'"


def policy(scripts: Iterable[str]) -> str:
    """The Content-Security-Policy that runs exactly `scripts` inline (by hash) and the site's own files."""
    hashes = " ".join(sorted(script_hash(code) for code in scripts))
    return ("default-src 'self'; "
            f"script-src 'self' {hashes}; "
            # Material sets a few style attributes as it runs; CSS cannot run scripts.
            "style-src 'self' 'unsafe-inline'; "
            # The theme's CSS draws its icons from data: SVGs; the page check refuses data: in HTML.
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; worker-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


def with_policy(page: str, allowed: Allowed) -> str:
    """The page with a Content-Security-Policy <meta> first in its <head>, allowing the theme's inline scripts."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(allowed.scripts)}">'
    # After <meta charset>, which must stay first; before every script, which the policy must cover.
    return re.sub(r"(<head[^>]*>\s*(?:<meta charset=[^>]*>)?)", lambda match: match.group(1) + meta, page, count=1)


POLICY_META = re.compile(rb"(<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*?script-src 'self')")


def with_reload_script(page: bytes) -> bytes:
    """A served page (never a published one) whose last inline script, `mkdocs serve`'s live reload that the server
    put before </body>, is allowed by its hash too."""
    end = page.rfind(b"</body>")
    start = page.rfind(b"<script>", 0, end if end >= 0 else len(page))
    close = page.find(b"</script>", start)
    if start < 0 or close < 0:
        return page
    code = page[start + len(b"<script>"):close].decode()
    return POLICY_META.sub(lambda match: match.group(1) + b" " + script_hash(code).encode(), page, count=1)


# A page with more references than this shows them folded under a button (issue 26: lighter long pages); a mark's
# hover box still shows its reference, and following a mark opens the list (explainer.js; Chromium does it itself).
FOLDED_REFERENCES = 25
REFERENCES_LIST = re.compile(r'<div class="footnote" data-search-exclude>.*?</ol>\s*</div>', re.DOTALL)


def without_references_in_search(content: str, show_all: str = "Show all %(count)s references") -> str:
    """The content with its footnote marks and references list kept out of the search index: a search result reads
    as the page's prose, not "1989[3][4]" (the footnotes extension writes these elements, always this way). A long
    list is folded, so that the browser lays it out only when a reader opens it, under `show_all` (the page's
    language's words, escaped)."""
    content = content.replace('<sup id="fnref', '<sup data-search-exclude id="fnref').replace(
        '<div class="footnote">', '<div class="footnote" data-search-exclude>')
    count = content.count('<li id="fn:')
    if count <= FOLDED_REFERENCES:
        return content
    summary = show_all % {"count": count}
    return REFERENCES_LIST.sub(lambda match: f'<details class="explainer-references"><summary>{summary}'
                                             f'</summary>\n{match.group(0)}\n</details>', content, count=1)
