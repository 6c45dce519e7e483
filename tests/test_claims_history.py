"""Citable claims (every fact's id: given or derived, never from its position, unique) and the dates from git."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from explainer import history
from explainer.load import iter_nodes, owner_id
from explainer.model import Fact, claim_id
from explainer.pages import Site

FACTS = """\
    facts:
      - text: The som became convertible for current transactions.
        cite:
          - source: kun-eaeu-observer-2020
            quote: Uzbekistan becomes observer state in EAEU
      - text: Uzbekistan joined the EAEU as an observer.
        cite:
          - source: kun-eaeu-observer-2020
            quote: Uzbekistan becomes observer state in EAEU
"""
SUMMARY = "summary: Uzbekistan's currency became freely convertible in 2017.\n"


def facts_of(dataset) -> list[Fact]:
    return dataset.concepts[0].facts


def with_facts(tmp_data, facts: str = FACTS) -> None:
    tmp_data.edit("concepts.yml", SUMMARY, SUMMARY + facts)


def test_every_real_fact_has_an_id_and_the_ids_are_unique(real_dataset):
    facts = [(where, node) for where, node in iter_nodes(real_dataset) if isinstance(node, Fact)]
    assert len(facts) > 50, "the real data lost its facts"
    assert all(node.id for _, node in facts), [where for where, node in facts if not node.id]
    ids = [node.id for _, node in facts]
    assert len(set(ids)) == len(ids), sorted({i for i in ids if ids.count(i) > 1})


def test_a_derived_id_comes_from_the_entry_and_the_text(tmp_data):
    with_facts(tmp_data)
    first, second = facts_of(tmp_data.load())
    assert first.id == claim_id("som-convertibility", first.text)
    assert first.id != second.id
    assert first.id != claim_id("eaeu", first.text), "the entry's id must count: the same words elsewhere differ"


def test_a_derived_id_does_not_depend_on_the_facts_position(tmp_data):
    with_facts(tmp_data)
    before = {fact.text: fact.id for fact in facts_of(tmp_data.load())}
    added_first = ("      - text: A fact added above the others.\n        cite:\n"
                   "          - source: kun-eaeu-observer-2020\n"
                   "            quote: Uzbekistan becomes observer state in EAEU\n")
    tmp_data.edit("concepts.yml", "    facts:\n", "    facts:\n" + added_first)
    after = {fact.text: fact.id for fact in facts_of(tmp_data.load())}
    assert len(after) == 3
    assert all(after[text] == fact_id for text, fact_id in before.items()), (before, after)


def test_a_given_id_is_kept_and_survives_rewording(tmp_data):
    with_facts(tmp_data, FACTS.replace("      - text: The som", "      - id: som-current\n        text: The som"))
    assert facts_of(tmp_data.load())[0].id == "som-current"
    tmp_data.edit("concepts.yml", "became convertible for current", "became convertible, for current")
    assert facts_of(tmp_data.load())[0].id == "som-current"


def test_two_facts_with_the_same_words_clash_with_a_file_and_line(tmp_data):
    with_facts(tmp_data, FACTS.replace("Uzbekistan joined the EAEU as an observer.",
                                       "The som became convertible for current transactions."))
    lines = [number for number, line in enumerate(tmp_data.text("concepts.yml").splitlines(), 1)
             if "The som became" in line]
    derived = claim_id("som-convertibility", "The som became convertible for current transactions.")
    assert tmp_data.errors() == [
        f"data/concepts.yml:{lines[1]}: som-convertibility.facts[2].id: the claim id '{derived}' is also used by "
        f"som-convertibility.facts[1] at data/concepts.yml:{lines[0]}; this fact has the same entry and text as "
        "that one (remove the repeat), or give one an `id:`"]


def test_two_given_ids_that_clash_are_reported_at_the_second(tmp_data):
    with_facts(tmp_data, FACTS.replace("      - text:", "      - id: same\n        text:"))
    second = [number for number, line in enumerate(tmp_data.text("concepts.yml").splitlines(), 1)
              if "id: same" in line]
    assert tmp_data.errors() == [
        f"data/concepts.yml:{second[1]}: som-convertibility.facts[2].id: the claim id 'same' is also used by "
        f"som-convertibility.facts[1] at data/concepts.yml:{second[0]}; give one of them another `id:`"]


# ----- dates from git ------------------------------------------------------------------------------------

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def commit(root: Path, message: str, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


def repository_with_first_data(tmp_data) -> Path:
    """The data folder's parent as a git repository, its data committed on 2 January 2024."""
    subprocess.run(["git", "init", "-q"], cwd=tmp_data.root, check=True)
    commit(tmp_data.root, "First data", "2024-01-02T10:00:00+00:00")
    return tmp_data.root


@needs_git
def test_each_entry_is_dated_by_its_own_lines_and_the_log_lists_each_change(tmp_data):
    root = repository_with_first_data(tmp_data)
    tmp_data.edit("people.yml", "Led [[uzbekistan]]", "Ruled [[uzbekistan]]")
    commit(root, "Karimov: a word", "2025-03-04T10:00:00+00:00")
    (root / "README").write_text("not data\n")
    commit(root, "Not the data", "2025-06-01T10:00:00+00:00")

    site = Site.load(tmp_data.path)
    assert site.changed["karimov"] == datetime(2025, 3, 4, 10, tzinfo=UTC)
    assert site.changed["eaeu"] == datetime(2024, 1, 2, 10, tzinfo=UTC)
    assert [change.subject for change in site.changes] == ["Karimov: a word", "First data"]
    assert site.changes[0].files == ("data/people.yml",)


@needs_git
def test_uncommitted_edits_date_an_entry_today(tmp_data):
    repository_with_first_data(tmp_data)
    tmp_data.edit("concepts.yml", "currency became freely", "currency became fully")
    changed = Site.load(tmp_data.path).changed
    assert changed["som-convertibility"].date() == datetime.now(UTC).date()
    assert changed["karimov"].year == 2024


def test_without_git_history_every_date_is_unknown_and_the_log_empty(tmp_data):
    # tmp_data lives in a temporary folder outside any repository.
    site = Site.load(tmp_data.path)
    assert site.changed == {} and site.changes == []
    assert not history.has_full_history(tmp_data.root)


@needs_git
def test_a_shallow_clone_gives_no_dates_rather_than_wrong_ones(tmp_path, tmp_data):
    root = tmp_data.root
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit(root, "First data", "2024-01-02T10:00:00+00:00")
    tmp_data.edit("people.yml", "Led [[uzbekistan]]", "Ruled [[uzbekistan]]")
    commit(root, "Karimov: a word", "2025-03-04T10:00:00+00:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    site = Site.load(clone / "data")
    assert site.changed == {} and site.changes == []


def test_claim_ids_of_real_facts_are_their_derived_ones_unless_given(real_dataset):
    for where, node in iter_nodes(real_dataset):
        if isinstance(node, Fact) and "id" not in (node._key_lines or {}):
            assert node.id == claim_id(owner_id(where), node.text), where
