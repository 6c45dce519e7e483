"""[[id]] links become relative Markdown links, and code shows them as written."""

import posixpath

import pytest

from explainer.links import relative_path, resolve

TARGETS = {"eaeu": ("organisations/eaeu.md", "Eurasian Economic Union"), "tokayev": ("people/tokayev.md", "Tokayev")}


@pytest.mark.parametrize(("target", "from_dir"), [
    ("organisations/eaeu.md", "organisations"),
    ("organisations/eaeu.md", ""),
    ("timeline.md", "organisations"),
    ("people/tokayev.md", "organisations"),
    ("a/b/c.md", "a/d"),
    ("index.md", "a/b"),
])
def test_relative_path_agrees_with_posixpath(target, from_dir):
    assert relative_path(target, from_dir) == posixpath.relpath(target, from_dir or ".")


def test_links_resolve_relative_to_the_page():
    text = resolve("See [[eaeu]] and [[tokayev|the president]].", "people/mirziyoyev.md", TARGETS, pytest.fail)
    assert text == "See [Eurasian Economic Union](../organisations/eaeu.md) and [the president](tokayev.md)."


def test_code_keeps_links_as_written():
    text = "Write `[[eaeu]]`:\n\n```yaml\nsummary: [[eaeu]]\n```\n\nThen [[eaeu]]."
    resolved = resolve(text, "editors.md", TARGETS, pytest.fail)
    assert resolved.count("[[eaeu]]") == 2
    assert resolved.endswith("Then [Eurasian Economic Union](organisations/eaeu.md).")


def test_unknown_ids_are_reported_with_their_line():
    found = []
    resolve("one\ntwo [[nope]]\n", "index.md", TARGETS, lambda target, line: found.append((target, line)))
    assert found == [("nope", 2)]
