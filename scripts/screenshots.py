"""`make screenshots`: screenshots of the key pages and pictures, the treaty's share card, and the README's picture.

Builds the site (`mkdocs build --strict` into build/screenshots/site), serves it on 127.0.0.1 and saves into
build/screenshots/, with headless Chromium (scripts/chromium.py says which), every shot of SHOTS:
- <page>-desktop.png (1280×800) and <page>-phone.png (390×844, at 2× like a phone) for the home, treaty,
  timeline and organisations pages, and uzbekistan-phone.png: the viewport, not the whole page. On a phone,
  home, treaty and a country page show their first "In brief" point within the first screen (issue 16);
- footnote-tooltip.png and link-preview.png: the treaty page with a footnote mark hovered (the site's
  reference box), and with a link to Kazakhstan hovered (the site's preview), cropped to the mark and what it shows;
  share-card.png: the treaty page's og:image, copied from the built site (issue 13);
- map-*.png, members-map-*.png, timeline-picture-*.png: the region map (places/), the EAEU's members map and
  the timeline's picture, each cropped to the picture, on desktop, phone and desktop in dark mode (issue 14);
- docs/assets/screenshot-home.png: a copy of the desktop home page for the README, kept under 300 KB.

Usage: python scripts/screenshots.py [--site BUILT_SITE_DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Browser, BrowserContext, FloatRect, Page, sync_playwright  # noqa: E402

from scripts.chromium import chromium_path  # noqa: E402
from scripts.serve_site import build, serve_site, site_prefix  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = chromium_path()  # the browser tests' own choice: CHROME_PATH, Debian's, else Playwright's
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
DEVICES: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1},
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
              "has_touch": True},
}
TREATY = "treaty/treaty-on-allied-relations/"
Scheme = Literal["light", "dark"]  # the prefers-color-scheme the context emulates


@dataclass(frozen=True)
class Shot:
    """One file: `path` opened on `device` in `scheme` ("light" or "dark"), then `action`:
    "" nothing; "hover" hover `target`, wait for `selector` and crop to both; "click" click `target`, then crop to
    `selector`; "viewport-at" scroll `target` into view and keep the viewport; "og:image" copy the page's share card
    instead of a screenshot. Without an action, crop to `selector` if given, else the viewport."""

    name: str
    path: str
    device: str = "desktop"
    scheme: Scheme = "light"
    action: str = ""
    selector: str = ""
    target: str = ""


PICTURES = {"map": ("places/", "figure.explainer-map--region"),
            "members-map": ("organisations/eaeu/", "figure.explainer-map--members"),
            "timeline-picture": ("timeline/", "figure.explainer-timeline")}
PICTURE_VARIANTS: list[tuple[str, str, Scheme]] = [("desktop", "desktop", "light"), ("phone", "phone", "light"),
                                                   ("dark", "desktop", "dark")]  # file suffix, device, scheme
SHOTS: list[Shot] = [
    *(Shot(f"{name}-{device}", path, device) for device in DEVICES
      for name, path in {"home": "", "treaty": TREATY, "timeline": "timeline/", "organisations": "organisations/"}
      .items()),
    Shot("uzbekistan-phone", "countries/uzbekistan/", "phone"),
    Shot("footnote-tooltip", TREATY, action="hover", target="article p .footnote-ref",
         selector="#explainer-tip[role=dialog]"),
    Shot("link-preview", TREATY, action="hover", target="article p a[href$='/countries/kazakhstan/']",
         selector="#explainer-preview"),
    Shot("share-card", TREATY, action="og:image"),
    *(Shot(f"{name}-{label}", path, device, scheme, selector=selector) for name, (path, selector) in PICTURES.items()
      for label, device, scheme in PICTURE_VARIANTS),
    # Issue 26, on a phone: the map in its box as the reader first sees it (opened on the parties, with the cue to
    # swipe), the fact checks filtered by a verdict, and "Cite this page" opened with its copy buttons.
    Shot("phone-map-in-its-box", "places/", "phone", selector="figure.explainer-map--region"),
    Shot("phone-fact-check-filter", "fact-checks/?verdict=imprecise", "phone", action="viewport-at",
         target="#verdict-filter"),
    Shot("phone-cite-button", "countries/uzbekistan/", "phone", action="click",
         target="details.explainer-cite > summary", selector="details.explainer-cite"),
]
MARGIN = 16  # px around a hovered mark and what it shows
README_PICTURE = ROOT / "docs" / "assets" / "screenshot-home.png"
README_MAX_BYTES = 300 * 1024


def shrink_png(path: Path) -> None:
    """Make a PNG smaller without changing a pixel, if optipng is installed (Debian: apt-get install optipng)."""
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", "-strip", "all", str(path)], check=True)


def share_card(page: Page, site_dir: Path) -> Path:
    """The built file that the page's <meta property="og:image"> points at."""
    url = page.locator('meta[property="og:image"]').get_attribute("content") or ""
    path = urlsplit(url).path
    prefix = site_prefix()
    if not path.startswith(prefix) or not (site_dir / path[len(prefix):]).is_file():
        raise SystemExit(f"screenshots: og:image {url!r} is not a file of the built site")
    return site_dir / path[len(prefix):]


def hover_clip(page: Page, shot: Shot) -> FloatRect:
    """Hover the shot's target, wait for what it shows, and return the box around both, within the viewport."""
    target = page.locator(shot.target).first
    target.scroll_into_view_if_needed()
    target.hover()
    shown = page.locator(shot.selector)
    shown.wait_for(state="visible")
    boxes = [box for box in (target.bounding_box(), shown.bounding_box()) if box]
    size = page.viewport_size or DEVICES[shot.device]["viewport"]
    left = max(0, min(box["x"] for box in boxes) - MARGIN)
    top = max(0, min(box["y"] for box in boxes) - MARGIN)
    right = min(size["width"], max(box["x"] + box["width"] for box in boxes) + MARGIN)
    bottom = min(size["height"], max(box["y"] + box["height"] for box in boxes) + MARGIN)
    return {"x": left, "y": top, "width": right - left, "height": bottom - top}


def take(site_url: str, site_dir: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser: Browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        contexts: dict[tuple[str, Scheme], BrowserContext] = {}
        try:
            for shot in SHOTS:
                key = (shot.device, shot.scheme)
                if key not in contexts:  # dark mode: Material's palette follows prefers-color-scheme
                    contexts[key] = browser.new_context(color_scheme=shot.scheme, **DEVICES[shot.device])
                    contexts[key].new_page()
                page = contexts[key].pages[0]
                page.goto(site_url + shot.path, wait_until="load")
                page.wait_for_load_state("networkidle")
                page.evaluate("document.fonts.ready")
                target = out / f"{shot.name}.png"
                if shot.action == "og:image":
                    shutil.copyfile(share_card(page, site_dir), target)
                elif shot.action == "hover":
                    page.screenshot(path=target, clip=hover_clip(page, shot), animations="disabled", caret="hide")
                elif shot.action == "click":
                    page.locator(shot.target).first.click()
                    page.locator(shot.selector).first.screenshot(path=target, animations="disabled", caret="hide")
                elif shot.action == "viewport-at":
                    page.locator(shot.target).first.scroll_into_view_if_needed()
                    page.screenshot(path=target, animations="disabled", caret="hide")
                elif shot.selector:
                    page.locator(shot.selector).first.screenshot(path=target, animations="disabled", caret="hide")
                else:
                    page.screenshot(path=target, animations="disabled", caret="hide")
                saved.append(target)
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
        saved = take(site_url, site_dir, args.out)
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
