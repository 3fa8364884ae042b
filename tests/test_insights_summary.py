"""The summary: sessions, dwell, opens, gaps, suppression of small counts, and attention beside the catalogue."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest

from timeline.catalog import load_catalog
from timeline.insights import events as ev
from timeline.insights.attention import by_era, by_institution, entry_attention
from timeline.insights.events import Mode, Reached
from timeline.insights.store_sqlite import SqliteStore
from timeline.insights.summary import (
    daily_table,
    empty_insights,
    load_insights,
    opens_by_entry,
    session_length,
    sessions_by_hour_of_week,
    summary_json,
)

MONDAY = time.mktime((2026, 3, 2, 10, 0, 0, 0, 0, -1))
FIXTURE = Path(__file__).parent / "fixtures" / "insights"


def visit(session, mode, at, seconds, entries, reached=Reached.LIST, end="idle"):
    events = [ev.session_start(session, mode, at)]
    step = seconds / max(len(entries), 1)
    events += [ev.opened(session, mode, e, reached, at + step * (i + 1)) for i, e in enumerate(entries)]
    if not entries:
        events.append(ev.filtered(session, mode, "theme", at + seconds))
    events.append(ev.session_end(session, mode, end, at + seconds + 90))
    return events


@pytest.fixture
def store(tmp_path):
    store = SqliteStore(tmp_path / "i.sqlite3")
    events = []
    for i in range(10):  # ten kiosk visitors on Monday morning: 60..150 s, i % 4 entries each
        events += visit(f"k{i}", Mode.KIOSK, MONDAY + i * 600, 60 + i * 10, [f"e{j}" for j in range(i % 4)])
    for i in range(3):  # three web visitors on Tuesday: too few to report on their own
        events += visit(f"w{i}", Mode.WEB, MONDAY + 86400 + i * 60, 30, ["e1"], Reached.DEEP_LINK)
    events += [ev.searched("k1", Mode.KIOSK, "Nurses", 0, MONDAY + 5) for _ in range(6)]
    events += [ev.searched("k1", Mode.KIOSK, "annie malone", 0, MONDAY + 6)]
    events += [ev.searched("k1", Mode.KIOSK, "phillips", 4, MONDAY + 7) for _ in range(5)]
    store.write(events)
    return store


def test_sessions_and_their_lengths_by_mode(store):
    lengths = session_length(load_insights(store))
    kiosk = lengths.loc["kiosk"]
    assert kiosk["sessions"] == 10
    assert kiosk["median_seconds"] == pytest.approx(105)  # 60, 70, ... 150: the idle wait is not counted
    assert kiosk["p90_seconds"] == pytest.approx(141)
    assert kiosk["share_opening_several"] == pytest.approx(0.2)  # i % 4 == 3 for i = 3 and 7
    assert lengths.loc["web", "sessions"] == 3


def test_sessions_by_hour_of_the_week(store):
    grid = sessions_by_hour_of_week(load_insights(store))
    assert grid.loc["Mon", 10] + grid.loc["Mon", 11] == 10 and grid.loc["Tue", 10] == 3
    assert int(grid.to_numpy().sum()) == 13


def test_the_json_summary_suppresses_small_counts(store):
    summary = summary_json(load_insights(store))
    json.dumps(summary)  # plain values only
    assert summary["sessions"] == {"kiosk": 10, "web": None}
    assert summary["median_session_seconds"] == {"kiosk": 105.0, "web": None}
    assert summary["opens"] == {"e0": 7, "e1": 7}  # e2 was opened twice: left out
    assert summary["searches_without_results"] == {"nurses": 6}  # "annie malone" once: left out
    assert summary["last_seen"]["kiosk"] == {"": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(MONDAY + 9 * 600
                                                                                                  + 150 + 90))}


def test_the_daily_table_leaves_small_cells_empty(store):
    table = daily_table(load_insights(store))
    monday = table[(table["day"] == "2026-03-02") & (table["mode"] == "kiosk")].iloc[0]
    assert (monday["sessions"], monday["opens"], monday["searches_without_results"]) == (10, 13, 7)
    tuesday = table[table["day"] == "2026-03-03"].iloc[0]
    assert pd.isna(tuesday["sessions"]) and pd.isna(tuesday["opens"])  # 3 of each: too few to show


def test_a_date_range_keeps_only_its_days(store):
    insights = load_insights(store, "2026-03-03", "2026-03-03")
    assert list(session_length(insights).index) == ["web"]
    assert opens_by_entry(insights).to_dict() == {"e1": 3}


def test_nothing_recorded_is_an_empty_summary():
    summary = summary_json(empty_insights())
    assert summary["sessions"] == {} and summary["opens"] == {} and summary["median_session_seconds"] == {}
    assert daily_table(empty_insights()).empty


def test_attention_names_every_entry_including_those_never_opened():
    catalog = load_catalog(FIXTURE / "events.csv", FIXTURE)
    attention = entry_attention(catalog.entries, pd.Series({"clinic": 12, "nurses": 3, "removed-since": 40}))
    assert attention[["id", "opens"]].values.tolist() == [["clinic", 12], ["nurses", 3], ["strike", 0]]
    assert by_institution(attention)["opens"].to_dict() == {"Homer G. Phillips Hospital": 12, "Washington "
                                                            "University": 3}
    eras = by_era(catalog.entries, catalog.eras, attention)
    assert eras["opens"].to_dict() == {"Segregated wards": 15, "(no era)": 0}


def test_site_counts_from_logs_are_suppressed_too(tmp_path):
    store = SqliteStore(tmp_path / "i.sqlite3")
    store.add_site_counts([("2026-03-02", "popular", "view", 7), ("2026-03-02", "quiet", "view", 3),
                           ("2026-03-02", "popular", "qr", 4), ("2026-03-03", "popular", "qr", 1)], "log-1", 20)
    summary = summary_json(load_insights(store))
    assert (summary["site_views"], summary["qr_arrivals"], summary["event_arrivals"]) == ({"popular": 7},
                                                                                          {"popular": 5}, {})
