"""One file the build adds to the site: what the data makes, and where an editor changes it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    """One file the build adds to the site, and the file an editor changes to change it (None: no edit button)."""

    src_uri: str
    content: str
    edit_path: str | None
    # Where the edit button leads, when it is more than the file: an entry's own lines in the repository.
    edit_url: str | None = None
