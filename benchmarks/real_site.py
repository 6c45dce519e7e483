"""The real site against plain MkDocs + Material building the same pages: the ratio the core must keep small.

    python benchmarks/real_site.py [--repeats 7]

The explainer is built once a round, alternately with the baseline, after one warm-up round; `mkdocs build --strict
-q` runs in a subprocess, so every build starts as a clean clone's does (nothing is kept between builds but the share
cards' cache, which both keep). It prints every build, the medians and their ratios, and the ratios of the fastest
builds, which other jobs on a shared machine disturb least. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/real_site.py` (make bench): import it as a package
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from benchmarks.measure import Build, timed_build  # noqa: E402
from benchmarks.project import Project, make_baseline_project, make_real_project  # noqa: E402
from benchmarks.rebuild import measure_rebuild  # noqa: E402
from tests.serve_helpers import with_summary  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7, help="recorded builds of each project")
    parser.add_argument("--edits", type=int, default=5, help="edits timed while serving each project (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explainer-real-") as workdir:
        explainer = make_real_project(Path(workdir) / "explainer")
        baseline = make_baseline_project(explainer, Path(workdir) / "baseline")
        variants = (("explainer", explainer), ("baseline", baseline))
        builds: dict[str, list[Build]] = {name: [] for name, _ in variants}
        for run in range(args.repeats + 1):
            for name, project in variants:
                build = timed_build(project.config)
                print(f"{'warm-up' if run == 0 else f'run {run}'}: {name} {build.seconds:.2f} s, "
                      f"CPU {build.cpu_seconds:.2f} s, {build.peak_mb:.0f} MB", flush=True)
                if run:
                    builds[name].append(build)
        if args.edits:
            serve_rebuilds(explainer, baseline, args.edits)
    print(f"\nReal site, {args.repeats} rounds (medians; ratios to the baseline):")
    baseline_runs = builds["baseline"]
    for name, runs in builds.items():
        print(f"  {name}: {median(runs, 'seconds'):.2f} s, CPU {median(runs, 'cpu_seconds'):.2f} s, "
              f"peak {median(runs, 'peak_mb'):.0f} MB; ratio {ratio(runs, baseline_runs, 'seconds'):.2f}, "
              f"CPU ratio {ratio(runs, baseline_runs, 'cpu_seconds'):.2f}, fastest builds ratio "
              f"{min(b.seconds for b in runs) / min(b.seconds for b in baseline_runs):.2f}")


def serve_rebuilds(explainer: Project, baseline: Project, edits: int) -> None:
    """Seconds from a one-entry edit to its page served: the explainer as `make serve` serves it (--dirty, a summary
    in data/people.yml), plain MkDocs serving the same pages (`mkdocs serve`, the person's page edited)."""
    people = explainer.root / "data" / "people.yml"
    page = baseline.docs / "people" / "tokayev.md"
    original = page.read_text(encoding="utf-8")

    def data_edit(marker: str) -> str:
        lines = people.read_text(encoding="utf-8").splitlines(keepends=True)
        people.write_text("".join(with_summary(lines, "tokayev", marker)), encoding="utf-8")
        return "people/tokayev/"

    def page_edit(marker: str) -> str:
        page.write_text(f"{original}\n{marker}\n", encoding="utf-8")
        return "people/tokayev/"

    found = {"explainer (serve --dirty)": measure_rebuild(explainer, data_edit, edits, serve_options=("--dirty",)),
             "baseline (serve)": measure_rebuild(baseline, page_edit, edits),
             "baseline (serve --dirty)": measure_rebuild(baseline, page_edit, edits, serve_options=("--dirty",))}
    print("\nServed after a one-entry edit (seconds, each edit; the first serve excluded):")
    for name, rebuild in found.items():
        print(f"  {name}: {', '.join(f'{s:.2f}' for s in rebuild.edit_seconds)}; median "
              f"{statistics.median(rebuild.edit_seconds):.2f}")


def median(builds: list[Build], measure: str) -> float:
    return statistics.median(getattr(build, measure) for build in builds)


def ratio(builds: list[Build], baseline: list[Build], measure: str) -> float:
    return median(builds, measure) / median(baseline, measure)

if __name__ == "__main__":
    main()
