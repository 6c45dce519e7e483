"""Whatever an editor writes, the loader answers with a Dataset or with `file:line: ...` errors, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.errors import DataErrors
from explainer.model import ENTITY_KINDS, Dataset
from tests.data_helpers import ERROR_LINE, MINIMAL_FILES, DataDir

FIELD_NAMES = sorted({name for model in [Dataset, *ENTITY_KINDS.values()] for name in model.model_fields}
                     | {"quote", "source", "note", "start", "end", "country", "role", "title", "date", "text",
                        "verdict", "about", "article_says", "record_shows", "kind", "url", "publisher"})
IDS = ["article", "eaeu", "uzbekistan", "karimov", "som-convertibility", "kun-eaeu-observer-2020", "nope", "EAEU"]
TEXTS = ["[[eaeu]]", "[[eaeu|the EAEU]]", "[[nope]]", "[[ ]]", "[[", "while Uzbekistan is an observer",
         "2022-12-22", "1994", "2015-13-01", "2015-02-31", "2022-12", "observer", "member", "https://x.org", ""]

texts = st.sampled_from(IDS + TEXTS) | st.text(max_size=20) | st.builds("{} [[{}]]".format, st.text(max_size=5),
                                                                        st.sampled_from(IDS))
keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=8)
scalars = st.none() | st.booleans() | st.integers() | st.floats() | texts
shapes = st.recursive(scalars, lambda children: st.lists(children, max_size=4)
                      | st.dictionaries(keys, children, max_size=5), max_leaves=25)
entry = st.dictionaries(keys, shapes, max_size=8)
# Mostly well-formed files (known kinds holding lists of entries), so that the model is reached.
data_file = (st.dictionaries(st.sampled_from(list(Dataset.model_fields)), st.lists(entry, max_size=3), max_size=3)
             | st.dictionaries(keys, shapes, max_size=3) | shapes)

RAW_SNIPPETS = [
    "concepts:\n  - id: a\n   name: b\n",  # broken indentation
    "concepts:\n\t- id: a\n",  # a tab
    "concepts:\n  - id: a\n    summary: text: with a colon\n",
    "concepts: [unclosed\n", "---\n...\n---\n", "&a [*a]\n", "concepts: &a [*a]\n", "concepts: !!int x\n",
    "? [a]\n: b\n", "<<: *undefined\n", "concepts:\n  - {id: a, id: b}\n", "\ufeffconcepts: []\n",
    "concepts: [" * 700 + "]" * 700 + "\n", "organisations:\n  - founded: 1" + "0" * 5000 + "\n",
    "concepts:\r  - id: a\r", "concepts: \x07\n",
]
raw_file = (st.sampled_from(RAW_SNIPPETS) | st.text(max_size=80)
            | st.binary(max_size=60).map(lambda raw: b"concepts:\n  - id: " + raw + b"\n"))


def slots(node: object) -> list[tuple[dict | list, object]]:
    """Every (container, key or index) inside a parsed YAML document."""
    found: list[tuple[dict | list, object]] = []
    if isinstance(node, dict | list):
        for slot, child in node.items() if isinstance(node, dict) else enumerate(node):
            found += [(node, slot), *slots(child)]
    return found


def mutate(data: st.DataObject, document: object, gentle: bool) -> None:
    """Change one value inside a parsed file. Gently: text becomes other text, which passes the shape checks
    and reaches the meaning pass (ids, links, quotes); otherwise anything is replaced, dropped or added."""
    if gentle:
        choices = [(container, slot) for container, slot in slots(document) if isinstance(container[slot], str)]
        container, slot = data.draw(st.sampled_from(choices))
        container[slot] = data.draw(texts)
        return
    places = slots(document)
    container, slot = data.draw(st.sampled_from(places)) if places else (document, None)
    action = data.draw(st.sampled_from(["replace", "drop", "add"])) if places else "add"
    if action == "replace":
        container[slot] = data.draw(shapes)
    elif action == "drop":
        del container[slot]
    elif isinstance(container, dict):
        container[data.draw(keys)] = data.draw(shapes)
    else:
        container.append(data.draw(shapes))


@st.composite
def data_sets(draw) -> dict[str, str | bytes]:
    """The minimal data set with some files changed; unless gentle, extra files of any shape or bytes."""
    files: dict[str, str | bytes] = {}
    data = draw(st.data())
    gentle = draw(st.booleans())
    for name in draw(st.lists(st.sampled_from([n for n in MINIMAL_FILES if n != "sources.yml"]), unique=True,
                              min_size=1, max_size=3)):
        document = yaml.safe_load(MINIMAL_FILES[name])
        for _ in range(draw(st.integers(1, 3))):
            mutate(data, document, gentle)
        files[name] = yaml.safe_dump(document, allow_unicode=draw(st.booleans()), sort_keys=False)
    for index in range(0 if gentle else draw(st.integers(0, 2))):
        files[f"extra-{index}.yml"] = draw(data_file.map(lambda shape: yaml.safe_dump(shape, allow_unicode=True))
                                           | raw_file)
    return files


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=data_sets())
def test_loader_returns_a_dataset_or_data_errors(files):
    with tempfile.TemporaryDirectory() as folder:
        data = DataDir(Path(folder), files)
        try:
            dataset = data.load()
        except DataErrors as errors:
            report = str(errors).splitlines()
            assert report[0].endswith("in the data:")
            assert len(report) == len(errors.errors) + 1 > 1
            bad = [line for line in report[1:] if not ERROR_LINE.match(line)]
            assert not bad, bad
        else:
            assert isinstance(dataset, Dataset)
