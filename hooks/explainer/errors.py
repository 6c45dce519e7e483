"""Data errors that an editor can act on without reading Python."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One problem, printed as `data/file.yml:LINE: entry.field: what is wrong (how to fix it)`."""

    file: str
    line: int
    where: str
    message: str
    column: int | None = None

    def __str__(self) -> str:
        position = f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{position}: {self.where}: {self.message}" if self.where else f"{position}: {self.message}"


# What a terminal or a page shows of a long list of errors: the first ones, then how many more in each file.
SHOWN_ERRORS = 20


def shown_lines(errors: list[DataError], limit: int = SHOWN_ERRORS) -> list[str]:
    """Up to `limit` errors, one line each, grouped by file (they sort by file), then "… and N more" per file."""
    ordered = sorted(set(errors))
    lines = [str(error) for error in ordered[:limit]]
    rest: dict[str, int] = {}
    for error in ordered[limit:]:
        rest[error.file] = rest.get(error.file, 0) + 1
    if rest:
        lines.append("… and " + ", ".join(f"{count} more in {file}" for file, count in rest.items()))
    return lines


class DataErrors(Exception):
    """Every error of one load, reported together, one line each; with the ids of the entries with pages that the
    files name (`page_ids`), so that docs/ can be checked against the data being built, broken as it is."""

    def __init__(self, errors: list[DataError], page_ids: frozenset[str] | None = None) -> None:
        self.errors = sorted(set(errors))
        self.page_ids = page_ids
        count = len(self.errors)
        lines = "\n".join(str(error) for error in self.errors)
        super().__init__(f"{count} error{'s' if count != 1 else ''} in the data:\n{lines}")
