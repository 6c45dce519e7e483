"""[[id]] and [[id|text]] links: resolving them into Markdown links, and the backlink index."""

from __future__ import annotations

import html
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from . import jargon
from . import values as data_values
from .load import did_you_mean, iter_nodes, owner_id, values
from .markup import Link, find_links, replace_links
from .model import PAGE_KINDS, Dataset, Entity, Node, Organisation, references


def _value(link: Link, known: dict[str, str | float], code: str = "en") -> str | None:
    """A [[value:path|style]] written out as text (see values.py); None for any other link or an unknown path."""
    path = link.target.removeprefix(data_values.PREFIX)
    if path == link.target or path not in known:
        return None
    return html.escape(data_values.shown(known[path], link.text, code), quote=False)


def resolve(markdown: str, page_src: str, targets: dict[str, tuple[str, str]],
            known_values: dict[str, str | float] | None = None, code: str = "en") -> str:
    """Replace every [[id]] with a Markdown link relative to `page_src`; an unknown id stays as written.

    `targets` maps an id to (src_uri, text of a bare link). Unknown ids were reported before any page was made
    (pages.Site and the hook's check of docs/). MkDocs then validates the .md links, so a broken one fails --strict.
    """
    page_dir = posixpath.dirname(page_src)

    def replace(link: Link) -> str:
        value = _value(link, known_values or {}, code)
        if value is not None:
            return value
        if link.target not in targets:
            return f"[[{link.target}]]"
        src_uri, title = targets[link.target]
        # Link text in data was escaped with the rest of its text by the template; a title is escaped here.
        text = link.text or html.escape(capitalised(title) if starts_sentence(markdown, link.start) else title,
                                        quote=False)
        return f"[{text}]({relative_path(src_uri, page_dir)})"

    return replace_links(markdown, replace)


LIST_OR_CELL_START = re.compile(r"\s*(?:[-*+]\s+|\d+\.\s+|:\s+|.*\|\s*)[\s*_“\"(\[]*")
LINE_START = re.compile(r"[\s*_“\"(\[]*")
SENTENCE_END = re.compile(r"[.!?][”\"')]?\s+[*_“\"(\[]*$")


def starts_sentence(markdown: str, position: int) -> bool:
    """Whether a link at `position` opens a sentence, a list item or a table cell: its text then takes a capital."""
    line_start = markdown.rfind("\n", 0, position) + 1
    line = markdown[line_start:position]
    if LIST_OR_CELL_START.fullmatch(line) or SENTENCE_END.search(line):
        return True
    if not LINE_START.fullmatch(line):
        return False
    # At the start of a line: a new paragraph, or a wrapped line that goes on with the sentence above.
    previous = markdown[markdown.rfind("\n", 0, max(line_start - 1, 0)) + 1:max(line_start - 1, 0)].rstrip()
    return not previous or previous.endswith((".", "!", "?", ":", "”"))


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


