"""Hostile text in the data or in docs/ cannot reach readers: the loader refuses it with file:line, hand-written
pages may not link to scripts or load from other hosts, and every built page is checked once more."""

from __future__ import annotations

import functools
import json
import re
import shutil

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import safety
from explainer.errors import DataErrors
from explainer.load import load_dataset
from explainer.markup import page_problems
from explainer.pages import Site
from explainer.render import outputs
from tests.data_helpers import REAL_DATA
from tests.sitebuild import build_output, copy_project, run_build

SOURCE_HINT = "link a page with [[id]] or [[id|text]], and give a source with cite:"
LINK = f"a Markdown link is not allowed in the data; {SOURCE_HINT}"
IMAGE = ("an image is not allowed in the data; describe it in words (link a page with [[id]] or [[id|text]], "
         "and give a source with cite:)")
HTML = "raw HTML is not allowed in the data; write plain text (the site styles it)"
AUTOLINK = f"an autolink (<…>) is not allowed in the data; {SOURCE_HINT}"
REFERENCE = ("a Markdown reference definition ([x]: …) is not allowed in the data; link a page with [[id]] or "
             "[[id|text]], and give a source with cite:")
ATTRIBUTES = ("curly brackets ({ }) are not allowed in the data (they set HTML attributes); write plain text or use "
              "round brackets")
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


# Fragments of injection: whatever random text they make, in whichever text field, the loader refuses it or every
# page made from the data is clean.
FRAGMENTS = ["[x](javascript:alert(1))", "![i](https://evil.example/p.png)", "<script>alert(1)</script>",
             "<img src=x onerror=alert(1)>", "<https://evil.example>", "[r]: javascript:x", "{: onclick=x }",
             "{ style=\"position:fixed\" }", "[^1]", "[^1]: made up", "*[Uzbekistan]: x", "\n*[the]: x\n",
             "[[uzbekistan|", "]]", "[[uzbekistan]]", "](", "`", "&#106;avascript:", "\n\n", " ", "text", "<", ">",
             "[", "]", "(", ")", "{", "}", "javascript:", "data:", "vbscript:", "//evil.example/x.js", "\"", "*", "!",
             "\u202e", "\u200b", "\x00", "\x1b[31m", "!!! note", "    ", "- ", "# ", "&", "&lt;"]
# Every `key: value` line of the minimal data set whose value is text: the fields a fragment is put into.
FIELD_LINE = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>(?!id:|url:|source:|date:|start:|end:|founded:|signed:|"
                        r"kind:|role:|country:|verdict:)[a-z_]+): (?P<value>[^\[{|>].*)$", re.MULTILINE)


EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "pymdownx.details",
              "pymdownx.superfences"]


@functools.cache
def real_pages() -> dict[str, str]:
    """The Markdown of every page the real data makes, to see which pages a change touches."""
    site = Site.from_dataset(load_dataset(REAL_DATA))
    return {page.src_uri: page.content for page in outputs(site)}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map("".join), st.integers(0, 100_000))
def test_random_injections_in_any_field_are_refused_or_harmless(tmp_path_factory, text, choice):
    data = tmp_path_factory.mktemp("project") / "data"
    shutil.copytree(REAL_DATA, data)
    fields = [(path, match) for path in sorted(data.glob("*.yml"))
              for match in FIELD_LINE.finditer(path.read_text(encoding="utf-8"))]
    path, match = fields[choice % len(fields)]
    content = path.read_text(encoding="utf-8")
    path.write_text(content[:match.start("value")] + json.dumps(text) + content[match.end("value"):],
                    encoding="utf-8")
    try:
        dataset = load_dataset(data)
    except DataErrors as errors:
        assert all(error.file.startswith("data/") and error.line > 0 for error in errors.errors), errors
        return
    site = Site.from_dataset(dataset)
    site.site_url = "https://kz-uz-treaty.github.io/"
    allowed = safety.Allowed(own_host="kz-uz-treaty.github.io", link_hosts=site.link_hosts() | {"creativecommons.org"})
    before = real_pages()
    for page in outputs(site):
        if not page.src_uri.endswith(".md") or before.get(page.src_uri) == page.content:
            continue
        body = site.linker.finish_markdown(page.content.split("---", 2)[2], page.src_uri)
        html = markdown.markdown(body, extensions=EXTENSIONS)
        assert not safety.content_problems(html, allowed), (path.name, text, page.src_uri)
        # The fragment added no admonition, footnote or abbreviation of its own.
        assert html.count('class="admonition') == markdown.markdown(
            site.linker.finish_markdown(before[page.src_uri].split("---", 2)[2], page.src_uri),
            extensions=EXTENSIONS).count('class="admonition'), (path.name, text, page.src_uri)


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


