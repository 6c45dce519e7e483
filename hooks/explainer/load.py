"""YAML files → one validated Dataset, or every error of the run at once.

Three passes, each reporting all it finds: read (UTF-8, empty, YAML syntax), shape (the typed
model, entry by entry) and meaning (unique ids, known references, [[links]], article quotes).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from .errors import DataError, DataErrors
from .history import git
from .markup import character_problems, data_text_problems, find_links
from .model import (
    KIND_BY_KEY,
    PAGE_KINDS,
    Citation,
    Dataset,
    Fact,
    Membership,
    Node,
    Post,
    Source,
    claim_id,
    is_prose,
    references,
)
from .yaml_lines import LineDict, Refused, parse
from .yaml_messages import explain

ARTICLE_ID = "article"
LINE_BREAKS = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# Text fields that are not prose: checked by their own rules, never rendered as Markdown.
NOT_PROSE = {"id", "url", "date", "start", "end", "signed", "in_force", "founded", "ended", "as_of"}
# Fields that hold a source's own words, in whatever script it was written.
QUOTATIONS = {"quote", "translation", "official_name_ru"}
# A data file's name: it is printed on pages and in messages.
FILE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.yml")


def load_dataset(data_dir: Path) -> Dataset:
    """Load every data/*.yml file; raise DataErrors listing every problem found."""
    root = data_dir.parent
    errors: list[DataError] = []
    merged = Dataset()
    raw_ids: dict[str, tuple[str, int]] = {}
    files = sorted(data_dir.glob("*.yml"))
    # A file git has but the folder lacks was deleted: its entries would vanish from the site without a word.
    for deleted in (git(root, "ls-files", "--deleted", "--", _label(data_dir, root)) or "").splitlines():
        errors.append(DataError(deleted, 0, "", f"the file is missing (git has it): get it back with `git checkout -- "
                                f"{deleted}`, or remove it from git with `git rm {deleted}` if its entries are to go"))
    if not files:
        raise DataErrors([DataError(_label(data_dir, root), 0, "", "no .yml files found (the data lives here)")])
    for path in files:
        label = _label(path, root)
        if not FILE_NAME.fullmatch(path.name):
            errors.append(DataError(_label(path.parent, root) + "/" + ascii(path.name), 0, "",
                                    "a data file's name is lowercase letters, digits and hyphens, ending in .yml "
                                    "(such as people.yml); rename it"))
            continue
        text = _read(path, label, errors)
        if text is None:
            continue
        entries, ids, file_errors = validated(text, label)
        for key, nodes in entries.items():
            getattr(merged, key).extend(nodes)
        raw_ids.update(ids)
        errors.extend(file_errors)
    article = _read_article(data_dir, root, errors)
    if not errors:
        assign_claim_ids(merged)
        errors.extend(check_meaning(merged, article))
    if errors:
        raise DataErrors([_one_line(error) for error in errors], frozenset(raw_ids))
    return merged


# What a message never prints as it is: line breaks, and characters that a terminal would obey (escape sequences)
# or that reorder or hide text.
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]")


def _one_line(error: DataError) -> DataError:
    """Keep each error on one line, and the terminal's own, even when it quotes text with line breaks (shown as
    \\n) or escape sequences."""
    def escape(text: str) -> str:
        return UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode(), text)

    return dataclasses.replace(error, where=escape(error.where), message=escape(error.message))


def _label(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read(path: Path, label: str, errors: list[DataError]) -> str | None:
    """The file's text once it parses to a mapping (parsed() keeps what it made of it); None on an error."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        errors.append(DataError(label, line, "", f"the file is not UTF-8 text (byte 0x{data[error.start]:02x}); "
                                "save it as UTF-8 in your editor"))
        return None
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        errors.append(DataError(label, 1, "", "the file is empty; add entries (see docs/editors.md), or "
                                "get its entries back with `git checkout -- " + label + "`"))
        return None
    try:
        raw = parsed(text, label)
    except yaml.reader.ReaderError as error:
        # A control character: PyYAML gives its position in the text, not a line.
        line = text[: error.position].count("\n") + 1
        errors.append(DataError(label, line, "", f"the character U+{error.character:04X} is not allowed in a data "
                                "file; delete it"))
        return None
    except Refused as refused:
        errors.append(DataError(label, refused.line, "", refused.message))
        return None
    except yaml.YAMLError as error:
        line, column, message = explain(error, text)
        errors.append(DataError(label, line, "", message, column))
        return None
    if not isinstance(raw, LineDict):
        errors.append(DataError(label, 1, "", "the file must be a mapping of lists, such as `people:` "
                                f"followed by entries (found {_kind_of(raw)})"))
        return None
    _report_duplicate_keys(raw, "", errors)
    return text


@functools.lru_cache(maxsize=64)
def parsed(text: str, label: str) -> Any:
    """A data file's text parsed (yaml_lines.parse), once per text while serving: the result is only read."""
    return parse(text, label)


def _read_article(data_dir: Path, root: Path, errors: list[DataError]) -> str:
    path = data_dir / "sources" / "article.txt"
    if not path.is_file():
        errors.append(DataError(_label(path, root), 0, "", "the article text is missing; quotes are checked "
                                "against it"))
        return ""
    return path.read_text(encoding="utf-8")


def _report_duplicate_keys(value: Any, where: str, errors: list[DataError]) -> None:
    if isinstance(value, LineDict):
        for key, line in value.duplicate_keys:
            errors.append(DataError(value.file, line, f"{where}.{key}" if where else str(key),
                                    f"the key '{key}' is written twice in one entry; keep one"))
        for key, child in value.items():
            _report_duplicate_keys(child, f"{where}.{key}" if where else str(key), errors)
    elif isinstance(value, list):
        # Name entries as the other errors do: `eaeu.founded`, `eaeu.members[0].role`.
        top_level = where in Dataset.model_fields
        for index, child in enumerate(value):
            _report_duplicate_keys(child, _entry_name(where, index, child) if top_level else f"{where}[{index + 1}]",
                                   errors)


Validated = tuple[dict[str, list[Node]], dict[str, tuple[str, int]], list[DataError]]


# While serving, an unchanged file is validated once: the result is only read.
@functools.lru_cache(maxsize=64)
def validated(text: str, label: str) -> Validated:
    """A parsed file's entries by kind, the ids of its entries with pages, and its errors of shape."""
    merged = Dataset()
    raw_ids: dict[str, tuple[str, int]] = {}
    errors: list[DataError] = []
    _validate_file(parsed(text, label), label, merged, raw_ids, errors)
    entries = {key: list(getattr(merged, key)) for key in Dataset.model_fields if getattr(merged, key)}
    return entries, raw_ids, errors


def _validate_file(raw: LineDict, label: str, merged: Dataset, raw_ids: dict[str, tuple[str, int]],
                   errors: list[DataError]) -> None:
    for key, entries in raw.items():
        line = raw.key_lines.get(key, raw.line)
        if key not in Dataset.model_fields:
            errors.append(DataError(label, line, "", _unknown_key(key, list(Dataset.model_fields))))
            continue
        if entries is None:
            continue
        if not isinstance(entries, list):
            errors.append(DataError(label, line, str(key), f"expected a list of entries (each starting with "
                                    f"'- '), found {_kind_of(entries)}"))
            continue
        if KIND_BY_KEY[key].has_pages:
            raw_ids.update({entry["id"]: (label, entry.line) for entry in entries
                            if isinstance(entry, LineDict) and isinstance(entry.get("id"), str)})
        item_type = get_args(Dataset.model_fields[key].annotation)[0]
        adapter = TypeAdapter(item_type)
        for index, entry in enumerate(entries):
            entry_name = _entry_name(key, index, entry)
            entry_line = entry.line if isinstance(entry, LineDict) else line
            try:
                getattr(merged, key).append(adapter.validate_python(entry))
            except ValidationError as error:
                errors.extend(_translate(error, entry, entry_name, item_type, label, entry_line))


def _entry_name(kind: str, index: int, entry: Any) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"]:
        return entry["id"]
    return f"{kind}[{index + 1}]"


def _translate(error: ValidationError, entry: Any, entry_name: str, model: type, label: str,
               entry_line: int) -> Iterator[DataError]:
    """Turn pydantic's errors into one editor-readable line each."""
    for detail in error.errors(include_url=False):
        loc = detail["loc"]
        line = _line_of(entry, loc) or entry_line
        path = _path_text(loc)
        where = f"{entry_name}.{path}" if path else entry_name
        yield DataError(label, line, where, _message(detail, model, entry))


def _line_of(entry: Any, loc: tuple[Any, ...]) -> int:
    """The line of the deepest key on the path that the YAML still has."""
    line = 0
    node = entry
    for step in loc:
        if isinstance(node, LineDict):
            line = node.key_lines.get(step, node.line)
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            if isinstance(node, LineDict):
                line = node.line
        else:
            break
    return line


def _path_text(loc: tuple[Any, ...]) -> str:
    text = ""
    for step in loc:
        if isinstance(step, int):
            text += f"[{step + 1}]"
        elif not _is_internal(step):
            text += f".{step}" if text else str(step)
    return text


def _is_internal(step: str) -> bool:
    # pydantic names union branches and validator functions in its locations; editors don't need them.
    return "[" in step or step.startswith("function-")


def _message(detail: ErrorDetails, model: type, entry: Any) -> str:
    kind = detail["type"]
    # For these two kinds the last step is the key itself, even one that looks internal, such as "[".
    key = detail["loc"][-1] if detail["loc"] else ""
    parents = tuple(step for step in detail["loc"][:-1] if not (isinstance(step, str) and _is_internal(step)))
    value = detail.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(key, _known_keys(model, parents))
    if kind == "missing":
        return f"the required field '{key}' is missing; add `{key}: ...`"
    if kind in {"value_error", "assertion_error"}:
        return str(detail["ctx"]["error"]) if "ctx" in detail else detail["msg"]
    if kind == "literal_error":
        return f"{value!r} is not allowed here; use one of: {detail['ctx']['expected']}"
    if kind.endswith("_type") or kind in {"model_attributes_type", "dict_type", "list_type"}:
        return f"expected {_expected(kind)}, found {_kind_of(value)}"
    if kind == "too_short":
        return f"{detail['msg'].lower()}; add at least one"
    if kind == "string_too_short":
        return "this is empty; write something or remove the key"
    if kind == "string_pattern_mismatch":
        return f"{value!r} does not have the expected form ({detail['ctx']['pattern']})"
    return detail["msg"]


EXPECTED = {
    "string_type": "text",
    "list_type": "a list (lines starting with '- ')",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "dict_type": "a mapping (key: value lines)",
    "int_type": "a whole number",
    "bool_type": "true or false",
}


def _expected(kind: str) -> str:
    return EXPECTED.get(kind, kind.removesuffix("_type"))


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f'the text "{value}"'


def _known_keys(model: type, loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model that sits at `loc` inside `model`."""
    current: Any = model
    for step in loc:
        current = _unwrap(current)
        if isinstance(step, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and step in current.model_fields:
            current = current.model_fields[step].annotation
        else:
            return []
    current = _unwrap(current)
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def _unwrap(annotation: Any) -> Any:
    """list[X] → X, X | None → X, Annotated[X, ...] → X."""
    while get_origin(annotation) is not None or get_args(annotation):
        candidates = [arg for arg in get_args(annotation) if arg is not type(None)]
        models = [arg for arg in candidates if isinstance(arg, type) and issubclass(arg, BaseModel)]
        annotation = models[0] if models else candidates[0] if candidates else annotation
        if not get_args(annotation):
            break
    return annotation


def _unknown_key(key: Any, known: list[str]) -> str:
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
    return f"unknown key '{key}' ({hint})"


# ----- the meaning pass: everything that needs the whole dataset -----------------------------------------


@functools.lru_cache(maxsize=10_000)
def normalise_quote(text: str) -> str:
    """Compare quotes the way a reader would: curly quotes, dashes and spacing don't matter."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u2018\u2019\u201a\u201b\u2032]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u201f\u2033]", '"', text)
    text = re.sub(r"\s*[\u2010-\u2015\u2212-]\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def check_meaning(dataset: Dataset, article: str) -> list[DataError]:
    errors: list[DataError] = []
    ids = _unique_ids(dataset, errors)
    entity_kinds = {entity.id: kind.key for kind in PAGE_KINDS for entity in getattr(dataset, kind.key)}
    source_ids = {source.id for source in dataset.of(Source)}
    article_text = normalise_quote(article)
    if ARTICLE_ID not in source_ids:
        errors.append(DataError(KIND_BY_KEY["sources"].data_file, 1, "", "there is no source with id 'article'; "
                                "add the article's publisher, title and url"))
    errors.extend(_unique_claim_ids(dataset))
    errors.extend(_unique_source_urls(dataset))
    errors.extend(present_without_date(dataset))
    for where, node in iter_nodes(dataset):
        errors.extend(_check_references(where, node, entity_kinds, ids))
        errors.extend(_check_text(where, node, entity_kinds))
        if isinstance(node, Citation):
            errors.extend(_check_citation(where, node, source_ids, article_text))
    return errors


def _unique_ids(dataset: Dataset, errors: list[DataError]) -> dict[str, Node]:
    seen: dict[str, Node] = {}
    for kind in Dataset.model_fields:
        for entry in getattr(dataset, kind):
            if entry.id in seen:
                first = seen[entry.id]
                errors.append(DataError(entry._file, entry._line, entry.id,
                                        f"the id '{entry.id}' is used twice: here and at {first._file}:{first._line}; "
                                        "ids must be unique across all files, so rename the one you added"))
            else:
                seen[entry.id] = entry
    return seen


def present_without_date(dataset: Dataset) -> Iterator[DataError]:
    """An open membership or post (no `end:`) without `as_of:`."""
    for where, node in iter_nodes(dataset):
        if isinstance(node, Membership | Post) and not node.end and not node.as_of:
            what = "membership" if isinstance(node, Membership) else "post"
            yield DataError(node._file, node._line, where,
                            f"a {what} with no end is a statement about the present: add `as_of: YYYY-MM`, the month "
                            "of the newest source that shows it still holds")


def _unique_source_urls(dataset: Dataset) -> Iterator[DataError]:
    """One entry per source: two ids for one address would list it twice in a page's references."""
    seen: dict[str, Source] = {}
    for source in dataset.of(Source):
        address = re.sub(r"^https?://(www\.)?", "", source.url).rstrip("/")
        first = seen.setdefault(address, source)
        if first is not source:
            yield DataError(source._file, source._line, source.id,
                            f"the source '{source.id}' has the same address as '{first.id}' ({first._file}:"
                            f"{first._line}); cite '{first.id}' and remove this entry")


def assign_claim_ids(dataset: Dataset) -> None:
    """Give every fact written without an `id:` its derived one (model.claim_id), so pages and data.json show it."""
    for where, node in iter_nodes(dataset):
        if isinstance(node, Fact) and node.id is None:
            node.id = claim_id(owner_id(where), node.text)


def _unique_claim_ids(dataset: Dataset) -> Iterator[DataError]:
    """Each claim's link must lead to one claim: ids, given or derived, are unique across the data."""
    seen: dict[str, tuple[str, Fact]] = {}
    for where, node in iter_nodes(dataset):
        if not isinstance(node, Fact) or node.id is None:
            continue
        if node.id not in seen:
            seen[node.id] = (where, node)
            continue
        first_where, first = seen[node.id]
        given = "id" in (node._key_lines or {})
        fix = ("give one of them another `id:`" if given else
               "this fact has the same entry and text as that one (remove the repeat), or give one an `id:`")
        yield DataError(node._file, node.line_of("id") if given else node._line, f"{where}.id",
                        f"the claim id '{node.id}' is also used by {first_where} at {first._file}:{first._line}; "
                        f"{fix}")


def iter_nodes(dataset: Dataset) -> Iterator[tuple[str, Node]]:
    """Every mapping in the data, with its path such as `eaeu.members[2]` (counting from 1, as editors do)."""
    for kind in Dataset.model_fields:
        for entry in getattr(dataset, kind):
            yield from walk(entry, entry.id)


def owner_id(where: str) -> str:
    """The id of the top-level entry in a path such as `eaeu.members[2]`."""
    return re.split(r"[.\[]", where, maxsplit=1)[0]


def walk(node: Node, where: str) -> Iterator[tuple[str, Node]]:
    """`node` and every mapping inside it, with its path such as `eaeu.members[2]`."""
    yield where, node
    for name in type(node).model_fields:
        value = getattr(node, name)
        if isinstance(value, list):
            for index, child in enumerate(value):
                if isinstance(child, Node):
                    yield from walk(child, f"{where}.{name}[{index + 1}]")
        elif isinstance(value, Node):
            yield from walk(value, f"{where}.{name}")


def values(node: Node, name: str) -> list[Any]:
    """A field's value as a list: [] for None, [x] for x."""
    value = getattr(node, name)
    return value if isinstance(value, list) else [value] if value is not None else []


def _check_references(where: str, node: Node, entity_kinds: dict[str, str],
                      ids: dict[str, Node]) -> Iterator[DataError]:
    for field, ref in references(type(node)):
        for index, target in enumerate(values(node, field)):
            line = node.line_of(field, index)
            if ref.kind is None and target not in entity_kinds:
                yield DataError(node._file, line, f"{where}.{field}",
                                f"unknown id '{target}'{did_you_mean(target, entity_kinds)}; name an entry that has a "
                                f"page (its `id:`), or remove this one from {field}:")
            elif ref.kind and entity_kinds.get(target) != ref.kind:
                found = f"'{target}' is not in {ref.kind}" if target in ids else f"unknown id '{target}'"
                same_kind = [i for i, k in entity_kinds.items() if k == ref.kind]
                yield DataError(node._file, line, f"{where}.{field}",
                                f"{found}; name one of the {ref.kind} (kept in {KIND_BY_KEY[ref.kind].data_file})"
                                f"{did_you_mean(target, same_kind)}")


def did_you_mean(ref: str, known: Any) -> str:
    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_text(where: str, node: Node, entity_kinds: dict[str, str]) -> Iterator[DataError]:
    """Every text field: its [[links]] name entries, and it holds no other link, image or HTML."""
    for name in type(node).model_fields:
        for text in values(node, name):
            if not isinstance(text, str):
                continue
            for problem in text_problems(text, name in QUOTATIONS, name in NOT_PROSE, is_prose(type(node), name)):
                yield DataError(node._file, node.line_of(name), f"{where}.{name}", problem)
            if name in NOT_PROSE:
                continue
            for target in link_targets(text):
                if target not in entity_kinds:
                    yield DataError(node._file, node.line_of(name), f"{where}.{name}",
                                    f"the link [[{target}]] names no entry"
                                    f"{did_you_mean(target, entity_kinds)}; use the id of an entry with a page")


# The same texts are checked at every rebuild while serving: each is worked out once.
@functools.lru_cache(maxsize=100_000)
def text_problems(text: str, quotation: bool, not_prose: bool, prose: bool) -> tuple[str, ...]:
    """Why one text field cannot be published (its characters, its lines, its Markdown), or nothing."""
    problems = character_problems(text, quotation=quotation)
    if not_prose:
        return tuple(problems)
    if not prose and LINE_BREAKS.search(text):
        problems.append("this field is one line of text; join its lines (a name or title has no breaks)")
    return tuple(problems + data_text_problems(text))


@functools.lru_cache(maxsize=100_000)
def link_targets(text: str) -> tuple[str, ...]:
    return tuple(link.target for link in find_links(text))


def _check_citation(where: str, citation: Citation, source_ids: set[str],
                    article_text: str) -> Iterator[DataError]:
    if citation.source not in source_ids:
        yield DataError(citation._file, citation.line_of("source"), f"{where}.source",
                        f"unknown source '{citation.source}'{did_you_mean(citation.source, source_ids)}; "
                        f"add it to {KIND_BY_KEY['sources'].data_file} or use an existing id")
    elif citation.source != ARTICLE_ID and not citation.quote:
        yield DataError(citation._file, citation._line, f"{where}.source",
                        f"the citation of '{citation.source}' carries none of the source's words: add `quote:` with "
                        "the words in the source that support the statement (and `translation:` if it is not in "
                        "English), or remove the citation if the source does not say it")
    elif citation.source == ARTICLE_ID and citation.quote and normalise_quote(citation.quote) not in article_text:
        yield DataError(citation._file, citation.line_of("quote"), f"{where}.quote",
                        f"{where_quote_differs(normalise_quote(citation.quote), article_text)}; copy the words "
                        "exactly from data/sources/article.txt")


def where_quote_differs(quote: str, article: str, shown: int = 5) -> str:
    """Where a quote (normalised) parts from the article: the words that match, then the quote's next words and
    the article's."""
    words = quote.split(" ")

    def found(count: int) -> re.Match[str] | None:
        # Whole words only: "is a" is not in "is an".
        return re.search(r"(?<!\w)" + re.escape(" ".join(words[:count])) + r"(?!\w)", article)

    low, high = 0, len(words)  # the longest run of the quote's first words that the article holds
    while low < high:
        middle = (low + high + 1) // 2
        if found(middle):
            low = middle
        else:
            high = middle - 1
    match = found(low) if low else None
    if match is None:
        return f'the quote is not in the article: not even its first word ("{" ".join(words[:shown])}…")'
    following = article[match.end():].split()[:shown]
    return (f'the quote is not in the article: it matches as far as "…{" ".join(words[max(0, low - shown):low])}", '
            f'then has "{" ".join(words[low:low + shown])}" where the article has "{" ".join(following)}"')


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
