"""The scale benchmark (`make bench`): the explainer against plain MkDocs + Material at N entities.

    python -m benchmarks.run [--sizes 100,1000,5000] [--repeats 3] [--rebuild-size 1000] [--profile-size 1000]

For each N it generates a data set, makes the explainer project and the static baseline, and builds them
alternately; at --rebuild-size it times a one-file data edit under `mkdocs serve`; at --profile-size it profiles
one build. The tables are printed and written to benchmarks/results.md (rewritten after every step, so a long run
that stops early still leaves its numbers). The targets are reported, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/run.py` (make bench): import it as a package
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from benchmarks import REPO  # noqa: E402
from benchmarks.measure import timed_build  # noqa: E402
from benchmarks.project import Project, make_baseline_project, make_explainer_project  # noqa: E402
from benchmarks.rebuild import data_edit, measure_rebuild, page_edit  # noqa: E402
from benchmarks.report import (  # noqa: E402
    Results,
    SizeResult,
    builds_table,
    cpu_table,
    document,
    rebuild_table,
    targets_table,
)
from benchmarks.snapshot import describe, take_snapshot  # noqa: E402

RESULTS = REPO / "benchmarks" / "results.md"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def make_projects(n: int, workdir: Path, seed: int) -> tuple[Project, Project]:
    log(f"N={n:,}: generating the data and both projects in {workdir / f'N{n}'}")
    explainer = make_explainer_project(n, workdir / f"N{n}" / "explainer", seed)
    return explainer, make_baseline_project(explainer, workdir / f"N{n}" / "baseline")


def measure_size(explainer: Project, baseline: Project, repeats: int, warmup: int) -> SizeResult:
    """Build explainer and baseline alternately: `warmup` unrecorded rounds, then `repeats` recorded ones."""
    n = explainer.generated.entity_count() if explainer.generated else 0
    result = SizeResult(n, len(baseline.pages()))
    for round_number in range(warmup + repeats):
        recorded = round_number >= warmup
        for name, project, builds in (("explainer", explainer, result.explainer),
                                      ("baseline", baseline, result.baseline)):
            build = timed_build(project.config)
            label = f"run {round_number - warmup + 1}" if recorded else f"warm-up {round_number + 1}"
            log(f"N={n:,} {label}: {name} {build.seconds:.2f} s, {build.peak_mb:.0f} MB")
            if recorded:
                builds.append(build)
    return result


def parse_sizes(text: str) -> list[int]:
    return [int(part.replace("_", "").replace(",", "")) for part in text.split(",") if part.strip()]


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=parse_sizes, default=[100, 1000, 5000], help="comma-separated N")
    parser.add_argument("--repeats", type=int, default=3, help="recorded builds of each project per N")
    parser.add_argument("--warmup", type=int, default=1, help="unrecorded builds of each project first")
    parser.add_argument("--rebuild-size", type=int, default=1000, help="N for the serve-and-edit timing; 0 skips")
    parser.add_argument("--edits", type=int, default=3, help="edits timed under mkdocs serve")
    parser.add_argument("--profile-size", type=int, default=1000, help="N for the pyinstrument profile; 0 skips")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "explainer-bench",
                        help="where the projects are made")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument("--here", action="store_true",
                        help="run on this checkout as it is now, without first copying it to WORKDIR/source")
    parser.add_argument("--core", default="", help=argparse.SUPPRESS)  # set when run from the copy
    return parser.parse_args(argv)


def run_from_snapshot(args: argparse.Namespace, argv: list[str]) -> None:
    """Copy the checkout once and carry on in the copy (this process is replaced): one core for every N."""
    core = describe(REPO)
    source = take_snapshot(REPO, args.workdir / "source")
    log(f"Measuring {core}, copied to {source}")
    os.execv(sys.executable, [sys.executable, str(source / "benchmarks" / "run.py"), *argv, "--here", "--core",
                              core, "--output", str(args.output.resolve()), "--workdir", str(args.workdir)])


def main(argv: Sequence[str] | None = None) -> None:
    given = list(sys.argv[1:] if argv is None else argv)
    args = arguments(given)
    if not args.here:
        run_from_snapshot(args, given)
    shown = given[: given.index("--here")] if args.core else given  # without what the copy was handed
    command = shlex.join(["python", "-m", "benchmarks.run", *shown])
    results = Results(args.repeats, args.warmup, args.seed, args.core or f"{describe(REPO)} (this checkout)")

    def save() -> None:
        args.output.write_text(document(results, command), encoding="utf-8")

    for n in sorted(set(args.sizes) | {args.rebuild_size, args.profile_size} - {0}):
        explainer, baseline = make_projects(n, args.workdir, args.seed)
        if n in args.sizes:
            results.sizes.append(measure_size(explainer, baseline, args.repeats, args.warmup))
            save()
        if n == args.rebuild_size:
            log(f"N={n:,}: timing {args.edits} edits under mkdocs serve, explainer then baseline")
            # The explainer as `make serve` serves it: a rebuild renders only what the edit changed.
            results.rebuild = (n, measure_rebuild(explainer, data_edit(explainer), args.edits,
                                                  serve_options=("--dirty",)))
            save()
            results.baseline_rebuild = measure_rebuild(baseline, page_edit(baseline, explainer), args.edits)
            save()
        if n == args.profile_size:
            log(f"N={n:,}: profiling one build")
            # pyinstrument comes with `make bench` (.[bench]), not with the tests, which import this module.
            from benchmarks.profile import profile_build

            results.profile = profile_build(explainer, args.workdir)
            save()
        if not args.keep:
            shutil.rmtree(args.workdir / f"N{n}")
    results.complete = True
    save()
    print(builds_table(results), cpu_table(results), rebuild_table(results), targets_table(results), sep="\n")
    if results.profile:
        print(results.profile.markdown())
    log(f"written to {args.output}")


if __name__ == "__main__":
    main()
