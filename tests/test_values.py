"""Figures and dates are typed once, in data/: a hand-written page names them as [[value:<id>.<field>]] and the
build writes them (issue 22, item 7). The home page holds no figure typed by hand."""

from __future__ import annotations

import re

from explainer import values
from explainer.links import Linker
from tests.data_helpers import REAL_DATA
from tests.sitebuild import REPO, build_output, build_site, copy_project, read_page, run_build, text_of

HOME = REPO / "docs" / "index.md"
VALUE = re.compile(r"\[\[value:(?P<path>[^\]|]+)(?:\|(?P<style>[^\]]*))?\]\]")


def real_values() -> dict[str, str | float]:
    from explainer.load import load_dataset

    return values.values_of(load_dataset(REAL_DATA))


def test_the_home_page_types_no_figure_by_hand():
    text = HOME.read_text(encoding="utf-8")
    assert VALUE.search(text), "the home page names no [[value:…]]"
    # What is left once the values, the links' addresses and the front matter's keys are taken out.
    left = VALUE.sub("", text)
    left = re.sub(r"\]\([^)]*\)", "]", left)
    typed = [(number, line) for number, line in enumerate(left.splitlines(), 1) if re.search(r"\d", line)]
    assert not typed, "figures typed by hand on the home page (write [[value:<id>.<field>]]):\n" + "\n".join(
        f"docs/index.md:{number}: {line.strip()}" for number, line in typed)


def test_paths_name_fields_and_list_items_by_id_country_period_or_position():
    known = real_values()
    assert known["treaty-on-allied-relations.signed"] == "2022-12-22"
    assert known["treaty-on-allied-relations.ratifications.uzbekistan.date"] == "2023-11-30"
    point = re.compile(r"kazakhstan-uzbekistan-trade\.points\.(\d{4})\.period")
    years = [match[1] for match in map(point.fullmatch, known) if match]
    assert known["kazakhstan-uzbekistan-trade.points.latest.period"] == max(years)
    assert values.shown("2022-12-22", None) == "22 December 2022"
    assert values.shown("2022-12-22", "year") == "2022"
    assert values.shown("2022-12-22", "month") == "December 2022"
    assert values.shown(2357.0, None) == "2,357"
    # Only dates and numbers: words come from the page, in its language.
    assert not any(isinstance(value, str) and not values.IS_DATE.match(value) for value in known.values())


def test_a_wrong_path_or_style_is_named_with_its_line_and_what_the_entry_has():
    linker = Linker(values=real_values())
    problems = linker.unknown_links("Line one\n[[value:treaty-on-allied-relations.signd]]\n"
                                    "[[value:kazakhstan-uzbekistan-border.length_km|year]]\n")
    assert [line for line, _ in problems] == [2, 3]
    assert "treaty-on-allied-relations.signed" in problems[0][1]
    assert "write year or month" in problems[1][1]


def test_the_built_home_page_shows_each_value_and_a_data_change_reaches_it(tmp_path):
    site_dir, known = build_site(), real_values()
    home = text_of(read_page(site_dir / "index.html"))
    for match in VALUE.finditer(HOME.read_text(encoding="utf-8")):
        shown = values.shown(known[match["path"]], match["style"])
        assert shown in home, f"[[value:{match['path']}]]: {shown!r} is not on the built home page"
    assert "[[value:" not in (site_dir / "index.html").read_text(encoding="utf-8")

    project = copy_project(tmp_path / "project")
    borders = project / "data" / "borders.yml"
    borders.write_text(re.sub(r"length_km: [\d.]+", "length_km: 2400", borders.read_text(encoding="utf-8")),
                       encoding="utf-8")
    home_page = project / "docs" / "index.md"
    wrong = "\nSigned [[value:treaty-on-allied-relations.sined]].\n"
    home_page.write_text(home_page.read_text(encoding="utf-8") + wrong, encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = build_output(result)
    assert result.returncode != 0, output
    last_line = home_page.read_text(encoding="utf-8").count("\n")
    assert f"docs/index.md:{last_line}: [[value:treaty-on-allied-relations.sined]] names no date or number" in output, \
        output

    home_page.write_text(home_page.read_text(encoding="utf-8").rsplit("\nSigned", 1)[0] + "\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, build_output(result)
    assert "About 2,400 km of border" in text_of(read_page(tmp_path / "site" / "index.html"))
