"""Nothing a build works out is kept on disk: a build follows every change, and leaves no file that a later build
could read back (issue 24: a pickled memo could be stale, or run code)."""

from __future__ import annotations

from pathlib import Path

from tests.sitebuild import build_output, build_project, copy_project, run_build


def test_a_build_keeps_nothing_on_disk_and_follows_every_change(tmp_path):
    project = copy_project(tmp_path / "project")
    build_project(project, tmp_path / "fresh")
    kept = [path for path in (project / ".cache").rglob("*") if path.is_file() and "cards" not in path.parts] \
        if (project / ".cache").exists() else []
    assert kept == [], f"a build kept files: {kept}"

    people = project / "data" / "people.yml"
    people.write_text(people.read_text(encoding="utf-8").replace("Tokayev", "Tokayyev", 1), encoding="utf-8")
    (project / "docs" / "about.md").write_text("# About\n\nA page added since.\n", encoding="utf-8")
    changed = build_project(project, tmp_path / "changed")
    assert any(b"Tokayyev" in path.read_bytes() for path in changed.rglob("*.html")), "a data change was lost"
    assert b"A page added since." in (changed / "about" / "index.html").read_bytes()

    organisations = project / "data" / "organisations.yml"
    organisations.write_text(organisations.read_text(encoding="utf-8").replace("founded: ", "founded: x", 1),
                             encoding="utf-8")
    result = run_build(project, tmp_path / "broken")
    assert result.returncode != 0, f"a data error was hidden:\n{build_output(result)}"
    assert "data/organisations.yml:" in build_output(result)


def test_no_file_of_the_working_tree_is_unpickled():
    core = Path(__file__).resolve().parents[2] / "hooks"
    assert not [path for path in core.rglob("*.py") if "pickle" in path.read_text(encoding="utf-8")]
