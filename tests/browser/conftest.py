"""Fixtures for browser tests: one Chromium per session, Streamlit servers per test, pages per device."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from app_server import PLAIN, App
from browser_pages import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

StartApp = Callable[..., App]
PageAt = Callable[[str], Page]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install chromium`, as .ci/run does)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


@pytest.fixture
def start_app(tmp_path: Path) -> Iterator[StartApp]:
    """Factory: ``start_app(env=None, data=None, script=PLAIN)`` runs app.py (or serve.py) with that TIMELINE_*
    environment until the test ends."""
    apps: list[App] = []

    def start(env: Mapping[str, str] | None = None, data: Path | None = None, script: str = PLAIN) -> App:
        app = App(tmp_path / f"streamlit-{len(apps)}.log", env=env, data=data, script=script)
        apps.append(app)
        return app.start()

    yield start
    for app in apps:
        app.stop()


@pytest.fixture(scope="session")
def web_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """The public web mode on the bundled data, shared by every test that only reads it."""
    app = App(tmp_path_factory.mktemp("web-app") / "streamlit.log", env={"TIMELINE_MODE": "web"})
    yield app.start()
    app.stop()


@pytest.fixture
def page_at(browser: Browser) -> Iterator[PageAt]:
    """Factory: ``page_at("desktop" | "phone" | "kiosk-landscape" | "kiosk-portrait")`` gives a fresh page."""
    contexts: list[BrowserContext] = []

    def open_page(viewport: str) -> Page:
        context = browser.new_context(**VIEWPORTS[viewport], locale="en-US")
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
