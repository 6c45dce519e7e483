"""Open data: data.json validates against the published schema; the CSV files parse and hold the data."""

from __future__ import annotations

import csv
import io
import json

import jsonschema

from explainer.model import ENTITY_KINDS, date_key


def test_data_json_validates_against_the_schema(site_dir):
    data = json.loads((site_dir / "data.json").read_text(encoding="utf-8"))
    schema = json.loads((site_dir / "schema" / "data.schema.json").read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(data), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors[:20])


def test_data_json_holds_every_entry(site_dir, site_data):
    data = json.loads((site_dir / "data.json").read_text(encoding="utf-8"))
    for kind in ENTITY_KINDS:
        expected = {entity.id for entity in getattr(site_data.dataset, kind)}
        assert expected, f"the data has no {kind}"
        assert {entry["id"] for entry in data.get(kind, [])} == expected, kind
    for kind in ("sources", "events", "checks", "eras"):
        assert {entry["id"] for entry in data.get(kind, [])} == {item.id for item in getattr(site_data.dataset, kind)}


def read_csv(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_memberships_csv(site_dir, site_data):
    rows = read_csv(site_dir / "memberships.csv")
    assert rows
    found = sorted((row["organisation"], row["country"], row["role"], row["start"], row["end"]) for row in rows)
    expected = sorted((org.id, member.country, member.role, member.start or "", member.end or "")
                      for org in site_data.dataset.organisations for member in org.members)
    assert found == expected


def test_timeline_csv(site_dir, site_data):
    rows = read_csv(site_dir / "timeline.csv")
    assert rows
    assert sorted(row["id"] for row in rows) == sorted(event.id for event in site_data.dataset.events)
    dates = {event.id: event.date for event in site_data.dataset.events}
    assert all(row["date"] == dates[row["id"]] for row in rows)
    keys = [date_key(row["date"]) for row in rows]
    assert keys == sorted(keys), "timeline.csv is not in date order"
    assert not any("[[" in row["title"] for row in rows), "titles keep [[links]]"
