"""What the site gives editors: the allowed values of closed fields, and a link from each page to its entry's lines."""

from __future__ import annotations

import re

from explainer.model import closed_fields
from tests.sitebuild import REPO, article_of, entity_page, html_pages, page_url, read_page, text_of


def test_the_allowed_values_page_lists_every_closed_field_and_value(site_dir):
    text = text_of(article_of(read_page(site_dir / "allowed-values" / "index.html")))
    rows = closed_fields()
    assert {field for _, field, _ in rows} >= {"verdict", "role", "kind"}
    missing = [f"{where}.{field} = {value}" for where, field, values in rows for value in values if value not in text]
    assert not missing, f"not on the Allowed values page: {missing}"


def test_the_editors_guide_links_the_allowed_values(site_dir):
    html = (site_dir / "editors" / "index.html").read_text(encoding="utf-8")
    assert 'href="../allowed-values/"' in html


def test_each_entity_page_links_the_lines_of_its_entry(site_dir, site_data):
    wrong = []
    for entity_id, kind in site_data.kind_of.items():
        html = entity_page(site_dir, kind, entity_id).read_text(encoding="utf-8")
        match = re.search(r'<a href="[^"]*/blob/main/(data/[^"#]+)#L(\d+)(?:-L(\d+))?" title="[^"]*" '
                          r'class="md-content__button', html)
        if not match:
            wrong.append(f"{entity_id}: no link to its lines")
            continue
        lines = (REPO / match.group(1)).read_text(encoding="utf-8").splitlines()
        start, end = int(match.group(2)), int(match.group(3) or len(lines))
        entry = lines[start - 1:end]
        indent = re.match(r"\s*", entry[0]).group(0)
        # Another entry of the list starts at the same indentation (a fact's own `- id:` sits deeper).
        if not re.fullmatch(rf"\s*- id: {re.escape(entity_id)}\s*", entry[0]) or \
                any(line.startswith(f"{indent}- ") for line in entry[1:]):
            wrong.append(f"{entity_id}: lines {start}-{end} of {match.group(1)} are not its entry alone")
    assert not wrong, "\n".join(wrong)


def test_no_reader_page_names_a_data_file(site_dir):
    """Issue 26: 'For editors: this page is made from its entry in data/….yml' and the like stay off reader pages
    (the pages for editors, the open data and the change log aside)."""
    for_editors = {"editors", "open-data", "change-log", "allowed-values"}
    wrong = []
    for path in html_pages(site_dir):
        url = page_url(site_dir, path)
        if url.strip("/").split("/")[0] in for_editors:
            continue
        text = text_of(article_of(read_page(path)))
        found = re.findall(r"\bdata/[\w/-]+\.(?:yml|json|txt)\b", text)
        if found:
            wrong.append(f"{url}: {sorted(set(found))}")
    assert not wrong, "reader pages that name data files:\n" + "\n".join(wrong)
