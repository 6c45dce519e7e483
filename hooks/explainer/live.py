"""What `mkdocs serve` keeps between rebuilds, so an editor's mistake does not take the site down.

MkDocs imports the hook file afresh on every rebuild; this module is imported once, so it remembers.
A plain `mkdocs build` never serves stale data: there, bad data always stops the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DataErrors
from .pages import Site


@dataclass
class LiveState:
    serving: bool = False
    last_good: Site | None = None
    errors: DataErrors | None = None


STATE = LiveState()


def load_site(data_dir: Path) -> Site:
    """Load the data; while serving, fall back to the last good data and remember the errors."""
    try:
        site = Site.load(data_dir)
    except DataErrors as errors:
        if not (STATE.serving and STATE.last_good):
            raise
        STATE.errors = errors
        return STATE.last_good
    # Only a server needs the last good data; a build lets it go once the pages are made.
    STATE.last_good, STATE.errors = (site if STATE.serving else None), None
    return site


def error_banner() -> str:
    """A notice on every served page while the data has errors: the same lines the terminal shows."""
    if not STATE.errors:
        return ""
    lines = "\n".join(f"    {error}" for error in STATE.errors.errors)
    return (f'!!! failure "The data has {len(STATE.errors.errors)} error(s): this page shows the last good data"\n'
            f"    Fix the file and save it; the page reloads by itself.\n\n    ```text\n{lines}\n    ```\n\n")
