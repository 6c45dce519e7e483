"""Abbreviations: a tooltip (<abbr title>) wherever one is used, and every one in the glossary."""

from __future__ import annotations

import re

from tests.sitebuild import article_of, entity_urls, html_pages, linked_entities, page_url, read_page, resolve_href


def expansions(site_data) -> dict[str, str]:
    """Abbreviation → what it stands for (the entity's name), from the data."""
    return {abbr: entity.name for entity in site_data.entity_by_id.values() for abbr in entity.abbreviations}


def abbrs_of(element) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for abbr in element.iter("abbr"):
        found.setdefault(abbr.text, set()).add(abbr.get("title"))
    return found


def test_known_tooltips_for_eaeu(site_dir, site_data):
    name = site_data.entity_by_id["eaeu"].name
    assert "EAEU" in site_data.entity_by_id["eaeu"].abbreviations
    for path in (site_dir / "organisations" / "eaeu" / "index.html", site_dir / "organisations" / "index.html"):
        found = abbrs_of(article_of(read_page(path)))
        assert found.get("EAEU") == {name}, f"{page_url(site_dir, path)}: EAEU tooltips {found.get('EAEU')}"


def test_every_abbreviation_used_has_its_tooltip(site_dir, site_data):
    """On every page, each abbreviation in the content's text (outside code) has an <abbr> with its expansion."""
    glossary = expansions(site_data)
    pattern = re.compile(r"\b(" + "|".join(re.escape(abbr) for abbr in sorted(glossary, key=len, reverse=True))
                         + r")\b")
    missing, wrong = [], []
    for path in html_pages(site_dir):
        page = read_page(path)
        article = page.find("article", class_="md-content__inner")
        if article is None:
            continue
        used = set(pattern.findall(article.text_without("code", "pre", "script", "style", "svg")))
        tooltips = abbrs_of(article)
        for abbr in sorted(used):
            if abbr not in tooltips:
                missing.append(f"{page_url(site_dir, path)}: {abbr}")
        for abbr, titles in tooltips.items():
            if abbr in glossary and titles != {glossary[abbr]}:
                wrong.append(f"{page_url(site_dir, path)}: {abbr} → {titles}, expected {glossary[abbr]!r}")
    assert not missing, "abbreviations without a tooltip:\n" + "\n".join(missing)
    assert not wrong, "tooltips with the wrong expansion:\n" + "\n".join(wrong)


def test_glossary_lists_every_abbreviation(site_dir, site_data):
    path = site_dir / "glossary" / "index.html"
    urls = entity_urls(site_data)
    glossary = expansions(site_data)
    entity_of = {abbr: entity.id for entity in site_data.entity_by_id.values() for abbr in entity.abbreviations}
    assert glossary, "the data has no abbreviations"
    rows = {}
    for table in article_of(read_page(path)).iter("table"):
        for row in table.find_all("tr"):
            cells = row.find_all("td")
            if len(cells) >= 2:
                rows[cells[0].text] = (cells[1].text, linked_entities(site_dir, path, cells[1], urls))
    assert set(rows) == set(glossary), f"glossary rows {sorted(rows)} differ from the data's {sorted(glossary)}"
    for abbr, (expansion, linked) in rows.items():
        assert expansion == glossary[abbr], f"{abbr}: {expansion!r}, expected {glossary[abbr]!r}"
        assert linked == [entity_of[abbr]], f"{abbr} should link to {entity_of[abbr]}, links to {linked}"


def running_text(element) -> str:
    """Text a reader reads as prose: not links, headings, footnotes, admonition titles or abbreviation tooltips,
    nor the labels and legends of pictures (a figure names things; it does not explain them), nor the page's
    citation (it names the page), nor the change log's commit subjects (an editor's words, quoted)."""
    skip = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "sup", "script", "style", "code", "figure"}
    parts = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag not in skip and not any(child.has_class(name) for name in ("footnote", "admonition-title",
                                                                                    "explainer-cite",
                                                                                    "explainer-commit")):
            parts.append(running_text(child))
    return " ".join(parts)


def test_every_page_links_a_glossary_term_it_uses(site_dir, site_data):
    """Jargon is explained on first use: a page whose prose uses a term links it to the term's glossary entry."""
    from explainer.jargon import term_pattern, term_words

    glossary = site_dir / "glossary" / "index.html"
    missing, linked = [], 0
    for path in html_pages(site_dir):
        page = read_page(path)
        if path == glossary or page.find("article", class_="md-content__inner") is None:
            continue
        article = article_of(page)
        targets = {resolve_href(site_dir, path, a.get("href")) for a in article.iter("a") if a.get("href")}
        prose = running_text(article)
        for term in site_data.dataset.terms:
            if term_pattern(term_words(term.term)).search(prose):
                if (glossary, term.id) in targets:
                    linked += 1
                else:
                    missing.append(f"{page_url(site_dir, path) or '/'}: uses {term.term!r} without a link")
    assert linked, "no page links a glossary term (the test would pass on nothing)"
    assert not missing, "\n".join(missing)
