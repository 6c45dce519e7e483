"""A data error stops the build with a clear message (file:line: entry.field: what), no traceback, and
leaves the published site as it was."""

from __future__ import annotations

import re

from tests.sitebuild import build_output, copy_project, run_build

BAD_DATE = "December 2015"


def break_first_founded_date(path) -> tuple[int, str]:
    """Write a bad `founded:` date into the first organisation that has one; return (line, entry id)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    entry_id = None
    for number, line in enumerate(lines, start=1):
        if match := re.match(r"^\s*-\s+id:\s*(\S+)\s*$", line):
            entry_id = match.group(1).strip("\"'")
        if match := re.match(r"^(\s*)founded:\s*\S", line):
            lines[number - 1] = f'{match.group(1)}founded: "{BAD_DATE}"\n'
            path.write_text("".join(lines), encoding="utf-8")
            assert entry_id, "a founded: line before any entry id"
            return number, entry_id
    raise AssertionError(f"no founded: date in {path}")


def test_a_bad_date_stops_the_build_with_file_line_and_entry(tmp_path):
    project = copy_project(tmp_path / "project")
    line, entry_id = break_first_founded_date(project / "data" / "organisations.yml")
    site_dir = tmp_path / "published"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("the published site", encoding="utf-8")

    result = run_build(project, site_dir)
    output = build_output(result)

    assert result.returncode != 0, f"the build succeeded with a bad date:\n{output}"
    expected = f'data/organisations.yml:{line}: {entry_id}.founded: "{BAD_DATE}" is not a date'
    assert expected in output, f"expected {expected!r} in the output:\n{output}"
    assert "Traceback" not in output, output
    assert [path.name for path in site_dir.iterdir()] == ["index.html"], "the build wrote into the site folder"
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "the published site"


def test_an_unknown_link_in_docs_names_its_real_line(tmp_path):
    """The line is the file's own line, counting the front matter above the text."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "index.md"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    number, match = next((number, match) for number, line in enumerate(lines, start=1)
                         if (match := re.search(r"\[\[([a-z0-9-]+)\]\]", line)))
    typo = match.group(1) + "x"
    lines[number - 1] = lines[number - 1].replace(match.group(0), f"[[{typo}]]", 1)
    page.write_text("".join(lines), encoding="utf-8")

    result = run_build(project, tmp_path / "site")
    output = build_output(result)

    assert result.returncode != 0, f"the build succeeded with an unknown link:\n{output}"
    assert f"the link [[{typo}]] names no entry" in output, output
    assert f"docs/index.md:{number}: the link [[{typo}]]" in output, \
        f"expected the error at docs/index.md:{number} (the line in the file):\n{output}"
    assert "Traceback" not in output, output
