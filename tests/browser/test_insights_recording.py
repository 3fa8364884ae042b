"""Visitor insights recorded by the real pages in Chromium: a kiosk visit of two entries and an idle reset is one
session; a web visit by a shared link and a search that found nothing are recorded; curator mode names the opened
entries; a locked database slows no open and loses none; an unwritable one shows visitors nothing; and no stored
file holds the browser's address or user agent.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from app_server import settings_with_address
from browser_pages import CHART_POINTS, click_chart_marker, goto_app, wait_for_run
from playwright.sync_api import Page, expect
from test_kiosk import enter, open_card, settled

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
POINTS = CHART_POINTS
DETAIL_TITLE = ".st-key-event-detail h2"
LIST_LINKS = ".st-key-event-list .entry-title a"
ADDRESS = "127.0.0.1"  # where the browser connects from: it must never be stored
Row = tuple[str, str, str, str, str]


def rows(database: Path, where: str = "1") -> list[Row]:
    """(mode, session, kind, entry, detail) of the visitor events written so far (heartbeats left out)."""
    if not database.exists():
        return []
    with sqlite3.connect(database, timeout=1) as db:
        return db.execute(f"SELECT mode, session, kind, entry, detail FROM events WHERE kind <> 'heartbeat' "
                          f"AND {where} ORDER BY at, rowid").fetchall()


def wait_for_rows(database: Path, done: Callable[[list[Row]], bool], timeout: float = 15.0) -> list[Row]:
    """The events once ``done`` says they are all there (the writer thread writes them a moment after the run)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = rows(database)
        except sqlite3.OperationalError:  # the server is writing: read again
            found = []
        if done(found) or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def stored_bytes(folder: Path) -> bytes:
    """Every file the database left: itself, its write-ahead log and shared memory."""
    return b"".join(path.read_bytes() for path in folder.iterdir() if path.is_file())


def assert_nothing_identifies(page: Page, folder: Path, present: str) -> None:
    """The privacy check on what the real pages stored: no file of the database holds the browser's address, its
    user agent or any product token of it ("HeadlessChrome/...", "AppleWebKit/..."), while ``present`` (something
    the visit did store) is found, so the search itself works."""
    agent = page.evaluate("navigator.userAgent")
    secrets = [ADDRESS, agent, *(token for token in agent.split() if "/" in token)]
    stored = stored_bytes(folder)
    assert present.encode() in stored
    for secret in secrets:
        assert secret.encode() not in stored, secret


def open_web(page: Page, url: str) -> None:
    goto_app(page, url)
    page.wait_for_selector(POINTS, timeout=TIMEOUT_MS)


def search(page: Page, words: str) -> None:
    box = page.locator(".st-key-filter-text input")
    box.fill(words)
    box.press("Enter")
    wait_for_run(page)


def open_list_link(page: Page, nth: int) -> tuple[str, float]:
    """Click the list's ``nth`` entry link; its title and the seconds until the entry was on screen."""
    link = page.locator(LIST_LINKS).nth(nth)
    title = link.inner_text()
    started = time.perf_counter()
    link.click()
    expect(page.locator(DETAIL_TITLE)).to_have_text(title, timeout=TIMEOUT_MS)
    elapsed = time.perf_counter() - started
    wait_for_run(page)
    return title, elapsed


def back_to_list(page: Page) -> None:
    page.locator(".st-key-back-to-list button").click()
    wait_for_run(page)
    page.wait_for_selector(LIST_LINKS, timeout=TIMEOUT_MS)


def test_a_kiosk_visit_of_two_entries_and_an_idle_reset_is_one_session(start_app, page_at, tmp_path):
    database = tmp_path / "insights" / "insights.sqlite3"
    database.parent.mkdir()
    app = start_app(env={"TIMELINE_MODE": "kiosk", "TIMELINE_IDLE_SECONDS": "8", "TIMELINE_INSIGHTS": str(database),
                         "TIMELINE_SETTINGS": str(settings_with_address(tmp_path))})
    page = page_at("kiosk-landscape")
    enter(page, app.url)
    first = open_card(page, 0)
    page.locator(".st-key-kiosk-back button").tap()
    settled(page)
    second = open_card(page, 1)
    expect(page.locator(".st-key-attract")).to_be_visible(timeout=20_000)  # the idle reset
    found = wait_for_rows(database, lambda r: any(kind == "session-end" for _, _, kind, _, _ in r))
    assert [(mode, kind, entry, detail) for mode, _, kind, entry, detail in found] == [
        ("kiosk", "session-start", "", ""), ("kiosk", "open", first, "list"), ("kiosk", "open", second, "list"),
        ("kiosk", "session-end", "", "idle")]
    assert len({session for _, session, *_ in found}) == 1
    assert_nothing_identifies(page, database.parent, first)


