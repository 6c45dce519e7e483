"""The Russian edition, as published under /ru/: every English page has its Russian counterpart, linked both ways;
no English is left on a Russian page except what is marked as English (a missing translation, a source's own words,
a name); heading anchors are real words; the sitemap and the head name each page's languages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tests.sitebuild import REPO, html_pages, page_url, read_page, resolve_href, translations

CODE = "ru"
# English is text mostly in Latin letters holding one of its small words: "Showing 5 of 20 events", "Also called:
# …". A name in Latin letters within Russian text ("The Times of Central Asia", "CC BY 4.0") is not: all its other
# words are capitalised. Nor is a quotation in Italian or Romanian, which has none of these words.
ENGLISH_WORDS = {"the", "and", "of", "to", "in", "is", "was", "for", "on", "with", "by", "from", "this", "that", "are",
                 "at", "as", "its", "has", "have", "be", "not", "or", "an", "it", "page", "see"}
URL = re.compile(r"\b(?:https?://|www\.)\S+")
# The theme's own parts, translated by Material itself (theme.language), and what is not words.
SKIPPED = "script, style, code, pre, kbd, .md-header, .md-footer__inner, .md-search, .md-select"


def russian_pages(site_dir):
    return [path for path in html_pages(site_dir, every_language=True) if path.is_relative_to(site_dir / CODE)]


def test_the_site_has_a_russian_edition():
    assert CODE in translations(REPO)


def test_every_english_page_has_its_russian_counterpart_linked_both_ways(site_dir):
    english = html_pages(site_dir)
    assert len(english) >= 50
    missing, unlinked = [], []
    for path in english:
        relative = path.relative_to(site_dir)
        counterpart = site_dir / CODE / relative
        if not counterpart.is_file():
            missing.append(relative.as_posix())
            continue
        for page, other, lang in ((path, counterpart, CODE), (counterpart, path, "en")):
            links = [a.get("href") for a in read_page(page).iter("a")
                     if a.get("hreflang") == lang and "md-select__link" in (a.get("class") or "")]
            # The error page has no address of its own: it leads to the other language's home.
            expected = other if path.name != "404.html" else other.parent / "index.html"
            if not links or resolve_href(site_dir, page, links[0])[0] != expected:
                unlinked.append(f"{page_url(site_dir, page)} → {lang}: {links}")
    assert not missing, f"English pages without a Russian counterpart: {missing}"
    assert not unlinked, "pages whose language switcher does not lead to the same page:\n" + "\n".join(unlinked)


def _marked_elsewhere(node: LexborNode) -> bool:
    """Whether a text is inside an element marked as another language than Russian."""
    parent = node.parent
    while parent is not None and parent.tag != "html":
        lang = parent.attributes.get("lang")
        if lang:
            return lang != CODE
        parent = parent.parent
    return False


def unmarked_english(html: str) -> list[str]:
    """The texts of a page (and its pictures' titles and descriptions) that read as English but are not marked."""
    tree = LexborHTMLParser(html)
    for node in tree.css(SKIPPED):
        node.decompose()
    found = []
    for node in tree.body.traverse(include_text=True) if tree.body else []:
        if node.tag == "-text" and reads_as_english(node.text_content or "") and not _marked_elsewhere(node):
            found.append(" ".join((node.text_content or "").split())[:120])
    return found


def reads_as_english(text: str) -> bool:
    text = URL.sub("", text)
    latin, cyrillic = len(re.findall("[A-Za-z]", text)), len(re.findall("[А-Яа-яЁё]", text))
    words = re.findall(r"[A-Za-z]+", text)
    small = [word for word in words if word.lower() in ENGLISH_WORDS]
    name_like = all(word[0].isupper() or word in ENGLISH_WORDS for word in words)
    return latin > cyrillic and bool(small) and not name_like


def test_no_russian_page_shows_unmarked_english(site_dir):
    found = {}
    for path in russian_pages(site_dir):
        english = unmarked_english(path.read_text(encoding="utf-8"))
        if english:
            found[page_url(site_dir, path)] = english
    report = "\n".join(f"{page}:\n  " + "\n  ".join(texts[:5]) for page, texts in sorted(found.items())[:30])
    assert not found, f"{len(found)} Russian pages show English not marked lang=en:\n{report}"


def test_the_english_check_finds_unmarked_english():
    """The check above can fail: an English sentence in a Russian page is found, a marked one is not."""
    page = '<html lang="ru"><body><article><p>Договор подписан.</p><p>{}</p></article></body></html>'
    assert unmarked_english(page.format("The treaty was signed in Tashkent.")) == ["The treaty was signed in Tashkent."]
    assert unmarked_english(page.format('<span lang="en">The treaty was signed.</span>')) == []
    assert unmarked_english(page.format("Статья The Times of Central Asia, лицензия CC BY 4.0.")) == []
    assert unmarked_english(page.format("Showing 5 of 20 events")) == ["Showing 5 of 20 events"]
    assert unmarked_english(page.format("«il documento è stato firmato dal ministro»")) == []


def test_russian_pages_say_they_are_russian(site_dir):
    wrong = []
    for path in russian_pages(site_dir):
        html = path.read_text(encoding="utf-8")
        if not re.search(r'<html lang="ru"', html) or 'property="og:locale" content="ru_RU"' not in html:
            wrong.append(page_url(site_dir, path))
    assert not wrong, f"Russian pages without lang=ru or og:locale ru_RU: {wrong}"


def test_russian_heading_anchors_are_words(site_dir):
    """Cyrillic headings keep their letters in their anchors (pymdownx's slugify), not the default's "_1"."""
    numbered, cyrillic = [], 0
    for path in russian_pages(site_dir):
        for heading in LexborHTMLParser(path.read_text(encoding="utf-8")).css("article h2[id], article h3[id]"):
            anchor = heading.attributes["id"] or ""
            if re.fullmatch(r"_\d+", anchor):
                numbered.append(f"{page_url(site_dir, path)}#{anchor}")
            cyrillic += bool(re.search("[а-яё]", anchor))
    assert not numbered, f"headings anchored by number: {numbered[:10]}"
    assert cyrillic > 20, f"only {cyrillic} headings have Cyrillic anchors: are the headings translated?"


def test_the_sitemaps_name_every_page_in_both_languages(site_dir):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for sitemap, own in ((site_dir / "sitemap.xml", "en"), (site_dir / CODE / "sitemap.xml", CODE)):
        urls = ElementTree.parse(sitemap).getroot().findall("s:url", namespaces)
        assert len(urls) >= 50, sitemap
        for url in urls:
            loc = url.findtext("s:loc", namespaces=namespaces)
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)}
            assert set(alternates) == {"en", CODE, "x-default"}, (loc, alternates)
            assert alternates[own] == loc and alternates["x-default"] == alternates["en"], (loc, alternates)
            assert alternates[CODE] == alternates["en"].replace(".io/", f".io/{CODE}/", 1), alternates


