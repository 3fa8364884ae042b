"""Edits the AppTest tests make to their copy of the fixture catalogue (tests/fixtures/), one function each."""

from __future__ import annotations

from pathlib import Path

from PIL import Image


def give_hard_times_a_photo(folder: Path) -> None:
    """hard-times gets a real photograph (``folder/media/ward.jpg``), which its content note then covers: a
    placeholder is never covered, so the note's cover needs a picture."""
    data = folder / "events.csv"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "hard-times,event,1935,,,Wards are closed,The ward was closed after the protest.,,City Hospital,activism,,,,,,",
        "hard-times,event,1935,,,Wards are closed,The ward was closed after the protest.,,City Hospital,activism,,,"
        "ward.jpg,The closed ward,,Example Archive"), encoding="utf-8")
    Image.new("RGB", (900, 600), (90, 80, 70)).save(folder / "media" / "ward.jpg")
