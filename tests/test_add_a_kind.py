"""CONTRIBUTING.md's recipe "Add a kind of entry", followed to the letter in a copy of the project.

The edits below are the recipe's, made as text edits: if a kind needs one more place than the guide says, the
strict build of the copy fails or the new pages, links or backlinks are missing. The build runs in a subprocess
from the copy's own folder, so it imports the copy's hooks/explainer (mkdocs.yml names hooks/explainer_hooks.py
relative to itself, and MkDocs puts that file's folder first on the path): the real core knows no `speeches`,
and would stop the build with "unknown key 'speeches'".
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitebuild import (
    article_of,
    build_project,
    copy_project,
    href_of,
    linked_entities,
    read_page,
    section_of,
)

# Step 1: a model class, after the last kind with pages; its reference field declares the kind it names.
MODEL_ANCHOR = "class Concept(Entity):\n    pass\n"
MODEL_CLASS = '''

class Speech(Entity):
    date: Date
    speaker: Annotated[Id, Ref("people")]
    audience: Annotated[list[Id], Ref("countries")] = Field(default_factory=list)
'''
# Step 2: one Kind line in KINDS, where the site should list the section.
KIND_ANCHOR = '    Kind("concepts", Concept, "data/concepts.yml", "concepts", "Topics", "Topic"),\n'
KIND_LINE = '    Kind("speeches", Speech, "data/speeches.yml", "speeches", "Speeches", "Speech"),\n'
# Step 3: a data file.
DATA = """\
# yaml-language-server: $schema=../schema/data.schema.json
speeches:
  - id: tokayev-tashkent-2022
    name: Tokayev's speech in Tashkent
    date: 2022-12-22
    speaker: tokayev
    audience: [uzbekistan]
    summary: "[[tokayev]] spoke in Tashkent on the day the treaty was signed."
    cite:
      - source: kun-tokayev-arrives-2022
        quote: Kassym-Jomart Tokayev arrived in Uzbekistan on December 21 on a state visit
  - id: mirziyoyev-tashkent-2022
    name: Mirziyoyev's welcome in Tashkent
    date: 2022-12-22
    speaker: mirziyoyev
    summary: "The host welcomed his guest to Tashkent."
    cite:
      - source: kun-tokayev-arrives-2022
        quote: Kassym-Jomart Tokayev arrived in Uzbekistan on December 21 on a state visit
"""
# Step 4 (optional): a template of the kind's own, extending the generic one.
TEMPLATE = """\
{% extends "entity.md.j2" %}
{% block infobox %}

Date
:   {{ entity.date | date }}

Speaker
:   {{ entity.speaker | name_link }}
{% endblock %}
"""
# Step 5: a nav line.
NAV_ANCHOR = "  - Topics: concepts/index.md\n"
NAV_LINE = "  - Speeches: speeches/index.md\n"


def insert_after(path: Path, anchor: str, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert content.count(anchor) == 1, f"{path.name} no longer has the recipe's anchor once: {anchor!r}"
    path.write_text(content.replace(anchor, anchor + text), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    insert_after(project / "hooks" / "explainer" / "model.py", MODEL_ANCHOR, MODEL_CLASS)
    insert_after(project / "hooks" / "explainer" / "model.py", KIND_ANCHOR, KIND_LINE)
    (project / "data" / "speeches.yml").write_text(DATA, encoding="utf-8")
    (project / "hooks" / "explainer" / "templates" / "entity-speeches.md.j2").write_text(TEMPLATE, encoding="utf-8")
    insert_after(project / "mkdocs.yml", NAV_ANCHOR, NAV_LINE)
    # Step 6, `make schema`: what it runs, in the copy.
    schema = subprocess.run([sys.executable, "-m", "explainer.model"], cwd=project / "hooks", capture_output=True,
                            text=True, check=True).stdout
    (project / "schema" / "data.schema.json").write_text(schema, encoding="utf-8")
    assert '"speeches"' in schema
    return build_project(project, tmp_path_factory.mktemp("site"))


def test_the_section_page_lists_both_entries(built: Path) -> None:
    section = built / "speeches" / "index.html"
    assert section.is_file()
    listed = linked_entities(built, section, article_of(read_page(section)),
                             {"speeches/tokayev-tashkent-2022/": "tokayev", "speeches/mirziyoyev-tashkent-2022/": "m"})
    assert sorted(listed) == ["m", "tokayev"]
    nav = [href_of(a) for a in read_page(built / "index.html").iter("a") if a.text == "Speeches"]
    assert "speeches/" in nav, "the nav line did not put the section in the sidebar"


def test_each_entry_has_its_page_from_its_own_template(built: Path) -> None:
    for entity_id in ("tokayev-tashkent-2022", "mirziyoyev-tashkent-2022"):
        page = built / "speeches" / entity_id / "index.html"
        assert page.is_file()
        text = article_of(read_page(page)).text
        assert "Speech · Speeches" in text
        assert "22 December 2022" in text, "the kind's own template (its infobox) was not used"


def test_a_link_in_the_text_leads_to_the_named_page(built: Path) -> None:
    page = built / "speeches" / "tokayev-tashkent-2022" / "index.html"
    summary = next(p for p in article_of(read_page(page)).iter("p") if "spoke in Tashkent" in p.text)
    assert "[[" not in summary.text
    links = [(href_of(a), a.text) for a in summary.iter("a") if href_of(a) != "#fn:1"]
    assert links == [("../../people/tokayev/", "Kassym-Jomart Tokayev")]


@pytest.mark.parametrize(("page_of", "speech"), [("people/tokayev", "tokayev-tashkent-2022"),
                                                 ("people/mirziyoyev", "mirziyoyev-tashkent-2022"),
                                                 ("countries/uzbekistan", "tokayev-tashkent-2022")])
def test_each_entry_named_lists_the_speech_under_connected(built: Path, page_of: str, speech: str) -> None:
    """Tokayev is named by a [[link]] and by `speaker:`; Mirziyoyev by `speaker:` alone, Uzbekistan by `audience:`."""
    page = built / page_of / "index.html"
    article = article_of(read_page(page))
    mentioned = section_of(article, "connected")
    assert mentioned, f"{page_of}'s page has no 'Connected' section"
    found = [entity for element in mentioned
             for entity in linked_entities(built, page, element, {f"speeches/{speech}/": speech})]
    assert found == [speech]
    assert "Speeches:" in " ".join(element.text for element in mentioned)
