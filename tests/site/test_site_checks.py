"""Fact checks appear on fact-checks/ under their own id, and on the page of every entry they are about."""

from __future__ import annotations

import re

from tests.sitebuild import (
    article_of,
    entity_page,
    entity_urls,
    html_pages,
    ids_of,
    linked_entities,
    page_url,
    read_page,
    resolve_href,
    section_of,
)


def test_every_check_is_on_the_fact_checks_page(site_dir, site_data):
    path = site_dir / "fact-checks" / "index.html"
    article = article_of(read_page(path))
    urls = entity_urls(site_data)
    checks = site_data.dataset.checks
    assert checks, "the data has no fact checks"
    ids = ids_of(article)
    missing = [check.id for check in checks if check.id not in ids]
    assert not missing, f"fact checks without an element of their id on fact-checks/: {missing}"
    for check in checks:
        heading = article.find(id=check.id)
        assert check.title in heading.text, f"#{check.id} reads {heading.text!r}, expected the title {check.title!r}"
        about = set()
        for element in section_of(article, check.id):
            about.update(linked_entities(site_dir, path, element, urls))
        assert set(check.about) <= about, f"#{check.id} does not link to {sorted(set(check.about) - about)}"


def notes_titled(article, check):
    # The note's title swaps double quotes for single ones (admonition titles sit in double quotes).
    return [element for element in article.iter() if element.has_class("admonition")
            and check.title.replace('"', "'") in element.text.replace('"', "'")]


def test_every_check_is_told_once_and_pointed_to(site_dir, site_data):
    """In full on the page it is mainly about (the first of `about:`); elsewhere a pointer to its own anchor."""
    target_page = site_dir / "fact-checks" / "index.html"
    missing = []
    for check in site_data.dataset.checks:
        for entity_id in check.about:
            page = entity_page(site_dir, site_data.kind_of[entity_id], entity_id)
            article = article_of(read_page(page))
            links = [href for a in article.iter("a") if (href := a.get("href"))
                     and resolve_href(site_dir, page, href) == (target_page, check.id)]
            notes = notes_titled(article, check)
            if not links:
                missing.append(f"{entity_id}: no link to fact-checks/#{check.id}")
            if entity_id == check.about[0] and len(notes) != 1:
                missing.append(f"{entity_id}: {len(notes)} notes titled {check.title!r}, expected the check in full")
            if entity_id != check.about[0] and notes:
                missing.append(f"{entity_id}: tells {check.id} in full; only {check.about[0]}'s page should")
    assert not missing, "\n".join(missing)


def test_every_check_pointer_lands_on_its_check(site_dir, site_data):
    """Each "see the check" or "the fact check" link, on any page, leads to its check on fact-checks/."""
    target_page = site_dir / "fact-checks" / "index.html"
    checks = {check.id: check for check in site_data.dataset.checks}
    target = article_of(read_page(target_page))
    wrong, pointers = [], 0
    for page in html_pages(site_dir):
        if read_page(page).find("article", class_="md-content__inner") is None:
            continue
        entity_id = page_url(site_dir, page) or "/"
        for a in article_of(read_page(page)).iter("a"):
            # "see the check", "the fact check": a link to one check, not to the list.
            if not re.search(r"\b(see the|the fact) check\b", a.text.lower()):
                continue
            pointers += 1
            landed, fragment = resolve_href(site_dir, page, a.get("href"))
            element = target.find(id=fragment) if landed == target_page and fragment else None
            if element is None or fragment not in checks or checks[fragment].title not in element.text:
                wrong.append(f"{entity_id}: {a.get('href')} does not land on a check")
    assert pointers, "no page points to a check (the test would pass on nothing)"
    assert not wrong, "\n".join(wrong)


def test_no_check_on_pages_it_is_not_about(site_dir, site_data):
    """A page shows the checks about it and no others."""
    target_page = site_dir / "fact-checks" / "index.html"
    wrong = []
    for entity_id, kind in site_data.kind_of.items():
        page = entity_page(site_dir, kind, entity_id)
        expected = {check.id for check in site_data.dataset.checks if entity_id in check.about}
        shown = {fragment for a in article_of(read_page(page)).iter("a") if a.get("href")
                 for target, fragment in [resolve_href(site_dir, page, a.get("href"))]
                 if target == target_page and fragment}
        if shown != expected:
            wrong.append(f"{entity_id}: shows {sorted(shown)}, expected {sorted(expected)}")
    assert not wrong, "\n".join(wrong)
