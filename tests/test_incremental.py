"""While serving, a rebuild renders only the pages whose inputs changed (explainer.incremental), and the preview
stays whole: every other page and the whole search index are kept, and a page that is gone is removed (issue 24)."""

from __future__ import annotations

import json
import re
import time

from explainer.incremental import Incremental
from tests.serve_helpers import TIMEOUT, MkDocsServer, wait_for, with_summary


def test_the_plan_builds_what_changed_and_everything_when_the_site_changed(tmp_path):
    outputs = {name: tmp_path / f"{name}.html" for name in ("a", "b", "c")}
    urls = {name: f"{name}/" for name in outputs}
    state = Incremental()
    assert state.plan("site", {"a": "1", "b": "1", "c": "1"}, outputs, urls) == {"a", "b", "c"}
    for path in outputs.values():
        path.write_text("x")
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"docs": [{"location": f"{name}/", "text": name} for name in outputs]}))
    state.finish(index)

    assert state.plan("site", {"a": "1", "b": "2", "c": "1"}, outputs, urls) == {"b"}
    index.write_text(json.dumps({"docs": [{"location": "b/", "text": "new b"}, {"location": "b/#x", "text": "x"}]}))
    state.finish(index)
    merged = json.loads(index.read_text())["docs"]
    assert [entry["text"] for entry in merged] == ["a", "new b", "x", "c"]

    outputs["b"].unlink()  # an output lost: built again
    assert state.plan("site", {"a": "1", "b": "2", "c": "1"}, outputs, urls) == {"b"}
    assert state.plan("other site", {"a": "1", "b": "2", "c": "1"}, outputs, urls) == {"a", "b", "c"}


def test_a_page_that_is_gone_loses_its_output_and_its_search_entries(tmp_path):
    outputs = {name: tmp_path / f"{name}.html" for name in ("a", "b")}
    state = Incremental()
    state.plan("site", {"a": "1", "b": "1"}, outputs, {"a": "a/", "b": "b/"})
    for path in outputs.values():
        path.write_text("x")
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"docs": [{"location": "a/"}, {"location": "b/"}]}))
    state.finish(index)
    state.plan("site", {"a": "2"}, {"a": outputs["a"]}, {"a": "a/"})
    index.write_text(json.dumps({"docs": [{"location": "a/"}]}))
    state.finish(index)
    assert not outputs["b"].exists() and outputs["a"].exists()
    assert json.loads(index.read_text())["docs"] == [{"location": "a/"}]


def served(server: MkDocsServer, path: str) -> str:
    """A served page without the live-reload script the server adds and the policy's hash of it (its numbers
    change at every request)."""
    page = re.sub(r"<script>(?:(?!<script>).)*livereload\(\d+, \d+\);\s*</script>", "", server.get(path)[1],
                  flags=re.S)
    return re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)


def test_a_summary_edit_rebuilds_its_pages_and_keeps_the_rest_whole(server):
    search_before = json.loads(server.get("search/search_index.json")[1])
    pages_before = {entry["location"].split("#")[0] for entry in search_before["docs"]}
    untouched_before = served(server, "glossary/")

    data = server.project / "data" / "people.yml"
    marker = f"Incremental edit {time.time_ns()}"
    data.write_text("".join(with_summary(data.read_text(encoding="utf-8").splitlines(keepends=True), "tokayev",
                                         marker)), encoding="utf-8")
    wait_for(lambda: marker in server.get("people/tokayev/")[1], TIMEOUT, "the edit on its page", server.output)
    assert re.search(r"Rebuilding \d+ of \d+ pages", server.output()), server.output()
    rebuilt = int(re.findall(r"Rebuilding (\d+) of", server.output())[-1])
    assert 0 < rebuilt < 20, f"a one-entry edit rebuilt {rebuilt} pages"
    # The people section lists the summary too; the rest of the site is as it was, its search index whole.
    assert marker in server.get("people/")[1]
    assert served(server, "glossary/") == untouched_before
    search_after = json.loads(server.get("search/search_index.json")[1])
    assert {entry["location"].split("#")[0] for entry in search_after["docs"]} == pages_before
    assert any(marker in entry["text"] for entry in search_after["docs"])
