"""Every quote of the article in the real data is the article's own words, after typographic normalisation."""

from __future__ import annotations

import pytest

from explainer.load import iter_nodes, normalise_quote
from explainer.model import Citation
from tests.data_helpers import ARTICLE


@pytest.fixture(scope="module")
def article():
    return normalise_quote(ARTICLE.read_text(encoding="utf-8"))


def article_citations(dataset) -> list[tuple[str, Citation]]:
    return [(where, node) for where, node in iter_nodes(dataset) if isinstance(node, Citation)
            and node.source == "article"]


def test_real_data_loads_without_errors(real_dataset):
    assert real_dataset.treaties and real_dataset.sources


def test_every_article_quote_is_in_the_article(real_dataset, article):
    citations = article_citations(real_dataset)
    assert len(citations) >= 30, "the data should cite the article throughout"
    missing = [f"{node._file}:{node.line_of('quote')}: {where}: {node.quote!r}" for where, node in citations
               if not node.quote or normalise_quote(node.quote) not in article]
    assert not missing, "\n".join(missing)


def test_fact_checks_quote_the_article(real_dataset):
    assert real_dataset.checks
    assert all(check.article_says.source == "article" for check in real_dataset.checks)


@pytest.mark.parametrize(("raw", "expected"), [
    pytest.param("“historic breakthrough”", '"historic breakthrough"', id="curly-double-quotes"),
    pytest.param("„low“ and ‟reversed”", '"low" and "reversed"', id="other-double-quotes"),
    pytest.param("Kazakhstan’s ‘vector’", "Kazakhstan's 'vector'", id="curly-single-quotes"),
    pytest.param("two — Kazakhstan", "two-Kazakhstan", id="em-dash-with-spaces"),
    pytest.param("created—following", "created-following", id="em-dash-without-spaces"),
    pytest.param("Kazakhstan – Uzbekistan", "Kazakhstan-Uzbekistan", id="en-dash-with-spaces"),
    pytest.param("2021–2022", "2021-2022", id="en-dash-without-spaces"),
    pytest.param("border - demarcation", "border-demarcation", id="hyphen-with-spaces"),
    pytest.param("minus − sign", "minus-sign", id="minus-sign"),
    pytest.param("state\u00a0visit", "state visit", id="non-breaking-space"),
    pytest.param("  state   visit\n to\tTashkent ", "state visit to Tashkent", id="multiple-spaces"),
    pytest.param("Tu\u0308rkiye", "Türkiye", id="decomposed-accent"),
    pytest.param("and so on…", "and so on...", id="ellipsis"),
])
def test_normalise_quote(raw, expected):
    assert normalise_quote(raw) == expected


@pytest.mark.parametrize("quote", [
    "It was only in 2017 that Uzbekistan's Som became freely convertible",
    "only two - Kazakhstan and Kyrgyzstan - are from Central Asia",
    'make "historic breakthrough" in Kazakhstan–Uzbekistan relations',
    "Organisation of Turkic states (OTS), which was recently created - following a suggestion",
    "Tokayev is no  stranger\nto regional diplomacy.",
])
def test_typographic_variants_of_article_words_are_found(article, quote):
    assert normalise_quote(quote) in article


@pytest.mark.parametrize("quote", [
    "Some 40 commercial agreements worth $8 billion",  # the record's figure, not the article's
    "Trans-Caspian International Transport Route",  # the official name, not the article's
    "to call this document historic. This breakthrough document",  # the original, unspliced quote
    "which was recently created -- following",  # two hyphens are not one dash
])
def test_words_the_article_does_not_say_are_not_found(article, quote):
    assert normalise_quote(quote) not in article
