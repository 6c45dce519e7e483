"""The editor's loop in a browser: from saving a one-entry data edit to the open tab showing it, at the real size.

    python benchmarks/save_to_tab.py [--edits 7]

A copy of the project is served as `make serve` serves it (`mkdocs serve --dirty`); Chromium opens a person's page;
each edit writes a new summary into data/people.yml and times, from the write, until the tab (reloaded by MkDocs'
live-reload script, never by the benchmark) shows it: the reloaded document's first contentful paint (its
`performance.timeOrigin` plus the paint's time, on the same wall clock as the write); the time to DOMContentLoaded,
when its deferred scripts have run, is printed beside it. It prints each edit
and the median. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/save_to_tab.py` (make bench): import it as a package
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from playwright.sync_api import sync_playwright  # noqa: E402

from scripts.chromium import chromium_path  # noqa: E402
from tests.serve_helpers import (
    free_port,  # noqa: E402
    with_summary,  # noqa: E402
)
from tests.sitebuild import copy_project  # noqa: E402

PERSON = "tokayev"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=7, help="edits to time (after one warm-up edit)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explainer-tab-") as workdir:
        project = copy_project(Path(workdir) / "project")
        port = free_port()
        log = Path(workdir) / "serve.log"
        with log.open("wb") as out:
            server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                      cwd=project, stdout=out, stderr=subprocess.STDOUT,
                                      env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            seconds = time_edits(project, f"http://127.0.0.1:{port}/", log, args.edits)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\nSave to tab (the reloaded tab's first paint), one-entry data edit, real size: median "
          f"{statistics.median(seconds):.2f} s over "
          f"{len(seconds)} edits (min {min(seconds):.2f} s, max {max(seconds):.2f} s)")


def time_edits(project: Path, base: str, log: Path, edits: int) -> list[float]:
    deadline = time.monotonic() + 120
    while "Serving on" not in log.read_text(encoding="utf-8", errors="replace"):
        if time.monotonic() > deadline:
            raise SystemExit(f"mkdocs serve did not start:\n{log.read_text(encoding='utf-8', errors='replace')}")
        time.sleep(0.1)
    data = project / "data" / "people.yml"
    seconds: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.goto(f"{base}people/{PERSON}/")
        for number in range(edits + 1):
            marker = f"Saved edit {number} {time.time_ns()}"
            lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
            start, written = time.perf_counter(), time.time()
            data.write_text("".join(with_summary(lines, PERSON, marker)), encoding="utf-8")
            # Each time the live-reload script reloads the tab, the new document is looked at once it is parsed
            # (DOMContentLoaded): polling the page's text meanwhile would slow the very tab being timed.
            while True:
                tab.wait_for_event("domcontentloaded", timeout=60_000)
                if tab.evaluate("marker => document.body.textContent.includes(marker)", marker):
                    break
            parsed = time.perf_counter() - start
            # When the reloaded tab first painted its content (the edit), on the same wall clock as the write.
            tab.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0",
                                  timeout=10_000)
            painted = tab.evaluate("() => performance.timeOrigin"
                                   " + performance.getEntriesByName('first-contentful-paint')[0].startTime") / 1000
            shown = painted - written
            print(f"{'warm-up' if number == 0 else f'edit {number}'}: shown (first paint) {shown:.2f} s, parsed "
                  f"{parsed:.2f} s, rebuilt in {last_build(log):.2f} s", flush=True)
            if number:
                seconds.append(shown)
            time.sleep(0.5)
        browser.close()
    return seconds


def last_build(log: Path) -> float:
    found = re.findall(r"Documentation built in ([\d.]+) seconds", log.read_text(encoding="utf-8", errors="replace"))
    return float(found[-1]) if found else float("nan")


if __name__ == "__main__":
    main()
