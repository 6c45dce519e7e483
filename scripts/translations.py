"""`make translations`: what each language's translations cover, file by file, and what is stale or missing.

    python scripts/translations.py                    every language: coverage per data file
    python scripts/translations.py ru people.yml      the entries to add to data/i18n/ru/people.yml: what is
                                                      missing or stale there, with its English as a comment
    python scripts/translations.py ru docs/index.md   the en_hash for the translation of a docs/ page

A translation is stale when the English it was made from has changed (its en_hash no longer matches): translate
the English again and give the new en_hash this script prints.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from explainer import translations  # noqa: E402
from explainer.errors import DataErrors  # noqa: E402
from explainer.load import load_dataset  # noqa: E402

DATA = ROOT / "data"


def languages() -> list[str]:
    return sorted(path.name for path in (DATA / translations.FOLDER).iterdir() if path.is_dir())


def overlay_and_coverage(code: str) -> tuple[translations.Overlay, translations.Coverage]:
    dataset = load_dataset(DATA)
    overlay = translations.load_overlay(DATA, code, dataset)
    if overlay.errors:
        raise DataErrors(overlay.errors)
    return overlay, translations.translated(dataset, overlay)[1]


def coverage(code: str) -> translations.Coverage:
    return overlay_and_coverage(code)[1]


def report(code: str) -> None:
    overlay, found = overlay_and_coverage(code)
    done = sum(counts[0] for counts in found.files.values())
    total = sum(sum(counts) for counts in found.files.values())
    print(f"{code}: {done} of {total} texts translated ({100 * done / total:.1f}%)")
    for file, (translated, stale, missing) in sorted(found.files.items()):
        print(f"  {file:28} {translated:5} translated {stale:4} stale {missing:5} missing")
    for unit in found.stale[:20]:
        print(f"  stale: {unit.file}: {unit.id} {unit.field}")
    if len(found.stale) > 20:
        print(f"  … and {len(found.stale) - 20} more stale")
    for orphan in overlay.orphans:
        print(f"  no longer used (the fact was reworded; delete it): {orphan._file}:{orphan._line}: {orphan.id}")
    pages = [page for page in pages_to_translate(code) if page[1] != "translated"]
    for page, state in pages:
        print(f"  docs/{page}: {state}")


def pages_to_translate(code: str) -> list[tuple[str, str]]:
    """Each hand-written page and whether its translation is there, stale or missing."""
    from explainer.page_translations import state_of  # noqa: PLC0415

    return [(page.relative_to(ROOT / "docs").as_posix(), state_of(ROOT, page, code))
            for page in sorted((ROOT / "docs").rglob("*.md"))]


def worksheet(code: str, file_name: str) -> None:
    """The entries still to translate in one file, as YAML to fill in and append to data/i18n/<code>/<file>; for a
    docs/ page, the en_hash its translation's front matter names."""
    if file_name.startswith("docs/"):
        english = (ROOT / file_name).read_text(encoding="utf-8-sig")
        print(f"en_hash: \"{translations.english_hash(english)}\"  # in the front matter of "
              f"data/{translations.FOLDER}/{code}/{file_name}")
        return
    found = coverage(code)
    for unit in found.missing + found.stale:
        if unit.file != f"data/{file_name}":
            continue
        # Each paragraph on its own lines, a blank "# EN:" between them: the translation keeps the paragraphs.
        paragraphs = [" ".join(paragraph.split()) for paragraph in unit.english.split("\n\n")]
        print("\n  # EN:\n".join("\n".join(f"  # EN: {line}" for line in textwrap.wrap(paragraph, 110))
                                for paragraph in paragraphs))
        print(f"  - id: {json.dumps(unit.id)}\n    field: {json.dumps(unit.field)}\n"
              f"    en_hash: \"{translations.english_hash(unit.english)}\"\n    text: \"\"")


def main(arguments: list[str]) -> int:
    try:
        if len(arguments) == 2:
            worksheet(*arguments)
        else:
            for code in arguments or languages():
                report(code)
    except DataErrors as errors:
        print(errors, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
