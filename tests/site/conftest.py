"""Fixtures of the site tests: the real site, built once per run, and the data it was built from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import build_site, load_site


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The folder of the real site, built with `mkdocs build --strict` (once per run)."""
    return build_site()


@pytest.fixture(scope="session")
def site_data():
    """The loaded data (explainer.pages.Site): what the tests expect the pages to show."""
    return load_site()
