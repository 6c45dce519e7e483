"""One file the build adds to the site: what the data makes, and what the memo keeps between builds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    """One file the build adds to the site, and the file an editor changes to change it (None: no edit button)."""

    src_uri: str
    content: str
    edit_path: str | None
