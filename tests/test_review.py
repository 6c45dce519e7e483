"""Statements about the present say when they were checked, and `make review` lists the old ones (issue 21)."""

from __future__ import annotations

from datetime import date

from explainer.pages import Site
from explainer.render import outputs
from explainer.review import to_review

OPEN_MEMBERSHIP = '        as_of: "2020-12"\n'


def test_an_open_membership_without_a_check_date_is_refused(tmp_data):
    tmp_data.edit("organisations.yml", '        as_of: "2020-12"\n', "")
    found = tmp_data.errors()
    assert any("eaeu.members[1]: a membership with no end is a statement about the present: add `as_of: YYYY-MM`"
               in line for line in found), found


def test_a_check_older_than_a_year_is_listed_and_a_recent_one_is_not(tmp_data):
    tmp_data.edit("organisations.yml", OPEN_MEMBERSHIP, '        as_of: "2025-10"\n')
    line = tmp_data.line("organisations.yml", "as_of:")
    assert [str(found) for found in to_review(tmp_data.load(), date(2026, 12, 6))] == [
        f"data/organisations.yml:{line}: eaeu.members[1]: checked as of 2025-10, 14 months ago: check it again "
        "and update `as_of:` (or give it an `end:`)"]
    assert to_review(tmp_data.load(), date(2026, 9, 30)) == []


def test_the_page_says_when_its_present_was_checked(tmp_data):
    tmp_data.edit("organisations.yml", OPEN_MEMBERSHIP, '        as_of: "2025-10"\n')
    site = Site.from_dataset(tmp_data.load())
    page = next(output.content for output in outputs(site) if output.src_uri == "organisations/eaeu.md")
    assert "Checked\n:   Its statements about the present, as of October 2025" in page
