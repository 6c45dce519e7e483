"""Every page has Open Graph and Twitter card meta, with an absolute image URL that the site itself holds."""

from __future__ import annotations

import struct
from urllib.parse import urlsplit

from explainer import cards
from explainer.model import ENTITY_KINDS
from tests.sitebuild import REPO, entity_page, html_pages, mkdocs_config, page_url, read_page

PROPERTIES = ("og:type", "og:site_name", "og:title", "og:description", "og:image", "og:image:alt")
NAMES = ("twitter:card", "twitter:title", "twitter:description", "twitter:image")


def meta(page, key: str) -> str | None:
    found = page.find("meta", property=key) or page.find("meta", name=key)
    return found.get("content") if found is not None else None


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_every_page_has_the_card_meta_with_an_image_the_site_holds(site_dir):
    site_url = mkdocs_config()["site_url"]
    wrong = []
    for path in html_pages(site_dir):
        page, url = read_page(path), page_url(site_dir, path)
        missing = [key for key in PROPERTIES + NAMES if not (meta(page, key) or "").strip()]
        if missing:
            wrong.append(f"{url}: no {', '.join(missing)}")
            continue
        image = meta(page, "og:image")
        if not image.startswith(site_url) or meta(page, "twitter:image") != image:
            wrong.append(f"{url}: the image {image} is not an absolute URL under {site_url}")
            continue
        file = site_dir / urlsplit(image).path.lstrip("/")
        if not file.is_file() or png_size(file.read_bytes()) != (1200, 630):
            wrong.append(f"{url}: {image} is not a 1200×630 PNG in the built site")
        if meta(page, "og:title") != meta(page, "twitter:title"):
            wrong.append(f"{url}: Open Graph and Twitter titles differ")
    assert not wrong, "\n".join(wrong)


def test_entity_pages_have_their_own_card_and_description(site_dir, site_data):
    assert cards.can_draw(), "Pillow and the Liberation or DejaVu fonts are installed by `make test`"
    images = set()
    for kind in ENTITY_KINDS:
        for entity in getattr(site_data.dataset, kind):
            page = read_page(entity_page(site_dir, kind, entity.id))
            assert meta(page, "og:title") == entity.name
            assert meta(page, "og:description") == meta(page, "description")
            images.add(meta(page, "og:image"))
    assert len(images) == sum(len(getattr(site_data.dataset, kind)) for kind in ENTITY_KINDS), "cards are shared"


def test_a_card_is_drawn_once_then_read_from_the_cache(tmp_path):
    assert cards.can_draw()
    first = cards.card("A title", "A description.", "The site", tmp_path)
    cached = list(tmp_path.glob("*.png"))
    assert len(cached) == 1 and png_size(first) == (1200, 630)
    cached[0].write_bytes(b"\x89PNG\r\n\x1a\n" + b"marker")  # a changed file proves the second call reads it
    assert cards.card("A title", "A description.", "The site", tmp_path).endswith(b"marker")
    assert not cards.card("Another title", "A description.", "The site", tmp_path).endswith(b"marker")


def test_a_card_shows_the_pages_own_title_and_plain_characters(site_dir, site_data):
    """The treaty's card says "Treaty on Allied Relations" (not the menu's "The treaty"), and "'" not "&#39;"."""
    treaty = next(iter(site_data.dataset.treaties))
    page = read_page(entity_page(site_dir, "treaties", treaty.id))
    description = meta(page, "og:description")  # the parser has turned the HTML's entities back into characters
    assert "'" in description or "’" in description, "pick a page whose description has an apostrophe"
    key = cards.card_key(treaty.name, description, mkdocs_config()["site_name"])
    assert (REPO / ".cache" / "cards" / f"{key}.png").is_file(), "the card was drawn from other text"


def test_the_card_cache_follows_the_drawing_and_keeps_only_used_cards(tmp_path, monkeypatch):
    """Issue 24: the cache was keyed on the words alone and grew without bound."""
    from explainer import cards

    key = cards.card_key("Title", "Words", "Site")
    monkeypatch.setattr(cards, "drawing", lambda: "another font or drawing code")
    assert cards.card_key("Title", "Words", "Site") != key
    for name in ("used.png", "stale.png"):
        (tmp_path / name).write_bytes(b"png")
    cards.prune(tmp_path, {"used.png"})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["used.png"]
