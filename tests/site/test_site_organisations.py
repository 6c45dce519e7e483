"""The country × organisation membership matrix on organisations/, read as a table."""

from __future__ import annotations

import pytest

from tests.sitebuild import article_of, entity_page, entity_urls, linked_entities, read_page, section_of


@pytest.fixture(scope="module")
def matrix(site_dir, site_data) -> dict[tuple[str, str], str]:
    """(country id, organisation id) → the cell's text, from the table whose first header is "Country"."""
    path = site_dir / "organisations" / "index.html"
    urls = entity_urls(site_data)
    tables = [table for table in article_of(read_page(path)).iter("table")
              if (first := table.find("th")) is not None and first.text == "Country"]
    assert len(tables) == 1, f"expected one membership table on organisations/, found {len(tables)}"
    table = tables[0]
    header = table.find("thead").find("tr").find_all("th")
    columns = []
    for cell in header[1:]:
        linked = linked_entities(site_dir, path, cell, urls)
        assert len(linked) == 1, f"header cell {cell.text!r} should link to one organisation"
        columns.append(linked[0])
    cells = {}
    for row in table.find("tbody").find_all("tr"):
        row_cells = row.find_all("td")
        country = linked_entities(site_dir, path, row_cells[0], urls)
        assert len(country) == 1, f"row {row_cells[0].text!r} should start with a link to one country"
        assert len(row_cells) == len(columns) + 1, f"row {country[0]} has {len(row_cells)} cells"
        for org_id, cell in zip(columns, row_cells[1:], strict=True):
            cells[country[0], org_id] = cell.text
    return cells


def test_matrix_has_every_organisation_and_member_country(matrix, site_data):
    organisations = {org.id for org in site_data.dataset.organisations if org.members}
    countries = {member.country for org in site_data.dataset.organisations for member in org.members}
    assert {org for _, org in matrix} == organisations
    assert {country for country, _ in matrix} == countries
    assert site_data.kind_of.keys() >= countries


def test_known_cells_uzbekistan(matrix):
    eaeu = matrix["uzbekistan", "eaeu"]
    assert "Observer" in eaeu and "since 2020" in eaeu, eaeu
    eurasec = matrix["uzbekistan", "eurasec"]
    assert "Suspended" in eurasec and "2006–2008" in eurasec, eurasec


def test_every_cell_matches_the_data(matrix, site_data):
    """Each membership shows its role and start year in its cell; a country with no membership has an empty cell."""
    wrong = []
    for org in site_data.dataset.organisations:
        members = {member.country for member in org.members}
        for (country, org_id), text in matrix.items():
            if org_id == org.id and country not in members and text:
                wrong.append(f"{country} × {org.id}: {text!r}, but the data has no membership")
        for member in org.members:
            text = matrix[member.country, org.id]
            role = member.role.capitalize()
            if role not in text:
                wrong.append(f"{member.country} × {org.id}: {text!r} lacks {role!r}")
            for date in (member.start, member.end):
                if date and date[:4] not in text:
                    wrong.append(f"{member.country} × {org.id}: {text!r} lacks the year {date[:4]}")
    assert not wrong, "\n".join(wrong)


def test_each_country_page_says_where_it_belongs_today(site_dir, site_data):
    """"Memberships today" names every organisation still in being: a cited role, or none recorded."""
    urls = entity_urls(site_data)
    in_being = {org.id for org in site_data.dataset.organisations if not org.ended}
    wrong = []
    for country in site_data.dataset.countries:
        path = entity_page(site_dir, "countries", country.id)
        section = section_of(article_of(read_page(path)), "memberships-today")
        named = {entity for element in section for entity in linked_entities(site_dir, path, element, urls)}
        if in_being - named:
            wrong.append(f"{country.id}: says nothing of {sorted(in_being - named)}")
        current = {org.id for org in site_data.dataset.organisations if not org.ended
                   for member in org.members if member.country == country.id and not member.end}
        cited = section[0].text if current and section else ""
        if current and not (section[0].find("sup") is not None and all(
                site_data.entity_by_id[org_id].name in cited for org_id in current)):
            wrong.append(f"{country.id}: its current roles {sorted(current)} are not all named with citations")
    assert not wrong, "\n".join(wrong)
