"""The head of every page: the first paint waits for Material's stylesheet alone (overrides/main.html says why)."""

from __future__ import annotations

from pathlib import Path

from tests.sitebuild import html_pages, page_url, read_page, resolve_href

ROOT = Path(__file__).resolve().parents[2]
OWN_STYLES = [ROOT / "overrides" / "assets" / name for name in ("explainer.css", "maps.css")]
DARK_ONLY = "(prefers-color-scheme: dark)"


def test_one_stylesheet_blocks_the_first_paint_and_every_linked_one_exists(site_dir):
    for path in html_pages(site_dir):
        sheets = [link for link in read_page(path).iter("link") if "stylesheet" in (link.get("rel") or "").split()]
        blocking = [link.get("href") for link in sheets if link.get("media") in (None, "", "all")]
        assert len(blocking) == 1 and "/stylesheets/main." in blocking[0], (page_url(site_dir, path), blocking)
        for link in sheets:  # a file name copied from Material's templates that an upgrade renamed would be a 404
            target, _ = resolve_href(site_dir, path, link.get("href"))
            assert target.is_file(), f"{page_url(site_dir, path)} links {link.get('href')}, which is not in the site"
        palette = [link for link in sheets if "/stylesheets/palette." in link.get("href")]
        assert [link.get("media") for link in palette] == [DARK_ONLY], page_url(site_dir, path)
        assert palette[0].get("id") == "__explainer_palette"  # palette.js and the head's script find it by this


def test_the_sites_own_styles_are_in_every_head_as_written(site_dir):
    """Written in verbatim: Jinja's include would also read {{ or {% in a stylesheet as its own."""
    styles = [path.read_text(encoding="utf-8") for path in OWN_STYLES]
    for path in html_pages(site_dir):
        inline = path.read_text(encoding="utf-8").split("</head>", 1)[0]
        for name, css in zip(OWN_STYLES, styles, strict=True):
            assert css.strip() in inline, f"{page_url(site_dir, path)} lacks {name.name}"
