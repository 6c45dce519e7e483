"""`make where WHAT=...`: every file:line in data/ and docs/ that mentions an id or a phrase.

An editor runs it before changing or deleting something that may be written in several places:
    make where WHAT=eaeu            the entry's own line, every [[eaeu]] link and every list that names it
    make where WHAT="20 May 2024"   the date written out, and as 2024-05-20 (fields, ids, source notes)
    make where WHAT=2024-05         a month: also "May 2024"

Case does not matter, and runs of spaces match any spacing. An id (a word that some entry has as its
`id:`) matches only whole: `eaeu` does not find `kun-eaeu-observer-2020`. Anything else matches on word
boundaries, so `2024-05-20` also finds it inside ids such as `ev-2024-05-20-kazakhstan-ratifies-treaty`.
data/sources/article.txt is left out: it is the article's own text, quoted, never edited.
Standard library only, so that it runs with any Python 3.10 or newer.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("data", "docs")
SUFFIXES = {".yml", ".yaml", ".md"}  # text an editor changes; assets and the article's copy are left out

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
WRITTEN_DAY_MONTH = re.compile(r"(\d{1,2}) ([a-z]+),? (\d{4})")  # 20 May 2024
WRITTEN_MONTH_DAY = re.compile(r"([a-z]+) (\d{1,2}),? (\d{4})")  # May 20, 2024
WRITTEN_MONTH = re.compile(r"([a-z]+),? (\d{4})")  # May 2024
ID_LINE = r"^\s*(?:-\s*)?id:\s*['\"]?{}['\"]?\s*(?:#.*)?$"


def as_date(phrase: str) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) if the phrase is a date, ISO or written out in English; else None."""
    text = " ".join(phrase.lower().split())
    if match := ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
        parsed = (int(year), int(month), int(day) if day else None)
    elif match := WRITTEN_DAY_MONTH.fullmatch(text):
        day, name, year = match.groups()
        parsed = (int(year), month_number(name), int(day))
    elif match := WRITTEN_MONTH_DAY.fullmatch(text):
        name, day, year = match.groups()
        parsed = (int(year), month_number(name), int(day))
    elif match := WRITTEN_MONTH.fullmatch(text):
        name, year = match.groups()
        parsed = (int(year), month_number(name), None)
    else:
        return None
    year, month, day = parsed
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return parsed


def month_number(name: str) -> int:
    """1–12 for a month's English name or its first three letters; 0 if it is neither."""
    for number, month in enumerate(MONTHS, start=1):
        if name == month or (len(name) >= 3 and month.startswith(name)):
            return number
    return 0


def date_patterns(year: int, month: int, day: int | None) -> list[str]:
    """Regular expressions for the ways the site writes a date: 2024-05-20, 20 May 2024, May 20, 2024."""
    name = MONTHS[month - 1]
    if day is None:
        return [rf"{year}-{month:02d}", rf"{name},?\s+{year}"]
    return [rf"{year}-{month:02d}-{day:02d}", rf"0?{day}\s+{name},?\s+{year}", rf"{name}\s+0?{day},?\s+{year}"]


def is_an_id(phrase: str, root: Path) -> bool:
    """Whether some entry in data/ has exactly this `id:`; ids are lower case, so "Tashkent" is the id tashkent."""
    line = re.compile(ID_LINE.format(re.escape(phrase.lower())), re.M)
    files = (root / "data").rglob("*.yml")
    return any(line.search(path.read_text(encoding="utf-8", errors="replace")) for path in files)


def pattern_for(phrase: str, root: Path = ROOT) -> re.Pattern[str]:
    """One case-insensitive pattern for the phrase and, if it is a date, its other written forms."""
    phrase = " ".join(phrase.split())
    if is_an_id(phrase, root):
        # Ids are words joined by hyphens: `eaeu` must not match inside `kun-eaeu-observer-2020`.
        return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.I)
    date = as_date(phrase)
    forms = date_patterns(*date) if date else [r"\s+".join(re.escape(word) for word in phrase.split())]
    return re.compile("|".join(rf"(?:\b{form}\b)" if form[0].isalnum() else form for form in forms), re.I)


def searched_files(root: Path) -> list[Path]:
    return sorted(path for folder in FOLDERS for path in (root / folder).rglob("*")
                  if path.is_file() and path.suffix in SUFFIXES)


def mentions(phrase: str, root: Path = ROOT) -> Iterator[tuple[str, int, str]]:
    """(file relative to root, line number from 1, the line) for every line that mentions the phrase."""
    pattern = pattern_for(phrase, root)
    for path in searched_files(root):
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if pattern.search(line):
                yield path.relative_to(root).as_posix(), number, line.strip()


def main(argv: list[str]) -> int:
    phrase = " ".join(argv).strip()
    if not phrase:
        print('Usage: make where WHAT=eaeu   or   make where WHAT="20 May 2024"', file=sys.stderr)
        return 2
    found = list(mentions(phrase))
    for file, number, line in found:
        print(f"{file}:{number}: {line}")
    files = len({file for file, _, _ in found})
    if found:
        print(f"{len(found)} line{'s' * (len(found) != 1)} in {files} file{'s' * (files != 1)} mention {phrase!r}")
    else:
        print(f"Nothing in data/ or docs/ mentions {phrase!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
