"""Jargon explained on first use: each page links the first use of every glossary term to its entry."""

from __future__ import annotations

import re
from functools import lru_cache

GLOSSARY_SRC = "glossary.md"
# What a term may not be linked inside: links, images, code, HTML tags, footnote marks, attribute lists.
PROTECTED = re.compile(r"!?\[[^\]]*\]\([^)]*\)|\[\^[^\]]*\]|`[^`]*`|<[^>]*>|\{[^}]*\}|https?://\S+")
# Lines that are not running text: headings, footnote and abbreviation definitions, HTML, tables' rules,
# admonition titles (their quoted title cannot hold a link) and front matter.
NOT_PROSE = re.compile(r"\s*(#|\[\^|\*\[|<|!!!|---|\|?\s*-{3}|title:|description:)")


def term_words(term: str) -> str:
    """The words a page uses for a glossary term: "Convertibility (of a currency)" is used as "convertibility"."""
    return re.sub(r"\s*\(.*\)\s*$", "", term).strip()


@lru_cache(maxsize=256)
def term_pattern(words: str) -> re.Pattern[str]:
    """The term as a whole word; only its first letter may change case ("Ratification" at a sentence's start)."""
    return re.compile(rf"(?<![\w-])(?i:{re.escape(words[:1])}){re.escape(words[1:])}(?![\w-])")


def link_first_uses(markdown: str, page_dir_up: str, terms: dict[str, str]) -> str:
    """Link the first use of each term (words → term id) in the page's running text to the glossary.

    `page_dir_up` is the relative path from the page to the site's root ("", "../").
    """
    lines = markdown.split("\n")
    pending = dict(terms)
    in_front_matter = bool(lines) and lines[0].strip() == "---"
    in_fence = False
    for number, line in enumerate(lines):
        if in_front_matter:
            in_front_matter = number == 0 or line.strip() != "---"
            continue
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence or NOT_PROSE.match(line) or not pending:
            continue
        lines[number] = _link_line(line, pending, page_dir_up)
    return "\n".join(lines)


def _link_line(line: str, pending: dict[str, str], up: str) -> str:
    protected = [match.span() for match in PROTECTED.finditer(line)]
    found: list[tuple[int, int, str]] = []
    for words, term_id in list(pending.items()):
        if words[1:] not in line:  # the pattern cannot match: skip the regular expression (most lines, most terms)
            continue
        match = next((match for match in term_pattern(words).finditer(line)
                      if not any(start < match.end() and match.start() < end for start, end in protected)
                      and not any(start < match.end() and match.start() < end for start, end, _ in found)), None)
        if match:
            found.append((match.start(), match.end(), term_id))
            del pending[words]
    for start, end, term_id in sorted(found, reverse=True):
        line = f"{line[:start]}[{line[start:end]}]({up}{GLOSSARY_SRC}#{term_id}){line[end:]}"
    return line
