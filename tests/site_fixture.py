"""The small exhibit the static-site tests build: tests/fixtures/site plus an image made at test time."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

from timeline.catalog import Catalog, load_catalog
from timeline.settings import Settings, load_settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"


def exhibit_copy(folder: Path) -> tuple[Path, Path]:
    """A copy of the fixture exhibit in ``folder``: (events.csv, media/), with media/ward.jpg drawn now."""
    data = folder / "data"
    data.mkdir(parents=True)
    for name in ("events.csv", "exhibit.toml"):
        shutil.copy(FIXTURE / name, data / name)
    media = folder / "media"
    media.mkdir()
    Image.new("RGB", (1500, 1000), (120, 90, 60)).save(media / "ward.jpg", quality=90)
    return data / "events.csv", media


def load_exhibit(csv: Path, media: Path) -> tuple[Catalog, Settings]:
    settings = load_settings(csv.parent / "exhibit.toml")
    return load_catalog(csv, media, settings.category_order()), settings
