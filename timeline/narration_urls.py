"""Narration as static URLs: the files ``python -m timeline audio`` writes under ./static/derived/audio, served by
Streamlit's static route beside the image derivatives (image_urls.py), as Opus (``audio/ogg``), MP3
(``audio/mpeg``) and WebVTT (``text/vtt``).

A page asks only the manifest, which is read again only when it changes: an entry it does not list (yet) gets no
Listen control, and a visitor's rerun never waits for speech.
"""

from __future__ import annotations

from timeline.image_urls import CACHE_DIR, static_url
from timeline.listen import Listen, listen_for
from timeline.narration.build import AUDIO_DIR_NAME
from timeline.narration.manifest import narration_for, read_manifest
from timeline.schema import Entry

AUDIO_DIR = CACHE_DIR / AUDIO_DIR_NAME


def web_listen(entry: Entry) -> Listen | None:
    """The entry's player with its files' static URLs, or None while its narration is not built."""
    return listen_for(entry, narration_for(read_manifest(AUDIO_DIR), entry.id), AUDIO_DIR,
                      lambda name: static_url(AUDIO_DIR / name))
