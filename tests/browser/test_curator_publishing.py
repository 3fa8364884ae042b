"""Curators publish by saving: open pages follow good saves and never show bad ones, in a real browser.

One public server and one curator server share a data folder for the whole module (servers are slow to
start on two cores); each test saves the file the way an editor does and watches an open page.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from app_server import App
from browser_pages import describe_violations, goto_app, run_axe, screenshot, wait_for_run
from playwright.sync_api import Page, expect

from timeline.catalog import build_catalog
from timeline.ui.live import POLL_SECONDS

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "publishing"
GOOD = (FIXTURES / "good.csv").read_bytes()
BROKEN = (FIXTURES / "broken.csv").read_bytes()
PUBLISHED_TITLE = "First students admitted"
BROKEN_EDIT_TITLE = "Hospital opens its doors to patients"  # a valid row inside broken.csv
VISIBLE_WITHIN_MS = 15_000
KEPT = "visitors keep the version published at"  # the server's log line for a save it does not publish
POLLS_AFTER = 2  # a page's checks for a newer version, counted once the server has judged a save


def with_entry(content: bytes, title: str, year: int = 1942) -> bytes:
    """``content`` plus one published entry whose title is ``title`` (by default inside good.csv's years)."""
    slug = "-".join("".join(c for c in word if c.isalnum()) for word in title.lower().split())
    content += f"{slug},{year},{title},Text.,Washington University,https://example.org/x,,,,\n".encode()
    assert build_catalog(content).publishable, "the test's own save must pass the check"
    return content


@dataclass
class Exhibit:
    """The shared data folder. Valid saves only ever add entries (``save_adding``): a save that took more than a
    quarter of the published entries away would be held back, and the tests share one published version."""

    data: Path
    web: App
    curator: App
    published: bytes = GOOD  # the newest valid save

    def save(self, content: bytes) -> None:
        self.data.write_bytes(content)

    def save_adding(self, title: str, year: int = 1942) -> None:
        self.published = with_entry(self.published, title, year)
        self.save(self.published)


@pytest.fixture(scope="module")
def exhibit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exhibit]:
    root = tmp_path_factory.mktemp("publishing")
    data, media = root / "data" / "events.csv", root / "media"
    data.parent.mkdir()
    media.mkdir()
    data.write_bytes(GOOD)
    env = {"TIMELINE_DATA": str(data), "TIMELINE_MEDIA": str(media)}
    web = App(root / "web.log", env={**env, "TIMELINE_MODE": "web"}).start()
    curator = App(root / "curator.log", env={**env, "TIMELINE_MODE": "curator"}).start()
    yield Exhibit(data, web, curator)
    web.stop()
    curator.stop()


_sent: dict[Page, list[int]] = {}  # per open page: one item per message it sent its server


def open_page(page: Page, url: str) -> Page:
    sent = _sent.setdefault(page, [])
    page.on("websocket", lambda socket: socket.on("framesent", lambda _: sent.append(1)))
    goto_app(page, url)
    page.evaluate("window.__notReloaded = true")  # gone if the page reloads: updates must arrive in place
    return page


def kept_back(app: App, before: int) -> None:
    """Wait until ``app`` has judged a save and kept what visitors see (its log says so once per save)."""
    deadline = time.monotonic() + VISIBLE_WITHIN_MS / 1000
    while app.log.count(KEPT) <= before:
        assert time.monotonic() < deadline, f"the server never judged the save:\n{app.log[-2000:]}"
        time.sleep(0.1)


def after_its_checks(page: Page) -> None:
    """Wait until ``page`` has asked its server for a newer version ``POLLS_AFTER`` times, and what that asking
    started has finished: anything the server would show it, it shows now. Each check is one message sent."""
    sent = _sent[page]
    wanted, deadline = len(sent) + POLLS_AFTER, time.monotonic() + (POLLS_AFTER + 2) * POLL_SECONDS
    while len(sent) < wanted:
        assert time.monotonic() < deadline, "the page stopped checking for a newer version"
        page.wait_for_timeout(100)  # Playwright delivers the page's events while it waits
    wait_for_run(page)


def seconds_until_visible(page: Page, title: str) -> float:
    started = time.monotonic()
    expect(page.get_by_text(title, exact=True).first).to_be_visible(timeout=VISIBLE_WITHIN_MS)
    assert page.evaluate("window.__notReloaded === true"), "the page reloaded instead of updating in place"
    return time.monotonic() - started


def shows(page: Page, title: str) -> bool:
    return page.get_by_text(title, exact=True).count() > 0


def test_a_valid_save_appears_in_an_open_page_without_a_reload(exhibit, page_at):
    page = open_page(page_at("desktop"), exhibit.web.url)
    expect(page.get_by_text(PUBLISHED_TITLE, exact=True).first).to_be_visible()
    exhibit.save_adding("Clinic integrates its waiting rooms")
    took = seconds_until_visible(page, "Clinic integrates its waiting rooms")
    print(f"save to visible in the open page: {took:.1f} s")


def test_a_valid_save_outside_the_old_years_appears_in_an_open_page(exhibit, page_at):
    page = open_page(page_at("desktop"), exhibit.web.url)
    exhibit.save_adding("Hospital closes", year=1979)
    seconds_until_visible(page, "Hospital closes")


