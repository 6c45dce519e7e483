"""Statements about the present and when they were last checked (`as_of:`), for `make review`.

A membership or a post with no end is a statement about the present: the loader refuses one that does not say when
it was last checked (load.present_without_date). `make review` lists those checked more than a year ago, so that an
editor looks again.
"""

from __future__ import annotations

from datetime import date

from .errors import DataError
from .load import iter_nodes, present_without_date
from .model import Dataset, Node, date_key


def months_since(checked: str, today: date) -> int:
    year, month, _ = date_key(checked)
    return (today.year - year) * 12 + today.month - (month or 12)


def to_review(dataset: Dataset, today: date, months: int = 12) -> list[DataError]:
    """Every statement about the present checked more than `months` months before `today`, and every open membership
    or post that says nothing of when it was checked; one line each, file:line first."""
    found = list(present_without_date(dataset))
    for where, node in iter_nodes(dataset):
        checked: str | None = getattr(node, "as_of", None)
        if checked and months_since(checked, today) > months:
            found.append(DataError(node._file, _line(node), where,
                                   f"checked as of {checked}, {months_since(checked, today)} months ago: check it "
                                   "again and update `as_of:` (or give it an `end:`)"))
    return sorted(found)


def _line(node: Node) -> int:
    return node.line_of("as_of")
