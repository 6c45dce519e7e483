"""The site's languages: the words the core writes around the data, dates and numbers in each language's form, and
the mark that shows English where a translation is missing.

English is the authoritative text and needs no table. Every other language has a folder of message tables,
`messages/<code>/*.yml`, each mapping an English message to its translation (a list of the plural forms where the
message counts something: for Russian, the forms for 1, 2–4 and 5). What a table lacks is shown in English, marked
as not yet translated (`untranslated`), and noted in `Language.missing`: tests/test_translations.py renders the
whole site in each language and finds none.
"""

from __future__ import annotations

import datetime
import functools
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from .model import MONTHS

MESSAGES = Path(__file__).parent / "messages"
# Private-use characters around English shown in place of a missing translation: the templates escape and Markdown
# passes them as they are, and the finished HTML turns them into <span lang="en"> (marked_html). The data may not
# hold them (translations.py refuses them in a translation).
OPEN, CLOSE = "\ue000", "\ue001"
MARKERS = re.compile(f"[{OPEN}{CLOSE}]")
QUOTATION_MARKS = {"en": ("“", "”", "‘", "’"), "ru": ("«", "»", "„", "“")}


def show_date(date: str | None) -> str:
    """A date at its own precision, in English: "1994", "September 2017", "22 December 2022"."""
    if not date:
        return ""
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def show_figure(value: float) -> str:
    """A number in English: 2357 → "2,357"; 4.1 → "4.1"."""
    return f"{value:,g}"


