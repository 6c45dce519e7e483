"""Loading the data for a build, away from MkDocs' own process, and what `mkdocs serve` keeps between rebuilds.

The data is loaded and the pages are written to a temporary folder by a short-lived child process. MkDocs gets
their paths and the small Linker, and reads each page when it builds it, as it reads docs/. The memory of the
loaded data goes back to the system when the child exits, instead of swelling the heap that MkDocs then
builds thousands of pages in (at 5,000 entities, the generated Markdown alone is some 60 MB in memory).

MkDocs imports the hook file afresh on every rebuild; this module is imported once, so it remembers.
A plain `mkdocs build` never serves stale data: there, bad data always stops the build.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataErrors
from .links import Linker
from .pages import Site
from .render import outputs


@dataclass(frozen=True)
class Pages:
    """What a build needs from the data: the generated files, and what resolves links on every page."""

    folder: Path
    edit_paths: dict[str, str]  # src_uri of each file in `folder` → the file an editor changes to change it
    linker: Linker

    def path_of(self, src_uri: str) -> str:
        return str(self.folder / src_uri)


@dataclass
class LiveState:
    serving: bool = False
    last_good: Pages | None = None
    errors: DataErrors | None = None
    # Removed with everything in it when the process exits.
    workspace: tempfile.TemporaryDirectory[str] = field(
        default_factory=lambda: tempfile.TemporaryDirectory(prefix="explainer-pages-"))


STATE = LiveState()


def make_pages(data_dir: Path, folder: Path) -> Pages:
    """Load and check the data, and write every generated file into `folder` (raises DataErrors)."""
    site = Site.load(data_dir)
    edit_paths = {}
    for output in outputs(site):
        path = folder / output.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(output.content, encoding="utf-8")
        edit_paths[output.src_uri] = output.edit_path
    return Pages(folder, edit_paths, site.linker)


# A profiler sees only its own process: benchmarks/profile.py sets this to profile the loading too.
LOAD_IN_PROCESS = "EXPLAINER_LOAD_IN_PROCESS"


def make_pages_in_child(data_dir: Path, folder: Path) -> Pages:
    """make_pages in a forked child process; its errors come back as the same DataErrors."""
    if os.environ.get(LOAD_IN_PROCESS):
        return make_pages(data_dir, folder)
    # fork, not spawn: the child starts at once with everything imported, and needs no sys.path set-up.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as child:
        return child.submit(make_pages, data_dir, folder).result()


def load_pages(data_dir: Path) -> Pages:
    """The pages of the data; while serving, fall back to the last good pages and remember the errors."""
    folder = Path(tempfile.mkdtemp(dir=STATE.workspace.name))
    try:
        pages = make_pages_in_child(data_dir, folder)
    except DataErrors as errors:
        shutil.rmtree(folder)
        if not (STATE.serving and STATE.last_good):
            raise
        STATE.errors = errors
        return STATE.last_good
    if STATE.last_good:
        shutil.rmtree(STATE.last_good.folder, ignore_errors=True)
    # Only a server needs the last good pages: a build reads these once.
    STATE.last_good, STATE.errors = (pages if STATE.serving else None), None
    return pages


def error_banner() -> str:
    """A notice on every served page while the data has errors: the same lines the terminal shows."""
    if not STATE.errors:
        return ""
    lines = "\n".join(f"    {error}" for error in STATE.errors.errors)
    return (f'!!! failure "The data has {len(STATE.errors.errors)} error(s): this page shows the last good data"\n'
            f"    Fix the file and save it; the page reloads by itself.\n\n    ```text\n{lines}\n    ```\n\n")
