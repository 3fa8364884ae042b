"""Entry images as static URLs: derivatives are files under ./static/derived, served by Streamlit's static route.

``st.image`` on a path would re-decode on every rerun and follows ``../``; a static URL costs nothing on
a rerun and the browser caches it. ``image_for`` makes a derivative on first need. Each slot offers the
sizes that fill it (``srcset``), so the entry view never downloads 1,600 pixels to show 445.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from timeline.derivatives import image_for
from timeline.entry_views import ImageFiles, Picture, picture
from timeline.schema import Entry
from timeline.settings import PROJECT_ROOT

STATIC_DIR = PROJECT_ROOT / "static"
CACHE_DIR = STATIC_DIR / "derived"
STATIC_URL = "app/static/"  # relative to the page, so it works under any server.baseUrlPath
# slot -> (derivative sizes offered, widest src for browsers without srcset)
SLOTS: dict[str, tuple[tuple[str, ...], int]] = {
    "card": (("thumbnail", "medium"), 480),
    "article": (("thumbnail", "medium", "display"), 960),
}


@dataclass(frozen=True)
class WebImage:
    url: str
    alt: str
    is_placeholder: bool


def web_image(entry: Entry, media_dir: Path, size: str) -> WebImage:
    """The picture for ``entry`` at ``size`` ("thumbnail" or "display"); a bad or missing image is a card (the
    kiosk's whole-screen views show the drawn card)."""
    prepared = image_for(entry, media_dir, CACHE_DIR, size)
    return WebImage(static_url(prepared.path), prepared.alt, prepared.is_placeholder)


def static_url(path: Path) -> str:
    return STATIC_URL + path.resolve().relative_to(STATIC_DIR.resolve()).as_posix()


@lru_cache(maxsize=4096)
def _pixels(path: Path, mtime_ns: int) -> tuple[int, int]:
    """A derivative's size from its header; derivatives are named by content, so the answer never changes."""
    with Image.open(path) as im:
        return im.size


def web_picture(entry: Entry, media_dir: Path, slot: str, color: str) -> tuple[Picture | None, bool]:
    """(the entry's picture for ``slot``, whether its image is broken); no picture while none is supplied."""
    if not entry.image:
        return None, False
    sizes, widest = SLOTS[slot]
    prepared = [image_for(entry, media_dir, CACHE_DIR, size) for size in sizes]
    if any(p.is_placeholder for p in prepared):
        return None, True
    files = sorted(((static_url(p.path), *_pixels(p.path, p.path.stat().st_mtime_ns)) for p in prepared),
                   key=lambda f: f[1])
    found = ImageFiles(tuple(files), prepared[0].alt, entry.image_caption, entry.image_credit)
    return picture(found, "", color, widest), False
