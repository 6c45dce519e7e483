"""Fixtures for the loader tests. Site and browser fixtures live in their own files."""

from __future__ import annotations

import pytest

from explainer.load import load_dataset
from tests.data_helpers import REAL_DATA, DataDir


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
