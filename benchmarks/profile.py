"""Where a build's time goes: pyinstrument on `mkdocs build --strict` of a generated explainer site.

    python -m benchmarks.profile [--size 1000] [--workdir DIR]

Writes DIR/profile-N<size>.txt and .html (the full call trees) and prints a summary: the build's phases
(data loading, the hooks' page generation, Markdown, theme templates, search, nav, ...) and the functions
with the most time of their own.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyinstrument.frame import Frame
from pyinstrument.renderers import ConsoleRenderer, HTMLRenderer
from pyinstrument.session import Session

if __package__ in (None, ""):  # run as `python benchmarks/profile.py` (make bench): import it as a package
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from benchmarks.measure import BuildFailed, environment  # noqa: E402
from benchmarks.project import Project, make_explainer_project  # noqa: E402

DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "explainer-bench"
INTERVAL = 0.005  # seconds between samples: a long build at pyinstrument's 1 ms makes a session of GBs
CORE = "/hooks/"  # the explainer's code: hooks/explainer_hooks.py and hooks/explainer/


@dataclass(frozen=True)
class Phase:
    label: str
    path_parts: tuple[str, ...]  # the frame's file path contains one of these
    functions: tuple[str, ...] = ()  # and its function is one of these (any, if empty)

    def matches(self, frame: Frame) -> bool:
        path = (frame.file_path or "").replace("\\", "/")
        return any(part in path for part in self.path_parts) and (not self.functions or frame.function in
                                                                   self.functions)


BUILD = Phase("MkDocs build()", ("mkdocs/commands/build.py",), ("build",))
PHASES = [
    Phase("Loading and validating data/ (YAML, pydantic, meaning checks)", ("explainer/load.py",),
          ("load_dataset",)),
    Phase("Site indexes (backlinks, events, glossary)", ("explainer/pages.py",), ("from_dataset",)),
    Phase("Generating pages: Jinja templates, open data", ("explainer/render.py",),
          ("_render", "data_json", "memberships_csv", "timeline_csv")),
    Phase("Adding the generated files (hook on_files)", ("explainer_hooks.py",), ("on_files",)),
    Phase("Resolving [[links]], tooltips (hook on_page_markdown)", ("explainer_hooks.py",), ("on_page_markdown",)),
    Phase("Reading page sources and front matter", ("mkdocs/structure/pages.py",), ("read_source",)),
    Phase("Markdown to HTML (Python-Markdown, extensions, link checks)", ("mkdocs/structure/pages.py",),
          ("render",)),
    Phase("Theme templates (Material's Jinja)", ("mkdocs/commands/build.py",), ("_build_template",)),
    Phase("Search index (search plugin)", ("plugins/search/", "contrib/search/")),
    Phase("Navigation", ("mkdocs/structure/nav.py",), ("get_navigation",)),
    Phase("Writing and copying files", ("mkdocs/utils/__init__.py", "mkdocs/structure/files.py"),
          ("write_file", "copy_file", "copy_static_files")),
]


@dataclass
class Profile:
    n: int
    pages: int
    total: float
    cpu: float
    build: float
    phases: list[tuple[str, float]]
    hotspots: list[tuple[str, float]]
    core: list[tuple[str, float]]
    text_path: Path
    html_path: Path

    def markdown(self) -> str:
        """The summary as Markdown: the phases, then the functions with the most time of their own."""
        rows = [("Start-up: Python, imports, config (outside build())", self.total - self.build),
                *self.phases, ("Other work inside build()", self.build - sum(seconds for _, seconds in self.phases))]
        lines = [f"Profiled `mkdocs build --strict` of the explainer at N={self.n:,} ({self.pages:,} pages) with "
                 f"pyinstrument: {self.total:.1f} s wall, {self.cpu:.1f} s CPU (the profiler adds some overhead; on a "
                 "busy machine the wall time stretches every phase alike). Full call trees: "
                 f"`{self.text_path}`, `{self.html_path}`.", "", "| Phase | Seconds | Share |", "|---|---:|---:|"]
        lines += [f"| {label} | {seconds:.2f} | {seconds / self.total:.0%} |" for label, seconds in rows]
        lines += ["", "Functions with the most time of their own (C calls they make included):", "",
                  "| Function | Seconds |", "|---|---:|"]
        lines += [f"| `{name}` | {seconds:.2f} |" for name, seconds in self.hotspots]
        lines += ["", "The core's functions, time including what they call:", "", "| Function | Seconds |",
                  "|---|---:|"]
        lines += [f"| `{name}` | {seconds:.2f} |" for name, seconds in self.core]
        return "\n".join(lines) + "\n"


def outermost(frame: Frame, phase: Phase) -> Iterator[Frame]:
    """The frames of a phase that are not inside another frame of it (so recursion is counted once)."""
    if phase.matches(frame):
        yield frame
        return
    for child in frame.children:
        yield from outermost(child, phase)


def phase_seconds(root: Frame, phase: Phase) -> float:
    return sum(frame.time for frame in outermost(root, phase))


def where(frame: Frame) -> str:
    """The frame's file, short: site-packages relative, the core from hooks/."""
    path = frame.file_path_short or "?"
    return "hooks/" + path.rsplit(CORE, 1)[1] if CORE in path else path


