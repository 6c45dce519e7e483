"""`make screenshots`: desktop and phone screenshots of the key pages, and the README's picture.

Builds the site (`mkdocs build --strict` into build/screenshots/site), serves it on 127.0.0.1 and saves,
with headless Chromium (scripts/chromium.py says which),
- build/screenshots/<page>-desktop.png (1280×800) and <page>-phone.png (390×844, at 2× like a phone)
  for the home, treaty, timeline and organisations pages: the viewport, not the whole page;
- docs/assets/screenshot-home.png: a copy of the desktop home page for the README, kept under 300 KB.

Usage: python scripts/screenshots.py [--site BUILT_SITE_DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from scripts.chromium import chromium_path  # noqa: E402
from scripts.serve_site import build, serve_site  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = chromium_path()  # the browser tests' own choice: CHROME_PATH, Debian's, else Playwright's
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
PAGES = {
    "home": "",
    "treaty": "treaty/treaty-on-allied-relations/",
    "timeline": "timeline/",
    "organisations": "organisations/",
}
DEVICES: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1},
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
              "has_touch": True},
}
README_PICTURE = ROOT / "docs" / "assets" / "screenshot-home.png"
README_MAX_BYTES = 300 * 1024


def shrink_png(path: Path) -> None:
    """Make a PNG smaller without changing a pixel, if optipng is installed (Debian: apt-get install optipng)."""
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", "-strip", "all", str(path)], check=True)


def take(site_url: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for device, options in DEVICES.items():
                context = browser.new_context(color_scheme="light", **options)
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(site_url + path, wait_until="load")
                    page.wait_for_load_state("networkidle")
                    page.evaluate("document.fonts.ready")
                    target = out / f"{name}-{device}.png"
                    page.screenshot(path=target, animations="disabled", caret="hide")
                    saved.append(target)
                context.close()
        finally:
            browser.close()
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    args = parser.parse_args()

    site_dir = args.site
    if site_dir is None:
        site_dir = args.out / "site"
        build(site_dir)
    with serve_site(site_dir) as site_url:
        saved = take(site_url, args.out)
    for path in saved:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} KB")

    shutil.copyfile(args.out / "home-desktop.png", README_PICTURE)
    if README_PICTURE.stat().st_size > README_MAX_BYTES:
        shrink_png(README_PICTURE)
    size = README_PICTURE.stat().st_size
    print(f"{README_PICTURE.relative_to(ROOT)}  {size // 1024} KB")
    if size > README_MAX_BYTES:
        print(f"screenshots: {README_PICTURE.name} is over {README_MAX_BYTES // 1024} KB; install optipng",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
