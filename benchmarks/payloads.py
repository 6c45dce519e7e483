"""Hostile payloads against the real build (issue 23): each is put into a copy of the project, which is built with
`mkdocs build --strict`; prints a Markdown table of what happened and how long it took. Not part of `make test`
(about 60 builds); run it with `.venv/bin/python benchmarks/payloads.py`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "hooks")]

from tests.sitebuild import copy_project  # noqa: E402

Edit = Callable[[Path], None]
XSS = "<script>alert(1)</script>"


def field(file: str, key: str, value: str, nth: int = 0) -> Edit:
    """Set the `nth` `key:` line of data/`file` to `value` (JSON-quoted, so any character can be written)."""
    def edit(project: Path) -> None:
        path = project / "data" / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        i = [i for i, line in enumerate(lines) if re.match(rf"\s*(- )?{key}:", line)][nth]
        prefix, old = lines[i].split(f"{key}:", 1)
        indent = len(lines[i]) - len(lines[i].lstrip(" -"))
        end = i + 1  # a block scalar's or a list's lines go with it
        while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
            end += 1
        text = json.dumps(value)
        listed = old.strip().startswith("[") or (end > i + 1 and lines[i + 1].lstrip().startswith("- "))
        lines[i:end] = [f"{prefix}{key}: {'[' + text + ']' if listed else text}\n"]
        path.write_text("".join(lines), encoding="utf-8")
    return edit


def write(relative: str, content: str) -> Edit:
    def edit(project: Path) -> None:
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(content, encoding="utf-8")
    return edit


def geo(change: Callable[[dict], None], name: str = "central-asia.json") -> Edit:
    def edit(project: Path) -> None:
        path = project / "data" / "geo" / name
        raw = json.loads(path.read_text(encoding="utf-8"))
        change(raw)
        path.write_text(json.dumps(raw), encoding="utf-8")
    return edit


LAUGHS = "concepts:\n" + "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
PAYLOADS: list[tuple[str, Edit]] = [
    ("treaty name: script", field("treaty.yml", "name", XSS)),
    ("treaty official_name: attribute list", field("treaty.yml", "official_name", 'T { onclick="x()" }')),
    ("treaty place: bidi override", field("treaty.yml", "place", "Tashkent\u202egnp")),
    ("agreement name: link with attrs", field("agreements.yml", "name", '[[eaeu]]{ href="https://evil.example" }')),
    ("agreement summary: javascript link", field("agreements.yml", "summary", "[x](javascript:alert(1))")),
    ("agreement summary: footnote", field("agreements.yml", "summary", "Made up.[^1]\n\n[^1]: claim")),
    ("organisation name: multi-line + abbr", field("organisations.yml", "name", "CIS\n\n*[the]: x")),
    ("organisation summary: style overlay", field("organisations.yml", "summary", 'x { style="position:fixed" }')),
    ("organisation abbreviation: html", field("organisations.yml", "abbreviations", "<b>")),
    ("organisation members role: bad", field("organisations.yml", "role", XSS)),
    ("person name: NUL", field("people.yml", "name", "Tokayev\x00")),
    ("person summary: raw img", field("people.yml", "summary", "<img src=x onerror=alert(1)>")),
    ("person post title: script", field("people.yml", "title", XSS)),
    ("person alias: zero width", field("people.yml", "aliases", "Tok\u200bayev")),
    ("country name: meta refresh", field("countries.yml", "name", '<meta http-equiv="refresh" content="0">')),
    ("country capital: newline", field("countries.yml", "capital", "Astana\nx")),
    ("country summary: autolink", field("countries.yml", "summary", "<javascript:alert(1)>")),
    ("concept in_text: entity js", field("concepts.yml", "name", "&#106;avascript:alert(1)")),
    ("concept summary: abbreviation def", field("concepts.yml", "summary", "x\n\n*[Uzbekistan]: made up")),
    ("concept summary: ref def in list", field("concepts.yml", "summary", "- a\n\n    [x]: javascript:x")),
    ("place name: svg break-out", field("places.yml", "name", '"/></svg><script>alert(1)</script>')),
    ("route summary: image", field("routes.yml", "summary", "![i](https://evil.example/p.png)")),
    ("source title: script", field("sources.yml", "title", XSS)),
    ("source publisher: terminal escape", field("sources.yml", "publisher", "X\x1b]0;owned\x07")),
    ("source url: javascript", field("sources.yml", "url", "javascript:alert(1)")),
    ("source note: html", field("sources.yml", "note", "<iframe src=x>")),
    ("event title: link attrs", field("timeline.yml", "title", '[[eaeu]]{: .x }')),
    ("era title: newline", field("timeline.yml", "title", "A\nB", nth=0)),
    ("check title: script", field("checks.yml", "title", XSS)),
    ("check record_shows: admonition", field("checks.yml", "record_shows", "!!! danger\n    hacked")),
    ("term means: style attr", field("glossary.yml", "means", "x {: style='display:none' }")),
    ("term term: bidi isolate", field("glossary.yml", "term", "Majilis\u2066")),
    ("citation quote: script", field("people.yml", "quote", XSS)),
    ("citation note: data url", field("treaty.yml", "note", "<a href='data:text/html,x'>x</a>")),
    ("fact text: [[ flood", field("treaty.yml", "text", "[[" * 9000)),
    ("summary: 40,000 [[", field("people.yml", "summary", "[[" * 20000)),
    ("summary: 100,000 nested [", field("people.yml", "summary", "[" * 100000 + "]" * 100000)),
    ("YAML: billion laughs", write("data/concepts.yml", LAUGHS)),
    ("YAML: alias amplification", write("data/concepts.yml", "x: &x " + json.dumps("y" * 100000) + "\nconcepts:\n"
                                        + "".join("  - *x\n" for _ in range(100)))),
    ("YAML: 100,000 nested [", write("data/concepts.yml", "concepts: " + "[" * 100000 + "]" * 100000 + "\n")),
    ("YAML: 2 MB paste", write("data/concepts.yml", "concepts:\n# " + "x" * 2_000_000 + "\n")),
    ("YAML: python tag", write("data/concepts.yml", "concepts: !!python/object/apply:os.system ['id']\n")),
    ("file name: meta refresh", write("data/<meta http-equiv=refresh content=1;url=https:evil.example>.yml",
                                      "concepts:\n")),
    ("file name: backtick script", write("data/`<script>alert(1)<`script>.yml", "concepts:\n")),
    ("geo id: break-out", geo(lambda raw: raw["countries"][0].update(id='afghanistan"/></svg><script>x</script>'))),
    ("geo name: script", geo(lambda raw: raw["countries"][0].update(name=XSS))),
    ("geo ring: string", geo(lambda raw: raw["countries"][0]["rings"][0].__setitem__(0, ['1"/>', 2]))),
    ("geo drawn path: script", geo(lambda raw: raw["scales"][0]["outlines"].__setitem__(
        next(iter(raw["scales"][0]["outlines"])), ['M0 0"/><script>x</script>', None]), "drawn.json")),
    ("geo: deep JSON", write("data/geo/central-asia.json", "[" * 100000 + "]" * 100000)),
    ("docs front matter: title \\x3cscript", write("docs/a.md", '---\ntitle: "\\x3cscript>alert(1)\\x3c/script>"\n'
                                                   "---\n# A\n")),
    ("docs front matter: description meta", write("docs/a.md", '---\ndescription: "\\x22>\\x3cmeta http-equiv='
                                                  '\\x22refresh\\x22 content=\\x220\\x22>"\n---\n# A\n')),
    ("docs body: escaped backtick script", write("docs/a.md", "# A\n\n\\`</article><script>alert(1)</script>\\`\n")),
    ("docs body: a/href javascript", write("docs/a.md", '# A\n\n<a/href="javascript:alert(1)">x</a>\n')),
    ("docs body: meta refresh", write("docs/a.md", '# A\n\n<meta http-equiv="refresh" content="0;url=/x">\n')),
    ("docs body: style element", write("docs/a.md", "# A\n\n<style>body{display:none}</style>\n")),
    ("docs body: style attribute", write("docs/a.md", '# A\n\n<p style="position:fixed;inset:0">x</p>\n')),
    ("docs body: base", write("docs/a.md", '# A\n\n<base href="https://evil.example/">\n')),
    ("docs body: form to another host", write("docs/a.md", '# A\n\n<form action="https://evil.example"></form>\n')),
    ("docs body: undeclared link", write("docs/a.md", "# A\n\n[x](https://undeclared.example/)\n")),
    ("docs body: svg xlink javascript", write("docs/a.md", '# A\n\n<svg><a xlink:href="javascript:x"><text>x</text>'
                                                          "</a></svg>\n")),
]


def run(name: str, edit: Edit, base: Path) -> tuple[str, float, str]:
    project = copy_project(base / "project")
    edit(project)
    start = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(base / "site")],
                                cwd=project, capture_output=True, text=True, timeout=300,
                                env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired:
        return "HUNG (over 300 s)", time.perf_counter() - start, ""
    seconds = time.perf_counter() - start
    output = result.stdout + result.stderr
    if "Traceback" in output or result.returncode < 0:
        return f"CRASH (exit {result.returncode})", seconds, output[-300:]
    if result.returncode != 0:
        lines = [line.removeprefix("ERROR   -  ").strip() for line in output.splitlines()]
        first = next((line for line in lines if re.match(r"^(data|docs)/|^[\w/.-]+\.html:|^<", line)), lines[-1])
        return "refused", seconds, first.strip()
    pages = " ".join(path.read_text(encoding="utf-8", errors="replace") for path in (base / "site").rglob("*.html"))
    executed = "<script>alert" in pages or 'http-equiv="refresh"' in pages
    return ("BUILT WITH PAYLOAD" if executed else "built, inert (shown as text)"), seconds, ""


def main() -> None:
    print("| # | Payload | Outcome | Time (s) | First line of the message |\n|---|---|---|---|---|")
    for number, (name, edit) in enumerate(PAYLOADS, 1):
        with tempfile.TemporaryDirectory() as base:
            outcome, seconds, message = run(name, edit, Path(base))
        message = message.replace("|", "\\|").replace("`", "'")[:150]
        print(f"| {number} | {name} | {outcome} | {seconds:.1f} | {message} |", flush=True)


if __name__ == "__main__":
    main()