@dataclass
class Linker:
    """What every page needs at the end, and no more: the build keeps only this once the pages exist.

    `targets` maps an id to (src_uri, title); `glossary` maps an abbreviation to what it stands for.
    """

    targets: dict[str, tuple[str, str]] = field(default_factory=dict)
    glossary: dict[str, str] = field(default_factory=dict)
    terms: dict[str, str] = field(default_factory=dict)  # a glossary term's words → its id
    values: dict[str, str | float] = field(default_factory=dict)  # [[value:path]] → its date or number (values.py)
    language: str = "en"  # the pages' language, in which values are written out

    def finish_markdown(self, markdown: str, page_src: str) -> str:
        """Resolve [[links]], link each glossary term's first use, and append the abbreviations the page uses."""
        markdown = resolve(markdown, page_src, self.targets, self.values, self.language)
        if page_src != jargon.GLOSSARY_SRC:
            markdown = jargon.link_first_uses(markdown, "../" * page_src.count("/"), self.terms)
        used = sorted(self.abbreviations_in(markdown))
        if used:
            markdown += "\n\n" + "\n".join(f"*[{abbr}]: {self.glossary[abbr]}" for abbr in used) + "\n"
        return markdown

    def unknown_links(self, markdown: str) -> list[tuple[int, str]]:
        """(line, message) for each [[link]] in `markdown` that names no page."""
        found = []
        for link in find_links(markdown):
            line = markdown.count("\n", 0, link.start) + 1
            if link.target.startswith(data_values.PREFIX):
                # Checked only against good data: while the data has errors, its values are unknown.
                wrong = data_values.problem(link.target.removeprefix(data_values.PREFIX), link.text, self.values) \
                    if self.values else None
                found += [(line, wrong)] if wrong else []
            elif link.target not in self.targets:
                found.append((line, f"the link [[{link.target}]] names no entry"
                                    f"{did_you_mean(link.target, self.targets)}; use the id of an entry with a page"))
        return found

    def with_values(self, text: str) -> str:
        """Only the [[value:…]] of `text` written out: for a hand-written page's title and description."""
        def written(link: Link) -> str:
            written_value = _value(link, self.values, self.language)
            return written_value or f"[[{link.target}{'|' + link.text if link.text else ''}]]"

        return replace_links(text, written)

    def abbreviations_in(self, markdown: str) -> set[str]:
        """The glossary's abbreviations that a page uses: one pass over its words, whatever the glossary's size."""
        words = set(WORD.findall(markdown))
        used = words & self.glossary.keys()
        for word in words & self._abbreviations_by_first_word.keys():
            used.update(abbr for abbr in self._abbreviations_by_first_word[word] if abbr in markdown)
        return used | {abbr for abbr in self._abbreviations_without_words if abbr in markdown}

    @cached_property
    def _abbreviations_by_first_word(self) -> dict[str, list[str]]:
        """Abbreviations such as "U.S." or "SCO 2" that are not one word, under their first word.

        A page can use one only if it has that word, so a page checks a handful, not all of them.
        """
        grouped: dict[str, list[str]] = defaultdict(list)
        for abbr in self.glossary:
            first = WORD.search(abbr)
            if first and first.group(0) != abbr:
                grouped[first.group(0)].append(abbr)
        return dict(grouped)

    @cached_property
    def _abbreviations_without_words(self) -> list[str]:
        """Abbreviations with no letter at all, which only a plain search can find."""
        return [abbr for abbr in self.glossary if not WORD.search(abbr)]


def relative_path(target: str, from_dir: str) -> str:
    """posixpath.relpath for the site's own clean paths, without its file-system calls (one per link)."""
    start = from_dir.split("/") if from_dir else []
    parts = target.split("/")
    common = 0
    while common < len(start) and common < len(parts) - 1 and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:])


def plain(text: str, names: dict[str, str]) -> str:
    """Text with its [[links]] reduced to their words, for CSV, titles and descriptions."""
    return replace_links(text, lambda link: link.text or names.get(link.target, link.target))


def linked_ids(text: str) -> set[str]:
    """The ids that a text links with [[id]]."""
    return {link.target for link in find_links(text)}


def mentions(node: Node) -> set[str]:
    """The ids that one entry names, through [[links]] in its text and its reference fields."""
    found = {target for field, _ in references(type(node)) for target in values(node, field)}
    for name in type(node).model_fields:
        for item in values(node, name):
            if isinstance(item, str):
                found.update(linked_ids(item))
    return found


def entity_mentions(dataset: Dataset) -> dict[str, set[str]]:
    """For every entity, the ids that its page names (its own mappings, nested ones included)."""
    entity_ids = {entity.id for entity in entities(dataset)}
    named: dict[str, set[str]] = defaultdict(set)
    for where, node in iter_nodes(dataset):
        owner = owner_id(where)
        if owner in entity_ids:
            named[owner].update(mentions(node))
    return {owner: ids - {owner} for owner, ids in named.items()}


def backlinks(named: dict[str, set[str]]) -> dict[str, list[str]]:
    """Invert `entity_mentions`: for every id, the entities whose pages mention it."""
    index: dict[str, list[str]] = defaultdict(list)
    for owner in sorted(named):
        for target in named[owner]:
            index[target].append(owner)
    return index


def entities(dataset: Dataset) -> Iterable[Entity]:
    for kind in PAGE_KINDS:
        yield from getattr(dataset, kind.key)


def succession_chains(organisations: list[Organisation]) -> list[list[Organisation]]:
    """The lines of succession, each from its first organisation to its last (CAU → … → EAEU)."""
    by_id = {org.id: org for org in organisations}
    successors = {org.succeeded_by for org in organisations if org.succeeded_by}
    chains = []
    for org in organisations:
        if org.id in successors or not org.succeeded_by:
            continue
        chain = [org]
        while chain[-1].succeeded_by in by_id and len(chain) <= len(organisations):
            chain.append(by_id[chain[-1].succeeded_by])
        chains.append(chain)
    return chains
