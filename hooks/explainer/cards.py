"""Share cards: a 1200×630 PNG per page (title, description, site name), drawn at build time with Pillow.

Material's social plugin would fetch its fonts from Google while building; this draws with a font already on
the machine (Liberation or DejaVu, from Debian's packages). Cards are cached by a hash of what they show, so a
rebuild redraws only the cards whose page changed. Without Pillow or a font, every page shares one card kept in
the repository (docs/assets/card.png), and the build goes on.
The cache (.cache/cards/) is keyed by all that draws a card: its words, this file's code, the fonts and Pillow's
version; a full build removes the cards no page uses any more.
"""

from __future__ import annotations

import functools
import hashlib
import textwrap
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
INDIGO = (63, 81, 181)
# The card is drawn in one colour ramp, indigo (0) to white (255), as a greyscale image given that ramp as its
# palette: antialiased text, a third of an RGB card's bytes and time to compress.
WHITE, PALE = 255, 217
RAMP = [round(start + (255 - start) * level / 255) for level in range(256) for start in INDIGO]
TITLE_SIZES = ((76, 26), (64, 31), (54, 37))  # font size, characters a line
FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/dejavu"),
             Path("/usr/share/fonts/liberation"), Path("/usr/share/fonts/dejavu"), Path("/Library/Fonts"),
             Path("/System/Library/Fonts/Supplemental"),
             Path("C:/Windows/Fonts"))
BOLD_NAMES = ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf")
REGULAR_NAMES = ("LiberationSans-Regular.ttf", "DejaVuSans.ttf", "Arial.ttf", "arial.ttf")


def find_font(names: tuple[str, ...]) -> Path | None:
    return next((folder / name for name in names for folder in FONT_DIRS if (folder / name).is_file()), None)


@functools.cache
def can_draw() -> bool:
    """Whether this machine can draw cards: Pillow installed and both fonts found."""
    try:
        import PIL  # noqa: F401
    except ImportError:
        return False
    return find_font(BOLD_NAMES) is not None and find_font(REGULAR_NAMES) is not None


@functools.cache
def drawing() -> str:
    """A hash of what draws every card: this code, the two fonts and Pillow's version."""
    from PIL import __version__ as pillow

    digest = hashlib.sha256(Path(__file__).read_bytes() + pillow.encode())
    for font in (find_font(BOLD_NAMES), find_font(REGULAR_NAMES)):
        digest.update(font.read_bytes() if font else b"")
    return digest.hexdigest()


def card_key(title: str, description: str, site_name: str) -> str:
    return hashlib.sha256("\x1f".join((drawing(), title, description, site_name)).encode()).hexdigest()[:20]


def card(title: str, description: str, site_name: str, cache: Path, used: set[str] | None = None) -> bytes:
    """The card's PNG, from the cache when it was drawn before (call only when `can_draw()`); its file's name is
    added to `used`."""
    cached = cache / f"{card_key(title, description, site_name)}.png"
    if used is not None:
        used.add(cached.name)
    if cached.is_file():
        return cached.read_bytes()
    png = draw(title, description, site_name)
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cached.with_suffix(".tmp")
    temporary.write_bytes(png)
    temporary.replace(cached)  # whole or not at all, should two builds run at once
    return png


def prune(cache: Path, used: set[str]) -> None:
    """Remove the cached cards that no page of a full build used."""
    for path in cache.glob("*.png") if cache.is_dir() else []:
        if path.name not in used:
            path.unlink(missing_ok=True)


def draw(title: str, description: str, site_name: str) -> bytes:
    import io

    from PIL import Image, ImageDraw, ImageFont

    bold, regular = find_font(BOLD_NAMES), find_font(REGULAR_NAMES)
    assert bold and regular, "draw() needs the fonts that can_draw() checks"
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, HEIGHT - 96, WIDTH, HEIGHT), fill=WHITE)
    pen.text((72, HEIGHT - 66), site_name, font=ImageFont.truetype(str(bold), 32), fill=0)
    # The longest title that fits in three lines, at the largest of these sizes.
    size, width = next(((size, width) for size, width in TITLE_SIZES if len(textwrap.wrap(title, width)) <= 3),
                       TITLE_SIZES[-1])
    lines = textwrap.wrap(title, width, max_lines=3, placeholder=" …")
    y = 64
    title_font = ImageFont.truetype(str(bold), size)
    for line in lines:
        pen.text((72, y), line, font=title_font, fill=WHITE)
        y += int(size * 1.2)
    body = ImageFont.truetype(str(regular), 32)
    for line in textwrap.wrap(description, 60, max_lines=max(1, (HEIGHT - 130 - y - 24) // 42), placeholder=" …"):
        pen.text((72, y + 24), line, font=body, fill=PALE)
        y += 42
    image.putpalette(RAMP)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def card_name(page_url: str) -> str:
    """The card's file for a page URL: "countries/kazakhstan/" → "countries-kazakhstan.png", "" → "index.png"."""
    return (page_url.strip("/").replace("/", "-").removesuffix(".html") or "index") + ".png"
