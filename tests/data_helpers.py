"""Shared helpers for the loader tests: a minimal valid data set, written to a temporary folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from explainer.errors import DataErrors
from explainer.load import iter_nodes, load_dataset, normalise_quote, owner_id
from explainer.model import Citation, Dataset, Node

REPO = Path(__file__).resolve().parents[1]
REAL_DATA = REPO / "data"
ARTICLE = REAL_DATA / "sources" / "article.txt"
# Every line of a DataErrors report: `data/file.yml:LINE[:COLUMN]: ...`.
ERROR_LINE = re.compile(r"^data/[^:]+:\d+(:\d+)?: ")

SOURCES = """\
sources:
  - id: article
    kind: article
    publisher: The Times of Central Asia
    title: Tokayev and Mirziyoyev make "historic breakthrough" in Kazakhstan-Uzbekistan relations
    url: https://timesca.com/tokayev-and-mirziyoyev-make-historic-breakthrough-in-kazakhstan-uzbekistan-relations
  - id: kun-eaeu-observer-2020
    kind: newspaper
    publisher: Kun.uz
    title: Uzbekistan becomes observer state in EAEU
    url: https://kun.uz/en/news/2020/12/11/uzbekistan-becomes-observer-state-in-eaeu
    date: "2020-12-11"
"""

COUNTRIES = """\
countries:
  - id: uzbekistan
    name: Uzbekistan
    summary: A party to the treaty; an observer in the [[eaeu|EAEU]].
    cite:
      - source: article
        quote: while Uzbekistan is an observer
"""

ORGANISATIONS = """\
organisations:
  - id: eaeu
    name: Eurasian Economic Union
    abbreviations: [EAEU, EEU]
    summary: A Moscow-led economic union.
    founded: "2015"
    cite:
      - source: article
        quote: EurAsEC was superseded by and absorbed into the Eurasian Economic Union (EEU)
    members:
      - country: uzbekistan
        role: observer
        start: "2020-12-11"
        as_of: "2020-12"
        cite:
          - source: kun-eaeu-observer-2020
            quote: Uzbekistan becomes observer state in EAEU
"""

PEOPLE = """\
people:
  - id: karimov
    name: Islam Karimov
    country: uzbekistan
    summary: Led [[uzbekistan]] from 1989 until his death in 2016.
    cite:
      - source: article
        quote: who led Uzbekistan from 1989 until his death in 2016
    posts:
      - title: Leader of Uzbekistan
        country: uzbekistan
        start: "1989"
        end: "2016-09-02"
        cite:
          - source: article
            quote: who led Uzbekistan from 1989 until his death in 2016
"""

CONCEPTS = """\
concepts:
  - id: som-convertibility
    name: Convertibility of the som
    summary: Uzbekistan's currency became freely convertible in 2017.
    cite:
      - source: article
        quote: It was only in 2017 that Uzbekistan’s Som became freely convertible into Western currencies.
"""

TIMELINE = """\
events:
  - id: uzbekistan-eaeu-observer
    date: "2020-12-11"
    title: Uzbekistan becomes an observer in the [[eaeu|EAEU]]
    about: [eaeu, uzbekistan]
    cite:
      - source: kun-eaeu-observer-2020
        quote: Uzbekistan becomes observer state in EAEU
"""

CHECKS = """\
checks:
  - id: eurasec-withdrawal
    title: Suspended, not withdrawn
    verdict: imprecise
    about: [uzbekistan]
    article_says:
      source: article
      quote: Uzbekistan withdrew from EurAsEC three years later in 2008.
    record_shows: Uzbekistan suspended its membership in November 2008.
    cite:
      - source: kun-eaeu-observer-2020
        quote: Uzbekistan becomes observer state in EAEU
"""

MINIMAL_FILES: dict[str, str] = {
    "sources.yml": SOURCES,
    "countries.yml": COUNTRIES,
    "organisations.yml": ORGANISATIONS,
    "people.yml": PEOPLE,
    "concepts.yml": CONCEPTS,
    "timeline.yml": TIMELINE,
    "checks.yml": CHECKS,
}


def line_in(text: str, needle: str) -> int:
    """The 1-based line number of the one line of `text` that contains `needle`."""
    numbers = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(numbers) == 1, f"{needle!r} is on lines {numbers}, expected exactly one line"
    return numbers[0]


class DataDir:
    """A temporary `data/` folder: write or edit its files, then load it."""

    def __init__(self, root: Path, files: dict[str, str | bytes] | None = None) -> None:
        self.root = root
        self.path = root / "data"
        (self.path / "sources").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ARTICLE, self.path / "sources" / "article.txt")
        for name, content in {**MINIMAL_FILES, **(files or {})}.items():
            self.write(name, content)

    def write(self, name: str, content: str | bytes) -> None:
        path = self.path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    def text(self, name: str) -> str:
        return (self.path / name).read_text(encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace the one occurrence of `old` in a file; fails loudly if it is not there exactly once."""
        text = self.text(name)
        assert text.count(old) == 1, f"{old!r} is in {name} {text.count(old)} times, expected once"
        self.write(name, text.replace(old, new))

    def line(self, name: str, needle: str) -> int:
        """The 1-based line number of the one line of a file that contains `needle`."""
        return line_in(self.text(name), needle)

    def load(self) -> Dataset:
        return load_dataset(self.path)

    def errors(self) -> list[str]:
        """The lines of the DataErrors report; fails if the data loads."""
        with pytest.raises(DataErrors) as caught:
            self.load()
        lines = [str(error) for error in caught.value.errors]
        count = len(lines)
        assert str(caught.value).splitlines() == [f"{count} error{'s' if count != 1 else ''} in the data:", *lines]
        return lines


# ----- reading the loaded Dataset ------------------------------------------------------------------------

# The fields that hold an entry's own words (not ids, citations or dates).
PROSE_FIELDS = {"name", "official_name", "aliases", "abbreviations", "summary", "body", "text", "title",
                "record_shows"}


def entry(dataset: Dataset, entry_id: str) -> Node:
    """The entry with this id, of any kind; a clear failure if there is none."""
    for kind in Dataset.model_fields:
        for candidate in getattr(dataset, kind):
            if candidate.id == entry_id:
                return candidate
    raise LookupError(f"no entry with id '{entry_id}' in the data")


def prose(node: Node) -> str:
    """All the words an entry says about itself (summary, body, facts, posts…), normalised and lower-cased."""
    parts: list[str] = []
    for name in type(node).model_fields:
        value = getattr(node, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Node) and not isinstance(item, Citation):
                parts.append(prose(item))
            elif isinstance(item, str) and name in PROSE_FIELDS:
                parts.append(normalise_quote(item).lower())
    return "\n".join(parts)


def says(dataset: Dataset, entry_id: str, *phrases: str) -> bool:
    """Whether the entry's own words contain every phrase (case, quotes and dashes aside)."""
    text = prose(entry(dataset, entry_id))
    return all(normalise_quote(phrase).lower() in text for phrase in phrases)


def article_quotes(dataset: Dataset, entry_id: str) -> list[str]:
    """Every quote of the article anywhere inside one entry."""
    return [node.quote or "" for where, node in iter_nodes(dataset)
            if owner_id(where) == entry_id and isinstance(node, Citation) and node.source == "article"]