def test_a_web_visit_by_a_deep_link_and_a_search_that_finds_nothing_are_recorded(start_app, page_at, tmp_path):
    database = tmp_path / "insights" / "insights.sqlite3"
    database.parent.mkdir()
    app = start_app(env={"TIMELINE_MODE": "web", "TIMELINE_INSIGHTS": str(database)})
    page = page_at("desktop")
    goto_app(page, app.url)
    entry_id = page.locator(".st-key-event-list li[data-entry-id]").first.get_attribute("data-entry-id")
    page.context.close()
    page = page_at("desktop")  # a new visitor, arriving by a shared link
    open_web(page, f"{app.url}?event={entry_id}")
    expect(page.locator(DETAIL_TITLE)).to_be_visible(timeout=TIMEOUT_MS)
    back_to_list(page)
    search(page, "Zeppelin hangar")
    expect(page.locator('[role="status"].result-count')).to_contain_text("Zeppelin")
    found = wait_for_rows(database, lambda r: any(kind == "search" for _, _, kind, _, _ in r))
    visit = {session for _, session, kind, entry, _ in found if kind == "open" and entry == entry_id}
    assert len(visit) == 1
    mine = [(kind, entry, detail) for _, session, kind, entry, detail in found if session in visit]
    assert mine == [("session-start", "", ""), ("open", entry_id, "deep-link"), ("search", "", "zeppelin hangar")]
    assert {mode for mode, *_ in found} == {"web"}
    assert_nothing_identifies(page, database.parent, "zeppelin hangar")


def test_curator_mode_names_the_entries_visitors_opened_by_the_chart_and_the_list(start_app, page_at, tmp_path):
    database = tmp_path / "insights.sqlite3"
    web = start_app(env={"TIMELINE_MODE": "web", "TIMELINE_INSIGHTS": str(database)})
    page = page_at("desktop")
    open_web(page, web.url)
    click_chart_marker(page, 3)
    expect(page.locator(DETAIL_TITLE)).to_be_visible(timeout=TIMEOUT_MS)
    back_to_list(page)
    title, _ = open_list_link(page, 2)
    found = wait_for_rows(database, lambda r: sum(kind == "open" for _, _, kind, _, _ in r) >= 2)
    assert [detail for _, _, kind, _, detail in found if kind == "open"] == ["chart", "list"]
    curator = start_app(env={"TIMELINE_MODE": "curator", "TIMELINE_INSIGHTS": str(database)})
    page = page_at("desktop")
    goto_app(page, curator.url)
    view = page.locator(".st-key-insights")
    view.get_by_text("Show visitor insights").click()
    wait_for_run(page)
    most = view.get_by_role("region", name="The most opened entries", exact=True)
    most.scroll_into_view_if_needed()
    expect(most).to_contain_text(title, timeout=TIMEOUT_MS)  # the grid's accessible table holds its cells


def listed_id(page: Page, nth: int) -> str:
    return page.locator(".st-key-event-list li[data-entry-id]").nth(nth).get_attribute("data-entry-id") or ""


def test_with_the_database_locked_for_8_s_an_entry_opens_as_fast_and_its_open_is_recorded_after(
        start_app, page_at, tmp_path):
    database = tmp_path / "insights.sqlite3"
    app = start_app(env={"TIMELINE_MODE": "web", "TIMELINE_INSIGHTS": str(database)})
    page = page_at("desktop")
    open_web(page, app.url)
    usual = []
    for nth in (0, 1, 0):
        usual.append(open_list_link(page, nth)[1])
        back_to_list(page)
    wait_for_rows(database, lambda r: sum(kind == "open" for _, _, kind, _, _ in r) >= 3)
    entry_id = listed_id(page, 2)
    blocker = sqlite3.connect(database, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # as a backup or another program holding the database would
    locked_at = time.monotonic()
    try:
        _, locked = open_list_link(page, 2)
        time.sleep(max(0.0, 8 - (time.monotonic() - locked_at)))
        assert not rows(database, f"kind = 'open' AND entry = '{entry_id}'"), "written through the lock?"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    found = wait_for_rows(database, lambda r: any(kind == "open" and entry == entry_id for _, _, kind, entry, _ in r))
    assert ("web", "open", entry_id) in {(mode, kind, entry) for mode, _, kind, entry, _ in found}
    typical = sorted(usual)[1]
    assert locked <= max(2 * typical, typical + 0.5), f"opened in {locked:.2f} s locked, {usual} s usually"
    assert "locked" in app.log  # the log says so, once


def test_with_an_unwritable_database_visitors_see_nothing_wrong(start_app, page_at, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database's folder should be", encoding="utf-8")
    app = start_app(env={"TIMELINE_MODE": "web", "TIMELINE_INSIGHTS": str(blocker / "insights.sqlite3")})
    page = page_at("desktop")
    open_web(page, app.url)
    title, _ = open_list_link(page, 1)
    page.locator(".st-key-next-entry button").click()
    wait_for_run(page)
    expect(page.locator(DETAIL_TITLE)).not_to_have_text(title)
    back_to_list(page)
    search(page, "Zeppelin hangar")
    expect(page.locator('[role="status"].result-count')).to_contain_text("Zeppelin")
    for trouble in ('[data-testid="stException"]', '[data-testid="stAlert"]', '[data-testid="stToast"]'):
        expect(page.locator(trouble)).to_have_count(0)
    deadline = time.monotonic() + 10
    while "insights:" not in app.log and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "unavailable" in app.log  # the operator reads what is wrong; the visitor never does
