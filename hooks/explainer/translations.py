"""Translations of the data's words, as overlays: facts stay language-neutral (ids, dates, figures, sources, the
sources' own words), and only the words the site writes are translated, in `data/i18n/<code>/<file>.yml`.

Each translation names what it translates by the id of the entry (or fact, event, term…) and the field's path from
it (`summary`, `ratifications[1].text`, `cite[2].note`, counting list items from 1 as editors do), and carries a
hash of the English it was made from. When the English changes, the hash no longer matches: the translation is
stale, and the page shows the English, marked, until it is translated again (`make translations` lists what is
missing or stale).

    translations:
      - id: eaeu
        field: summary
        en_hash: 3f2a9c01b7de
        text: "Евразийский экономический союз…"
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field, ValidationError

from .errors import DataError
from .i18n import MARKERS, untranslated
from .load import _label, _read, _translate, iter_nodes, parsed, text_problems
from .markup import find_links
from .model import Citation, Dataset, Date, Node, Source, is_prose

# Where the translations of one language live, under data/.
FOLDER = "i18n"
# The one-line fields a reader sees, besides the Markdown (Prose) ones. Not translated: names of sources and their
# authors (a title is the source's own), quotations (a citation's translation of its quote is its own field, made
# from `quote`), ids, dates and addresses.
WORDS = frozenset({"name", "in_text", "title", "term", "place", "capital", "unit", "note", "official_name",
                   "abbreviations"})
# Lists of names translated as one text, their items separated by this.
LISTS = frozenset({"abbreviations", "aliases"})
LIST_SEPARATOR = "; "
# Names that stay as they are while untranslated (no "not yet translated" mark): short forms, other names, and a
# source's title and publisher. The pages mark them as English where they are.
NAMES = LISTS | {"title", "publisher"}
# A source title the site glossed or labelled in English: "Президенты… (The presidents…)", "… (in Kazakh)".
SITE_WORDS_IN_TITLE = re.compile(r"[А-Яа-яЁё]|\(in [A-Z][a-z]+\)")
HASH_LENGTH = 12
# The id the loader gives a fact without one (model.claim_id): a hash of its text, which a rewording changes.
CLAIM_HASH = re.compile(r"[0-9a-f]{8}")


class Translation(Node):
    id: str = Field(min_length=1, description="The entry, fact, event or term whose words these are")
    field: str = Field(min_length=1, description="The field's path from it: summary, ratifications[1].text")
    en_hash: str = Field(pattern=r"^[0-9a-f]{12}$", description="The hash of the English it translates")
    text: str = Field(min_length=1)

    @property
    def key(self) -> tuple[str, str]:
        return self.id, self.field


class TranslationFile(Node):
    checked: Date = Field(description="When a translator last read these translations against the English")
    translations: list[Translation] = Field(default_factory=list)


def english_hash(text: str) -> str:
    """A short hash of the English, whitespace aside: a reflowed line is the same text."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class Unit:
    """One translatable text of the data: where it is, and the English it holds."""

    id: str
    field: str
    node: Node
    name: str  # the field's name on `node`
    english: str
    file: str  # the data file it is written in
    prose: bool
    quote: bool = False  # a citation's quote, whose translation goes to the citation's `translation`

    @property
    def key(self) -> tuple[str, str]:
        return self.id, self.field


def units(dataset: Dataset, code: str) -> Iterator[Unit]:
    """Every text in the data to translate into language `code`, in the files' order."""
    for kind in Dataset.model_fields:
        for entry in getattr(dataset, kind):
            yield from _units(entry, entry.id, "", entry._file, code)


def _units(node: Node, root: str, path: str, file: str, code: str) -> Iterator[Unit]:
    own = getattr(node, "id", None)
    if isinstance(own, str) and own and path:  # a fact, with its claim id: its own root
        root, path = own, ""
    for name in type(node).model_fields:
        value = getattr(node, name)
        where = f"{path}.{name}" if path else name
        if isinstance(value, list) and value and isinstance(value[0], Node):
            for index, child in enumerate(value):
                yield from _units(child, root, f"{where}[{index + 1}]", file, code)
        elif isinstance(value, Node):
            yield from _units(value, root, where, file, code)
        elif isinstance(node, Source):
            # A source's note is the site's words; its publisher is named as Russian readers know it (a publication's
            # own name stays as it is); its title is the source's own, translated only where the site wrote English
            # into it ("(in Kazakh)", an English gloss).
            if value and (name in ("note", "publisher") or (name == "title" and SITE_WORDS_IN_TITLE.search(value))):
                yield Unit(root, where, node, name, value, file, False)
        elif isinstance(node, Citation) and name == "quote" and value and _translated_quote(node, code):
            yield Unit(root, where, node, name, value, file, False, quote=True)
        elif name in LISTS and value:
            yield Unit(root, where, node, name, LIST_SEPARATOR.join(value), file, False)
        elif isinstance(value, str) and value and (is_prose(type(node), name) or name in WORDS):
            yield Unit(root, where, node, name, value, file, is_prose(type(node), name))


