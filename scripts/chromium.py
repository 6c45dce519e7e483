"""Which Chromium the browser tests, `make screenshots` and `make audit` use, in this order:
CHROME_PATH if set; else Debian's /usr/bin/chromium if it exists; else Playwright's own Chromium.

`python scripts/chromium.py` prints the executable's path, or says what to install and exits 1
(the Makefile runs it before the targets that need a browser).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = """No Chromium found. Either
  - install Playwright's Chromium:  .venv/bin/python -m playwright install chromium
  - or install Chromium or Google Chrome and point CHROME_PATH at it, for example
    CHROME_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" make test"""


def chromium_path() -> str | None:
    """The browser to launch: a path, or None for Playwright's own (launch without executable_path)."""
    if os.environ.get("CHROME_PATH"):
        return os.environ["CHROME_PATH"]
    if DEBIAN_CHROMIUM.is_file():
        return str(DEBIAN_CHROMIUM)
    return None


def installed_chromium() -> Path | None:
    """The executable that will be launched, if it exists."""
    path = chromium_path()
    if path is None:
        from playwright.sync_api import sync_playwright  # only off Debian: starting its driver takes a second

        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
    return Path(path) if path and Path(path).is_file() else None


def main() -> int:
    found = installed_chromium()
    if found is None:
        where = f" (CHROME_PATH={os.environ['CHROME_PATH']} is not a file)" if os.environ.get("CHROME_PATH") else ""
        print(INSTALL_HINT.replace("No Chromium found.", f"No Chromium found{where}."), file=sys.stderr)
        return 1
    print(found)
    return 0


if __name__ == "__main__":
    sys.exit(main())
