"""A safe YAML reader whose mappings remember their file and the line of each key."""

from __future__ import annotations

from typing import Any

import yaml


class LineDict(dict):
    """A YAML mapping that knows where it was written: `file`, `line` and `key_lines[key]`."""

    file: str = ""
    line: int = 0
    key_lines: dict[Any, int]
    duplicate_keys: list[tuple[Any, int]]


class LineList(list):
    """A YAML list that knows the line of each of its items: `item_lines[index]`."""

    item_lines: list[int]


# libyaml's parser is some ten times faster than PyYAML's own, which matters for thousands of entries.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(SafeLoader):  # type: ignore[misc, valid-type]
    """A safe YAML loader that builds LineDicts and keeps dates as text, at their own precision."""

    file_label = ""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A tag that cannot make its value (`!!int abc`, `!!timestamp 2022-13-45`) or an absurdly long number
        # raises plain Python errors in PyYAML; report them as YAML errors, at the value's line.
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, AttributeError):
            raise yaml.constructor.ConstructorError(
                None, None, f"this value cannot be read as {node.tag.rsplit(':', 1)[-1]}; put text in quotes",
                node.start_mark) from None

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        value = super().construct_yaml_int(node)
        if value.bit_length() > 10_000:  # about 3,000 digits: too long to print (Python's limit is 4,300)
            raise ValueError("number too long")
        return value

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.flatten_mapping(node)
        mapping = LineDict()
        mapping.file = self.file_label
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        mapping.duplicate_keys = []
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key here is a list or a mapping; keys must be plain words",
                    key_node.start_mark) from None
            if key in mapping:
                mapping.duplicate_keys.append((key, key_node.start_mark.line + 1))
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping


def construct_line_list(loader: LineLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_sequence(node))
    items.item_lines = [item.start_mark.line + 1 for item in node.value]
    return items


def _without_timestamps() -> dict:
    # "2022-12-22" must stay a string: the model keeps dates at the precision the editor wrote.
    return {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


LineLoader.yaml_implicit_resolvers = _without_timestamps()
LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_mapping)
# Lists are built in one step, like mappings, so that a list containing itself (`&a [*a]`) is a YAML error
# ("found unconstructable recursive node") instead of endless recursion later.
LineLoader.add_constructor("tag:yaml.org,2002:seq", construct_line_list)
LineLoader.add_constructor("tag:yaml.org,2002:int", LineLoader.construct_yaml_int)


# Bounded work, whatever a pull request holds: the largest file today is about 70 KB, the longest text 2,000
# characters, the deepest nesting 7.
MAX_FILE_CHARACTERS = 1_000_000
MAX_TEXT_CHARACTERS = 20_000
MAX_DEPTH = 20


class Refused(Exception):
    """A file the loader will not read any further: too large, too deep, or with aliases."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def check_bounds(text: str) -> None:
    """Refuse, before building anything, what would make the build's work grow without bound: a file or a text too
    long, lists or mappings nested too deep, and anchors and aliases (&name, *name), with which a few hundred bytes
    can stand for billions of entries. Reads YAML's events, one at a time (no recursion)."""
    if len(text) > MAX_FILE_CHARACTERS:
        raise Refused(1, f"the file is {len(text):,} characters long; a data file holds at most "
                         f"{MAX_FILE_CHARACTERS:,}: split it into files by kind, or remove what was pasted by mistake")
    depth = 0
    for event in yaml.parse(text, Loader=SafeLoader):
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise Refused(line, "anchors and aliases (&name, *name) are not allowed in a data file; write the value "
                                "out in full where it is needed")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(line, f"the lists and mappings here are nested more than {MAX_DEPTH} deep; an entry "
                                    "needs far fewer levels (see docs/editors.md for the shape of each kind)")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_TEXT_CHARACTERS:
            raise Refused(line, f"this text is {len(event.value):,} characters long; a field holds at most "
                                f"{MAX_TEXT_CHARACTERS:,}: shorten it, or remove what was pasted by mistake")


def parse(text: str, file_label: str) -> Any:
    """Parse one YAML document within the bounds of check_bounds (else Refused); yaml.YAMLError propagates with its
    mark."""
    check_bounds(text)
    loader = LineLoader(text)
    loader.file_label = file_label
    try:
        return loader.get_single_data()
    except RecursionError:
        raise yaml.YAMLError("the lists or mappings are nested too deeply") from None
    finally:
        loader.dispose()
