"""[[id]] links become relative Markdown links, and code shows them as written."""

import posixpath

import pytest

from explainer.links import Linker, relative_path, resolve

TARGETS = {"eaeu": ("organisations/eaeu.md", "Eurasian Economic Union"), "tokayev": ("people/tokayev.md", "Tokayev"),
           "deals": ("agreements/deals.md", "commercial agreements of the visit")}


@pytest.mark.parametrize(("target", "from_dir"), [
    ("organisations/eaeu.md", "organisations"),
    ("organisations/eaeu.md", ""),
    ("timeline.md", "organisations"),
    ("people/tokayev.md", "organisations"),
    ("a/b/c.md", "a/d"),
    ("index.md", "a/b"),
])
def test_relative_path_agrees_with_posixpath(target, from_dir):
    assert relative_path(target, from_dir) == posixpath.relpath(target, from_dir or ".")


def test_links_resolve_relative_to_the_page():
    text = resolve("See [[eaeu]] and [[tokayev|the president]].", "people/mirziyoyev.md", TARGETS)
    assert text == "See [Eurasian Economic Union](../organisations/eaeu.md) and [the president](tokayev.md)."


def test_code_keeps_links_as_written():
    text = "Write `[[eaeu]]`:\n\n```yaml\nsummary: [[eaeu]]\n```\n\nThen [[eaeu]]."
    resolved = resolve(text, "editors.md", TARGETS)
    assert resolved.count("[[eaeu]]") == 2
    assert resolved.endswith("Then [Eurasian Economic Union](organisations/eaeu.md).")


def test_unknown_ids_are_reported_with_their_line_and_left_as_written():
    text = "one\ntwo [[nope]] and `[[code]]`\n"
    assert Linker(TARGETS).unknown_links(text) == [
        (2, "the link [[nope]] names no entry; use the id of an entry with a page")]
    assert resolve(text, "index.md", TARGETS) == text


@pytest.mark.parametrize(("text", "shown"), [
    ("The visit produced [[deals]].", "commercial agreements of the visit"),
    ("[[deals]] were signed.", "Commercial agreements of the visit"),
    ("It ended. [[deals]] followed.", "Commercial agreements of the visit"),
    ("- [[deals]]", "Commercial agreements of the visit"),
    ("| x | [[deals]] |", "Commercial agreements of the visit"),
    ("See “[[deals]]”.", "commercial agreements of the visit"),
    ("Before it\n[[deals]] were signed.", "commercial agreements of the visit"),
    ("It ended.\n[[deals]] followed.", "Commercial agreements of the visit"),
    ("It ended.\n\n[[deals]] followed.", "Commercial agreements of the visit"),
])
def test_a_bare_link_reads_as_part_of_its_sentence(text, shown):
    assert f"[{shown}](" in resolve(text, "index.md", TARGETS)


GLOSSARY = {"EAEU": "Eurasian Economic Union", "U.S.": "United States", "SCO 2": "Second SCO", "5G": "Fifth generation",
            "1520": "Russian gauge"}


@pytest.mark.parametrize(("text", "used"), [
    ("The EAEU and the U.S. met.", {"EAEU", "U.S."}),
    ("SCO 2 met; 5G masts on 1520 mm track.", {"SCO 2", "5G", "1520"}),
    ("The EAEUX, the US, SCO 3 and 4G met.", set()),
    ("", set()),
])
def test_a_page_gets_the_abbreviations_it_uses(text, used):
    assert Linker(glossary=GLOSSARY).abbreviations_in(text) == used


def test_abbreviation_tooltips_are_appended_in_order():
    finished = Linker(TARGETS, GLOSSARY).finish_markdown("U.S. and EAEU.", "index.md")
    assert finished.endswith("\n\n*[EAEU]: Eurasian Economic Union\n*[U.S.]: United States\n")
