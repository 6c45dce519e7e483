"""What a build keeps and reports about hand-written pages (explainer.preview), without MkDocs."""

from __future__ import annotations

import shutil

from explainer.links import Linker
from explainer.memo import Memo
from explainer.preview import Generated, Made, Preview
from tests.data_helpers import REAL_DATA


def preview_with(pictures: dict[str, str]) -> Preview:
    made = Made([], Linker({"eaeu": ("organisations/eaeu.md", "the EAEU")}), pictures, frozenset())
    return Preview(current=Generated(Memo(), lambda: made))


def test_a_picture_that_does_not_exist_is_an_error_with_its_line():
    preview = preview_with({"region-map": "<svg/>"})
    preview.check_page("docs/index.md", "# Home\n\n<!-- picture: regoin-map -->\n")
    assert [str(error) for error in preview.errors] == [
        "docs/index.md:3: there is no picture named 'regoin-map'; use one of: region-map"]
    assert not preview.unsafe_pages


def test_an_unsafe_page_is_withheld_and_a_broken_link_is_not():
    preview = preview_with({})
    preview.check_page("docs/a.md", "See [[nope]].\n")
    preview.check_page("docs/b.md", "See [x](javascript:alert(1)).\n")
    assert preview.unsafe_pages == {"docs/b.md"}
    assert [error.file for error in preview.errors] == ["docs/a.md", "docs/b.md"]


def test_a_server_makes_nothing_again_for_the_same_inputs_and_keeps_the_last_good_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    preview = Preview(serving=True)
    preview.generate(data)
    first = preview.current
    assert first is not None and not preview.errors

    preview.generate(data)  # a docs/ edit: the data, templates and code are the same
    assert preview.current is first

    people = data / "people.yml"
    good = people.read_text(encoding="utf-8")
    people.write_text(good.replace("people:", "people: [", 1), encoding="utf-8")
    preview.generate(data)
    assert preview.errors and preview.current is first

    people.write_text(good, encoding="utf-8")
    preview.generate(data)
    assert not preview.errors and preview.current is first and preview.memo is first.memo


def test_a_docs_page_is_checked_against_the_data_being_built_even_when_it_is_broken(tmp_path):
    """Issue 24: docs/ links were checked against the last good data, so a rename's broken link showed only once the
    data was fixed."""
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    preview = Preview(serving=True)
    preview.generate(data)
    organisations = data / "organisations.yml"
    # The rename leaves the data broken (other entries still name 'eaeu') and a docs/ link with it.
    organisations.write_text(organisations.read_text(encoding="utf-8").replace("- id: eaeu\n", "- id: eeu\n", 1),
                             encoding="utf-8")
    preview.generate(data)
    assert preview.errors and preview.current is not None  # the last good data is still shown
    preview.check_page("docs/index.md", "# Home\n\nSee [[eaeu]].\n")
    assert any(error.file == "docs/index.md" and "the link [[eaeu]] names no entry" in error.message
               for error in preview.errors), preview.errors
