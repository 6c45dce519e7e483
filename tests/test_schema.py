"""The JSON Schema that editors' tools read is the one the model generates, and every data file names it."""

import json
from pathlib import Path

from explainer.model import json_schema

ROOT = Path(__file__).parents[1]
SCHEMA = ROOT / "schema" / "data.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/data.schema.json"


def test_committed_schema_is_the_generated_one():
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == json_schema(), (
        "schema/data.schema.json is stale: run `make schema` and commit it"
    )


def test_every_data_file_points_editors_at_the_schema():
    files = sorted((ROOT / "data").glob("*.yml"))
    assert files
    for path in files:
        assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE, path.name


def test_schema_describes_every_kind_of_entry():
    properties = json_schema()["properties"]
    for kind in ["sources", "treaties", "agreements", "organisations", "people", "countries", "concepts",
                 "eras", "events", "checks"]:
        assert kind in properties
