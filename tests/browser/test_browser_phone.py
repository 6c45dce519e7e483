"""At 390×844, a phone: no page scrolls sideways, wide tables scroll in their own box, the menu opens."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

PHONE_WIDTH = 390

# Pages with tables, and the least a table on them must have (the membership matrix is the widest).
TABLE_PAGES = ["organisations/", "organisations/eaeu/", "people/nazarbayev/", "glossary/"]


def test_no_page_scrolls_sideways(phone_crawl, all_pages):
    assert list(phone_crawl) == all_pages
    wrong_window = {path: visit.inner_width for path, visit in phone_crawl.items() if visit.inner_width != PHONE_WIDTH}
    assert not wrong_window, f"the window was not {PHONE_WIDTH} px wide: {wrong_window}"
    too_wide = {path or "(home)": visit.scroll_width for path, visit in phone_crawl.items()
                if visit.scroll_width > visit.inner_width}
    assert not too_wide, f"pages wider than the {PHONE_WIDTH} px window (their scrollWidth): {too_wide}"


# For each table: its own width, and the nearest box that clips it (overflow-x not visible): Material makes
# the table itself that box (display: inline-block; overflow: auto), a wrapper would do as well.
TABLE_BOXES = """() => [...document.querySelectorAll('article table')].map(table => {
  let box = table;
  while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
  return {
    tableWidth: table.scrollWidth,
    box: box ? box.className : null,
    overflowX: box ? getComputedStyle(box).overflowX : null,
    boxWidth: box ? box.clientWidth : null,
    boxScrollWidth: box ? box.scrollWidth : null,
    boxRight: box ? box.getBoundingClientRect().right : null,
  };
})"""


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_tables_scroll_inside_their_own_box(phone_page, site_url, path):
    phone_page.goto(site_url + path, wait_until="load")
    tables = phone_page.evaluate(TABLE_BOXES)
    assert tables, f"{path} has no table"
    for table in tables:
        assert table["overflowX"] in ("auto", "scroll"), f"a table on {path} is not in a scrolling box: {table}"
        assert table["boxRight"] <= PHONE_WIDTH, f"a table's box on {path} goes past the window: {table}"
    width = phone_page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"{path} scrolls sideways: {width}"


SCROLL_BOX = """table => {
  let box = table;
  while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
  return box;
}"""


def test_the_membership_matrix_is_wider_than_a_phone_and_scrolls(phone_page, site_url):
    """The matrix really is too wide for a phone: it scrolls in its box, and its last column can be reached."""
    phone_page.goto(site_url + "organisations/", wait_until="load")
    matrix = phone_page.locator("article table", has=phone_page.locator("th", has_text="EAEU")).first
    expect(matrix).to_be_visible()
    # Scroll the page (down only) to the matrix's header row.
    matrix.evaluate("table => window.scrollTo(0, table.getBoundingClientRect().top + window.scrollY - 100)")
    box = matrix.evaluate_handle(SCROLL_BOX).as_element()
    assert box is not None, "the matrix is in no scrolling box"
    sizes = box.evaluate("box => [box.scrollWidth, box.clientWidth]")
    assert sizes[0] > sizes[1], f"the matrix fits a phone ({sizes}); this test no longer checks scrolling"
    box.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    assert box.evaluate("box => box.scrollLeft") > 0, "the matrix's box does not scroll"
    last_column = matrix.locator("thead th").last
    expect(last_column).to_be_in_viewport()
    right = last_column.evaluate("th => th.getBoundingClientRect().right")
    assert right <= PHONE_WIDTH + 1, f"the last column ends at {right} px, off screen"
    width = phone_page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], width


def test_the_navigation_drawer_opens(phone_page, site_url):
    phone_page.goto(site_url + "treaty/treaty-on-allied-relations/", wait_until="load")
    drawer = phone_page.locator("nav.md-nav--primary").first
    hamburger = phone_page.locator("label.md-header__button[for='__drawer']")
    expect(hamburger).to_be_visible()

    def left_edge() -> float:
        return phone_page.locator(".md-sidebar--primary").evaluate("el => el.getBoundingClientRect().right")

    assert left_edge() <= 0, "the drawer is on screen before the menu is opened"
    hamburger.click()
    expect(phone_page.locator("#__drawer")).to_be_checked()
    phone_page.wait_for_function(
        "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    timeline = drawer.get_by_role("link", name="Timeline", exact=True)
    expect(timeline).to_be_in_viewport()
    timeline.click()
    expect(phone_page).to_have_url(site_url + "timeline/")


@pytest.mark.parametrize("path", ["treaty/treaty-on-allied-relations/", "people/tokayev/"])
def test_footnote_marks_and_claim_links_are_tap_targets_of_24_px(phone_page, site_url, path):
    """Issue 26: footnote marks were about 12×11 px; WCAG 2.2 (2.5.8) asks 24×24 for a tap target."""
    phone_page.goto(site_url + path, wait_until="load")
    sizes = phone_page.evaluate("""() => [...document.querySelectorAll(
        'article sup .footnote-ref, article a.explainer-claim-link')].map(link => {
          const box = link.getBoundingClientRect();
          return {text: link.textContent, width: box.width, height: box.height};
        })""")
    assert sizes, f"{path} has no footnote mark or claim link"
    small = [size for size in sizes if size["width"] < 24 or size["height"] < 24]
    assert not small, f"{len(small)} of {len(sizes)} tap targets on {path} are under 24×24 px: {small[:3]}"


def test_the_fact_checks_filter_by_verdict(phone_page, site_url):
    """Issue 26: the fact checks were 22 screens on a phone with no way to filter by verdict."""
    phone_page.goto(site_url + "fact-checks/", wait_until="load")
    form = phone_page.locator("#verdict-filter")
    expect(form).to_be_visible()
    total = phone_page.locator("section.explainer-check").count()
    assert total > 10
    phone_page.get_by_label(re.compile(r"Imprecise \(\d+\)$")).check()
    visible = phone_page.locator("section.explainer-check:visible")
    verdicts = {visible.nth(index).get_attribute("data-verdict") for index in range(visible.count())}
    assert verdicts == {"imprecise"}
    expect(form.locator(".explainer-filters__count")).to_have_text(f"Showing {visible.count()} of {total} checks")
    assert "verdict=imprecise" in phone_page.url
    phone_page.get_by_label(re.compile(r"All \(\d+\)$")).check()
    expect(phone_page.locator("section.explainer-check:visible")).to_have_count(total)
