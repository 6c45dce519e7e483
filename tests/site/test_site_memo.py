"""A build with the memo of an earlier one publishes exactly what a fresh build would, and never a stale page."""

from __future__ import annotations

from pathlib import Path

from tests.sitebuild import build_output, build_project, copy_project, run_build

MEMO = Path(".cache") / "explainer" / "memo.pickle"


def files_of(site: Path) -> dict[str, bytes]:
    # The sitemap is compressed with the time of the build in its header.
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and path.name != "sitemap.xml.gz"}


def test_a_build_from_the_memo_is_the_same_and_follows_every_change(tmp_path):
    project = copy_project(tmp_path / "project")
    fresh = files_of(build_project(project, tmp_path / "fresh"))
    assert (project / MEMO).is_file(), "the first build kept no memo"

    assert files_of(build_project(project, tmp_path / "from-memo")) == fresh

    people = project / "data" / "people.yml"
    people.write_text(people.read_text(encoding="utf-8").replace("Tokayev", "Tokayyev", 1), encoding="utf-8")
    (project / "docs" / "about.md").write_text("# About\n\nA page added since the memo.\n", encoding="utf-8")
    changed = files_of(build_project(project, tmp_path / "changed"))
    assert any(b"Tokayyev" in content for content in changed.values()), "a data change was not published"
    assert b"A page added since the memo." in changed["about/index.html"]

    organisations = project / "data" / "organisations.yml"
    organisations.write_text(organisations.read_text(encoding="utf-8").replace("founded: ", "founded: x", 1),
                             encoding="utf-8")
    result = run_build(project, tmp_path / "broken")
    assert result.returncode != 0, f"a data error was hidden by the memo:\n{build_output(result)}"
    assert "data/organisations.yml:" in build_output(result)
