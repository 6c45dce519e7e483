"""The benchmark's results as Markdown tables, the targets it checks, and benchmarks/results.md.

Every time is reported twice: wall time (what the targets name) and CPU time (user + system of the build
process), which a busy shared machine disturbs far less. A target is judged on each.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import os
import platform
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.measure import Build
from benchmarks.rebuild import Rebuild

if TYPE_CHECKING:  # pyinstrument comes with `make bench` only; the tests import this module
    from benchmarks.profile import Profile

FINDINGS = Path(__file__).with_name("findings.md")
RATIO_TARGET = 1.05
GROWTH_TARGET = 1.1
MEMORY_TARGET_MB = 500
GROWTH_SIZES = (1000, 5000)
CLOCKS = {"wall": "seconds", "cpu": "cpu_seconds"}  # clock → Build attribute
VERSIONS = {"MkDocs": "mkdocs", "Material": "mkdocs-material", "Python-Markdown": "markdown", "pydantic": "pydantic",
            "PyYAML": "pyyaml"}
VERDICTS = {True: "**met**", False: "**not met**", None: "not measured"}


@dataclass
class SizeResult:
    """Every build of one size, explainer and baseline, as they ran."""

    n: int
    pages: int
    explainer: list[Build] = field(default_factory=list)
    baseline: list[Build] = field(default_factory=list)

    def seconds(self, variant: str, clock: str = "wall") -> float:
        """The median build time of "explainer" or "baseline" on the "wall" or "cpu" clock."""
        builds: list[Build] = getattr(self, variant)
        return statistics.median(getattr(build, CLOCKS[clock]) for build in builds)

    def ratio(self, clock: str = "wall") -> float:
        return self.seconds("explainer", clock) / self.seconds("baseline", clock)

    def best_ratio(self) -> float:
        """Fastest explainer build / fastest baseline build: other jobs only ever add time, so this is the steadier."""
        return min(build.seconds for build in self.explainer) / min(build.seconds for build in self.baseline)

    def ms_per_page(self, variant: str = "explainer", clock: str = "wall") -> float:
        return self.seconds(variant, clock) / self.pages * 1000

    def peak_mb(self, variant: str) -> float:
        builds: list[Build] = getattr(self, variant)
        return max(build.peak_mb for build in builds)


@dataclass
class Results:
    repeats: int
    warmup: int
    seed: int
    core: str  # the commit measured
    sizes: list[SizeResult] = field(default_factory=list)
    rebuild: tuple[int, Rebuild] | None = None
    baseline_rebuild: Rebuild | None = None  # the same loop on the baseline, its static page edited
    profile: Profile | None = None
    complete: bool = False

    def size(self, n: int) -> SizeResult | None:
        return next((result for result in self.sizes if result.n == n), None)


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows]) + "\n"


def builds_table(results: Results) -> str:
    """The table the issue asks for, on the wall clock."""
    header = ["N", "Pages", "Explainer median s", "Baseline median s", "Ratio", "Ratio of fastest builds",
              "ms/page (explainer)", "ms/page (baseline)", "Peak MB explainer", "Peak MB baseline"]
    return table(header, [[f"{r.n:,}", f"{r.pages:,}", f"{r.seconds('explainer'):.2f}", f"{r.seconds('baseline'):.2f}",
                           f"{r.ratio():.2f}", f"{r.best_ratio():.2f}", f"{r.ms_per_page():.1f}",
                           f"{r.ms_per_page('baseline'):.1f}", f"{r.peak_mb('explainer'):.0f}",
                           f"{r.peak_mb('baseline'):.0f}"] for r in results.sizes])


def cpu_table(results: Results) -> str:
    header = ["N", "Explainer CPU s", "Baseline CPU s", "CPU ratio", "CPU ms/page (explainer)",
              "CPU ms/page (baseline)"]
    return table(header, [[f"{r.n:,}", f"{r.seconds('explainer', 'cpu'):.2f}", f"{r.seconds('baseline', 'cpu'):.2f}",
                           f"{r.ratio('cpu'):.2f}", f"{r.ms_per_page('explainer', 'cpu'):.1f}",
                           f"{r.ms_per_page('baseline', 'cpu'):.1f}"] for r in results.sizes])


def rebuild_table(results: Results) -> str:
    if not results.rebuild:
        return "Not measured in this run.\n"
    n, explainer_rebuild = results.rebuild
    full = results.size(n)
    rows = []
    for project, rebuild in (("explainer", explainer_rebuild), ("baseline", results.baseline_rebuild)):
        if rebuild is None:
            continue
        for clock, edits in (("wall", rebuild.edit_seconds), ("cpu", rebuild.edit_cpu_seconds)):
            median = statistics.median(edits)
            full_seconds = full.seconds(project, clock) if full else None
            full_text, ratio = (f"{full_seconds:.2f}", f"{median / full_seconds:.2f}") if full_seconds else ("–", "–")
            first = f"{rebuild.first_serve_seconds:.2f}" if clock == "wall" else "–"
            rows.append([f"{n:,}", project, clock, first, f"{median:.2f} ({', '.join(f'{s:.2f}' for s in edits)})",
                         full_text, ratio])
    return table(["N", "Project", "Clock", "`mkdocs serve` until first served, s", "Edit until served, median s (each)",
                  "Full build median s", "Rebuild / full build"], rows)


def targets(results: Results) -> list[tuple[str, str, bool | None, bool | None]]:
    """(target, what was measured, met on the wall clock?, met on CPU time?); None where not measured."""
    return [_ratio_target(results), _growth_target(results), _memory_target(results), _rebuild_target(results)]


def _ratio_target(results: Results) -> tuple[str, str, bool | None, bool | None]:
    label = f"Explainer build ≤ {RATIO_TARGET}× baseline at every N"
    if not results.sizes:
        return label, "not measured", None, None
    measured = "; ".join(f"{r.n:,}: {r.ratio():.2f}× wall, {r.ratio('cpu'):.2f}× CPU" for r in results.sizes)
    return (label, measured, all(r.ratio() <= RATIO_TARGET for r in results.sizes),
            all(r.ratio("cpu") <= RATIO_TARGET for r in results.sizes))


def _growth_target(results: Results) -> tuple[str, str, bool | None, bool | None]:
    small, large = (results.size(n) for n in GROWTH_SIZES)
    label = f"ms/page grows ≤ {GROWTH_TARGET}× from {GROWTH_SIZES[0]:,} to {GROWTH_SIZES[1]:,}"
    if not small or not large:
        return label, "not measured (needs both sizes)", None, None

    def growth(variant: str, clock: str) -> float:
        return large.ms_per_page(variant, clock) / small.ms_per_page(variant, clock)

    measured = "; ".join(f"{clock}: {small.ms_per_page('explainer', clock):.1f} → "
                         f"{large.ms_per_page('explainer', clock):.1f} ms/page = {growth('explainer', clock):.2f}× "
                         f"(baseline {growth('baseline', clock):.2f}×)" for clock in CLOCKS)
    return label, measured, growth("explainer", "wall") <= GROWTH_TARGET, growth("explainer", "cpu") <= GROWTH_TARGET


def _memory_target(results: Results) -> tuple[str, str, bool | None, bool | None]:
    large = results.size(GROWTH_SIZES[1])
    label = f"Peak memory ≤ {MEMORY_TARGET_MB} MB at {GROWTH_SIZES[1]:,}"
    if not large:
        return label, "not measured", None, None
    met = large.peak_mb("explainer") <= MEMORY_TARGET_MB
    return label, f"{large.peak_mb('explainer'):.0f} MB (baseline {large.peak_mb('baseline'):.0f} MB)", met, met


def _rebuild_target(results: Results) -> tuple[str, str, bool | None, bool | None]:
    label = "Rebuild after a one-file data edit ≤ a full build at the same N"
    full = results.size(results.rebuild[0]) if results.rebuild else None
    if not results.rebuild or not full:
        return label, "not measured", None, None
    n, rebuild = results.rebuild
    wall, cpu = statistics.median(rebuild.edit_seconds), statistics.median(rebuild.edit_cpu_seconds)
    measured = (f"N={n:,}: {wall:.2f} s vs {full.seconds('explainer'):.2f} s wall; {cpu:.2f} s vs "
                f"{full.seconds('explainer', 'cpu'):.2f} s CPU")
    return label, measured, wall <= full.seconds("explainer"), cpu <= full.seconds("explainer", "cpu")


def targets_table(results: Results) -> str:
    rows = [f"| {label} | {measured} | {VERDICTS[wall]} | {VERDICTS[cpu]} |"
            for label, measured, wall, cpu in targets(results)]
    return "\n".join(["| Target | Measured | Wall clock | CPU time |", "|---|---|---|---|", *rows]) + "\n"


def raw_timings(results: Results) -> str:
    def runs(builds: list[Build]) -> str:
        return ", ".join(f"{build.seconds:.2f} s ({build.cpu_seconds:.2f} s CPU, {build.peak_mb:.0f} MB)"
                         for build in builds)

    return "".join(f"- N={r.n:,}: explainer {runs(r.explainer)}; baseline {runs(r.baseline)}\n"
                   for r in results.sizes)


def machine() -> str:
    versions = ", ".join(f"{name} {importlib.metadata.version(package)}" for name, package in VERSIONS.items())
    return (f"{os.cpu_count()} cores (os.cpu_count()), {platform.machine()}, {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}, {versions}")


def document(results: Results, command: str) -> str:
    """The whole of results.md."""
    status = "" if results.complete else "\n**Partial: the run was still going or stopped early.**\n"
    parts = [
        "# Scale benchmark\n",
        f"Run with `{command}` on {datetime.date.today().isoformat()}, measuring commit {results.core}.{status}\n",
        f"Machine: {machine()}. The machine is shared, so wall times are noisy: compare the explainer with the "
        "baseline of the same run, not with other runs, and see the CPU times, which other load disturbs less.\n",
        "Method: synthetic data (benchmarks/generate.py, seed "
        f"{results.seed}) validated by the site's loader. The explainer is the repository's mkdocs.yml, docs/ and "
        "hooks/ over that data; the baseline is plain MkDocs + Material with the same pages as static Markdown "
        "(each page exactly as the hooks hand it to MkDocs), the same theme, extensions and nav, and no hooks. "
        f"Each is built with `mkdocs build --strict -q` in a subprocess, alternately (A B A B …), {results.repeats} "
        f"times after {results.warmup} warm-up build(s) each; the tables give medians, and the ratio of "
        "each side's fastest build, which other jobs on the machine disturb least. Peak memory is the largest "
        "ru_maxrss of the build process, CPU time its user + system time (both from os.wait4, which folds in the "
        "processes it ran, such as git).\n",
        "## Full builds\n", builds_table(results), "CPU time of the same builds:\n", cpu_table(results),
        "## Rebuild after a one-file data edit\n",
        "`mkdocs serve` on the explainer; one person's summary in data/people.yml is changed to a unique marker and "
        "the clock runs until their page is served with it (file watching, the rebuild, serving); CPU is the "
        "server's (and its children's) over that time. A full build runs in a fresh process and so also pays "
        "Python's start-up and imports, which `serve` pays only once. The baseline rows are the same loop on the "
        "baseline, with the same person's static page edited: what `mkdocs serve` costs without the hooks.\n",
        rebuild_table(results),
        "## Targets\n", targets_table(results),
    ]
    if FINDINGS.exists():
        parts += ["Analysis of these numbers and recommendations for the core, written by hand: "
                  "[findings.md](findings.md).\n"]
    if results.profile:
        parts += ["## Where the time goes\n", results.profile.markdown()]
    parts += ["## Raw timings\n", raw_timings(results)]
    return "\n".join(parts)
