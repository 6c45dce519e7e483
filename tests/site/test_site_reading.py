"""Each fact told once: no page renders the same long sentence twice (issue 16)."""

from __future__ import annotations

import re
from collections import Counter

from tests.sitebuild import Element, article_of, html_pages, page_url, parse_html, read_page, resolve_href

# "More than about 12 words": shorter sentences ("Uzbekistan ratified it in 2023.") may fairly recur.
LONG_SENTENCE_WORDS = 12
SENTENCE_END = re.compile(r"(?<=[.!?…])[”’\"')\]]*\s+")


def long_sentences(article) -> Counter[str]:
    """The page's sentences of more than LONG_SENTENCE_WORDS words, normalised, with how often each is shown.

    Footnote numbers and heading anchors are not text; the references list (folded or not) is left out: it quotes
    the sources, whose words may well repeat the page's.
    """
    references = {article.find("div", class_="footnote"), article.find("details", class_="explainer-references")}
    text = " ".join(child.text_without("sup", "script", "style") if isinstance(child, Element) else child
                    for child in article.children if child not in references).replace("¶", " ")
    sentences = (" ".join(sentence.split()).strip(" ,;:").lower() for sentence in SENTENCE_END.split(text))
    # A list of the pages a source supports is not prose: two sources may well support the same pages.
    return Counter(sentence for sentence in sentences
                   if len(sentence.split()) > LONG_SENTENCE_WORDS and not sentence.startswith("supports:"))


def test_the_repeat_finder_finds_a_repeat():
    sentence = "Kazakhstan and Uzbekistan signed the Treaty on Allied Relations in Tashkent on a winter day in 2022."
    page = parse_html(f"<article><p>{sentence}<sup>1</sup></p><ul><li>{sentence}</li></ul></article>")
    article = page.find("article")
    assert long_sentences(article)[sentence.lower()] == 2


def test_no_page_renders_a_long_sentence_twice(site_dir):
    repeated = []
    for path in html_pages(site_dir):
        page = read_page(path)
        if page.find("article", class_="md-content__inner") is None:
            continue
        repeated += [f"{page_url(site_dir, path) or '/'}: {count}× “{sentence[:120]}”"
                     for sentence, count in long_sentences(article_of(page)).items() if count > 1]
    assert not repeated, "sentences rendered more than once on one page:\n" + "\n".join(repeated)


def top_menu(site_dir) -> dict[str, str]:
    """The reader's menu on the home page: each top-level entry's label and where its first link goes."""
    nav = read_page(site_dir / "index.html").find("nav", class_="md-nav--primary")
    entries = {}
    for item in nav.find("ul").element_children():
        label = item.find("label") or item.find("a")
        link = item.find("a")
        entries[label.text.split(" Table of contents")[0].strip()] = link.get("href") if link else ""
    return entries


def test_the_treaty_menu_entry_opens_the_treaty(site_dir):
    menu = top_menu(site_dir)
    target, _ = resolve_href(site_dir, site_dir / "index.html", menu["The treaty"])
    assert target == site_dir / "treaty" / "treaty-on-allied-relations" / "index.html", menu["The treaty"]


def test_editors_and_open_data_are_not_reader_menu_entries(site_dir):
    menu = top_menu(site_dir)
    assert "About this site" in menu, f"no 'About this site' section in the menu: {sorted(menu)}"
    assert not {"For editors", "Open data"} & set(menu), f"editors' pages among the reader's entries: {sorted(menu)}"


def test_search_results_read_as_prose(site_dir):
    """Issue 26: snippets began with "Agreement · Agreements and councils" or "Kind … Also called …", showed "1989#:"
    and footnote numbers, and indexed the timeline picture's text as prose."""
    import json

    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    wrong = [f"{doc['location']}: {doc['text'][:80]}" for doc in docs
             if re.search(r"^(?:<p>)?(?:Agreement|Organisation|Person|Country|Idea|Topic|Place|Route|Project|Council|"
                          r"Treaty) · |^(?:<dl>\s*)?(?:<dt>)?Kind\b|\d#:|<sup|footnote-ref|Timeline, \d{4}",
                          doc["text"])]
    assert len(docs) > 100 and not wrong, "search entries that are not prose:\n" + "\n".join(wrong[:20])


# The editors' pages, and the lists whose every line repeats the words of the pages they list, crowded a reader's
# search results out (the fresh reader's test of issue 22): they are not in the search index.
NOT_SEARCHED = ("editors/", "change-log/", "changes/", "allowed-values/", "sources/")


def test_search_leaves_out_the_editors_pages_and_the_lists(site_dir):
    import json

    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    found = sorted({doc["location"].split("#")[0] for doc in docs if doc["location"].split("#")[0] in NOT_SEARCHED})
    assert not found, f"pages in the search index that readers should not be sent to: {found}"
    assert any(doc["location"].startswith("timeline/") for doc in docs)