def _translated_quote(citation: Citation, code: str) -> bool:
    """Whether a quote is given in translation into `code` too: the article's words (the site's subject), and any
    quote in a language other than English and `code` (it has an English translation already). Other sources'
    English words are shown as they are, marked as English."""
    return citation.source == "article" or quote_language(citation) not in ("en", code)


KAZAKH = re.compile("[әғқңөұүһі]", re.IGNORECASE)
UZBEK_CYRILLIC = re.compile("[ўқғҳ]", re.IGNORECASE)
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
UKRAINIAN = re.compile("[їєґ]", re.IGNORECASE)
# The languages not in Cyrillic that the quotes are in, by their own letters, script or small words. Case-sensitive:
# the Turkish dotless ı folds to I under IGNORECASE.
OTHER_LANGUAGES = [(code, re.compile(pattern)) for code, pattern in (
    ("ar", "[\u0600-\u06ff]"), ("az", "[əƏ]"), ("uz", "[ogOG][ʻ‘'’]"), ("ro", "[șțăâîȘȚĂÂÎ]"),
    ("sk", r"[ľĺŕôĽĹŔÔ]|\b(?:bol|roku|sa)\b"), ("cs", "[ěřůĚŘŮ]"),
    ("it", r"(?i:\b(?:il|del|della|dello|degli|nel|che|per|sono|stato|quando)\b)"), ("tr", "[ğışĞŞİ]"),
    ("de", r"ß|(?i:\b(?:der|die|und|das|ist|nicht)\b)"), ("fr", r"(?i:\b(?:les?|des|du|est|une|dans)\b)"))]


def quote_language(citation: Citation) -> str:
    """The language of a citation's quote, as far as its letters and small words tell: "ru", "kk", "uz" or "uk" for
    Cyrillic; in another script, "en" for a quote with no translation (the data translates every other language),
    else the languages of OTHER_LANGUAGES, or "" when nothing tells. Read from the quote alone, so a translated
    site, which drops the English translation of a quote in its own language, reads it the same. It marks the
    quote's language on the pages (lang="…"), for screen readers and browsers."""
    quote = citation.quote or ""
    letters = len(CYRILLIC.findall(quote))
    if letters:
        # By share, not presence: a Russian text may name a Kazakh body («Халық кеңесі»), and Kazakh has its own
        # letters in most words.
        if UKRAINIAN.search(quote):
            return "uk"
        if len(KAZAKH.findall(quote)) / letters > 0.05:
            return "kk"
        return "uz" if len(UZBEK_CYRILLIC.findall(quote)) / letters > 0.05 else "ru"
    if not citation.translation:
        return "en"
    # The first language whose own letters or small words the quote holds.
    return next((code for code, pattern in OTHER_LANGUAGES if pattern.search(quote)), "")


@dataclass
class Overlay:
    """One language's translations, checked against the data."""

    code: str
    found: dict[tuple[str, str], Translation] = field(default_factory=dict)
    errors: list[DataError] = field(default_factory=list)
    checked: dict[str, str] = field(default_factory=dict)  # data file → when its translations were last checked
    # Translations of facts whose English was reworded since: a fact without an `id:` is named by a hash of its
    # text, so its old translation names a fact that is gone. Not an error (the new text shows in English, marked,
    # until translated); `make translations` lists them to delete.
    orphans: list[Translation] = field(default_factory=list)


