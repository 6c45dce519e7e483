"""The key facts of the article, and the record around them, are all in the real data."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.data_helpers import article_quotes, entry, prose, says

CENTRAL_ASIA = {"kazakhstan", "uzbekistan", "kyrgyzstan", "tajikistan", "turkmenistan"}
FULL_ROLES = {"member", "founding member"}


def ids(entries) -> set[str]:
    return {item.id for item in entries}


def memberships(dataset, organisation_id: str, country: str | None = None, roles: set[str] | None = None):
    return [membership for membership in entry(dataset, organisation_id).members
            if (country is None or membership.country == country) and (roles is None or membership.role in roles)]


def current_members(dataset, organisation_id: str) -> set[str]:
    return {membership.country for membership in memberships(dataset, organisation_id, roles=FULL_ROLES)
            if membership.end is None}


def post_titles(dataset, person_id: str) -> set[str]:
    """Titles without their qualifiers: "Foreign Minister (second term)" → "foreign minister"."""
    return {re.sub(r"\s*\(.*?\)", "", post.title).strip().lower() for post in entry(dataset, person_id).posts}


def successors(dataset, organisation_id: str) -> list[str]:
    chain = [organisation_id]
    while (following := entry(dataset, chain[-1]).succeeded_by) and following not in chain:
        chain.append(following)
    return chain


def matches(actual: object, expected: object) -> bool:
    """A list compares as a set (the expected items must all be there); a date matches a more precise one."""
    if isinstance(expected, list):
        return isinstance(actual, list) and set(expected) <= set(actual)
    if isinstance(expected, str) and isinstance(actual, str):
        return actual == expected or actual.startswith(expected + "-")
    return actual == expected


def check_texts(dataset) -> list[str]:
    return [" ".join([check.title, check.record_shows, check.article_says.quote or ""]).lower()
            for check in dataset.checks]


# The few key facts that need more than the checks of tests/key_facts.yml.
RULES: dict[str, Callable[[object], bool]] = {
    "ratified-2023-and-2024": lambda d: {r.country: r.date for r in entry(d, "treaty-on-allied-relations")
                                         .ratifications} == {"uzbekistan": "2023-11-30", "kazakhstan": "2024-05-20"},
    "cau-founders": lambda d: {"kazakhstan", "uzbekistan", "kyrgyzstan"} <= {m.country for m in memberships(d, "cau")},
    "succession-to-eaeu": lambda d: successors(d, "cau") == ["cau", "caec", "caco", "eurasec", "eaeu"],
    "eaeu-members": lambda d: len(current_members(d, "eaeu")) == 5
    and current_members(d, "eaeu") & CENTRAL_ASIA == {"kazakhstan", "kyrgyzstan"},
    "karimov-1989-2016": lambda d: any(post.start == "1989" and (post.end or "").startswith("2016")
                                       for post in entry(d, "karimov").posts),
    # Dated posts, or (state secretary, which no source dates) named in his entry's words.
    "tokayev-posts": lambda d: all(title in post_titles(d, "tokayev") or title in prose(entry(d, "tokayev"))
                                   for title in ("deputy foreign minister", "foreign minister", "deputy prime minister",
                                                 "prime minister", "state secretary")),
    "countries-named": lambda d: {"united-kingdom", "south-korea", "japan", "china", "russia", "turkiye",
                                  "turkmenistan", "azerbaijan", "kazakhstan", "uzbekistan", "kyrgyzstan",
                                  "tajikistan"} <= ids(d.countries),
    "thirteen-checks": lambda d: len(d.checks) >= 13,
    "karimov-confirmed": lambda d: any(check.verdict == "confirmed" and "karimov" in check.about for check in d.checks),
}


def failures(dataset, key_fact: dict) -> list[str]:
    """What does not hold of one key fact, in words; nothing when it holds."""
    page = key_fact["page"]
    found: list[str] = []
    if page != "fact-checks":
        entity = entry(dataset, page)
        found += [f"{field} is {getattr(entity, field)!r}, expected {value!r}"
                  for field, value in key_fact.get("has", {}).items() if not matches(getattr(entity, field), value)]
        if key_fact.get("says") and not says(dataset, page, *key_fact["says"]):
            found.append(f"its text does not say all of {key_fact['says']}")
        if "quotes" in key_fact and not any(key_fact["quotes"] in quote for quote in article_quotes(dataset, page)):
            found.append(f"it does not quote the article's words {key_fact['quotes']!r}")
        if "membership" in key_fact:
            if not any(all(matches(getattr(member, key), value) for key, value in key_fact["membership"].items())
                       for member in entry(dataset, page).members):
                found.append(f"no membership {key_fact['membership']}")
    if "checks_say" in key_fact:
        phrases = [phrase.lower() for phrase in key_fact["checks_say"]]
        if not any(all(phrase in text for phrase in phrases) for text in check_texts(dataset)):
            found.append(f"no fact check says all of {key_fact['checks_say']}")
    if "rule" in key_fact and not RULES[key_fact["rule"]](dataset):
        found.append(f"the rule {key_fact['rule']!r} (tests/test_coverage.py) does not hold")
    return found


KEY_FACTS: list[dict] = yaml.safe_load((Path(__file__).parent / "key_facts.yml").read_text(encoding="utf-8"))
NAMES = [key_fact["fact"] for key_fact in KEY_FACTS]
CHECKS = {"has", "says", "quotes", "membership", "checks_say", "rule"}


@pytest.mark.parametrize("key_fact", KEY_FACTS, ids=NAMES)
def test_key_fact_is_in_the_data(real_dataset, key_fact):
    try:
        problems = failures(real_dataset, key_fact)
    except LookupError as error:
        problems = [str(error)]
    where = "the fact checks" if key_fact["page"] == "fact-checks" else f"the page of '{key_fact['page']}'"
    assert not problems, (f"Key fact missing from {where}: «{key_fact['fact']}»: {'; '.join(problems)}. "
                          "If you changed it on purpose, change or delete its entry in tests/key_facts.yml.")


def test_key_facts_are_well_formed():
    assert len(NAMES) == len(set(NAMES)) >= 30, "key facts need distinct names"
    for key_fact in KEY_FACTS:
        assert set(key_fact) - {"fact", "page"} and set(key_fact) - {"fact", "page"} <= CHECKS, key_fact
        assert key_fact.get("rule", next(iter(RULES))) in RULES, key_fact


# The few facts that the minimal data set of the loader tests also holds.
ON_MINIMAL = {"EAEU founded in 2015", "Uzbekistan an EAEU observer since 2020-12-11",
              "Karimov led Uzbekistan from 1989 until his death in 2016", "som convertible in 2017"}


@pytest.mark.parametrize("key_fact", KEY_FACTS, ids=NAMES)
def test_key_fact_is_not_vacuous(tmp_data, key_fact):
    # On the minimal data set, which holds almost nothing, only the facts it shares may hold.
    try:
        holds = not failures(tmp_data.load(), key_fact)
    except (LookupError, AttributeError):
        holds = False
    assert holds is (key_fact["fact"] in ON_MINIMAL)
