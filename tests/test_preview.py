"""What a build keeps and reports about hand-written pages (explainer.preview), without MkDocs."""

from __future__ import annotations

from explainer.links import Linker
from explainer.memo import Memo
from explainer.preview import Generated, Made, Preview


def preview_with(pictures: dict[str, str]) -> Preview:
    made = Made([], Linker({"eaeu": ("organisations/eaeu.md", "the EAEU")}), pictures)
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