THEME = ('<html><head><meta charset="utf-8"><script>var a=1</script><script id="c" type="application/json">{}'
         '</script><style>p{color:red}</style><link rel="canonical" href="https://site.example/x/">'
         '<link rel="stylesheet" href="../assets/x.css"></head><body><a href="https://theme.example/">theme</a>'
         '<article class="md-content__inner md-typeset">CONTENT</article>'
         '<script src="../assets/javascripts/bundle.js"></script></body></html>')
ALLOWED = safety.Allowed.of_page(THEME, "site.example", ["source.example"])


@pytest.mark.parametrize(("html", "problem"), [
    ('<a href="javascript:alert(1)">x</a>', "javascript: address"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript: address"),
    ('<a href="java\tscript:alert(1)">x</a>', "javascript: address"),
    ('<a/href="javascript:alert(1)">x</a>', "javascript: address"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "javascript: address"),
    ('<div onmouseover="x()">x</div>', "event-handler"),
    ('<img src="https://evil.example/t.png">', "from another host"),
    ('<link rel="stylesheet" href="https://fonts.example/x.css">', "from another host"),
    ("<script>alert(1)</script>", "not the theme's own"),
    ('</article></div><script>alert(1)</script>', "not the theme's own"),
    ('<script src="../assets/evil.js"></script>', "not one of the theme's own"),
    ('<script type="application/json" id="__config">{"search": "x"}</script>', "not the theme's own"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "http-equiv"),
    ('<base href="https://evil.example/">', "<base>"),
    ("<style>body{display:none}</style>", "<style>"),
    ('<iframe src="/x"></iframe>', "<iframe>"),
    ('<a href="https://undeclared.example/">x</a>', "a host no source declares"),
    ('<form action="https://evil.example/"><input></form>', "a host no source declares"),
])
def test_the_last_check_finds_what_no_page_may_hold(html, problem):
    found = safety.problems(THEME.replace("CONTENT", html), ALLOWED)
    assert any(problem in line for line in found), found


def test_the_last_check_accepts_the_theme_and_declared_links():
    page = THEME.replace("CONTENT", '<a href="https://source.example/a">a source</a> <img src="../x.png">')
    assert safety.problems(page, ALLOWED) == []


@pytest.mark.parametrize(("html", "problem"), [
    ('<p style="position:fixed;inset:0">x</p>', "may not have the attribute style="),
    ('<svg><path style="position:fixed" d="M0 0"/></svg>', "style= the site did not write"),
    ('<a href="https://x.example" target="_top">x</a>', "attribute target="),
    ('<form><button formaction="/x">x</button></form>', "attribute formaction="),
    ('<video src="/x.mp4"></video>', "a <video> element is not allowed"),
    ("<math><mi>x</mi></math>", "a <math> element is not allowed"),
    ('</article><p onclick="x()">x</p>', "attribute onclick="),
])
def test_the_content_may_hold_only_what_the_allowlist_names(html, problem):
    found = safety.content_problems(html, ALLOWED)
    assert any(problem in line for line in found), found


def test_the_policy_allows_the_theme_scripts_by_hash_and_never_an_injected_one():
    page = safety.with_policy(THEME.replace("CONTENT", "<script>alert(1)</script>"), ALLOWED)
    assert page.startswith('<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')
    assert f"script-src 'self' {safety.script_hash('var a=1')};" in page
    # The JSON block is data, not a script; the injected script gets no hash (and the build refuses the page).
    assert page.count("'sha256-") == 1 and safety.script_hash("alert(1)") not in page


def test_a_served_page_allows_the_live_reload_script_the_server_adds():
    page = safety.with_policy(THEME.replace("CONTENT", ""), ALLOWED).encode()
    served = page.replace(b"</body>", b"<script>livereload(1, 2);</script></body>")
    assert safety.script_hash("livereload(1, 2);").encode() in safety.with_reload_script(served)
    assert safety.script_hash("livereload(1, 2);").encode() not in page
