"""Retention: raw events older than keep_raw_days become daily counts; the numbers stay, the sessions go."""

from __future__ import annotations

import sqlite3
import time
from datetime import date

from timeline.insights import events as ev
from timeline.insights.events import Mode, Reached
from timeline.insights.recorder import Recorder
from timeline.insights.retention import first_raw_day, roll_up_old_events
from timeline.insights.store_sqlite import SqliteStore
from timeline.insights.summary import load_insights, opens_by_entry, searches_without_results, sessions_by_mode


def noon(day: date) -> float:
    return time.mktime((day.year, day.month, day.day, 12, 0, 0, 0, 0, -1))


def test_the_first_raw_day_keeps_exactly_that_many_days():
    assert first_raw_day(90, date(2026, 3, 31)) == "2026-01-01"
    assert first_raw_day(1, date(2026, 3, 31)) == "2026-03-31"


def test_old_events_become_daily_counts_and_the_totals_do_not_change(tmp_path):
    store = SqliteStore(tmp_path / "i.sqlite3")
    for day in (date(2026, 1, 1), date(2026, 3, 30)):
        for n in range(6):
            session = f"{day}-{n}"
            store.write([ev.session_start(session, Mode.KIOSK, noon(day)),
                         ev.opened(session, Mode.KIOSK, "e1", Reached.CHART, noon(day) + 10),
                         ev.searched(session, Mode.KIOSK, "Tuskegee", 0, noon(day) + 20)])
    before = load_insights(store)
    assert roll_up_old_events(store, 30, today=date(2026, 3, 31)) == 18
    after = load_insights(store)
    assert sessions_by_mode(after).to_dict() == sessions_by_mode(before).to_dict() == {"kiosk": 12}
    assert opens_by_entry(after).to_dict() == {"e1": 12}
    assert searches_without_results(after).to_dict() == {"tuskegee": 12}
    assert len(after.sessions) == 6  # dwell only where sessions are still raw: their ids and times are gone
    with sqlite3.connect(tmp_path / "i.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM events WHERE day < '2026-03-02'").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM sessions WHERE session LIKE '2026-01-01%'").fetchone() == (0,)
    assert roll_up_old_events(store, 30, today=date(2026, 3, 31)) == 0  # a second run changes nothing
    assert sessions_by_mode(load_insights(store)).to_dict() == {"kiosk": 12}


def test_the_recorder_rolls_up_on_its_own_thread(tmp_path):
    store = SqliteStore(tmp_path / "i.sqlite3")
    store.write([ev.session_start("old", Mode.WEB, noon(date(2020, 1, 1)))])
    recorder = Recorder(SqliteStore(tmp_path / "i.sqlite3"), keep_raw_days=90)
    recorder.record(ev.session_start("new", Mode.WEB))
    assert recorder.flush()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and len(load_insights(store).sessions) != 1:
        time.sleep(0.05)
    assert len(load_insights(store).sessions) == 1  # the 2020 session is gone, today's is kept
    assert sessions_by_mode(load_insights(store)).to_dict() == {"web": 2}
    recorder.close()
