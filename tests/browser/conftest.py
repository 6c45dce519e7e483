"""Fixtures of the browser tests: the real site served on 127.0.0.1, one headless Chromium per run.

The site is built once per run by tests/sitebuild.py (`mkdocs build --strict`). To iterate on these
tests against a site you built yourself, point EXPLAINER_SITE_DIR at its folder.

It is served under the path of `site_url` in mkdocs.yml ("/" for a user site, "/explainer/" for a project
site), as GitHub Pages serves it, so that the 404 page's absolute links work too (scripts/serve_site.py).

Two session-wide crawls visit every HTML page of the built folder once each and keep what they saw,
so that several tests can assert on one visit:
- `desktop_crawl` (1280×800): every request, failed request, HTTP error, console error and page error,
  and axe-core's violations;
- `phone_crawl` (390×844): how wide each page is against the window.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    expect,
    sync_playwright,
)

from scripts.chromium import chromium_path
from scripts.serve_site import serve_site

# CHROME_PATH, else Debian's /usr/bin/chromium, else None: Playwright's own Chromium (macOS, other Linuxes).
CHROMIUM = chromium_path()
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# axe-core rules switched off for the whole site, each with the reason it cannot apply. Keep it in this
# one place; fix a real violation in overrides/assets/explainer.css or the templates rather than adding here.
AXE_DISABLED_RULES: dict[str, str] = {}
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {rule: {"enabled": False} for rule in AXE_DISABLED_RULES}}

# The machine has 2 cores and may be busy: give expect() as long as the contexts' own timeout.
expect.set_options(timeout=15_000)

# How many tabs the desktop crawl keeps busy at once: axe takes ~2 s a page, one renderer per tab.
CRAWL_TABS = 2


# ----- the site ------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site: EXPLAINER_SITE_DIR if set, else the real site built once per run."""
    prebuilt = os.environ.get("EXPLAINER_SITE_DIR")
    if prebuilt:
        path = Path(prebuilt)
        assert (path / "index.html").is_file(), f"EXPLAINER_SITE_DIR={prebuilt} holds no built site"
        return path
    from tests.sitebuild import build_site

    return build_site()


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The served site's base URL, e.g. http://127.0.0.1:41234/explainer/ (shut down after the run)."""
    with serve_site(site_dir) as url:
        yield url


def page_paths(site_dir: Path) -> list[str]:
    """Every HTML page of the built folder as a path under the site: "", "countries/kazakhstan/", "404.html"."""
    paths = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir).as_posix()
        paths.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return paths


@pytest.fixture(scope="session")
def all_pages(site_dir: Path) -> list[str]:
    """Every page of the English site; of each translation (under /<code>/), every page but the entity pages after
    the first of each section. A translation's entity pages come from the same templates as the first one, with
    other words: tests/site reads every one of them (links, scripts, untranslated English), and the browser opens
    one of each kind (axe, requests, console, width), so that the crawl stays about a minute long."""
    from tests.sitebuild import REPO, translations

    codes = tuple(f"{code}/" for code in translations(REPO))
    shown_sections: set[tuple[str, str]] = set()
    kept = []
    for path in page_paths(site_dir):
        code = next((code for code in codes if path.startswith(code)), None)
        parts = path.removeprefix(code or "").strip("/").split("/")
        if code and len(parts) == 2 and path.endswith("/"):  # an entity page: /ru/countries/kazakhstan/
            if (code, parts[0]) in shown_sections:
                continue
            shown_sections.add((code, parts[0]))
        kept.append(path)
    return kept


# ----- the browser ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # None: Playwright's
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Make a fresh context (own storage, so the colour choice of one test never leaks into another)."""
    contexts: list[BrowserContext] = []

    def make(viewport: dict[str, int] = DESKTOP, color_scheme: str = "light", **options: object) -> BrowserContext:
        context = browser.new_context(viewport=viewport, color_scheme=color_scheme, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A desktop-sized page (1280×800, light scheme preferred)."""
    return new_context().new_page()


@pytest.fixture
def phone_page(new_context: Callable[..., BrowserContext]) -> Page:
    """A phone-sized page (390×844)."""
    return new_context(PHONE, has_touch=True).new_page()


# ----- what a visit records ------------------------------------------------------------------------------


@dataclass
class Visit:
    """What the browser saw while one page was open."""

    path: str
    status: int | None = None
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # network failures and HTTP errors (>= 400)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    axe_violations: list[dict] = field(default_factory=list)
    axe_rules_passed: int = 0
    scroll_width: int = 0
    inner_width: int = 0