def self_times(root: Frame) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    stack = [root]
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        if not frame.is_synthetic:  # "[self]" and "[await]" leaves: total_self_time counts them in
            totals[f"{frame.function} ({where(frame)}:{frame.line_no or 0})"] += frame.total_self_time
    return totals


def inclusive_times(root: Frame, path_part: str) -> dict[str, float]:
    """Time spent in (and under) each function whose file path contains `path_part`, recursion counted once."""
    totals: dict[str, float] = defaultdict(float)
    stack: list[tuple[Frame, frozenset[str]]] = [(root, frozenset())]
    while stack:
        frame, open_keys = stack.pop()
        key = f"{frame.function} ({where(frame)})"
        if path_part in (frame.file_path or "") and key not in open_keys:
            totals[key] += frame.time
            open_keys = open_keys | {key}
        stack.extend((child, open_keys) for child in frame.children)
    return totals


def top(times: dict[str, float], count: int) -> list[tuple[str, float]]:
    return sorted(times.items(), key=lambda item: item[1], reverse=True)[:count]


def profile_build(project: Project, out_dir: Path, count: int = 15) -> Profile:
    """Profile one strict build of the project; write the call trees next to the pyinstrument session."""
    out_dir.mkdir(parents=True, exist_ok=True)
    n = project.generated.entity_count() if project.generated else 0
    stem = out_dir / f"profile-N{n}"
    session_path = stem.with_suffix(".pyisession")
    site_dir = out_dir / f"site-profile-N{n}"
    command = [sys.executable, "-m", "pyinstrument", "-i", str(INTERVAL), "-r", "pyisession", "-o", str(session_path),
               "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project.config), "-d", str(site_dir)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment(), check=False)
    if result.returncode:
        raise BuildFailed(f"profiled build failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    session = Session.load(session_path)
    session_path.unlink()  # hundreds of MB; the text and HTML renderings keep what matters
    pages = sum(1 for _ in site_dir.rglob("index.html"))
    shutil.rmtree(site_dir)
    root = session.root_frame()
    assert root is not None, "the profile recorded something"
    text_path, html_path = stem.with_suffix(".txt"), stem.with_suffix(".html")
    text_path.write_text(ConsoleRenderer(unicode=True, color=False, short_mode=False).render(session),
                         encoding="utf-8")
    html_path.write_text(HTMLRenderer().render(session), encoding="utf-8")
    return Profile(n, pages, root.time, session.cpu_time, phase_seconds(root, BUILD),
                   [(phase.label, phase_seconds(root, phase)) for phase in PHASES], top(self_times(root), count),
                   top(inclusive_times(root, CORE), count), text_path, html_path)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000, help="entities in the profiled site (default 1000)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    project = make_explainer_project(args.size, args.workdir / f"profile-N{args.size}", args.seed)
    print(profile_build(project, args.workdir).markdown())


if __name__ == "__main__":
    main()
