"""What a rebuild while serving must render again: the pages whose inputs changed since the last build.

`make serve` runs `mkdocs serve --dirty`: MkDocs then reads and renders only the pages whose File says it is
modified, and leaves the others' HTML in place. MkDocs asks the file's modification time; the explainer answers
instead (the hooks set each page's `is_modified`), because a page changes with the data, not with its file:
- a page is built again when its own text changed (a docs/ page's source, a generated page's Markdown), or when
  what resolves its [[links]], abbreviations and pictures changed (`links_key`);
- every page is built again when anything they all show changed (`site_key`: the settings, the theme's overrides,
  the list of files, the notice of errors, the code).
A page whose output is missing is always built. The search index, which MkDocs writes from the built pages only,
is merged with the entries of the pages left in place; the output of a page that no longer exists is removed.
A full build (`mkdocs build`, or the first build of a server) never asks any of this.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def digest(*parts: object) -> str:
    """A hash of `parts`, each made text (mappings and lists as sorted JSON)."""
    hashed = hashlib.sha256()
    for part in parts:
        text = part if isinstance(part, str) else json.dumps(part, sort_keys=True, ensure_ascii=False, default=str)
        hashed.update(text.encode() + b"\0")
    return hashed.hexdigest()


def folder_digest(folder: Path) -> str:
    """A hash of every file under `folder` (names and contents): the theme's overrides."""
    return digest(*(f"{path.relative_to(folder).as_posix()}\0{path.read_bytes().hex()}"
                    for path in sorted(folder.rglob("*")) if path.is_file()))


@dataclass(frozen=True)
class Plan:
    """One rebuild: the inputs and output of each page, and which pages it builds."""

    site_key: str
    page_keys: dict[str, str]  # src_uri → key of its inputs
    outputs: dict[str, Path]  # src_uri → the HTML file it is written to
    urls: dict[str, str]  # src_uri → its URL, as the search index names it
    to_build: frozenset[str]


@dataclass
class Incremental:
    """The inputs of each page at the last build that wrote it, and the search index of the whole site then."""

    last: Plan | None = None
    pending: Plan | None = None
    search_docs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # page URL → its search entries

    def plan(self, site_key: str, page_keys: dict[str, str], outputs: dict[str, Path],
             urls: dict[str, str]) -> frozenset[str]:
        """The pages (src_uri) to build now: all when `site_key` changed, else those whose key changed or whose
        output is missing."""
        last = self.last
        if last is None or site_key != last.site_key:
            to_build = frozenset(page_keys)
        else:
            to_build = frozenset(src for src, key in page_keys.items()
                                 if last.page_keys.get(src) != key or not outputs[src].is_file())
        self.pending = Plan(site_key, page_keys, outputs, urls, to_build)
        return to_build

    def full_build(self) -> bool:
        """Whether the build under way renders every page (any build but an incremental rebuild of some)."""
        return self.pending is None or self.pending.to_build == frozenset(self.pending.page_keys)

    def finish(self, search_index: Path) -> None:
        """Note that the planned build succeeded: remove the output of the pages that are gone, and complete the
        search index (written for this build's pages only) with the entries of the pages left in place."""
        plan, self.pending = self.pending, None
        if plan is None:
            return
        for src, path in (self.last.outputs if self.last else {}).items():
            if src not in plan.outputs and path.is_file():
                path.unlink()
        self.last = plan
        if not search_index.is_file():
            return
        index = json.loads(search_index.read_text(encoding="utf-8"))
        fresh: dict[str, list[dict[str, Any]]] = {}
        for entry in index.get("docs", []):
            fresh.setdefault(entry.get("location", "").split("#", 1)[0], []).append(entry)
        rebuilt = {plan.urls[src] for src in plan.to_build}
        current = set(plan.urls.values())
        kept = {url: entries for url, entries in self.search_docs.items() if url in current and url not in rebuilt}
        self.search_docs = {**kept, **fresh}
        if kept:
            # In the site's order, so that a search lists results as a full build would.
            order = {url: number for number, url in enumerate(plan.urls.values())}
            index["docs"] = [entry for url in sorted(self.search_docs, key=lambda url: order.get(url, len(order)))
                             for entry in self.search_docs[url]]
            search_index.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
