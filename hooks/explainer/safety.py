"""The last line of defence over every built page, and its Content-Security-Policy.

Whatever produced a page (the data, a template, a plugin, a future feature), it must hold no script link, no
event-handler attribute, no script but the theme's own and nothing loaded from another host. GitHub Pages cannot
send headers, so the policy travels in a <meta> tag, with the theme's inline scripts allowed by their hashes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from urllib.parse import urlsplit

TAG = re.compile(r"<(?P<name>[A-Za-z][A-Za-z0-9-]*)"
                 r"(?P<attributes>(?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
ATTRIBUTE = re.compile(r"([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
# A script with src= is covered by 'self'; a JSON block is data the browser never runs.
EXTERNAL_OR_DATA = re.compile(r"src=|application/json")
INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<code>.*?)</script>", re.DOTALL)
CONTENT = re.compile(r'<article class="md-content__inner[^"]*">.*?</article>', re.DOTALL)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "cite"}
LOADING = {"script": "src", "img": "src", "iframe": "src", "frame": "src", "embed": "src", "object": "data",
           "source": "src", "video": "src", "audio": "src", "track": "src", "input": "src", "image": "href"}
# A <link> with these relations is a reference, not something the browser loads.
LINK_REFERENCES = {"canonical", "alternate", "author", "license", "next", "prev", "help", "search"}
SCRIPT_URL_ATTRIBUTES = URL_ATTRIBUTES | {"srcset"}
READ_VALUES = SCRIPT_URL_ATTRIBUTES | {"rel"}
SCRIPT_SCHEME = re.compile(r"^(?:javascript|data|vbscript):", re.IGNORECASE)
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
# Most tags need no closer look: a script URL needs a colon (or an entity or control character to hide one), and a
# handler an on…= attribute. Only loading tags and tags with these are parsed: the check was 12% of a build.
WORTH_A_LOOK = re.compile(r"[:&\x00-\x1f]|\son", re.IGNORECASE)


def _url(value: str) -> str:
    """An attribute's URL as a browser reads it: entities decoded, control characters and spaces gone."""
    return INVISIBLE.sub("", html.unescape(value.strip("\"'")))


def _foreign(url: str, own_host: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.netloc.lower() != own_host


def problems(page: str, own_host: str) -> list[str]:
    """What is wrong with one built HTML page: one line each, naming the tag."""
    found: list[str] = []
    for tag in TAG.finditer(page):
        name = tag.group("name").lower()
        if name not in LOADING and name != "link" and not WORTH_A_LOOK.search(tag.group("attributes")):
            continue
        pairs = [(key.lower(), value) for key, value in ATTRIBUTE.findall(tag.group("attributes"))]
        found += [f"<{name}> has an event-handler attribute {key}=" for key in dict.fromkeys(key for key, _ in pairs)
                  if key.startswith("on")]
        # Only these attributes' values are read below: decoding the others (class, title, ...) is wasted work.
        attributes = {key: _url(value or "") for key, value in pairs if key in READ_VALUES}
        found += [f"<{name}> links to a script URL in {key}= ({value[:40]})" for key, value in attributes.items()
                  if key in SCRIPT_URL_ATTRIBUTES and SCRIPT_SCHEME.match(value)]
        loaded = [attributes.get(LOADING.get(name, ""), "")] + attributes.get("srcset", "").split(",")
        if name == "link" and not LINK_REFERENCES & set(attributes.get("rel", "").lower().split()):
            loaded.append(attributes.get("href", ""))
        found += [f"<{name}> loads {url[:60]} from another host"
                  for url in loaded if _foreign(url.split(" ")[0], own_host)]
    content = CONTENT.search(page)
    if content and "<script" in content.group(0).lower():
        found.append("a <script> in the page's content (only the theme's own scripts may run)")
    return found


def with_policy(page: str) -> str:
    """The page with a Content-Security-Policy <meta> first in its <head>; its inline scripts allowed by hash."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(match.group('code').encode()).digest()).decode()}'"
                      for match in INLINE_SCRIPT.finditer(page)
                      if not EXTERNAL_OR_DATA.search(match.group("attributes")))
    policy = ("default-src 'self'; "
              f"script-src 'self' {hashes}; "
              # Material sets a few style attributes in its markup; CSS cannot run scripts.
              "style-src 'self' 'unsafe-inline'; "
              # The theme's CSS draws its icons from data: SVGs; the page check refuses data: in HTML.
              "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; worker-src 'self'; "
              "object-src 'none'; base-uri 'self'; form-action 'self'")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    # After <meta charset>, which must stay first; before every script, which the policy must cover.
    return re.sub(r"(<head[^>]*>\s*(?:<meta charset=[^>]*>)?)", lambda match: match.group(1) + meta, page, count=1)
