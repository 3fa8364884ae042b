"""Placeholder images: what visitors see instead of an archival image that is not supplied yet or is broken.

A placeholder is drawn, not a grey box: the entry's date, title and image description on warm paper, and a line
that says plainly whether the image is still to be added or could not be shown. ``placeholder_identity`` names what a
placeholder shows, so derivatives.py caches each placeholder once. (An entry card is the HTML card in a list; a
link-preview image is drawn by ``site/preview_images.py``: three things, three names.)
"""

from __future__ import annotations

import hashlib
import io
import json
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

PAPER = (243, 237, 226)  # warm paper: the placeholders, and the backdrop derivatives.py puts behind transparent images
TO_BE_ADDED = "Archival image to be added"
UNAVAILABLE = "Image unavailable"
_INK, _MUTED, _ACCENT, _FRAME = (43, 38, 33), (96, 88, 78), (122, 68, 38), (178, 166, 148)
# (role, font weight, size as a fraction of placeholder height, most lines)
_TEXT = (("date", "bold", 0.06, 1), ("title", "bold", 0.078, 3), ("description", "regular", 0.055, 4))
_DESIGN = 1  # bump when the drawing changes, so cached placeholders are redrawn
_FONT_FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "serif-bold": "DejaVuSerif-Bold.ttf"}


_Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=32)
def _font(weight: str, px: int) -> _Font:
    """DejaVu (wide script coverage) when the system has it, else Pillow's bundled font, which always exists."""
    try:
        return ImageFont.truetype(_FONT_FILES[weight], px)
    except OSError:
        return ImageFont.load_default(size=px)


def placeholder_identity(texts: dict[str, str], status: str, width: int) -> str:
    """A hash of everything the placeholder for ``texts`` shows, the fonts found on this machine included."""
    fonts = _fonts(_height(width))
    names = [f.getname() if hasattr(f, "getname") else "bitmap" for f in fonts.values()]
    key = json.dumps([_DESIGN, _TEXT, texts, status, width, names])
    return hashlib.sha256(key.encode()).hexdigest()


def draw_placeholder(texts: dict[str, str], status: str, width: int) -> bytes:
    """A 3:2 PNG placeholder ``width`` pixels wide; ``texts`` has the "date", "title" and "description" to show."""
    height = _height(width)
    fonts = _fonts(height)
    placeholder = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(placeholder)
    margin, stroke = round(height * 0.08), max(1, height // 400)
    draw.rectangle((margin // 2, margin // 2, width - margin // 2 - 1, height - margin // 2 - 1),
                   outline=_FRAME, width=stroke)
    status_font = fonts["description"]
    status_top = height - margin - _line_height(status_font)
    colours = {"date": _ACCENT, "title": _INK, "description": _MUTED}
    y, column = margin, width - 2 * margin
    for role, _, _, most in _TEXT:
        font = fonts[role]
        room = max(0, int((status_top - margin // 2 - y) // _line_height(font)))
        for line in _wrap(texts[role], font, column, min(most, room)):
            draw.text((margin, y), line, font=font, fill=colours[role])
            y += _line_height(font)
        y += _line_height(font) // 2 if texts[role] else 0
    draw.line((margin, status_top - margin // 4, margin + column // 3, status_top - margin // 4), fill=_FRAME,
              width=stroke)
    draw.text((margin, status_top), status, font=status_font, fill=_INK)
    buffer = io.BytesIO()
    placeholder.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _height(width: int) -> int:
    return round(width * 2 / 3)


def _fonts(height: int) -> dict[str, _Font]:
    return {role: _font(weight, max(14, round(height * share))) for role, weight, share, _ in _TEXT}


def _line_height(font: _Font) -> int:
    return round(font.getbbox("ÁgyЖ")[3] * 1.2)


def _wrap(text: str, font: _Font, width: int, most: int) -> list[str]:
    """Greedy lines that fit ``width`` pixels; words too long for a line break anywhere; overflow ends in '…'."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(joined) <= width:
            lines[-1] = joined
            continue
        lines.append("")
        for char in word:
            if lines[-1] and font.getlength(lines[-1] + char) > width:
                lines.append("")
            lines[-1] += char
    if len(lines) <= most:
        return lines
    lines, last = lines[:most], lines[most - 1] if most else ""
    while last and font.getlength(last + "…") > width:  # drop whole words where there are any
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[:-1], last.rstrip() + "…"] if lines else []
