"""The memo (explainer.memo) answers only what it was asked before with the same inputs, the running code among
them, and lives in memory only."""

from __future__ import annotations

import pytest

from explainer import memo as memo_module
from explainer.memo import Memo, code_changed, fingerprint


def test_an_answer_is_worked_out_once_for_the_same_question():
    asked: list[str] = []
    memo = Memo("key")
    assert memo.recall("page", "text", lambda: asked.append("text") or "answer") == "answer"
    assert memo.recall("page", "text", lambda: asked.append("again") or "other") == "answer"
    assert memo.recall("page", "new text", lambda: "new") == "new"
    assert asked == ["text"]


def test_an_edit_to_the_running_code_is_seen(tmp_path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "load.py").write_text("x = 1\n")
    monkeypatch.setattr(memo_module, "CODE_DIR", tmp_path)
    monkeypatch.setattr(memo_module, "RUNNING_CODE", memo_module.code_fingerprint())
    assert not code_changed()
    (tmp_path / "load.py").write_text("x = 2\n")
    assert code_changed()


def test_the_fingerprint_follows_every_input(tmp_path):
    data, code = tmp_path / "data", tmp_path / "hooks"
    (data / "sources").mkdir(parents=True)
    code.mkdir()
    (data / "people.yml").write_text("people: []\n")
    (code / "entity.md.j2").write_text("{{ entity.name }}\n")

    def current(*settings: str) -> str:
        return fingerprint(tmp_path, [data, code], *settings)

    before = current("https://example.org/")
    assert current("https://example.org/") == before
    assert current("https://example.net/") != before
    (data / "people.yml").write_text("people: [] \n")
    changed_data = current("https://example.org/")
    (code / "entity.md.j2").write_text("{{ entity.name }}!\n")
    changed_template = current("https://example.org/")
    (data / "sources" / "article.txt").write_text("text")
    added_file = current("https://example.org/")
    assert len({before, changed_data, changed_template, added_file}) == 4
