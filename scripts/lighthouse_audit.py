"""Run Lighthouse on the key pages of the built site and print one table; run through scripts/audit.

Builds the site (`mkdocs build --strict` into build/audit/site) unless --site names a built folder, serves
it on 127.0.0.1 as GitHub Pages would (gzip, 404.html), and runs Lighthouse's default mobile preset
(simulated slow 4G, 4× CPU slowdown) on each page in turn. Reports go to build/audit/reports/.

The performance score depends on how busy the CPU is (Lighthouse warns when the machine is slower than it
expects), so each page is run --runs times (default 3) and the run with the median performance score is
the one reported, as Lighthouse's documentation recommends for variable scores.

Targets: performance >= 95; accessibility, best practices and SEO = 100; the home page <= 250 KB sent.
Exit status 1 if a page misses one, 2 if Lighthouse could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.serve_site import build, serve_site  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "audit"
PAGES = {
    "home": "",
    "treaty": "treaty/treaty-on-allied-relations/",
    "timeline": "timeline/",
    "organisations": "organisations/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
HOME_MAX_KB = 250
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run")


def lighthouse(cli: Path, url: str, report: Path) -> dict:
    command = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def median_run(runs: list[dict]) -> dict:
    """The run whose performance score is the median (the lower middle one for an even count)."""
    ordered = sorted(runs, key=lambda data: data["categories"]["performance"]["score"] or 0)
    return ordered[(len(ordered) - 1) // 2]


def summarise(name: str, data: dict) -> dict:
    scores = {category: round((data["categories"][category]["score"] or 0) * 100) for category in CATEGORIES}
    total_bytes = data["audits"]["total-byte-weight"]["numericValue"]
    failing = [f"{category}: {audit['id']} ({audit_score})"
               for category in CATEGORIES if scores[category] < TARGETS[category]
               for ref in data["categories"][category]["auditRefs"] if ref["weight"] > 0
               for audit in [data["audits"][ref["id"]]]
               for audit_score in [audit["score"]] if audit_score is not None and audit_score < 1]
    if data.get("runWarnings"):
        failing += [f"warning: {warning}" for warning in data["runWarnings"]]
    return {"page": name, **scores, "kb": total_bytes / 1024, "failing": failing,
            "benchmark": data.get("environment", {}).get("benchmarkIndex")}


def table(rows: list[dict]) -> str:
    header = f"{'page':<15}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}{'KB sent':>10}"
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(f"{row['page']:<15}{row['performance']:>6}{row['accessibility']:>6}"
                     f"{row['best-practices']:>6}{row['seo']:>6}{row['kb']:>10.1f}")
    return "\n".join(lines)


def misses(rows: list[dict]) -> list[str]:
    found = []
    for row in rows:
        for category, target in TARGETS.items():
            if row[category] < target:
                found.append(f"{row['page']}: {category} {row[category]} < {target}")
        if row["page"] == "home" and row["kb"] > HOME_MAX_KB:
            found.append(f"home: {row['kb']:.1f} KB sent > {HOME_MAX_KB} KB")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", type=Path, required=True, help="Lighthouse's cli/index.js")
    parser.add_argument("--site", type=Path, help="a built site to audit (default: build it)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is kept")
    args = parser.parse_args()

    site_dir = args.site
    if site_dir is None:
        site_dir = BUILD / "site"
        build(site_dir)
    reports = BUILD / "reports"
    reports.mkdir(parents=True, exist_ok=True)

    rows = []
    with serve_site(site_dir) as base_url:
        for name, path in PAGES.items():
            runs = []
            for run in range(1, max(1, args.runs) + 1):
                print(f"audit: lighthouse {base_url}{path} (run {run})", file=sys.stderr, flush=True)
                try:
                    runs.append(lighthouse(args.lighthouse, base_url + path, reports / f"{name}-{run}.json"))
                except (RuntimeError, subprocess.TimeoutExpired) as error:
                    print(f"audit: {error}", file=sys.stderr)
                    return 2
            scores = [round((data["categories"]["performance"]["score"] or 0) * 100) for data in runs]
            row = summarise(name, median_run(runs))
            row["runs"] = scores
            rows.append(row)

    print(table(rows))
    benchmarks = [row["benchmark"] for row in rows if row["benchmark"]]
    if benchmarks:
        each = ", ".join(f"{row['page']} {row['runs']}" for row in rows)
        print(f"Performance of each run: {each}; median CPU benchmark index {statistics.median(benchmarks):.0f}")
    for row in rows:
        for item in row["failing"]:
            print(f"  {row['page']}: {item}")
    problems = misses(rows)
    if problems:
        print("\nMissed targets:\n" + "\n".join(f"  {problem}" for problem in problems))
        return 1
    print(f"\nAll targets met (performance >= 95, 100 elsewhere, home <= {HOME_MAX_KB} KB). "
          f"Reports: {reports.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
