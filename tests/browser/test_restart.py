"""A restart never empties the exhibit: the page served through serve.py, restarted as a service manager would.

An image that went missing and a save the checker must refuse (a date of 400 qualifier words) each come just
before a restart. Visitors then see every published entry, the missing picture as a placeholder, and no exception.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from app_server import SERVED, App
from browser_pages import goto_app, screenshot
from PIL import Image
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

HEADER = "id,date,title,text,category,sources,image,image_alt,image_credit\n"
ROWS = {
    "clinic-opens": "1941,Clinic opens its doors,The clinic opened.,Homer G. Phillips Hospital,https://example.org/a",
    "nurses-graduate": "1944,Nurses graduate,Twelve nurses graduated.,Homer G. Phillips Hospital,https://example.org/b",
    "students-admitted": "1947,Students admitted,Five students enrolled.,Washington University,https://example.org/c",
}
GOOD = HEADER + "".join(f"{key},{row},{key}.jpg,A photograph,Archive\n" for key, row in ROWS.items())
QUALIFIED = GOOD + f"late-entry,{'early ' * 400}1950,Late entry,Text.,Washington University,https://example.org/d,,,\n"
GONE = "nurses-graduate"  # the entry whose image goes missing


@dataclass
class Exhibit:
    data: Path
    media: Path
    app: App


@pytest.fixture
def exhibit(tmp_path: Path) -> Iterator[Exhibit]:
    data, media = tmp_path / "data" / "events.csv", tmp_path / "media"
    data.parent.mkdir()
    media.mkdir()
    for number, key in enumerate(ROWS):
        Image.new("RGB", (320, 240), (40 * number, 90, 120)).save(media / f"{key}.jpg")
    data.write_text(GOOD, encoding="utf-8")
    env = {"TIMELINE_MODE": "web", "TIMELINE_DATA": str(data), "TIMELINE_MEDIA": str(media)}
    app = App(tmp_path / "served.log", env=env, script=SERVED).start()
    yield Exhibit(data, media, app)
    app.stop()


def every_entry_and_no_exception(page: Page, url: str) -> None:
    goto_app(page, url)
    listed = page.locator(".st-key-event-list li[data-entry-id]")
    expect(listed).to_have_count(len(ROWS))
    assert sorted(listed.evaluate_all("items => items.map(i => i.dataset.entryId)")) == sorted(ROWS)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.content()


def test_a_restart_after_an_image_went_missing_serves_every_entry(exhibit, page_at):
    page = page_at("desktop")
    every_entry_and_no_exception(page, exhibit.app.url)  # published, and saved on disk for the restart
    (exhibit.media / f"{GONE}.jpg").unlink()
    exhibit.app.restart()
    every_entry_and_no_exception(page, exhibit.app.url)
    goto_app(page, f"{exhibit.app.url}?event={GONE}")
    expect(page.get_by_text("Image unavailable")).to_be_visible()  # the placeholder card, not a broken image
    screenshot(page, "restart-image-missing")


def test_a_restart_after_a_save_with_a_400_word_date_serves_the_last_good_version(exhibit, page_at):
    page = page_at("desktop")
    every_entry_and_no_exception(page, exhibit.app.url)
    exhibit.data.write_text(QUALIFIED, encoding="utf-8")
    exhibit.app.restart()
    every_entry_and_no_exception(page, exhibit.app.url)
    assert page.get_by_text("Late entry").count() == 0
    assert "visitors keep the version published at" in exhibit.app.log
    assert "The date has 2,404 characters" in exhibit.app.log  # the server says why the save is held back