def test_russian_search_index_is_russian(site_dir):
    """The Russian edition's index is made with the Russian stemmer (the browser test searches it)."""
    import json

    index = json.loads((site_dir / CODE / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [CODE, "en"]
    assert any("Токаев" in document["text"] for document in index["docs"])


def test_quotes_keep_their_language(site_dir):
    """The article's English words stay English on the Russian treaty page, marked lang=en, with a translation."""
    page = read_page(site_dir / CODE / "treaty" / "treaty-on-allied-relations" / "index.html")
    marked = [span for span in page.iter("span") if span.get("lang") == "en"]
    assert marked, "no quotation on the Russian treaty page is marked as English"


def test_every_russian_page_says_the_english_is_authoritative_and_when_it_was_checked(site_dir):
    missing, undated = [], []
    for path in russian_pages(site_dir):
        if path.name == "404.html":
            continue
        notes = LexborHTMLParser(path.read_text(encoding="utf-8")).css("article .explainer-translation-note")
        if not notes:
            missing.append(page_url(site_dir, path))
        elif not re.search(r"\d{4}", notes[0].text()):
            undated.append(page_url(site_dir, path))
    assert not missing, f"Russian pages without the note on the authoritative English: {missing}"
    # The pages made from the model or from git (allowed values, what changed) have no translation file to date.
    assert set(undated) <= {f"{CODE}/allowed-values/", f"{CODE}/changes/", f"{CODE}/change-log/"}, undated