def test_a_save_with_errors_never_replaces_what_visitors_see(exhibit, page_at):
    visitor = open_page(page_at("desktop"), exhibit.web.url)
    expect(visitor.get_by_text(PUBLISHED_TITLE, exact=True).first).to_be_visible(timeout=VISIBLE_WITHIN_MS)
    curator = open_page(page_at("desktop"), exhibit.curator.url)
    before = exhibit.web.log.count(KEPT)
    exhibit.save(BROKEN)
    panel = curator.locator(".st-key-curator-panel")
    expect(panel.get_by_text("Visitors still see the version published at")).to_be_visible(timeout=VISIBLE_WITHIN_MS)
    problems = panel.get_by_role("region", name="Problems the checker finds in the file on disk")  # a data grid
    expect(problems).to_be_visible(timeout=VISIBLE_WITHIN_MS)
    expect(problems.locator('[role="gridcell"]', has_text="date-ambiguous")).to_have_count(1)
    kept_back(exhibit.web, before)
    after_its_checks(visitor)
    assert shows(visitor, PUBLISHED_TITLE)
    assert not shows(visitor, BROKEN_EDIT_TITLE)
    screenshot(curator, "publishing-curator-held-back", full_page=True)
    for expander in ("File on disk compared", "Images:"):  # every part of the panel open, for axe to read
        panel.get_by_text(expander).click()
    wait_for_run(curator)
    violations = run_axe(curator)
    assert not violations, describe_violations(violations)
    exhibit.save(exhibit.published)
    expect(panel.get_by_text("Visitors see the file on disk")).to_be_visible(timeout=VISIBLE_WITHIN_MS)


def test_a_half_written_file_waits_for_the_rest(exhibit, page_at):
    page = open_page(page_at("desktop"), exhibit.web.url)
    complete = with_entry(exhibit.published, "Nurses' residence opens to all")
    half = complete[: len(complete) // 2]
    assert not build_catalog(half).publishable  # the cut falls inside a row
    before = exhibit.web.log.count(KEPT)
    exhibit.save(half)
    kept_back(exhibit.web, before)
    after_its_checks(page)
    assert shows(page, PUBLISHED_TITLE)
    with exhibit.data.open("ab") as file:
        file.write(complete[len(half):])
    exhibit.published = complete
    seconds_until_visible(page, "Nurses' residence opens to all")


def test_a_save_that_stalls_at_a_row_boundary_keeps_the_full_version(exhibit, page_at):
    """The editor writes the file in place and pauses after a whole row: what it has written is valid, but it
    would take most published entries away, so visitors keep the full version until the save is whole."""
    visitor = open_page(page_at("desktop"), exhibit.web.url)
    curator = open_page(page_at("desktop"), exhibit.curator.url)
    complete = with_entry(exhibit.published, "Interns' quarters desegregated")
    lines = complete.splitlines(keepends=True)
    first_part = b"".join(lines[:2])  # the header and the first entry only
    assert build_catalog(first_part).publishable
    before = exhibit.web.log.count(KEPT)
    with exhibit.data.open("wb") as file:
        file.write(first_part)
        file.flush()
        panel = curator.locator(".st-key-curator-panel")
        expect(panel.get_by_text("held back in case the save was cut off", exact=False)).to_be_visible(
            timeout=VISIBLE_WITHIN_MS)
        kept_back(exhibit.web, before)
        after_its_checks(visitor)
        assert shows(visitor, PUBLISHED_TITLE)  # its row is not in the part written so far
        file.write(complete[len(first_part):])
    exhibit.published = complete
    seconds_until_visible(visitor, "Interns' quarters desegregated")
    assert shows(visitor, PUBLISHED_TITLE)


def test_a_file_missing_during_an_excel_style_save(exhibit, page_at):
    page = open_page(page_at("desktop"), exhibit.web.url)
    before = exhibit.web.log.count(KEPT)
    exhibit.data.unlink()
    kept_back(exhibit.web, before)
    after_its_checks(page)
    assert shows(page, PUBLISHED_TITLE)
    exhibit.save_adding("Medical school admits its first Black students")
    seconds_until_visible(page, "Medical school admits its first Black students")
    assert shows(page, PUBLISHED_TITLE)


def test_lock_files_beside_the_csv_are_never_read(exhibit, page_at):
    folder = exhibit.data.parent
    (folder / "~$events.csv").write_bytes(b"\x00\x13garbage owner record\xff")
    (folder / ".~lock.events.csv#").write_text("Curator,HOST,host,25.11.2025 15:30,file:///home/curator;",
                                               encoding="utf-8")
    page = open_page(page_at("desktop"), exhibit.curator.url)
    exhibit.save_adding("Lock files are left alone")
    seconds_until_visible(page, "Lock files are left alone")
    panel = page.locator(".st-key-curator-panel")
    expect(panel.get_by_text("Visitors see the file on disk")).to_be_visible()
    assert panel.get_by_text("lock", exact=False).count() == 0


def test_a_restart_with_a_broken_file_serves_the_last_good_version(exhibit, page_at):
    exhibit.save_adding("Last good before the restart")
    page = open_page(page_at("desktop"), exhibit.web.url)
    seconds_until_visible(page, "Last good before the restart")
    exhibit.save(BROKEN)
    exhibit.web.restart()
    goto_app(page, exhibit.web.url)
    expect(page.get_by_text("Last good before the restart", exact=True).first).to_be_visible()
    assert not shows(page, BROKEN_EDIT_TITLE)
    shutil.copyfile(FIXTURES / "good.csv", exhibit.data)
