"""Translations of the hand-written pages in docs/: data/i18n/<code>/docs/<page>.md, the whole page in the language,
whose front matter names the hash of the English page it was made from (`en_hash`, as `make translations` prints
it). A missing or stale translation shows the English page, marked as not yet translated."""

from __future__ import annotations

import re
from pathlib import Path

from .translations import FOLDER, english_hash

FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?\n)---\n", re.DOTALL)
EN_HASH = re.compile(r"^en_hash:\s*\"?([0-9a-f]+)\"?\s*$", re.MULTILINE)
# When the translation was last read against the English.
CHECKED = re.compile(r"^checked:\s*\"?(\d{4}(?:-\d\d){0,2})\"?\s*$", re.MULTILINE)
TITLE = re.compile(r"^# .*$", re.MULTILINE)


def translation_path(root: Path, docs_page: Path, code: str) -> Path:
    """Where the translation of docs/<page> lives (`root` is the repository)."""
    return root / "data" / FOLDER / code / "docs" / docs_page.resolve().relative_to(root / "docs")


def front_matter_value(markdown: str, pattern: re.Pattern[str]) -> str | None:
    """One value of a page's front matter (EN_HASH's hash, CHECKED's date), if it has it."""
    found = FRONT_MATTER.match(markdown)
    value = pattern.search(found.group("yaml")) if found else None
    return value.group(1) if value else None


def state_of(root: Path, docs_page: Path, code: str) -> str:
    """"translated", "stale" (the English changed since) or "missing"."""
    if not translation_path(root, docs_page, code).is_file():
        return "missing"
    english = docs_page.read_text(encoding="utf-8-sig")
    return "translated" if translated(root, docs_page, code, english) is not None else "stale"


def translated(root: Path, docs_page: Path, code: str, english: str) -> str | None:
    """The page's translation into `code`, if it is there and made from `english` (the page as it is now)."""
    path = translation_path(root, docs_page, code)
    if not path.is_file():
        return None
    translation = path.read_text(encoding="utf-8-sig")
    return translation if front_matter_value(translation, EN_HASH) == english_hash(english) else None


def marked_english(markdown: str, note: str) -> str:
    """The English page shown for a missing translation: its body in a block marked lang="en", `note` (already
    escaped) above it."""
    found = FRONT_MATTER.match(markdown)
    head, body = (markdown[:found.end()], markdown[found.end():]) if found else ("", markdown)
    return f'{head}\n!!! note ""\n    {note}\n\n<div lang="en" markdown>\n\n{body}\n\n</div>\n'


def with_note(markdown: str, note: str) -> str:
    """The page with `note` (HTML: Language.translation_note) under its title, as the generated pages have it."""
    line = f"\n{note}\n"
    title = TITLE.search(markdown)
    return markdown[:title.end()] + "\n" + line + markdown[title.end():] if title else line + markdown
