"""The real site against plain MkDocs + Material building the same pages: the ratio the core must keep small.

    python benchmarks/real_site.py [--repeats 7]

Both projects are built alternately (A B A B …) with `mkdocs build --strict -q` in a subprocess, after one
warm-up build each; it prints every build, the medians and their ratio, and the ratio of the fastest builds,
which other jobs on a shared machine disturb least. Nothing is asserted.
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
        builds: dict[str, list[Build]] = {"explainer": [], "baseline": []}
        for run in range(args.repeats + 1):
            for name, project in (("explainer", explainer), ("baseline", baseline)):
                build = timed_build(project.config)
                print(f"{'warm-up' if run == 0 else f'run {run}'}: {name} {build.seconds:.2f} s, "
                      f"CPU {build.cpu_seconds:.2f} s, {build.peak_mb:.0f} MB", flush=True)
                if run:
                    builds[name].append(build)
    median = {name: statistics.median(build.seconds for build in runs) for name, runs in builds.items()}
    cpu = {name: statistics.median(build.cpu_seconds for build in runs) for name, runs in builds.items()}
    fastest = {name: min(build.seconds for build in runs) for name, runs in builds.items()}
    print(f"\nReal site, {args.repeats} paired builds: explainer median {median['explainer']:.2f} s, "
          f"baseline {median['baseline']:.2f} s, ratio {median['explainer'] / median['baseline']:.2f}; "
          f"CPU ratio {cpu['explainer'] / cpu['baseline']:.2f}; "
          f"fastest builds ratio {fastest['explainer'] / fastest['baseline']:.2f}")


if __name__ == "__main__":
    main()
