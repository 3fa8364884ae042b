"""The SQLite store: events in, counts, sessions and machines out; locked and unwritable databases named as such."""

from __future__ import annotations

import sqlite3
import time

import pytest

from timeline.insights import events as ev
from timeline.insights.events import Mode, Reached
from timeline.insights.store import StoreBusy, StoreUnavailable, event_row
from timeline.insights.store_sqlite import SqliteStore

T0 = time.mktime((2026, 3, 2, 10, 0, 0, 0, 0, -1))  # Monday 2 March 2026, 10:00 local time


def stamped(event, machine="kiosk-1"):
    from dataclasses import replace

    return replace(event, machine=machine)


def test_an_event_row_has_its_local_day_and_hour_of_the_week():
    row = event_row(ev.session_start("s", Mode.KIOSK, at=T0 + 86400 * 2 + 3600 * 5))  # Wednesday 15:00
    assert row[1:3] == ("2026-03-04", 2 * 24 + 15)


def test_the_database_is_in_wal_mode_and_counts_what_was_written(tmp_path):
    store = SqliteStore(tmp_path / "insights.sqlite3")
    store.write([stamped(ev.session_start("a", Mode.KIOSK, at=T0)),
                 stamped(ev.opened("a", Mode.KIOSK, "e1", Reached.CHART, at=T0 + 30)),
                 stamped(ev.opened("a", Mode.KIOSK, "e2", Reached.LIST, at=T0 + 60)),
                 stamped(ev.session_end("a", Mode.KIOSK, "idle", at=T0 + 150))])
    with sqlite3.connect(tmp_path / "insights.sqlite3") as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    totals = store.totals()
    opens = totals[totals["kind"] == "open"]
    assert sorted(zip(opens["entry"], opens["detail"], opens["count"], strict=True)) == [
        ("e1", "chart", 1), ("e2", "list", 1)]
    assert store.sessions().values.tolist() == [["kiosk", 60.0, 2]]  # the idle wait is not the visitor's
    assert store.hours().values.tolist() == [[10, "kiosk", 1]]  # Monday 10:00
    assert store.last_seen().values.tolist() == [["kiosk", "kiosk-1", T0 + 150, ""]]


def test_counts_and_sessions_cover_the_days_asked(tmp_path):
    store = SqliteStore(tmp_path / "i.sqlite3")
    store.write([ev.session_start("a", Mode.WEB, at=T0), ev.session_start("b", Mode.WEB, at=T0 + 86400)])
    assert store.per_day("2026-03-03")["day"].tolist() == ["2026-03-03"]
    assert store.per_day("", "2026-03-02")["day"].tolist() == ["2026-03-02"]
    assert len(store.sessions("2026-03-03")) == 1 and store.totals("2026-03-02", "2026-03-03")["count"].sum() == 2


def test_a_session_written_over_several_batches_adds_up(tmp_path):
    store = SqliteStore(tmp_path / "i.sqlite3")
    store.write([ev.session_start("a", Mode.KIOSK, at=T0), ev.opened("a", Mode.KIOSK, "e1", Reached.LIST, T0 + 5)])
    store.write([ev.opened("a", Mode.KIOSK, "e2", Reached.LIST, T0 + 50)])
    store.write([ev.idle_prompt("a", Mode.KIOSK, "unanswered", T0 + 140), ev.session_end("a", Mode.KIOSK, "idle",
                                                                                        T0 + 150)])
    assert store.sessions().values.tolist() == [["kiosk", 50.0, 2]]


def test_a_locked_database_is_busy_not_broken(tmp_path):
    path = tmp_path / "i.sqlite3"
    store = SqliteStore(path)
    store.write([ev.heartbeat(Mode.KIOSK, at=T0)])
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreBusy):
            store.write([ev.heartbeat(Mode.KIOSK, at=T0 + 1)])
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    store.write([ev.heartbeat(Mode.KIOSK, at=T0 + 2)])
    assert store.last_seen()["last_seen"].tolist() == [T0 + 2]


@pytest.mark.parametrize("make_path", [
    lambda tmp: tmp / "missing-folder" / "i.sqlite3",
    lambda tmp: tmp,  # a folder, not a file
    lambda tmp: (tmp / "garbage.sqlite3").write_bytes(b"not a database at all" * 100) and tmp / "garbage.sqlite3",
])
def test_an_unwritable_database_is_unavailable(tmp_path, make_path):
    with pytest.raises(StoreUnavailable):
        SqliteStore(make_path(tmp_path)).write([ev.heartbeat(Mode.KIOSK, at=T0)])


def test_curator_mode_reads_while_a_writer_holds_the_lock(tmp_path):
    path = tmp_path / "i.sqlite3"
    SqliteStore(path).write([ev.session_start("a", Mode.WEB, at=T0)])
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        assert SqliteStore(path).totals()["count"].tolist() == [1]  # a fresh reader: WAL lets it read
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
