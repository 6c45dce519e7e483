"""Fixtures for the loader tests, and the served copy of the project. Site and browser fixtures live in their own
files."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from explainer.load import load_dataset
from tests.data_helpers import REAL_DATA, DataDir
from tests.serve_helpers import TIMEOUT, MkDocsServer
from tests.sitebuild import copy_project


@pytest.fixture
def make_data(tmp_path):
    """Write the minimal valid data set to a temporary folder; `files` overrides or adds files by name."""

    def make(files: dict[str, str | bytes] | None = None) -> DataDir:
        return DataDir(tmp_path, files)

    return make


@pytest.fixture
def tmp_data(make_data) -> DataDir:
    """The minimal valid data set, ready to edit."""
    return make_data()


@pytest.fixture(scope="session")
def real_dataset():
    """The real data in data/, loaded once (fails with the loader's errors if it does not load)."""
    return load_dataset(REAL_DATA)


@pytest.fixture
def server(tmp_path) -> Iterator[MkDocsServer]:
    """A real `mkdocs serve --dirty` (as `make serve` runs it) on a copy of the project, for tests that edit files
    while it runs (tests/test_serve.py, test_incremental.py, browser/test_browser_live_reload.py)."""
    project = copy_project(tmp_path / "project")
    server = MkDocsServer(project, tmp_path / "serve.log")
    try:
        server.start(TIMEOUT)
        yield server
    finally:
        server.stop()
