"""Link-preview cards: the 1200×630 picture a shared link shows (``og:image``), drawn with Pillow.

An entry with an image gets that image, cropped to fill, under a band with its year and title; one without gets a
designed card in the exhibit's look (paper, the category's colour, year, title and the exhibit's name), so a
shared link looks like part of the exhibit rather than a grey box. Cards are cached by what they show.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from timeline.cards import PAPER, _font, _line_height, _wrap
from timeline.colors import hex_to_rgb
from timeline.store import write_atomically

WIDTH, HEIGHT = 1200, 630
DESIGN = 1  # bump when the drawing changes, so cached cards are redrawn
INK, MUTED, ACCENT = (34, 28, 22), (92, 81, 70), (140, 58, 30)
QUALITY = 86


def card_name(texts: dict[str, str], color: str, image_sha256: str = "") -> str:
    """The cache file name: a hash of everything the card shows, so an edit gets a new card (and a new URL)."""
    key = json.dumps([DESIGN, texts, color, image_sha256], sort_keys=True, ensure_ascii=False)
    return f"social-{hashlib.sha256(key.encode()).hexdigest()[:16]}.jpg"


def social_card(texts: dict[str, str], color: str, cache_dir: Path, image: Path | None = None,
                image_sha256: str = "") -> Path:
    """The cached card for ``texts`` ("kicker", "year", "title", "site"), drawing it on first need."""
    target = cache_dir / card_name(texts, color, image_sha256)
    if not target.is_file():
        picture = _photo_card(texts, image) if image is not None else _designed_card(texts, hex_to_rgb(color))
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=QUALITY, optimize=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, buffer.getvalue())
    return target


def _designed_card(texts: dict[str, str], color: tuple[int, int, int]) -> Image.Image:
    card = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, 28, HEIGHT), fill=color)
    left, column = 96, WIDTH - 96 - 80
    kicker, year, title, site = (_font("bold", 30), _font("serif-bold", 104), _font("serif-bold", 56),
                                 _font("regular", 30))
    site_lines = _wrap(texts.get("site", ""), site, column, 2)
    site_top = HEIGHT - 56 - len(site_lines) * _line_height(site)
    y = 64
    for line in _wrap(texts.get("kicker", "").upper(), kicker, column, 1):
        draw.text((left, y), line, font=kicker, fill=ACCENT)
    y += _line_height(kicker) + 16
    if texts.get("year"):
        for line in _wrap(texts["year"], year, column, 1):
            draw.text((left, y), line, font=year, fill=color)
        y += _line_height(year) + 8
    room = max(1, (site_top - 24 - y) // _line_height(title))
    for line in _wrap(texts.get("title", ""), title, column, min(3, room)):
        draw.text((left, y), line, font=title, fill=INK)
        y += _line_height(title)
    for n, line in enumerate(site_lines):
        draw.text((left, site_top + n * _line_height(site)), line, font=site, fill=MUTED)
    return card


def _photo_card(texts: dict[str, str], image: Path) -> Image.Image:
    with Image.open(image) as source:
        photo = ImageOps.fit(source.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    band_top = HEIGHT - 170
    shade = Image.new("RGB", (WIDTH, HEIGHT - band_top), INK)
    photo.paste(Image.blend(photo.crop((0, band_top, WIDTH, HEIGHT)), shade, 0.82), (0, band_top))
    draw = ImageDraw.Draw(photo)
    meta, title = _font("bold", 28), _font("serif-bold", 46)
    line = " · ".join(part for part in (texts.get("year", ""), texts.get("site", "")) if part)
    draw.text((48, band_top + 22), _wrap(line, meta, WIDTH - 96, 1)[0] if line else "", font=meta,
              fill=(240, 226, 210))
    for i, words in enumerate(_wrap(texts.get("title", ""), title, WIDTH - 96, 2)):
        draw.text((48, band_top + 64 + i * _line_height(title)), words, font=title, fill=(255, 255, 255))
    return photo
