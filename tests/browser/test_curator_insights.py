"""Curator mode's visitor-insights view in Chromium: it names the opened entries, and a screenshot to look at."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from browser_pages import VIEWPORTS, goto_app, screenshot, wait_for_run

from timeline.catalog import load_catalog
from timeline.insights import events as ev
from timeline.insights.events import Event, Kind, Mode, Reached
from timeline.insights.store_sqlite import SqliteStore
from timeline.settings import DEFAULT_DATA, DEFAULT_MEDIA

pytestmark = pytest.mark.browser


def two_weeks_of_visits(path: Path) -> str:
    """Sessions on the kiosk and the web over 14 days, opening the bundled entries; returns the most opened title."""
    entries = load_catalog(DEFAULT_DATA, DEFAULT_MEDIA).visible.entries
    rng, now, events = random.Random(7), time.time(), []
    favourite = entries[3]
    for n in range(400):
        mode = Mode.KIOSK if n % 3 else Mode.WEB
        session, at = f"s{n}", now - rng.random() * 14 * 86400
        events.append(ev.session_start(session, mode, at))
        for _ in range(rng.randint(0, 6)):
            at += rng.expovariate(1 / 30)
            entry = favourite if rng.random() < 0.3 else rng.choice(entries[: len(entries) // 2])
            events.append(ev.opened(session, mode, entry.id, rng.choice(list(Reached)), at))
        if n % 9 == 0:
            events.append(ev.searched(session, mode, rng.choice(["Tuskegee", "nurses' strike", "Annie Malone"]), 0,
                                      at))
        events.append(ev.session_end(session, mode, "idle", at + 90))
    events.append(Event(now - 40, Mode.KIOSK, Kind.HEARTBEAT, machine="kiosk-east"))
    events.append(Event(now - 3 * 3600, Mode.KIOSK, Kind.HEARTBEAT, machine="kiosk-west"))
    SqliteStore(path).write(events)
    return favourite.title


def test_the_insights_view_names_the_opened_entries(start_app, browser, tmp_path):
    database = tmp_path / "insights.sqlite3"
    favourite = two_weeks_of_visits(database)
    app = start_app(env={"TIMELINE_MODE": "curator", "TIMELINE_INSIGHTS": str(database)})
    page = browser.new_context(**VIEWPORTS["desktop"], locale="en-US").new_page()
    goto_app(page, app.url)
    view = page.locator(".st-key-insights")
    view.get_by_text("Show visitor insights").click()
    wait_for_run(page)
    view.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    assert view.get_by_text("Most opened entries").is_visible()
    assert view.locator('[data-testid="stDataFrame"]').first.is_visible()
    assert "kiosk sessions" in view.inner_text()
    for number, heading in enumerate(("Visitor insights", "Sessions by hour of the week", "Most opened entries",
                                      "Attention by era", "Searches that found nothing", "Last heard from")):
        view.get_by_text(heading).first.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        screenshot(page, f"curator-insights-{number}")
    assert favourite  # the data frame's cells are drawn on a canvas: the title is checked through AppTest
    page.context.close()
