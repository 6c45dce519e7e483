"""The "In brief" box: the editor's few cited points at the top of an entity page, and nothing where there are none."""

from __future__ import annotations

from tests.sitebuild import article_of, entity_page, read_page, resolve_href

TREATY = "treaty-on-allied-relations"
# Issue 16: the treaty's box is read in a minute.
TREATY_BOX_MAX_WORDS = 120


def in_brief_box(site_dir, site_data, entity_id):
    page = entity_page(site_dir, site_data.kind_of[entity_id], entity_id)
    return article_of(read_page(page)).find("div", class_="explainer-in-brief")


def test_the_treaty_box_is_read_in_a_minute(site_dir, site_data):
    box = in_brief_box(site_dir, site_data, TREATY)
    assert box is not None, "the treaty's page has no In brief box"
    # Footnote numbers and the claims' link marks (¶) are not words a reader reads.
    words = [word for word in box.text_without("sup").split() if any(char.isalnum() for char in word)]
    assert len(words) <= TREATY_BOX_MAX_WORDS, f"the treaty's In brief box has {len(words)} words"


def test_each_point_is_shown_and_cited_and_the_box_comes_first(site_dir, site_data):
    problems = []
    for entity_id, entity in site_data.entity_by_id.items():
        box = in_brief_box(site_dir, site_data, entity_id)
        if not entity.in_brief:
            if box is not None:
                problems.append(f"{entity_id}: a box with no points in the data")
            continue
        if box is None or box.find(id="in-brief") is None:
            problems.append(f"{entity_id}: no In brief box with the anchor #in-brief")
            continue
        items = list(box.find("ul").iter("li"))
        if len(items) != len(entity.in_brief):
            problems.append(f"{entity_id}: {len(items)} points shown, {len(entity.in_brief)} in the data")
        problems += [f"{entity_id}: point {n} has no citation" for n, item in enumerate(items, 1)
                     if item.find("sup") is None]
        # At the top: before the infobox and every other section.
        children = box.parent.element_children()
        later = [child for child in children[children.index(box) + 1:]
                 if child.has_class("explainer-infobox") or child.tag == "h2"]
        earlier = [child for child in children[:children.index(box)]
                   if child.has_class("explainer-infobox") or child.tag == "h2"]
        if earlier or not later:
            problems.append(f"{entity_id}: the box is not at the top of the page")
    assert not problems, "\n".join(problems)


def test_the_home_page_one_minute_link_lands_on_the_treaty_box(site_dir, site_data):
    home = site_dir / "index.html"
    treaty = entity_page(site_dir, "treaties", TREATY)
    links = [a for a in article_of(read_page(home)).iter("a") if "one minute" in (a.parent.text if a.parent else "")
             and resolve_href(site_dir, home, a.get("href", "")) == (treaty, "in-brief")]
    assert links, "the home page's 'In one minute' item does not link to the treaty's #in-brief"
    assert in_brief_box(site_dir, site_data, TREATY).find(id="in-brief") is not None


# Issue 26: a page longer than about this many words of reading opens with its In brief box.
LONG_PAGE_WORDS = 600


def reading_words(article) -> int:
    """The words a reader reads on an entity page: without its references, pictures, tables, infobox, the cite box
    and the marks (footnote numbers, ¶)."""
    skip = {"sup", "figure", "table", "details", "svg"}
    kept = []
    for child in article.element_children():
        if child.has_class("footnote") or child.has_class("explainer-infobox") or child.tag in skip:
            continue
        kept.append(child.text_without(*skip))
    return sum(1 for word in " ".join(kept).split() if any(char.isalpha() for char in word))


def test_every_long_entity_page_opens_with_in_brief(site_dir, site_data):
    long_without = []
    for entity_id, entity in site_data.entity_by_id.items():
        words = reading_words(article_of(read_page(entity_page(site_dir, site_data.kind_of[entity_id], entity_id))))
        if words > LONG_PAGE_WORDS and not entity.in_brief:
            long_without.append(f"{entity_id}: {words} words")
    assert not long_without, "long pages with no in_brief: points in the data:\n" + "\n".join(long_without)
