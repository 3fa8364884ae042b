"""Entry images as static URLs: derivatives are files under ./static/derived, served by Streamlit's static route.

``st.image`` on a path would re-decode on every rerun and follows ``../``; a static URL costs nothing on
a rerun and the browser caches it. ``image_for`` makes a derivative (or placeholder card) on first need.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from timeline.derivatives import image_for
from timeline.schema import Entry
from timeline.settings import PROJECT_ROOT

STATIC_DIR = PROJECT_ROOT / "static"
CACHE_DIR = STATIC_DIR / "derived"
STATIC_URL = "app/static/"  # relative to the page, so it works under any server.baseUrlPath


@dataclass(frozen=True)
class WebImage:
    url: str
    alt: str
    is_placeholder: bool


def static_url(path: Path) -> str:
    return STATIC_URL + path.resolve().relative_to(STATIC_DIR.resolve()).as_posix()


def web_image(entry: Entry, media_dir: Path, size: str) -> WebImage:
    """The picture for ``entry`` at ``size`` ("thumbnail" or "display"); a bad or missing image is a card."""
    prepared = image_for(entry, media_dir, CACHE_DIR, size)
    return WebImage(static_url(prepared.path), prepared.alt, prepared.is_placeholder)
