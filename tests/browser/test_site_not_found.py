"""The static site's 404 page, served (as nginx's error_page and GitHub Pages serve it) at whatever address was
missing: without the site's address its home link still leads to the site under a sub-path, in a real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route

from tests.site_fixture import exhibit_copy, load_exhibit
from timeline.site.build import build_site

pytestmark = pytest.mark.browser
HOST = "http://exhibit.test"


@pytest.fixture(scope="module")
def not_found(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("site-404")
    csv, media = exhibit_copy(folder / "exhibit")
    catalog, settings = load_exhibit(csv, media)
    build_site(catalog, settings, media, folder / "out", folder / "cache")  # no base URL
    return (Path(folder / "out") / "404.html").read_bytes()


@pytest.mark.parametrize(("missing", "home"), [
    ("/sub/entries/renamed-entry/", "/sub/"),
    ("/sub/entries/renamed-entry", "/sub/"),
    ("/sub/no-such-page.html", "/sub/"),
    ("/entries/renamed-entry/", "/"),
])
def test_the_home_link_leads_to_the_site_from_any_missing_address(browser: Browser, not_found: bytes,
                                                                  missing: str, home: str) -> None:
    context = browser.new_context()
    context.route("**/*", lambda route: _answer(route, not_found))
    page = context.new_page()
    page.goto(HOST + missing)
    assert page.eval_on_selector("#home", "a => a.href") == HOST + home
    context.close()


def _answer(route: Route, body: bytes) -> None:
    route.fulfill(status=404, body=body, content_type="text/html; charset=utf-8")
