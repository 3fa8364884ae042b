"""The exhibit starts, serves its bundled data and renders it in a real browser."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from app_server import PROJECT_ROOT
from browser_pages import goto_app, screenshot
from playwright.sync_api import expect

from benchmarks.generate import generate_catalog

pytestmark = pytest.mark.browser

BUNDLED_DATA = PROJECT_ROOT / "data" / "events.csv"


def first_published_event_title(path: Path) -> str:
    """Read with the csv module, independently of the app's own reader, so a reader bug cannot hide itself."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        for row in csv.DictReader(file):
            if row.get("kind", "").strip() in ("", "event") and row.get("status", "").strip() in ("", "published"):
                return row["title"].strip()
    raise AssertionError(f"{path} has no published event")


def test_bundled_data_renders(web_app, page_at):
    title = first_published_event_title(BUNDLED_DATA)
    page = page_at("desktop")
    goto_app(page, web_app.url)
    expect(page.get_by_text(title, exact=True).first).to_be_visible()
    screenshot(page, "smoke-desktop")


def test_timeline_data_points_the_app_at_another_file(start_app, page_at, tmp_path):
    data = tmp_path / "events.csv"
    data.write_text(generate_catalog(20, seed=1, categories=["Washington University"]), encoding="utf-8")
    app = start_app(data=data)
    page = page_at("phone")
    goto_app(page, app.url)
    expect(page.get_by_text(first_published_event_title(data), exact=True).first).to_be_visible()
    app.restart()
    goto_app(page, app.url)
    expect(page.get_by_text(first_published_event_title(data), exact=True).first).to_be_visible()
