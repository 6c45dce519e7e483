"""Hostile text in the data or in docs/ cannot reach readers: the loader refuses it with file:line, hand-written
pages may not link to scripts or load from other hosts, and every built page is checked once more."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer import safety
from explainer.errors import DataErrors
from explainer.markup import page_problems
from explainer.pages import Site
from explainer.render import outputs
from tests.sitebuild import build_output, copy_project, run_build

SOURCE_HINT = "link a page with [[id]] or [[id|text]], and give a source with cite:"
LINK = f"a Markdown link is not allowed in the data; {SOURCE_HINT}"
IMAGE = ("an image is not allowed in the data; describe it in words (link a page with [[id]] or [[id|text]], "
         "and give a source with cite:)")
HTML = "raw HTML is not allowed in the data; write plain text (the site styles it)"
AUTOLINK = f"an autolink (<…>) is not allowed in the data; {SOURCE_HINT}"
REFERENCE = ("a Markdown reference definition ([x]: …) is not allowed in the data; link a page with [[id]] or "
             "[[id|text]], and give a source with cite:")
ATTRIBUTES = "an attribute list ({: …}) is not allowed in the data; write plain text"
LINK_TEXT = "the text of [[uzbekistan|{text}]] must be plain (no [ ] < > ` * or \\); write the words only"

PAYLOADS = [
    pytest.param("[career](javascript:alert(1)) ", [LINK], id="javascript-link"),
    pytest.param("[x](data:text/html;base64,PHNjcmlwdD4=) ", [LINK], id="data-link"),
    pytest.param("![p](https://evil.example/t.png) ", [IMAGE, LINK], id="image"),
    pytest.param("[[uzbekistan|[x](javascript:alert(1))]] ", [LINK, "this [[link]] is not closed, or its text "
                 "holds a [ or ]; write [[id]] or [[id|plain text]]"], id="link-in-link-text"),
    pytest.param("[[uzbekistan|<b>x</b>]] ", [LINK_TEXT.format(text="<b>x</b>")], id="html-in-link-text"),
    pytest.param("<img src=x onerror=alert(1)> ", [HTML], id="raw-html"),
    pytest.param("<javascript:alert(1)> ", [AUTOLINK], id="autolink"),
    pytest.param("[x][ref] ", [LINK], id="reference-link"),
    pytest.param("{: onclick=alert(1) } ", [ATTRIBUTES], id="attribute-list"),
]


@pytest.mark.parametrize(("payload", "messages"), PAYLOADS)
def test_the_loader_refuses_hostile_text_with_file_line_entry_and_field(tmp_data, payload, messages):
    tmp_data.edit("people.yml", "summary: Led", f'summary: "{payload}Led')
    tmp_data.edit("people.yml", "his death in 2016.\n", 'his death in 2016."\n')
    line = tmp_data.line("people.yml", "summary:")
    assert tmp_data.errors() == sorted(f"data/people.yml:{line}: karimov.summary: {message}" for message in messages)


def test_a_reference_definition_is_refused(tmp_data):
    tmp_data.edit("people.yml", "summary: Led [[uzbekistan]] from 1989 until his death in 2016.",
                  "summary: |\n      Led [[uzbekistan]].\n\n      [x]: javascript:alert(1)")
    line = tmp_data.line("people.yml", "summary:")
    assert tmp_data.errors() == [f"data/people.yml:{line}: karimov.summary: {REFERENCE}"]


def test_code_and_plain_brackets_are_still_allowed(tmp_data):
    tmp_data.edit("people.yml", "summary: Led", 'summary: "Wrote `[x](y)` and 3 < 5 [sic]; led')
    tmp_data.edit("people.yml", "his death in 2016.\n", 'his death in 2016."\n')
    assert tmp_data.load()


# Fragments of injection: whatever random text they make, the loader refuses it or the page is clean.
FRAGMENTS = ["[x](javascript:alert(1))", "![i](https://evil.example/p.png)", "<script>alert(1)</script>",
             "<img src=x onerror=alert(1)>", "<https://evil.example>", "[r]: javascript:x", "{: onclick=x }",
             "[[uzbekistan|", "]]", "[[uzbekistan]]", "](", "`", "&#106;avascript:", "\n\n", " ", "text", "<", ">",
             "[", "]", "(", ")", "javascript:", "data:", "vbscript:", "//evil.example/x.js", "\"", "*", "!"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map("".join))
def test_random_injections_are_refused_or_harmless(tmp_data, text):
    tmp_data.write("concepts.yml", "concepts:\n  - id: som-convertibility\n    name: Convertibility of the som\n"
                   f"    summary: {text!r}\n".replace("'", "\"", 0) + "    cite:\n      - source: article\n"
                   "        quote: It was only in 2017\n")
    try:
        dataset = tmp_data.load()
    except DataErrors as errors:
        assert all(error.file.startswith("data/") and error.line > 0 for error in errors.errors)
        return
    site = Site.from_dataset(dataset)
    page = next(output for output in outputs(site) if output.src_uri == "concepts/som-convertibility.md")
    body = site.linker.finish_markdown(page.content.split("---", 2)[2], page.src_uri)
    html = markdown.markdown(body, extensions=["abbr", "admonition", "attr_list", "def_list", "footnotes",
                                                "md_in_html", "tables"])
    assert not safety.problems(html, "kz-uz-treaty.github.io"), (text, html)


@pytest.mark.parametrize(("line", "problem"), [
    ("See [this](javascript:alert(1)).", "javascript:, data: or vbscript:"),
    ("See [this]( JaVaScRiPt:alert(1)).", "javascript:, data: or vbscript:"),
    ("[ref]: data:text/html,x", "javascript:, data: or vbscript:"),
    ("<a href=\"vbscript:x\">x</a>", "javascript:, data: or vbscript:"),
    ("![map](https://tiles.example/map.png)", "an image from another host"),
    ("<img src=\"//cdn.example/x.png\">", "from another host"),
    ("<script src=\"https://cdn.example/x.js\"></script>", "from another host"),
    ("<iframe src=\"https://example.org\"></iframe>", "from another host"),
    ("<link rel=\"stylesheet\" href=\"https://fonts.example/css\">", "from another host"),
    ("<p onclick=\"x()\">x</p>", "event handler"),
])
def test_a_hand_written_page_may_not_link_scripts_or_load_from_elsewhere(line, problem):
    found = page_problems(f"# Title\n\nSome text.\n\n{line}\n")
    assert found and all(number == 5 for number, _ in found), found
    assert any(problem in message for _, message in found), found


def test_code_in_a_page_may_show_such_text():
    assert page_problems("Write `[x](javascript:y)`:\n\n```html\n<script src=\"https://x\"></script>\n```\n") == []


def test_a_bad_page_stops_the_strict_build_with_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "open-data.md"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(4, "Click [here](javascript:alert(1)).\n")
    page.write_text("".join(lines), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = build_output(result)
    assert result.returncode != 0 and "Traceback" not in output
    assert "docs/open-data.md:5: a link with a javascript:" in output, output


@pytest.mark.parametrize(("html", "problem"), [
    ('<a href="javascript:alert(1)">x</a>', "script URL"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "script URL"),
    ('<a href="java\tscript:alert(1)">x</a>', "script URL"),
    ('<div onmouseover="x()">x</div>', "event-handler"),
    ('<img src="https://evil.example/t.png">', "from another host"),
    ('<link rel="stylesheet" href="https://fonts.example/x.css">', "from another host"),
    ('<article class="md-content__inner md-typeset"><script>alert(1)</script></article>', "<script> in the page"),
])
def test_the_last_check_finds_what_no_page_may_hold(html, problem):
    assert any(problem in found for found in safety.problems(f"<html><body>{html}</body></html>", "site.example"))


def test_the_last_check_accepts_the_theme_and_the_site_itself():
    page = ('<html><head><script>var a=1</script><link rel="canonical" href="https://site.example/x/">'
            '<link rel="stylesheet" href="../assets/x.css"></head><body><a href="https://example.org">out</a>'
            '<img src="../assets/x.png"><script src="../assets/javascripts/bundle.js"></script></body></html>')
    assert safety.problems(page, "site.example") == []


def test_the_policy_allows_each_inline_script_by_its_hash():
    page = safety.with_policy('<html><head><meta charset="utf-8"><script>var a=1</script>'
                              '<script id="c" type="application/json">{}</script></head></html>')
    assert page.startswith('<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')
    # sha256 of "var a=1", base64: the JSON block is data, not a script, and gets no hash.
    assert "script-src 'self' 'sha256-" in page and page.count("'sha256-") == 1
    assert "default-src 'self'" in page and "img-src 'self' data:" in page
