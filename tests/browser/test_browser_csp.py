"""The Content-Security-Policy is in force: the theme still works under it, and a script it does not name cannot run."""

from __future__ import annotations

from playwright.sync_api import Page


def test_every_page_carries_the_policy_before_any_script(site_dir):
    missing = []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        policy = html.find('http-equiv="Content-Security-Policy"')
        script = html.find("<script")
        if policy < 0 or (0 <= script < policy):
            missing.append(str(path.relative_to(site_dir)))
    assert not missing, f"pages without the policy ahead of their scripts: {missing}"


def test_an_inline_script_the_policy_does_not_name_is_blocked(page: Page, site_url):
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.goto(site_url, wait_until="load")
    assert page.evaluate("typeof __md_get") == "function", "the theme's own inline scripts did not run"
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';
                             document.head.appendChild(s); }""")
    assert page.evaluate("typeof window.injected") == "undefined", "an injected inline script ran"
    assert any("Content Security Policy" in text for text in violations), violations


def test_search_and_the_palette_work_under_the_policy(page: Page, site_url):
    page.goto(site_url, wait_until="load")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != scheme
    page.keyboard.press("/")
    page.keyboard.type("Tashkent")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
