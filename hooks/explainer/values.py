"""Values from the data for hand-written pages: `[[value:treaty-on-allied-relations.signed]]` in docs/ is written
by the build as "22 December 2022", so a figure or a date is typed once, in data/, and a data change reaches every
page that shows it.

A path is an entry's id, then its fields; a list's item is named by its id, country or period, or as `first` or
`latest`: `kazakhstan-uzbekistan-border.length_km`, `treaty-on-allied-relations.ratifications.uzbekistan.date`,
`kazakhstan-uzbekistan-trade.points.latest.value`. Only dates and numbers are values: words come from the page.
`[[value:…|year]]` shows a date's year alone, `|month` its month and year.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from .i18n import language
from .model import DATE_PATTERN, DatasetBase

PREFIX = "value:"
STYLES = ("year", "month")
IS_DATE = re.compile(DATE_PATTERN)
ITEM_KEYS = ("id", "country", "period")  # what names one item of a list, in this order


def values_of(dataset: DatasetBase) -> dict[str, str | float]:
    """Every date and number in the data, by its path."""
    found: dict[str, str | float] = {}
    for key in type(dataset).model_fields:
        for entry in getattr(dataset, key):
            if isinstance(getattr(entry, "id", None), str):
                _walk(entry, entry.id, found)
    return found


def _walk(node: BaseModel, path: str, found: dict[str, str | float]) -> None:
    for name in type(node).model_fields:
        _add(getattr(node, name), f"{path}.{name}", found)


def _add(value: object, path: str, found: dict[str, str | float]) -> None:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, (int, float)) or (isinstance(value, str) and IS_DATE.match(value)):
        found[path] = value
    elif isinstance(value, BaseModel):
        _walk(value, path, found)
    elif isinstance(value, list) and value and all(isinstance(item, BaseModel) for item in value):
        for item in value:
            key = next((getattr(item, name) for name in ITEM_KEYS if isinstance(getattr(item, name, None), str)), None)
            if key:
                _walk(item, f"{path}.{key}", found)
        _walk(value[0], f"{path}.first", found)
        _walk(value[-1], f"{path}.latest", found)


def shown(value: str | float, style: str | None, code: str = "en") -> str:
    """A value as a page in language `code` shows it: a date at its precision (or its year, or month), a number
    with its commas (or, in Russian, its spaces)."""
    if isinstance(value, str):
        return value[:4] if style == "year" else language(code).date(value[:7] if style == "month" else value)
    return language(code).figure(value)


def problem(path: str, style: str | None, values: dict[str, str | float]) -> str | None:
    """What is wrong with one [[value:path|style]], in an editor's words; None when nothing is."""
    if path not in values:
        near = [known for known in values if known.startswith(path.rsplit(".", 1)[0] + ".")][:6]
        hint = f" (this entry has {', '.join(near)})" if near else \
            " (start with an entry's id, then its field, such as treaty-on-allied-relations.signed)"
        return f"[[value:{path}]] names no date or number in the data{hint}"
    if style and (style not in STYLES or not isinstance(values[path], str)):
        return f"[[value:{path}|{style}]]: after | write year or month (for a date), or nothing"
    return None
