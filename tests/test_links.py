"""Entry links: the exhibit's address plus ``?event=ID``, whoever builds them."""

from __future__ import annotations

import pytest

from timeline.links import entry_url, exhibit_address
from timeline.settings import DEFAULT_DATA, load_settings


@pytest.mark.parametrize(("public_url", "entry_id", "expected"), [
    ("https://example.org/", "hgp-opens", "https://example.org/?event=hgp-opens"),
    ("https://example.org", "hgp-opens", "https://example.org/?event=hgp-opens"),
    ("https://example.org/timeline", "a", "https://example.org/timeline?event=a"),
    ("  https://example.org/  ", "a", "https://example.org/?event=a"),
    ("http://example.org/", "a", "http://example.org/?event=a"),
    ("HTTPS://example.org/", "a", "https://example.org/?event=a"),
    # The public URL's own parameters and fragment belong to where it was set, not to every entry's link.
    ("https://example.org/?embed=true", "a", "https://example.org/?event=a"),
    ("https://example.org/?utm_source=kiosk&lang=en", "a", "https://example.org/?event=a"),
    ("https://example.org/?event=old", "a", "https://example.org/?event=a"),
    ("https://example.org/#top", "a", "https://example.org/?event=a"),
    ("https://example.org/timeline?q=x#top", "a", "https://example.org/timeline?event=a"),
    ("https://example.org/", "a b&c", "https://example.org/?event=a+b%26c"),
])
def test_an_entry_link_is_the_exhibit_address_plus_the_event(public_url, entry_id, expected):
    assert entry_url(public_url, entry_id) == expected


@pytest.mark.parametrize(("public_url", "entry_id"), [
    ("", "a"),
    ("   ", "a"),
    ("example.org", "a"),  # no scheme: a phone would not know it is a web address
    ("javascript:alert(1)", "a"),
    ("ftp://example.org/", "a"),
    ("https://", "a"),
    ("https://example.org/", ""),
])
def test_no_link_without_a_public_site(public_url, entry_id):
    assert entry_url(public_url, entry_id) is None


@pytest.mark.parametrize(("public_url", "expected"), [
    ("https://example.org/wall/?embed=true#top", "https://example.org/wall/"),
    ("https://example.org", "https://example.org/"),
    ("ftp://example.org/", ""),
    ("", ""),
])
def test_the_exhibit_address(public_url, expected):
    assert exhibit_address(public_url) == expected


def test_the_bundled_settings_claim_no_address_for_an_entry():
    """Where a museum serves this timeline is only known once it does. The exhibit's own website does not read
    ``?event=ID``, so a QR code or link preview pointing there would take a visitor to the wrong page: the bundled
    ``public_url`` stays empty, and with it every entry link, QR code and preview address."""
    settings = load_settings(DEFAULT_DATA.parent / "exhibit.toml")
    assert entry_url(settings.public_url, "homer-phillips-opens") is None


def test_the_kiosks_take_home_link_is_the_entry_link_marked_as_a_qr_arrival():
    from timeline.insights.access_log import arrivals
    from timeline.links import take_home_url

    url = take_home_url("https://example.org/exhibit/?embed=true", "first nurses")
    assert url == "https://example.org/exhibit/?event=first+nurses&src=qr"
    assert arrivals(url.removeprefix("https://example.org")) == [("first nurses", "event"), ("first nurses", "qr")]
    assert take_home_url("", "a") is None
