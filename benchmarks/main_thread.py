"""The browser's main-thread work to load the key pages, at Lighthouse's 4x CPU slowdown: what its blocking time
comes from, measured less noisily than its score.

    python benchmarks/main_thread.py [--loads 5] [--site NAME=DIR ...]

Each page is loaded --loads times in Chromium (scripts/chromium.py), with the CPU slowed 4x and a trace recorded from
the request to 2.5 s after the load event. It prints medians of: all main-thread tasks, the style recalculations
among them, and the time tasks spend over 50 ms (what Lighthouse's total blocking time adds up, from the start
rather than from the first paint). By default it builds the working tree; --site compares built sites, for example
one built from another commit. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import statistics
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/main_thread.py` (make bench): import it as a package
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from scripts.chromium import chromium_path  # noqa: E402
from scripts.lighthouse_audit import CHROME_FLAGS, PAGES  # noqa: E402
from scripts.serve_site import build, serve_site  # noqa: E402

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel"]
LONG_TASK_MS = 50


def load_figures(browser: Browser, url: str) -> tuple[float, float, float]:
    """Main-thread ms, style ms, and ms over 50 in long tasks, for one load of `url`."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    browser.start_tracing(page=page, categories=CATEGORIES)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(2500)
    events = [event for event in json.loads(browser.stop_tracing())["traceEvents"] if event.get("ph") == "X"]
    context.close()
    # The renderer's main thread: the one that ran the most tasks of over a millisecond.
    threads = collections.Counter((event["pid"], event["tid"]) for event in events
                                  if event["name"] == "RunTask" and event.get("dur", 0) > 1000)
    main = threads.most_common(1)[0][0]
    on_main = [event for event in events if (event["pid"], event["tid"]) == main]
    tasks = [event["dur"] / 1000 for event in on_main if event["name"] == "RunTask"]
    style = sum(event["dur"] / 1000 for event in on_main if event["name"] == "UpdateLayoutTree")
    return sum(tasks), style, sum(max(0.0, task - LONG_TASK_MS) for task in tasks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loads", type=int, default=5, help="loads of each page; medians are printed")
    parser.add_argument("--site", action="append", default=[], metavar="NAME=DIR", help="a built site (repeatable)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explainer-main-thread-") as workdir, contextlib.ExitStack() as stack:
        sites = dict(item.split("=", 1) for item in args.site)
        if not sites:
            sites = {"site": str(Path(workdir) / "site")}
            build(Path(sites["site"]))
        bases = {name: stack.enter_context(serve_site(Path(folder))) for name, folder in sites.items()}
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROME_FLAGS.split())
        figures: dict[tuple[str, str], list[tuple[float, float, float]]] = collections.defaultdict(list)
        for _ in range(args.loads):  # round the pages and sites in turn, so that a busy spell hits them alike
            for page_name, path in PAGES.items():
                for site_name, base in bases.items():
                    figures[page_name, site_name].append(load_figures(browser, base + path))
        browser.close()
    print(f"Main thread at 4x CPU, median of {args.loads} loads (ms):")
    print(f"{'page':<15}{'site':<12}{'all tasks':>10}{'style':>8}{'over 50':>9}")
    for (page_name, site_name), runs in figures.items():
        medians = [statistics.median(run[index] for run in runs) for index in range(3)]
        print(f"{page_name:<15}{site_name:<12}{medians[0]:>10.0f}{medians[1]:>8.0f}{medians[2]:>9.0f}")


if __name__ == "__main__":
    main()
