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
from benchmarks.project import make_baseline_project, make_real_project  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7, help="recorded builds of each project")
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
    print(f"\nReal site, {args.repeats} rounds (medians; ratios to the baseline):")
    baseline_runs = builds["baseline"]
    for name, runs in builds.items():
        print(f"  {name}: {median(runs, 'seconds'):.2f} s, CPU {median(runs, 'cpu_seconds'):.2f} s, "
              f"peak {median(runs, 'peak_mb'):.0f} MB; ratio {ratio(runs, baseline_runs, 'seconds'):.2f}, "
              f"CPU ratio {ratio(runs, baseline_runs, 'cpu_seconds'):.2f}, fastest builds ratio "
              f"{min(b.seconds for b in runs) / min(b.seconds for b in baseline_runs):.2f}")


def median(builds: list[Build], measure: str) -> float:
    return statistics.median(getattr(build, measure) for build in builds)


def ratio(builds: list[Build], baseline: list[Build], measure: str) -> float:
    return median(builds, measure) / median(baseline, measure)

if __name__ == "__main__":
    main()
