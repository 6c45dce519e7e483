"""The data is loaded in a child process, whose memory goes when it exits; a server keeps the last good pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explainer import live
from explainer.errors import DataErrors
from tests.data_helpers import REAL_DATA, DataDir

MAKE_PAGES = live.make_pages
GOOD, BAD = 'founded: "2002-02-28"', 'founded: "2002-02-30"'


def make_pages_noting_the_process(data_dir: Path, folder: Path) -> live.Pages:
    """live.make_pages, leaving the id of the process that ran it in the folder."""
    (folder / "made-by").write_text(str(os.getpid()))
    return MAKE_PAGES(data_dir, folder)


@pytest.fixture
def state(monkeypatch):
    """A fresh LiveState for the test, as a server (or a build) starts with."""
    fresh = live.LiveState()
    monkeypatch.setattr(live, "STATE", fresh)
    yield fresh
    fresh.workspace.cleanup()


@pytest.fixture
def data(tmp_path) -> DataDir:
    """A copy of the real data: the pages need all of it (the minimal set has no treaty to render)."""
    return DataDir(tmp_path, {path.name: path.read_text(encoding="utf-8") for path in REAL_DATA.glob("*.yml")})


def test_the_pages_are_made_in_another_process(state, data, monkeypatch):
    monkeypatch.setattr(live, "make_pages", make_pages_noting_the_process)
    pages = live.load_pages(data.path)
    assert int((pages.folder / "made-by").read_text()) != os.getpid()
    assert "Uzbekistan" in (pages.folder / "countries" / "uzbekistan.md").read_text(encoding="utf-8")
    assert pages.edit_paths["countries/uzbekistan.md"] == "data/countries.yml"
    assert "uzbekistan" in pages.linker.targets


def test_errors_come_back_from_the_child_whole(state, data):
    data.edit("organisations.yml", GOOD, BAD)
    with pytest.raises(DataErrors) as raised:
        live.load_pages(data.path)
    assert [error.where for error in raised.value.errors] == ["caco.founded"]
    assert str(raised.value).startswith("1 error in the data:\ndata/organisations.yml:")
    assert not any(Path(state.workspace.name).iterdir()), "a failed load leaves no folder behind"


def test_a_server_keeps_the_last_good_pages_until_the_data_is_fixed(state, data):
    state.serving = True
    good = live.load_pages(data.path)
    data.edit("organisations.yml", GOOD, BAD)
    assert live.load_pages(data.path) is good
    assert state.errors and good.folder.is_dir()
    data.edit("organisations.yml", BAD, GOOD)
    fixed = live.load_pages(data.path)
    assert fixed.folder != good.folder and not good.folder.exists()
    assert state.errors is None and state.last_good is fixed


def test_a_build_keeps_nothing(state, data):
    live.load_pages(data.path)
    assert state.last_good is None
