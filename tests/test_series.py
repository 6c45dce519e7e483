"""A series (figures over time) renders as a chart with a table of its figures and their sources, on the numbers
page, on the pages of the countries it is about, and as a picture for docs/ (issue 22)."""

from __future__ import annotations

import shutil

from explainer.pages import NUMBERS_PAGE, Site
from explainer.render import outputs, page_pictures
from tests.data_helpers import REAL_DATA

FIGURES = """\
series:
  - id: test-trade
    title: Trade between Kazakhstan and Uzbekistan
    unit: US$ billion
    about: [kazakhstan, uzbekistan]
    summary: Trade grew.
    points:
      - period: "2017"
        value: 2.0
        note: Kazakhstan's count
        cite:
          - source: article
            quote: It was only in 2017
      - period: "2016"
        value: 1.5
        cite:
          - source: article
            quote: It was only in 2017
    targets:
      - value: 10
        by: "2030"
        set_on: "2024"
        text: The presidents set it.
        cite:
          - source: article
            quote: It was only in 2017
"""


def test_a_series_renders_a_chart_and_a_table_wherever_it_belongs(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    (data / "figures.yml").write_text(FIGURES, encoding="utf-8")
    site = Site.load(data)
    pages = {output.src_uri: output.content for output in outputs(site)}
    for page in (NUMBERS_PAGE, "countries/kazakhstan.md", "countries/uzbekistan.md"):
        content = pages[page]
        assert 'role="img" aria-labelledby="test-trade-title test-trade-desc"' in content, page
        assert "<desc id=\"test-trade-desc\">2016: 1.5; 2017: 2. Target: 10 by 2030.</desc>" in content, page
        # The table, in period order, each figure with its reference mark.
        assert content.index("| 2016 | 1.5[^") < content.index("| 2017 | 2[^"), page
        assert "| Kazakhstan's count |" in content
        assert "**Target: 10 (US$ billion) by 2030.** The presidents set it. (set 2024)" in content
    assert "test-trade-title" not in pages["countries/russia.md"]
    picture = page_pictures(site)["series-test-trade"]
    assert "<svg" in picture and f"]({'{up}'}" not in picture and "numbers.md#test-trade" in picture