class Recorder:
    """Listens to one tab and files every event under the page it is on; tracks requests in flight."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.visit = Visit("")
        self.in_flight: set[Request] = set()
        page.on("request", self._request)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.visit.page_errors.append(str(error)))

    def _request(self, request: Request) -> None:
        self.visit.requests.append(request.url)
        self.in_flight.add(request)

    def _finished(self, request: Request) -> None:
        self.in_flight.discard(request)

    def _failed(self, request: Request) -> None:
        self.in_flight.discard(request)
        self.visit.failed.append(f"{request.url}: {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.visit.failed.append(f"{response.url}: HTTP {response.status}")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.visit.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def open(self, url: str, path: str) -> Visit:
        """Go to `url` and record under a new Visit; wait for "load", not network idle."""
        self.visit = Visit(path)
        response = self.page.goto(url, wait_until="load")
        self.visit.status = response.status if response else None
        return self.visit

    def settle(self, timeout: float = 10.0) -> None:
        """Wait until no request of this page is in flight (so leaving it aborts nothing)."""
        deadline = time.monotonic() + timeout
        while self.in_flight and time.monotonic() < deadline:
            self.page.wait_for_timeout(25)
        for request in list(self.in_flight):
            self.visit.failed.append(f"{request.url}: still pending after {timeout:.0f} s")
        self.in_flight.clear()


AXE = Axe()
AXE_START = """options => {
  window.__axeResult = axe.run(document, options).then(results => ({
    violations: results.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
    })),
    passed: results.passes.length,
  }));
}"""
AXE_RESULT = "() => window.__axeResult"


def start_axe(page: Page) -> None:
    """Inject axe-core and start it without waiting, so another tab can work meanwhile."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.axe_script)
    page.evaluate(AXE_START, AXE_OPTIONS)


def collect_axe(page: Page, visit: Visit) -> None:
    result = page.evaluate(AXE_RESULT)
    visit.axe_violations = result["violations"]
    visit.axe_rules_passed = result["passed"]


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; its violations (a few nodes each)."""
    visit = Visit(page.url)
    start_axe(page)
    collect_axe(page, visit)
    assert visit.axe_rules_passed > 0, "axe-core ran no rule"
    return visit.axe_violations


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {node['target']}: {' '.join((node['summary'] or '').split())[:300]}"
                  for node in violation["nodes"]]
    return "\n".join(lines)


@pytest.fixture(scope="session")
def desktop_crawl(browser: Browser, site_url: str, all_pages: list[str]) -> dict[str, Visit]:
    """Open every page at 1280×800 (light scheme), record what happens and run axe-core on it.

    CRAWL_TABS tabs take turns: while axe works in one tab, the next page loads in the other.
    """
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    context.set_default_timeout(30_000)
    recorders = [Recorder(context.new_page()) for _ in range(CRAWL_TABS)]
    visits: dict[str, Visit] = {}
    busy: list[Recorder | None] = [None] * CRAWL_TABS

    def finish(recorder: Recorder) -> None:
        collect_axe(recorder.page, recorder.visit)
        recorder.settle()

    try:
        for index, path in enumerate(all_pages):
            slot = index % CRAWL_TABS
            recorder = recorders[slot]
            if busy[slot] is not None:
                finish(recorder)
            visits[path] = recorder.open(site_url + path, path)
            start_axe(recorder.page)
            busy[slot] = recorder
        for recorder in busy:
            if recorder is not None:
                finish(recorder)
    finally:
        context.close()
    return visits


@pytest.fixture(scope="session")
def phone_crawl(browser: Browser, site_url: str, all_pages: list[str]) -> dict[str, Visit]:
    """Open every page at 390×844 and measure its width against the window's once loaded."""
    context = browser.new_context(viewport=PHONE, color_scheme="light", has_touch=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    visits: dict[str, Visit] = {}
    try:
        for path in all_pages:
            visit = Visit(path)
            response = page.goto(site_url + path, wait_until="load")
            visit.status = response.status if response else None
            visit.scroll_width, visit.inner_width = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]")
            visits[path] = visit
    finally:
        context.close()
    return visits


@pytest.fixture(scope="session")
def axe_check() -> Callable[[Page | list[dict]], str]:
    """Run axe-core on a page as it is now, or take violations already found: "" if none, else a list of them."""

    def check(page_or_violations: Page | list[dict]) -> str:
        if isinstance(page_or_violations, list):
            return describe_violations(page_or_violations)
        return describe_violations(axe_violations(page_or_violations))

    return check
