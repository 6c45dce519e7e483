"""Glossary terms: the first use on a page links to the glossary, and only in running text."""

from __future__ import annotations

from explainer.jargon import link_first_uses, term_words

TERMS = {"ratification": "term-ratification", "Majilis": "term-majilis"}


def test_only_the_first_use_is_linked():
    text = "Ratification came first. Then another ratification."
    assert link_first_uses(text, "../", TERMS) == (
        "[Ratification](../glossary.md#term-ratification) came first. Then another ratification.")


def test_headings_links_code_and_front_matter_are_left_alone():
    text = "---\ntitle: ratification\n---\n# Majilis\nSee [the Majilis](x.md), `ratification`.\nThe Majilis voted."
    linked = link_first_uses(text, "", TERMS)
    assert linked.splitlines()[:5] == text.splitlines()[:5]
    assert linked.splitlines()[5] == "The [Majilis](glossary.md#term-majilis) voted."


def test_a_term_inside_a_proper_name_of_other_case_is_not_linked():
    assert link_first_uses("the Organization of Turkic States", "", {"Turkic states": "t"}) == (
        "the Organization of Turkic States")


def test_term_words_drop_the_parenthesis():
    assert term_words("Convertibility (of a currency)") == "Convertibility"
