"""The served page's head per link: the entry's image as og:image only when it is real and addressable."""

from __future__ import annotations

import pytest
from PIL import Image

from timeline import image_urls as images
from timeline.dates import HistDate
from timeline.schema import Entry, Kind
from timeline.settings import Settings
from timeline.ui import server

SITE = Settings(title="Exhibit", introduction="Intro.", public_url="https://exhibit.example/wall/")


def entry(image: str = "") -> Entry:
    return Entry(id="hgp-opens", kind=Kind.EVENT, date=HistDate(1937), title="Hospital opens", row=2,
                 image=image, image_alt="Nurses at the door")


@pytest.fixture
def media(tmp_path, monkeypatch):
    """A media folder with one photograph; derivatives go to a temporary static folder, not the project's."""
    monkeypatch.setattr(images, "STATIC_DIR", tmp_path / "static")
    monkeypatch.setattr(server, "CACHE_DIR", tmp_path / "static" / "derived")
    folder = tmp_path / "media"
    folder.mkdir()
    Image.new("RGB", (2400, 1600), "#8C3A1E").save(folder / "photo.jpg", quality=90)
    return folder


def test_an_entry_with_an_image_previews_with_its_display_copy(media):
    meta = server.preview_meta(entry("photo.jpg"), SITE, media)
    assert meta.url == "https://exhibit.example/wall/?event=hgp-opens"
    assert meta.image.startswith("https://exhibit.example/wall/app/static/derived/") and meta.image.endswith(".jpg")
    assert (meta.image_width, meta.image_height, meta.image_alt) == (1600, 1067, "Nurses at the door")


@pytest.mark.parametrize(("image", "settings"), [
    ("", SITE),  # no image: a placeholder card is no preview
    ("missing.jpg", SITE),  # a broken image: likewise
    ("photo.jpg", Settings(title="Exhibit")),  # no public address: og:image must be absolute, so none
])
def test_no_og_image_without_a_real_image_and_an_address(media, image, settings):
    meta = server.preview_meta(entry(image), settings, media)
    assert (meta.image, meta.image_width) == ("", 0)


def test_without_an_entry_the_exhibit_previews_at_its_address(media):
    meta = server.preview_meta(None, SITE, media)
    assert (meta.title, meta.url, meta.og_type) == ("Exhibit", "https://exhibit.example/wall/", "website")
    assert server.preview_meta(None, Settings(public_url="ftp://x/"), media).url == ""


def test_a_preview_names_the_entry_by_its_link(media):
    """The public URL's own parameters stay out of the canonical address, as out of the share link and QR code."""
    settings = Settings(title="Exhibit", public_url="https://exhibit.example/wall/?embed=true#top")
    assert server.preview_meta(entry(), settings, media).url == "https://exhibit.example/wall/?event=hgp-opens"
    assert server.preview_meta(None, settings, media).url == "https://exhibit.example/wall/"
