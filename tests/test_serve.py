"""`make serve` survives an editor's mistake: a real `mkdocs serve` on a copy of the project.

The editor breaks a date in a data file: the terminal names the file, the line and the fix, with no
Python traceback, and the server keeps answering: every page shows the last good data under a notice
with the same error lines. The editor fixes the date and changes a summary: the notice goes and the
page shows the new text, without a restart.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.serve_helpers import TIMEOUT, MkDocsServer, wait_for, with_summary
from tests.sitebuild import copy_project

BAD_DATE = "2015-13-01"
NEW_SUMMARY = "Edited while the server was running 7431"
NOTICE = "1 error in data/ or docs/"


def first_founded(lines: list[str]) -> tuple[str, int]:
    """The id of the first organisation and the index of its `founded:` line."""
    entry = None
    for index, line in enumerate(lines):
        if match := re.match(r"\s*- id:\s*(\S+)", line):
            entry = match.group(1)
        elif re.match(r"\s+founded:", line) and entry:
            return entry, index
    raise AssertionError("no organisation with `founded:` in data/organisations.yml")


def test_live_reload_survives_a_mistake(server):
    data = server.project / "data" / "organisations.yml"
    good = data.read_text(encoding="utf-8").splitlines(keepends=True)
    entry, index = first_founded(good)
    page = f"organisations/{entry}/"
    status, before = server.get(page)
    assert status == 200, f"{page} is not served:\n{server.output()}"
    assert NEW_SUMMARY not in before

    # The mistake: a month that does not exist.
    broken = list(good)
    broken[index] = re.sub(r"founded:.*", f'founded: "{BAD_DATE}"', broken[index])
    data.write_text("".join(broken), encoding="utf-8")
    expected = re.compile(
        rf'^data/organisations\.yml:{index + 1}: {re.escape(entry)}\.founded: "{BAD_DATE}" is not a date', re.M
    )
    wait_for(lambda: expected.search(server.output()), TIMEOUT, "the loader's error line", server.output)
    assert "Traceback" not in server.output()
    assert server.process.poll() is None, "the server stopped"
    wait_for(lambda: NOTICE in server.get(page)[1], TIMEOUT, "the error notice on the page",
             server.output)
    status, during = server.get(page)
    assert status == 200, "the server no longer answers"
    error_line = expected.pattern.lstrip("^")
    assert re.search(error_line, html.unescape(during)), "the notice does not show the loader's error line"
    assert entry in during, "the page lost its last good content"

    # The fix, with a new summary: the page changes without a restart, and the notice goes.
    data.write_text("".join(with_summary(good, entry, NEW_SUMMARY)), encoding="utf-8")
    wait_for(lambda: NEW_SUMMARY in server.get(page)[1], TIMEOUT, f"the new summary on {page}", server.output)
    assert NOTICE not in server.get(page)[1]
    assert "Traceback" not in server.output()
    assert server.process.poll() is None


@pytest.mark.parametrize(("mistake", "message"), [
    ("See [[no-such-entry]].", "the link [[no-such-entry]] names no entry"),
    ("See [this](javascript:alert(1)).", "a link with a javascript:, data: or vbscript: address is not allowed"),
], ids=["unknown-link", "script-link"])
def test_a_mistake_in_a_page_never_hangs_the_preview(server, mistake, message):
    """A mistake in docs/: every page, the 404 page too, answers at once with the notice; fixing it recovers."""
    page = server.project / "docs" / "index.md"
    good = page.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    line = next(number for number, text in enumerate(lines, start=1) if number > 5 and text.strip())
    lines.insert(line - 1, f"{mistake}\n\n")
    page.write_text("".join(lines), encoding="utf-8")
    error = f"docs/index.md:{line}: {message}"
    wait_for(lambda: NOTICE in server.get("")[1], TIMEOUT, "the notice on the home page", server.output)
    for path in ["", "timeline/", "no-such-page/"]:
        status, body = server.get(path)
        assert status == (404 if path.startswith("no-such") else 200), f"{path}: status {status}"
        assert error in html.unescape(body), f"{path} does not name the error"
    # The test's own requests are logged too; what the build printed ends with the error.
    last_lines = [text for text in server.output().splitlines() if text.strip() and '"GET ' not in text][-3:]
    assert any(error in text for text in last_lines), f"the terminal's last lines do not name it:\n{last_lines}"
    assert "not included in the nav" not in server.output()
    assert "javascript:alert" not in server.get("")[1], "the preview shows the unsafe link"

    page.write_text(good, encoding="utf-8")
    wait_for(lambda: NOTICE not in server.get("")[1], TIMEOUT, "the notice to go once fixed", server.output)
    assert server.process.poll() is None and "Traceback" not in server.output()


def test_a_style_edit_shows_without_a_restart(server):
    """The site's styles live in the theme's folder (overrides/assets/, written into each page's head), which
    `mkdocs serve` does not watch unless mkdocs.yml says so."""
    styles = server.project / "overrides" / "assets" / "explainer.css"
    styles.write_text(styles.read_text(encoding="utf-8") + "/* edited while serving 5172 */\n", encoding="utf-8")
    wait_for(lambda: "edited while serving 5172" in server.get("")[1], TIMEOUT, "the edited styles on the home page",
             server.output)


def test_with_summary_replaces_a_folded_summary():
    lines = [
        "organisations:\n",
        "  - id: a\n",
        "    summary: >-\n",
        "      first line\n",
        "      second line\n",
        "    cite: []\n",
        "\n",
        "  - id: b\n",
        "    summary: b\n",
    ]
    assert with_summary(lines, "a", "new") == [
        "organisations:\n", "  - id: a\n", '    summary: "new"\n', "    cite: []\n", "\n", "  - id: b\n",
        "    summary: b\n",
    ]
    assert with_summary(lines, "b", "new")[-1] == '    summary: "new"\n'


def test_the_copy_has_what_the_build_needs(tmp_path):
    project = copy_project(tmp_path / "project")
    for part in ["mkdocs.yml", "docs", "data", "hooks/explainer_hooks.py", "hooks/explainer/templates"]:
        assert (project / part).exists(), part
    assert not (project / ".venv").exists()
    assert not (project / ".git").exists()
    assert not list(Path(project).rglob("__pycache__"))


def test_an_edited_message_table_shows_in_the_russian_preview(tmp_path):
    """`make serve LANG=ru`: an editor changes a word the site writes (hooks/explainer/messages/ru/), and the served
    page shows the new word after its rebuild, without a restart."""
    project = copy_project(tmp_path / "project")
    server = MkDocsServer(project, tmp_path / "serve.log", "mkdocs.ru.yml")
    try:
        server.start(TIMEOUT)
        page = "treaty/treaty-on-allied-relations/"
        assert "Коротко" in server.get(page)[1] and "Вкратце 5173" not in server.get(page)[1]
        table = project / "hooks" / "explainer" / "messages" / "ru" / "templates.yml"
        table.write_text(table.read_text(encoding="utf-8").replace("In brief: Коротко", "In brief: Вкратце 5173"),
                         encoding="utf-8")
        wait_for(lambda: "Вкратце 5173" in server.get(page)[1], TIMEOUT, "the edited word on the page", server.output)
        assert "Traceback" not in server.output()
    finally:
        server.stop()
