"""Link-preview images: the 1200×630 picture a shared link shows (``og:image``), drawn with Pillow.

An entry with an image gets that image, cropped to fill, under a band with its year and title; one without gets a
designed preview in the exhibit's look (paper, the category's colour, year, title and the exhibit's name), so a
shared link looks like part of the exhibit rather than a grey box. Cards are cached by what they show.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from timeline.colors import hex_to_rgb
from timeline.placeholders import PAPER, _font, _line_height, _wrap
from timeline.store import write_atomically

WIDTH, HEIGHT = 1200, 630
DESIGN = 3  # bump when the drawing changes, so cached previews are redrawn
INK, MUTED, ACCENT = (34, 28, 22), (92, 81, 70), (140, 58, 30)
QUALITY = 86  # photo previews
PALETTE = 32  # colours of a designed preview
PARALLEL_FROM = 64  # missing previews; fewer are drawn here, since starting workers costs more


@dataclass(frozen=True)
class PreviewRequest:
    """What one preview shows: ``texts`` has "kicker", "year", "title" and "site"; ``image`` a photo to fill it."""

    texts: tuple[tuple[str, str], ...]
    color: str
    image: Path | None = None
    image_sha256: str = ""

    @property
    def name(self) -> str:
        """The cache file name: a hash of everything the preview shows, so an edit gets a new preview (and URL)."""
        key = json.dumps([DESIGN, self.texts, self.color, self.image_sha256], ensure_ascii=False)
        suffix = ".jpg" if self.image is not None else ".png"
        return f"preview-{hashlib.sha256(key.encode()).hexdigest()[:16]}{suffix}"


def preview_request(texts: dict[str, str], color: str, image: Path | None = None,
                    image_sha256: str = "") -> PreviewRequest:
    return PreviewRequest(tuple(sorted(texts.items())), color, image, image_sha256)


def preview_images(requests: Sequence[PreviewRequest], cache_dir: Path) -> list[Path]:
    """Each request's cached preview, drawing the missing ones (on every core when there are many)."""
    missing = list({r.name: r for r in requests if not (cache_dir / r.name).is_file()}.values())
    if len(missing) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor() as pool:
            list(pool.map(_draw, missing, [cache_dir] * len(missing), chunksize=32))
    else:
        for request in missing:
            _draw(request, cache_dir)
    return [cache_dir / r.name for r in requests]


def _draw(request: PreviewRequest, cache_dir: Path) -> None:
    texts = dict(request.texts)
    buffer = io.BytesIO()
    if request.image is not None:
        _photo_preview(texts, request.image).save(buffer, "JPEG", quality=QUALITY, optimize=True)
    else:  # flat colours and type: a 32-colour PNG is 21 KB (a JPEG 57 KB) with crisp letters; level 3: 2x level 9
        preview = _designed_preview(texts, hex_to_rgb(request.color))
        quantized = preview.quantize(palette=_palette(request.color), dither=Image.Dither.NONE)
        quantized.save(buffer, "PNG", compress_level=3)
    cache_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(cache_dir / request.name, buffer.getvalue(), durable=False)


@lru_cache(maxsize=64)
def _palette(color: str) -> Image.Image:
    """The 32 colours of every designed preview in ``color``, taken once from a reference preview in it.

    Mapping a preview onto a known palette is three times faster than finding one per preview, and the reference is
    fixed, so a preview's bytes never depend on which preview a worker happened to draw first.
    """
    reference = {"kicker": "An online exhibit", "year": "1947–1966", "title": "The exhibit's reference preview, Aa Gg",
                 "site": "Washington University Medical Campus"}
    return _designed_preview(reference, hex_to_rgb(color)).quantize(PALETTE, method=Image.Quantize.FASTOCTREE)


def _designed_preview(texts: dict[str, str], color: tuple[int, int, int]) -> Image.Image:
    preview = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(preview)
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
    return preview


def _photo_preview(texts: dict[str, str], image: Path) -> Image.Image:
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
