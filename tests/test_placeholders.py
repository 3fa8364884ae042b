"""Placeholder images (timeline/placeholders.py): any text fits, the identity follows what a placeholder shows."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageFont

from timeline.placeholders import PAPER, TO_BE_ADDED, UNAVAILABLE, _wrap, draw_placeholder, placeholder_identity


@pytest.mark.parametrize(("title", "description"), [
    ("Homer G. Phillips Hospital opens", "Photograph of the opening ceremony"),
    ("A very long title that keeps going " * 12, "and an equally long description of the missing scan " * 10),
    ("Unbroken" * 40, ""),
    ("Больница имени Гомера Филлипса — مستشفى — 医院", "Ελληνικά, עברית, 日本語"),
    ("", ""),
])
@pytest.mark.parametrize("width", [480, 1600])
@pytest.mark.parametrize("status", [TO_BE_ADDED, UNAVAILABLE])
def test_cards_render_any_text_at_every_size(width: int, status: str, title: str, description: str) -> None:
    texts = {"date": "1937", "title": title, "description": description}
    placeholder = Image.open(io.BytesIO(draw_placeholder(texts, status, width)))
    assert placeholder.size == (width, round(width * 2 / 3))
    assert placeholder.getpixel((placeholder.width // 2, placeholder.height - 2)) == PAPER
    assert len(placeholder.getcolors(maxcolors=100_000)) > 20  # anti-aliased text was drawn, not a blank placeholder


def test_the_identity_changes_with_anything_the_card_shows() -> None:
    texts = {"date": "1937", "title": "Homer G. Phillips Hospital opens", "description": ""}
    first = placeholder_identity(texts, TO_BE_ADDED, 480)
    assert placeholder_identity(dict(texts), TO_BE_ADDED, 480) == first
    others = {placeholder_identity({**texts, "title": "Another"}, TO_BE_ADDED, 480),
              placeholder_identity(texts, UNAVAILABLE, 480), placeholder_identity(texts, TO_BE_ADDED, 1600)}
    assert first not in others and len(others) == 3


@pytest.mark.parametrize(("text", "most"), [
    ("Homer G. Phillips Hospital opens its doors", 3),
    ("Supercalifragilisticexpialidocious" * 4, 5),
    ("one two three four five six seven eight nine ten eleven twelve", 2),
    ("", 3),
    ("anything", 0),
])
def test_wrapped_lines_fit_the_column(text: str, most: int) -> None:
    font = ImageFont.load_default(size=20)
    lines = _wrap(text, font, 150, most)
    assert len(lines) <= most and all(font.getlength(line) <= 150 for line in lines)
    assert "".join(lines).replace(" ", "").rstrip("…") in text.replace(" ", "")
    assert lines[-1].endswith("…") if font.getlength(text) > 150 * most and most else True
