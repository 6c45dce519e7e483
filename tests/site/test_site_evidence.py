"""Citable claims, the cite block, freshness, "Since the article" and the change log, in the built pages."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from explainer.i18n import show_date
from explainer.load import iter_nodes, owner_id
from explainer.model import ENTITY_KINDS, Fact
from tests.sitebuild import article_of, entity_page, ids_of, mkdocs_config, page_url, read_page, text_of

ATOM = "{http://www.w3.org/2005/Atom}"


def entity_pages(site_dir, site_data):
    for kind in ENTITY_KINDS:
        for entity in getattr(site_data.dataset, kind):
            yield entity, entity_page(site_dir, kind, entity.id)


def test_every_fact_has_an_anchor_and_a_link_to_itself_on_its_page(site_dir, site_data):
    wrong, count = [], 0
    for where, node in iter_nodes(site_data.dataset):
        if not isinstance(node, Fact):
            continue
        count += 1
        owner = owner_id(where)
        # A series has no page of its own: its facts (how it is counted) are on the numbers page.
        page = read_page(entity_page(site_dir, site_data.kind_of[owner], owner) if owner in site_data.kind_of
                         else site_dir / "numbers" / "index.html")
        anchor = page.find(id=f"claim-{node.id}")
        link = page.find("a", class_="explainer-claim-link", href=f"#claim-{node.id}")
        if anchor is None or link is None:
            wrong.append(f"{where}: no anchor or no link for claim-{node.id}")
        elif link.get("aria-label") != "Link to this claim":
            wrong.append(f"{where}: the claim's link has no accessible name")
        elif anchor.parent is not link.parent:
            wrong.append(f"{where}: the anchor and its link are not in the same list item")
    assert count > 50
    assert not wrong, "\n".join(wrong)


def infobox_row(article, term: str) -> str | None:
    """The text of the infobox's row named `term`, or None."""
    for dt in article.find("div", class_="explainer-infobox").iter("dt"):
        if dt.text == term:
            siblings = [child for child in dt.parent.element_children()]
            return siblings[siblings.index(dt) + 1].text
    return None


def test_every_entity_page_says_when_its_facts_last_changed(site_dir, site_data):
    wrong = []
    for entity, path in entity_pages(site_dir, site_data):
        shown = infobox_row(article_of(read_page(path)), "Facts last changed")
        changed = site_data.changed.get(entity.id)
        expected = show_date(changed.date().isoformat()) if changed else "Unknown"
        if shown != f"{expected} (what changed)":
            wrong.append(f"{entity.id}: {shown!r}, expected {expected}")
    assert not wrong, "\n".join(wrong)
    assert site_data.changed, "the tests run in a git checkout, so the dates should be known"


def test_every_entity_page_offers_its_citation_under_the_title(site_dir, site_data):
    """Issue 26: "Cite this page" is a button near the title (a details element, before the first section), not a
    section below the references; it holds the plain citation and the BibTeX."""
    config = mkdocs_config()
    wrong = []
    for entity, path in entity_pages(site_dir, site_data):
        article = article_of(read_page(path))
        children = article.element_children()
        box = article.find("details", class_="explainer-cite")
        first_section = next((child for child in children if child.tag == "h2"), None)
        if box is None or box not in children or (first_section is not None
                                                  and children.index(box) > children.index(first_section)):
            wrong.append(f"{entity.id}: no 'Cite this page' box before the first section")
            continue
        if "cite-this-page" in [h.get("id") for h in article.iter("h2")]:
            wrong.append(f"{entity.id}: still has a 'Cite this page' section")
        block = text_of(box)
        url = config["site_url"] + page_url(site_dir, path)
        changed = site_data.changed.get(entity.id)
        for expected in ("Cite this page", entity.name, config["site_name"], url, f"@misc{{{entity.id},", "accessed",
                         f"Data last changed {show_date(changed.date().isoformat()) if changed else 'on an unknown'}"):
            if expected not in block:
                wrong.append(f"{entity.id}: the cite box lacks {expected!r}")
    assert not wrong, "\n".join(wrong)


def test_since_the_article_lists_the_steps_and_the_ratifications_in_order(site_dir, site_data):
    article = article_of(read_page(site_dir / "since-the-article" / "index.html"))
    steps = article.find("ol", class_="explainer-steps").find_all("li", class_="explainer-step")
    kinds = [next(c for c in step.get("class").split() if c.startswith("explainer-step--")) for step in steps]
    treaty = site_data.dataset.treaties[0]
    assert kinds[0] == "explainer-step--signed"
    ratified = [step for step in steps if step.has_class("explainer-step--ratified")]
    assert [step.get("data-country") for step in ratified] == ["uzbekistan", "kazakhstan"]
    dates = [step.find("time").get("datetime") for step in ratified]
    assert dates == sorted(r.date for r in treaty.ratifications) == ["2023-11-30", "2024-05-20"]
    assert kinds.index("explainer-step--in-force") == 1 + len(ratified)
    in_force = text_of(steps[kinds.index("explainer-step--in-force")])
    assert ("not yet been found" in in_force) == (treaty.in_force is None), in_force
    councils = [step.find("time").get("datetime") for step in steps if step.has_class("explainer-step--council")]
    assert councils and councils == sorted(councils) and councils[0] > treaty.signed, councils


def test_the_editors_change_log_and_its_feed_list_every_commit(site_dir, site_data):
    assert site_data.changes, "the tests run in a git checkout with the data's history"
    page = article_of(read_page(site_dir / "change-log" / "index.html"))
    shown = [time.get("datetime") for time in page.iter("time")]
    assert shown == [change.date.isoformat() for change in site_data.changes]
    assert site_data.changes[0].subject.split()[0] in text_of(page)
    feed = ElementTree.parse(site_dir / "changes.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [c.subject for c in site_data.changes]
    site_url = mkdocs_config()["site_url"]
    assert all(link.get("href", "").startswith(site_url) for link in feed.iter(f"{ATOM}link"))


def test_what_changed_tells_readers_the_statements_not_the_commits(site_dir, site_data):
    """Issue 26: readers see the statements that changed, as they read now, each linked to its claim, newest day
    first; no commit subjects, no file names."""
    page = article_of(read_page(site_dir / "changes" / "index.html"))
    text = text_of(page)
    days = [h.get("id") for h in page.iter("h2")]
    assert days, "no day listed"
    assert not re.search(r"\bdata/[\w-]+\.yml|\bissue \d+", text, re.IGNORECASE), text[:500]
    assert all(change.subject not in text for change in site_data.changes[:20])
    statements = site_data.statements()
    newest = max(site_data.statements_changed.values()).date().isoformat()
    first_day = page.find("h2")
    assert first_day is not None and show_date(newest) in text_of(first_day)
    links = [a.get("href") for item in page.iter("li") for a in item.iter("a") if "#" in (a.get("href") or "")]
    assert len(links) >= 10
    missing = []
    for href in links:
        path, anchor = href.split("#")
        target = (site_dir / "changes" / path).resolve() / "index.html"
        if not path or not target.is_file() or anchor not in ids_of(read_page(target)):
            missing.append(href)
    assert not missing, f"links to statements that are not on their pages: {missing[:10]}"
    assert len(statements) > 300  # every fact and event can be listed


def test_the_open_data_page_states_a_licence_and_a_citation(site_dir):
    text = text_of(article_of(read_page(site_dir / "open-data" / "index.html")))
    assert "CC BY 4.0" in text and "Suggested citation" in text, text
