"""Each route a security review found from a pull request to a reader's browser is closed (issue 23): data text,
file names, geo files, docs/ front matter and bodies, and work that grows without bound. Each test failed on the
code before the fix (checked by hand against e568dc9)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from explainer import geo
from explainer.errors import SHOWN_ERRORS, DataError, DataErrors, shown_lines
from tests.data_helpers import REAL_DATA
from tests.sitebuild import build_output, copy_project, run_build

NAME_LINE = "    name: Islam Karimov"


def name_errors(tmp_data, value: str) -> list[str]:
    """The loader's errors for a person's name set to `value` (a YAML double-quoted string, escapes decoded)."""
    tmp_data.edit("people.yml", NAME_LINE, f"    name: {json.dumps(value)}")
    return tmp_data.errors()


@pytest.mark.parametrize(("value", "message"), [
    ('[[uzbekistan]]{ href="https://evil.example/" }', "curly brackets"),
    ('Karimov { style="position:fixed;inset:0" }', "curly brackets"),
    ("Karimov\n\n*[the]: x", "one line of text"),
    ("Karimov\u202egnp.exe", "bidirectional override (U+202E)"),
    ("Kari\u200bmov", "zero-width character (U+200B)"),
    ("Karimov\x00", "control character (U+0000)"),
    ("Karimov[^1]", "footnote mark"),
])
def test_a_name_is_one_line_of_plain_visible_text(tmp_data, value, message):
    errors = name_errors(tmp_data, value)
    assert any(message in error and "karimov.name" in error for error in errors), errors


@pytest.mark.parametrize(("summary", "message"), [
    ("Led.\n\n*[Uzbekistan]: a made-up expansion", "abbreviation definition"),
    ("Led.[^1]\n\n[^1]: A made-up claim.", "footnote mark"),
    ("Led.\n\n- a list\n\n    [x]: https://evil.example/", "reference definition"),
    ("Led { .md-button }", "curly brackets"),
])
def test_summary_markdown_cannot_define_footnotes_abbreviations_or_attributes(tmp_data, summary, message):
    tmp_data.edit("people.yml", "summary: Led [[uzbekistan]] from 1989 until his death in 2016.",
                  f"summary: {json.dumps(summary)}")
    errors = tmp_data.errors()
    assert any(message in error and "karimov.summary" in error for error in errors), errors


def test_an_error_message_never_echoes_a_terminal_escape(tmp_data):
    tmp_data.edit("people.yml", "- id: karimov", '- id: "karimov\\u001b]0;owned\\u0007\\u001b[31m"')
    errors = tmp_data.errors()
    assert errors and not any("\x1b" in error or "\x07" in error for error in errors)
    assert any("\\x1b" in error for error in errors), errors


def test_a_data_file_name_is_lowercase_words(tmp_data):
    tmp_data.write("<meta http-equiv=refresh content=1;url=https:evil.example>.yml", tmp_data.text("routes.yml")
                   if (tmp_data.path / "routes.yml").exists() else "concepts:\n")
    errors = tmp_data.errors()
    assert any("a data file's name is lowercase letters" in error for error in errors), errors
    assert not any("<meta" in error for error in errors if "'<meta" not in error)


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))


@pytest.mark.parametrize(("content", "message"), [
    (BILLION_LAUGHS, "anchors and aliases"),
    ("people:\n  - &x {id: a}\n  - *x\n", "anchors and aliases"),
    ("people: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested more than"),
    ("concepts:\n  - id: x\n    name: X\n    summary: \"" + "[[" * 20_000 + "\"\n", "a field holds at most"),
    ("concepts:\n  - id: x\n    name: X\n    summary: \"" + "x" * 2_000_001 + "\"\n", "a data file holds at most"),
])
def test_work_that_grows_without_bound_is_refused_before_it_starts(tmp_data, content, message):
    tmp_data.write("concepts.yml", content)
    errors = tmp_data.errors()
    assert any(message in error and error.startswith("data/concepts.yml:") for error in errors), errors


def test_a_flood_of_link_brackets_in_a_long_text_is_refused(tmp_data):
    tmp_data.edit("people.yml", "summary: Led [[uzbekistan]] from 1989 until his death in 2016.",
                  "summary: \"" + "[[" * 9_000 + "\"")
    assert any("is not closed" in error for error in tmp_data.errors())


@pytest.mark.parametrize(("edit", "message"), [
    (lambda raw: raw["countries"][0].update(id='afghanistan"/><script>alert(1)</script>'), "is not an id"),
    (lambda raw: raw["countries"][0].update(name="<script>alert(1)</script>"), "plain words"),
    (lambda raw: raw["countries"][0]["rings"][0].__setitem__(0, ["1\"/><script>", 2]), "is not a number"),
])
def test_the_geo_outlines_are_checked_on_load(tmp_path, edit, message):
    shutil.copytree(REAL_DATA / "geo", tmp_path / "geo")
    path = tmp_path / "geo" / "central-asia.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    edit(raw)
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        geo.load(tmp_path)
    assert any(message in str(error) and error.file == "data/geo/central-asia.json" for error in caught.value.errors)


def test_the_drawn_outlines_hold_path_data_only(tmp_path):
    shutil.copytree(REAL_DATA / "geo", tmp_path / "geo")
    path = tmp_path / "geo" / "drawn.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    country = next(iter(raw["scales"][0]["outlines"]))
    raw["scales"][0]["outlines"][country][0] = 'M0 0"/></g></svg><script>alert(1)</script>'
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        geo.load(tmp_path)
    assert "holds more than numbers" in str(caught.value)


def test_hostile_docs_pages_stop_the_build_or_show_as_text(tmp_path):
    """One real build: a front matter title that YAML decodes to a script is shown as text; a body whose escaped
    backtick hides a script from a second reading of the source stops the build, named by its page."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / "about.md").write_text(
        '---\ntitle: "\\x3cscript>alert(1)\\x3c/script>"\ndescription: "\\x22>\\x3cmeta http-equiv=\\x22refresh\\x22 '
        'content=\\x220;url=https://evil.example/\\x22>"\n---\n# About\n\nPlain text.\n', encoding="utf-8")
    built = tmp_path / "site"
    result = run_build(project, built)
    assert result.returncode == 0, build_output(result)
    page = (built / "about" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert 'http-equiv="refresh"' not in page

    (project / "docs" / "about.md").write_text("# About\n\n\\`</article><script>alert(1)</script>\\`\n",
                                               encoding="utf-8")
    result = run_build(project, tmp_path / "site2")
    output = build_output(result)
    assert result.returncode != 0 and "Traceback" not in output
    assert "docs/about.md" in output and "<script>" in output, output


def test_a_deleted_data_file_stops_the_build_and_says_how_to_get_it_back(tmp_path):
    """Issue 24: deleting data/glossary.yml once passed `make build --strict` with a third of the glossary gone."""
    project = copy_project(tmp_path / "project")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=project, check=True, capture_output=True)
    (project / "data" / "glossary.yml").unlink()
    result = run_build(project, tmp_path / "site")
    output = build_output(result)
    assert result.returncode != 0 and "Traceback" not in output
    assert "data/glossary.yml:0: the file is missing (git has it): get it back with `git checkout -- " \
           "data/glossary.yml`" in output, output


def test_a_long_list_of_errors_is_capped_and_grouped_by_file():
    errors = [DataError("data/a.yml", line, "x", "wrong") for line in range(1, 31)] + \
             [DataError("docs/b.md", line, "", "wrong") for line in range(1, 4)]
    lines = shown_lines(errors)
    assert len(lines) == SHOWN_ERRORS + 1
    assert lines[-1] == "… and 10 more in data/a.yml, 3 more in docs/b.md"
