"""Every page of the built site, opened in Chromium: it loads cleanly, asks nothing of another host, and
axe-core finds no accessibility violation on it.

One crawl (conftest.desktop_crawl) opens each page once; the tests below read what it recorded.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

# Schemes that make no network request of their own.
LOCAL_SCHEMES = {"data", "blob", "about"}
# The pages looked at most closely (also those of `make audit` and `make screenshots`).
KEY_PAGES = ["", "treaty/treaty-on-allied-relations/", "timeline/", "organisations/", "places/"]


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{path or '(home)'}:\n" + "\n".join(f"  {item}" for item in items)
                     for path, items in found.items())


def test_the_crawl_opens_every_page(desktop_crawl, all_pages):
    assert list(desktop_crawl) == all_pages
    assert set(KEY_PAGES) <= set(all_pages)
    assert len(all_pages) >= 50, f"only {len(all_pages)} HTML pages were built"
    not_ok = {path: visit.status for path, visit in desktop_crawl.items() if visit.status != 200}
    assert not not_ok, f"pages that did not answer 200: {not_ok}"
    # Each page asked for its stylesheets and scripts: the records below are not empty by accident.
    thin = [path for path, visit in desktop_crawl.items() if len(visit.requests) < 4]
    assert not thin, f"pages that made fewer than 4 requests (is the recorder listening?): {thin}"


def test_no_page_logs_a_console_error_or_throws(desktop_crawl):
    found = {path: visit.console_errors + [f"uncaught: {error}" for error in visit.page_errors]
             for path, visit in desktop_crawl.items() if visit.console_errors or visit.page_errors}
    assert not found, "console errors or uncaught exceptions:\n" + _report(found)


def test_no_request_fails(desktop_crawl):
    found = {path: visit.failed for path, visit in desktop_crawl.items() if visit.failed}
    assert not found, "failed requests (network errors or HTTP >= 400):\n" + _report(found)


def test_no_request_leaves_the_local_server(desktop_crawl, site_url):
    server = urlsplit(site_url)
    assert server.hostname == "127.0.0.1"
    found = {}
    for path, visit in desktop_crawl.items():
        remote = sorted({url for url in visit.requests
                         if urlsplit(url).scheme not in LOCAL_SCHEMES
                         and (urlsplit(url).hostname, urlsplit(url).port) != (server.hostname, server.port)})
        if remote:
            found[path] = remote
    assert not found, "requests to another host than the local server:\n" + _report(found)


def test_the_search_index_is_fetched_locally(desktop_crawl, site_url):
    """The recorder sees the search worker's own request too (so a remote one would not go unnoticed)."""
    home = desktop_crawl[""]
    assert f"{site_url}search/search_index.json" in home.requests, home.requests


def test_axe_finds_no_violation_on_any_page(desktop_crawl, axe_check):
    ran_nothing = [path for path, visit in desktop_crawl.items() if visit.axe_rules_passed == 0]
    assert not ran_nothing, f"axe-core passed no rule on {ran_nothing}: did it run?"
    found = {path: visit.axe_violations for path, visit in desktop_crawl.items() if visit.axe_violations}
    assert not found, "axe-core violations:\n" + "\n".join(
        f"{path or '(home)'}:\n{axe_check(violations)}" for path, violations in found.items())


@pytest.mark.parametrize("path", [*KEY_PAGES, "fact-checks/"])
def test_axe_finds_no_violation_in_the_dark_scheme(new_context, site_url, axe_check, path):
    """Contrast is each scheme's business: the key pages in Material's dark (slate) scheme too."""
    page = new_context(color_scheme="dark").new_page()
    page.goto(site_url + path, wait_until="load")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    violations = axe_check(page)
    assert not violations, f"axe-core violations on {path or '(home)'} in the dark scheme:\n{violations}"
