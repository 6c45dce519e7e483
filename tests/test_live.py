"""The data is loaded in a child process, whose memory goes when it exits; a server keeps the last good pages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from explainer import live
from explainer.errors import DataErrors
from tests.data_helpers import REAL_DATA

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
def data_dir(tmp_path) -> Path:
    return Path(shutil.copytree(REAL_DATA, tmp_path / "data"))


def edit(data_dir: Path, old: str, new: str) -> None:
    path = data_dir / "organisations.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_pages_are_made_in_another_process(state, data_dir, monkeypatch):
    monkeypatch.setattr(live, "make_pages", make_pages_noting_the_process)
    pages = live.load_pages(data_dir)
    assert int((pages.folder / "made-by").read_text()) != os.getpid()
    assert "Uzbekistan" in (pages.folder / "countries" / "uzbekistan.md").read_text(encoding="utf-8")
    assert pages.edit_paths["countries/uzbekistan.md"] == "data/countries.yml"
    assert "uzbekistan" in pages.linker.targets


def test_errors_come_back_from_the_child_whole(state, data_dir):
    edit(data_dir, GOOD, BAD)
    with pytest.raises(DataErrors) as raised:
        live.load_pages(data_dir)
    assert [error.where for error in raised.value.errors] == ["caco.founded"]
    assert str(raised.value).startswith("1 error in the data:\ndata/organisations.yml:")
    assert not any(Path(state.workspace.name).iterdir()), "a failed load leaves no folder behind"


def test_a_server_keeps_the_last_good_pages_until_the_data_is_fixed(state, data_dir):
    state.serving = True
    good = live.load_pages(data_dir)
    edit(data_dir, GOOD, BAD)
    assert live.load_pages(data_dir) is good
    assert state.errors and good.folder.is_dir()
    edit(data_dir, BAD, GOOD)
    fixed = live.load_pages(data_dir)
    assert fixed.folder != good.folder and not good.folder.exists()
    assert state.errors is None and state.last_good is fixed


def test_a_build_keeps_nothing(state, data_dir):
    live.load_pages(data_dir)
    assert state.last_good is None
