"""The memo (explainer.memo) answers only what it was asked before with the same inputs, and survives bad files."""

from __future__ import annotations

from explainer.memo import Memo, fingerprint


def test_an_answer_is_worked_out_once_and_kept_for_the_next_build(tmp_path):
    path = tmp_path / "memo.pickle"
    asked: list[str] = []
    memo = Memo.open(path, "key")
    assert memo.recall("page", "text", lambda: asked.append("text") or "answer") == "answer"
    assert memo.recall("page", "text", lambda: asked.append("again") or "other") == "answer"
    memo.keep()
    again = Memo.open(path, "key")
    assert again.recall("page", "text", lambda: "other") == "answer"
    assert again.recall("page", "new text", lambda: "new") == "new"
    assert asked == ["text"]


def test_a_memo_made_for_other_inputs_or_torn_is_not_used(tmp_path):
    path = tmp_path / "memo.pickle"
    memo = Memo.open(path, "old key")
    memo.recall("page", "text", lambda: "old answer")
    memo.keep()
    assert Memo.open(path, "new key").recall("page", "text", lambda: "new answer") == "new answer"
    path.write_bytes(path.read_bytes()[:20])
    assert Memo.open(path, "old key").recall("page", "text", lambda: "worked out") == "worked out"


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