def load_overlay(data_dir: Path, code: str, dataset: Dataset) -> Overlay:
    """Read data/i18n/<code>/*.yml; refuse an unknown id or field, a field that is not translated, a translation in
    another file than its entry's, a malformed file, and text that breaks the data's rules."""
    overlay = Overlay(code)
    known = {unit.key: unit for unit in units(dataset, code)}
    ids = {unit.id for unit in known.values()}
    root = data_dir.parent
    for path in sorted((data_dir / FOLDER / code).glob("*.yml")):
        label = _label(path, root)
        text = _read(path, label, overlay.errors)
        if text is None:
            continue
        raw = parsed(text, label)
        try:
            file = TranslationFile.model_validate(raw)
        except ValidationError as error:
            overlay.errors.extend(_translate(error, raw, "translations", TranslationFile, label, 1))
            continue
        expected_file = f"data/{path.name}"
        overlay.checked[expected_file] = file.checked
        for translation in file.translations:
            if translation.key not in known and translation.id not in ids and CLAIM_HASH.fullmatch(translation.id):
                overlay.orphans.append(translation)
                continue
            problem = _problem(translation, known, ids, expected_file, code)
            if problem:
                overlay.errors.append(DataError(label, translation._line, f"{translation.id} {translation.field}",
                                                problem))
            elif translation.key in overlay.found:
                first = overlay.found[translation.key]
                overlay.errors.append(DataError(label, translation._line, f"{translation.id} {translation.field}",
                                                f"translated twice (also at line {first._line}); keep one"))
            else:
                overlay.found[translation.key] = translation
    return overlay


def _problem(translation: Translation, known: dict[tuple[str, str], Unit], ids: set[str], expected_file: str,
             code: str) -> str | None:
    unit = known.get(translation.key)
    if unit is None:
        if translation.id not in ids:
            return f"no entry, fact or event has the id '{translation.id}' (see `make translations`)"
        fields = sorted(field for id_, field in known if id_ == translation.id)
        return (f"'{translation.field}' is not a translated field of {translation.id}; its translated fields are: "
                f"{', '.join(fields)}")
    if unit.file and unit.file != expected_file:
        return f"{translation.id} is written in {unit.file}: move this translation to data/{FOLDER}/{code}/" \
               f"{Path(unit.file).name}"
    if MARKERS.search(translation.text):
        return "the text holds a private-use character (U+E000 or U+E001); delete it"
    problems = text_problems(translation.text, quotation=unit.quote, not_prose=False, prose=unit.prose)
    if problems:
        return "; ".join(problems)
    english_links = sorted({link.target for link in find_links(unit.english)})
    own_links = sorted({link.target for link in find_links(translation.text)})
    if unit.prose and english_links != own_links:
        return (f"the English links [[{']], [['.join(english_links)}]] but the translation links "
                f"[[{']], [['.join(own_links)}]]; link the same entries")
    return None


@dataclass
class Coverage:
    """What one language's translations cover, by data file: (translated, stale, missing) units."""

    files: dict[str, list[int]] = field(default_factory=dict)
    checked: dict[str, str] = field(default_factory=dict)  # data file → when its translations were last checked
    stale: list[Unit] = field(default_factory=list)
    missing: list[Unit] = field(default_factory=list)

    def count(self, unit: Unit, state: int) -> None:
        self.files.setdefault(unit.file, [0, 0, 0])[state] += 1


def translated(english: Dataset, overlay: Overlay) -> tuple[Dataset, Coverage]:
    """A copy of the data with the translations written in, and what they cover; a missing or stale translation
    leaves the English, marked as untranslated. A quotation in the overlay's language keeps no English translation.
    (A copy: the loader keeps the entries it validated for the next load, in English.)"""
    dataset = english.model_copy(deep=True)
    coverage = Coverage(checked=dict(overlay.checked))
    for unit in list(units(dataset, overlay.code)):
        translation = overlay.found.get(unit.key)
        if translation and translation.en_hash == english_hash(unit.english):
            coverage.count(unit, 0)
            _write(unit, translation.text)
        else:
            (coverage.stale if translation else coverage.missing).append(unit)
            coverage.count(unit, 1 if translation else 2)
            if unit.name in NAMES and (unit.name in LISTS or isinstance(unit.node, Source)):
                pass  # names stay as they are (a mark inside a short form would break its tooltip)
            elif not unit.quote:
                _write(unit, untranslated(unit.english))
            elif isinstance(unit.node, Citation) and unit.node.translation:  # its English translation, marked
                object.__setattr__(unit.node, "translation", untranslated(unit.node.translation))
    for _, node in iter_nodes(dataset):
        if isinstance(node, Citation) and quote_language(node) == overlay.code:
            object.__setattr__(node, "translation", None)
    return dataset, coverage


def _write(unit: Unit, text: str) -> None:
    if unit.quote:
        object.__setattr__(unit.node, "translation", text)
    elif unit.name in LISTS:
        object.__setattr__(unit.node, unit.name, [part.strip() for part in text.split(";") if part.strip()])
    else:
        object.__setattr__(unit.node, unit.name, text)

