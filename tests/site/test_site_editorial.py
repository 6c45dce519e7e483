"""Every rendered sentence reads as the site's own English: no research notes, no doubled quotation marks, no
doubled "the", and no title-case common noun dropped into the middle of a sentence by a bare [[link]]."""

from __future__ import annotations

import re

import pytest

from tests.sitebuild import article_of, html_pages, read_page, text_of

# How research was done is for editors (YAML comments), never for readers.
RESEARCH_PHRASES = ["excerpt consulted", "not checked against", "the url has no slug", "page excerpts",
                    "no source consulted", "derived from the url", "translated from the slug", "probably written by",
                    "could not be opened", "title derived"]
DOUBLED_QUOTES = re.compile(r"[“\"]\s*[“\"]|[”\"]\s*[”\"]")
DOUBLED_THE = re.compile(r"\bthe the\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def page_texts(site_dir):
    return {path.relative_to(site_dir).as_posix(): text_of(article_of(read_page(path)))
            for path in html_pages(site_dir)}


@pytest.mark.parametrize("phrase", RESEARCH_PHRASES)
def test_no_research_notes_on_public_pages(page_texts, phrase):
    found = [page for page, text in page_texts.items() if phrase in text.lower()]
    assert not found, f"{phrase!r} (a note for editors) is rendered on {found}"


@pytest.mark.parametrize(("name", "pattern"), [("doubled quotation marks", DOUBLED_QUOTES),
                                               ("a doubled 'the'", DOUBLED_THE)])
def test_no_doubled_words_or_quotes(page_texts, name, pattern):
    found = [f"{page}: …{text[max(0, m.start() - 40):m.end() + 40]}…" for page, text in page_texts.items()
             for m in pattern.finditer(text)]
    assert not found, f"{name}:\n" + "\n".join(found)


def test_bare_links_use_the_in_text_form_mid_sentence(site_dir, site_data):
    """A link that shows a common noun's title-case name ("Multi-vector foreign policy") is not mid-sentence.

    Lists of names (after a colon or a comma) show names, as titles do.
    """
    # Common nouns: the in-text form is the name in lower case (proper names only gain a "the").
    names = {entity.name: entity.in_text for entity in site_data.entity_by_id.values() if entity.in_text
             and entity.in_text.removeprefix("the ") != entity.name
             and entity.in_text.removeprefix("the ").lower() == entity.name.lower()}
    found = []
    for path in html_pages(site_dir):
        blocks = [block for block in article_of(read_page(path)).iter() if block.tag in ("p", "li")]
        for block in blocks:
            text = text_of(block)
            for link in block.iter("a"):
                shown = text_of(link)
                at = text.find(shown)
                before = text[:at].rstrip()
                if shown in names and at > 0 and before and not before.endswith((".", ":", ",", "|", "·", "?", "!")):
                    found.append(f"{path.relative_to(site_dir)}: “…{before[-30:]} {shown}…” (use “{names[shown]}”)")
    assert not found, "title-case names mid-sentence:\n" + "\n".join(sorted(set(found)))
