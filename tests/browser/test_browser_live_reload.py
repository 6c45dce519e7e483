"""The open tab reloads itself when an editor saves (issue 24): a real `mkdocs serve` on a copy of the project and
a real Chromium tab, under the pages' Content-Security-Policy. Before the fix the policy blocked MkDocs' inline
live-reload script, so the tab never changed (checked against e568dc9)."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.serve_helpers import TIMEOUT, with_summary

NEW_SUMMARY = "Saved while the tab was open 5821"


def test_the_open_tab_shows_a_saved_data_edit_by_itself(server, browser: Browser):
    context = browser.new_context()
    tab = context.new_page()
    blocked: list[str] = []
    tab.on("console", lambda message: blocked.append(message.text)
           if "Content Security Policy" in message.text else None)
    tab.goto(server.base_url + "people/tokayev/")
    tab.wait_for_function("document.readyState === 'complete'")
    assert NEW_SUMMARY not in tab.content()

    data = server.project / "data" / "people.yml"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    data.write_text("".join(with_summary(lines, "tokayev", NEW_SUMMARY)), encoding="utf-8")
    # No goto, no reload: the tab itself must show the edit.
    tab.wait_for_selector(f"text={NEW_SUMMARY}", timeout=TIMEOUT * 1000)
    assert not blocked, blocked
    context.close()