@dataclass(frozen=True)
class Language:
    """One language of the site: its code (as theme.language names it) and its message table."""

    code: str = "en"
    messages: Mapping[str, str | list[str]] = field(default_factory=dict)
    # The messages asked for that the table lacks, for the tests and `make translations`.
    missing: set[str] = field(default_factory=set, compare=False)

    @property
    def is_source(self) -> bool:
        """English: the language the data is written in."""
        return self.code == "en"

    def gettext(self, message: str) -> str:
        """`message` in this language; in English, marked, if the table lacks it."""
        if self.is_source:
            return message
        found = self.messages.get(message)
        if isinstance(found, str):
            return found
        self.missing.add(message)
        return untranslated(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form of `singular` for `count`; its table entry lists the plural forms in Babel's CLDR order."""
        if self.is_source:
            return singular if count == 1 else plural
        forms = self.messages.get(singular)
        if not isinstance(forms, list):
            self.missing.add(singular)
            return untranslated(singular if count == 1 else plural)
        category = Locale.parse(self.code).plural_form(count)
        order = ["one", "few", "many", "other"]
        return forms[min(order.index(category) if category in order else len(forms) - 1, len(forms) - 1)]

    def date(self, date: str | None, form: str = "") -> str:
        """A date at its own precision: "22 December 2022", "September 2017", "1994". In Russian "22 декабря 2022
        года", "сентябрь 2017 года", "1994"; with `form` "genitive" (after «с», «до», «к») "сентября 2017 года",
        "1994 года". English has one form."""
        if not date:
            return ""
        if self.is_source:
            return show_date(date)
        parts = [int(part) for part in date.split("-")]
        if len(parts) == 1:
            return f"{parts[0]} года" if form == "genitive" else str(parts[0])
        day = datetime.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
        month = "MMMM y" if form == "genitive" else "LLLL y"  # CLDR's month names: in a date, and standing alone
        return format_date(day, month if len(parts) == 2 else "d MMMM y", locale=self.code) + " года"

    def figure(self, value: float, decimals: int | None = None) -> str:
        """2357 → "2,357" (English), "2 357" (Russian, with a no-break space); 4.1 → "4.1", "4,1"; with `decimals`,
        always that many digits after the point (55.2 → "55.20", "55,20")."""
        if decimals is not None:
            if self.is_source:
                return f"{value:.{decimals}f}"
            return format_decimal(value, format="0." + "0" * decimals if decimals else "0", locale=self.code)
        if self.is_source:
            return show_figure(value)
        return format_decimal(value, locale=self.code)

    def translation_note(self, checked: str | None) -> str:
        """The line under a translated page's title: the English is authoritative, and the day (`checked`) the
        translation was last read against it. HTML, its words escaped."""
        words = self.gettext("The English text is authoritative; this translation was checked on %(date)s.") % {
            "date": self.date(checked)} if checked else self.gettext("The English text is authoritative.")
        return f'<p class="explainer-translation-note" data-search-exclude>{html.escape(words)}</p>'

    @property
    def quotation_marks(self) -> tuple[str, str, str, str]:
        """Opening and closing marks, then those of a quotation inside a quotation: “…” with ‘…’ inside (British
        usage), «…» with „…“ inside (Russian)."""
        return QUOTATION_MARKS.get(self.code, QUOTATION_MARKS["en"])


def in_latin(text: str) -> bool:
    """Whether a text is written mostly in Latin letters (a name left in English on a Russian page)."""
    return len(re.findall("[A-Za-z]", text)) > len(re.findall("[А-Яа-яЁё]", text))


def untranslated(text: str) -> str:
    """English shown where a translation is missing, marked line by line (a mark never spans a paragraph or a list
    item), after any list or heading mark that starts the line."""
    return "\n".join(_marked_line(line) for line in text.split("\n"))


def _marked_line(line: str) -> str:
    if not line.strip():
        return line
    start = re.match(r"\s*(?:[-*+]\s+|\d+\.\s+|#+\s+|>\s*)?", line)
    cut = start.end() if start else 0
    return f"{line[:cut]}{OPEN}{line[cut:]}{CLOSE}"


def unmarked(text: str) -> str:
    """The text without the marks, for where markup cannot go: titles, attributes, pictures, search."""
    return MARKERS.sub("", text)


TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>|<!--.*?-->", re.DOTALL)
# Where only text may go: the marks are dropped there.
TEXT_ONLY = {"title", "svg", "script", "style", "textarea", "option"}


def marked_html(page: str, note: str) -> str:
    """The HTML with each marked run of English in a <span lang="en">, followed by `note` ("not yet translated").

    A span holds text only: at every tag inside a marked run it closes before the tag and opens again after it, so
    a mark that Markdown spread over several elements still nests. In attributes, titles and pictures the marks are
    dropped."""
    if OPEN not in page and CLOSE not in page:
        return page
    opening = '<span lang="en" class="explainer-untranslated">'
    closing = f'</span><small class="explainer-untranslated-note">{note}</small>'
    out: list[str] = []
    depth = 0  # how many marked runs are open: an untranslated name inside an untranslated sentence nests
    plain_depth = 0  # within a TEXT_ONLY element
    position = 0
    for tag in TAG.finditer(page):
        text, depth = _marked_text(page[position:tag.start()], depth, plain_depth > 0, opening, closing)
        out.append(text)
        name = (tag.group(2) or "").lower()
        if name in TEXT_ONLY:
            plain_depth = max(plain_depth + (-1 if tag.group(1) else 1), 0)
        out.append(unmarked(tag.group(0)))
        position = tag.end()
    out.append(_marked_text(page[position:], depth, plain_depth > 0, opening, closing)[0])
    return "".join(out)


def _marked_text(text: str, depth: int, plain: bool, opening: str, closing: str) -> tuple[str, int]:
    """A run of text between tags, with its marks turned into spans; and how many runs are open after it."""
    if plain:
        return unmarked(text), max(depth + text.count(OPEN) - text.count(CLOSE), 0)
    out = opening if depth and text.strip() else ""
    opened = bool(out)
    for character in text:
        if character == OPEN:
            depth += 1
            if not opened:
                out, opened = out + opening, True
        elif character == CLOSE:
            depth = max(depth - 1, 0)
            if opened and not depth:
                out, opened = out + closing, False
        else:
            out += character
    if opened:
        out += "</span>"  # the run goes on after the next tag
    return out, depth


@functools.cache
def language(code: str) -> Language:
    """The language `code` with its message tables (none for English), read once per build: the hooks clear this
    cache when a build starts (on_config), so that an edited table shows while serving."""
    return Language(code, read_tables(code)[0]) if code != "en" else Language()


def message_problems(code: str) -> list[str]:
    """What is wrong with a language's message tables: a file that is not a mapping of messages to a translation
    or a list of plural forms, or a message given twice."""
    return read_tables(code)[1]


def read_tables(code: str) -> tuple[dict[str, str | list[str]], list[str]]:
    """A language's message tables, merged, and what is wrong with them (the build stops on that)."""
    messages: dict[str, str | list[str]] = {}
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in sorted((MESSAGES / code).glob("*.yml")):
        label = f"hooks/explainer/messages/{code}/{path.name}"
        try:
            table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            problems.append(f"{label}: not YAML ({error})")
            continue
        if not isinstance(table, dict):
            problems.append(f"{label}: write one `English: translation` per line")
            continue
        for message, translation in table.items():
            if not (isinstance(translation, str) or (isinstance(translation, list) and
                                                     all(isinstance(form, str) for form in translation))):
                problems.append(f"{label}: {message!r}: give its translation as text, or its plural forms as a list")
            if message in seen:
                problems.append(f"{label}: {message!r} is also in {seen[message]}; keep one")
            seen[message] = label
        messages.update(table)
    return messages, problems
