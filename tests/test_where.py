"""`make where WHAT=...` (scripts/where.py) on the real repository: an editor finds every mention before changing one.

The expected lines are looked up in the files themselves, so that the tests keep working as the data changes.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.where import as_date, mentions

ROOT = Path(__file__).resolve().parent.parent


def lines_matching(relative: str, pattern: str) -> set[tuple[str, int]]:
    """(file, line number) of each line of a real file that matches a regular expression."""
    text = (ROOT / relative).read_text(encoding="utf-8").splitlines()
    return {(relative, number) for number, line in enumerate(text, start=1) if re.search(pattern, line)}


def found(phrase: str) -> set[tuple[str, int]]:
    return {(file, number) for file, number, _ in mentions(phrase)}


def run_where(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "scripts/where.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)


def test_an_id_is_found_where_it_is_defined_linked_and_listed():
    result = found("eaeu")
    assert lines_matching("data/organisations.yml", r"^\s*- id: eaeu\s*$") <= result
    assert lines_matching("docs/index.md", r"\[\[eaeu\]\]") <= result
    assert lines_matching("data/organisations.yml", r"\[\[eaeu(\|[^\]]*)?\]\]") <= result
    # A longer id that contains it is another entry: only lines that also name eaeu itself are listed.
    for file, number in result:
        line = (ROOT / file).read_text(encoding="utf-8").splitlines()[number - 1]
        assert re.search(r"(?<![\w-])eaeu(?![\w-])", line, re.I), f"{file}:{number} does not mention eaeu: {line}"


def test_an_iso_date_also_finds_the_date_written_out_and_the_ids_that_carry_it():
    result = found("2024-05-20")
    assert lines_matching("data/timeline.yml", r'date: "2024-05-20"') <= result
    assert lines_matching("data/timeline.yml", r"id: ev-2024-05-20-") <= result
    written = set().union(*(lines_matching(f"data/{path.name}", r"\b20 May 2024\b")
                            for path in sorted((ROOT / "data").glob("*.yml"))))
    assert written, "the data no longer writes out 20 May 2024: pick another date for this test"
    assert written <= result


def test_the_written_date_finds_the_same_lines_as_the_iso_date():
    assert found("20 May 2024") == found("2024-05-20") == found("may 20, 2024")


def test_case_and_spacing_do_not_matter():
    assert found("tashkent") == found("TASHKENT") == found("Tashkent")
    assert found("Treaty on   Allied Relations") == found("treaty on allied relations")
    assert found("tashkent")


def test_the_articles_own_text_is_left_out():
    assert all(not file.startswith("data/sources/") for file, _ in found("Tashkent"))


@pytest.mark.parametrize(("phrase", "date"), [
    ("2024-05-20", (2024, 5, 20)),
    ("20 May 2024", (2024, 5, 20)),
    ("May 20, 2024", (2024, 5, 20)),
    ("2017-09", (2017, 9, None)),
    ("September 2017", (2017, 9, None)),
    ("22 Dec 2022", (2022, 12, 22)),
    ("eaeu", None),
    ("2024-13-01", None),
    ("Treaty 2022", None),
])
def test_dates_are_recognised(phrase, date):
    assert as_date(phrase) == date


def test_the_command_prints_file_line_and_the_line_itself():
    result = run_where("2024-05-20")
    assert result.returncode == 0, result.stderr
    *listed, summary = result.stdout.splitlines()
    assert re.fullmatch(r"\d+ lines in \d+ files mention '2024-05-20'", summary)
    assert any(re.fullmatch(r'data/timeline\.yml:\d+: date: "2024-05-20"', line) for line in listed), listed
    assert all(re.match(r"(data|docs)/[^:]+:\d+: ", line) for line in listed), listed


def test_the_command_says_when_nothing_matches_and_how_to_use_it():
    nothing = run_where("no such phrase 8841")
    assert (nothing.returncode, nothing.stdout) == (0, "Nothing in data/ or docs/ mentions 'no such phrase 8841'\n")
    usage = run_where()
    assert usage.returncode == 2 and "make where WHAT=" in usage.stderr
