"""The recorder: record() returns at once whatever the database does; events wait while it is locked or
unwritable and are written once it frees; the buffer is bounded."""

from __future__ import annotations

import logging
import sqlite3
import time

from timeline.insights import events as ev
from timeline.insights.events import Mode, Reached
from timeline.insights.recorder import Recorder
from timeline.insights.store_sqlite import SqliteStore


def opens(n, at=1_800_000_000.0):
    return [ev.opened("s", Mode.KIOSK, f"e{i}", Reached.LIST, at=at + i) for i in range(n)]


def written(path):
    with sqlite3.connect(path) as db:
        return db.execute("SELECT COUNT(*) FROM events").fetchone()[0]


def test_events_are_written_in_the_background_with_the_machine_name(tmp_path):
    recorder = Recorder(SqliteStore(tmp_path / "i.sqlite3"), machine="kiosk-east")
    for event in opens(3):
        recorder.record(event)
    assert recorder.flush()
    assert written(tmp_path / "i.sqlite3") == 3
    assert recorder.health().state == "ok" and recorder.health().written == 3
    with sqlite3.connect(tmp_path / "i.sqlite3") as db:
        assert db.execute("SELECT DISTINCT machine FROM events").fetchall() == [("kiosk-east",)]
    recorder.close()


def test_while_locked_events_wait_and_are_written_once_it_frees(tmp_path, caplog):
    path = tmp_path / "i.sqlite3"
    SqliteStore(path).write(opens(1))
    recorder = Recorder(SqliteStore(path), retry_seconds=0.05)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    caplog.set_level(logging.WARNING, "timeline.insights.recorder")
    started = time.perf_counter()
    for event in opens(100):
        recorder.record(event)
    assert time.perf_counter() - started < 0.05  # nobody waits for the lock
    assert not recorder.flush(timeout=0.5)
    health = recorder.health()
    assert (health.state, health.pending) == ("locked", 100)
    assert "locked" in caplog.text and "100 events wait" in caplog.text
    blocker.execute("ROLLBACK")
    blocker.close()
    assert recorder.flush(timeout=5)
    assert written(path) == 101
    assert recorder.health().state == "ok" and "takes events again" in caplog.text
    recorder.close()


def test_an_unwritable_database_costs_nothing_and_says_so(tmp_path):
    recorder = Recorder(SqliteStore(tmp_path / "gone" / "i.sqlite3"), unavailable_seconds=0.05)
    for event in opens(10):
        recorder.record(event)  # never raises
    assert not recorder.flush(timeout=0.3)
    health = recorder.health()
    assert (health.state, health.pending, health.dropped) == ("unavailable", 10, 0)
    assert "does not exist" in health.problem
    (tmp_path / "gone").mkdir()  # the folder comes back: what was kept is written
    assert recorder.flush(timeout=5)
    assert written(tmp_path / "gone" / "i.sqlite3") == 10
    recorder.close()


def test_the_buffer_is_bounded_and_counts_what_it_drops(tmp_path, caplog):
    recorder = Recorder(SqliteStore(tmp_path / "gone" / "i.sqlite3"), capacity=5, unavailable_seconds=10)
    for event in opens(8):
        recorder.record(event)
    health = recorder.health()
    assert (health.pending, health.dropped) == (5, 3)
    assert "buffer of 5 events is full" in caplog.text
    recorder.close(timeout=0.1)


def test_record_never_raises_even_on_nonsense():
    recorder = Recorder(SqliteStore("/nonexistent/i.sqlite3"), machine="m")
    recorder.record(None)  # type: ignore[arg-type]
    recorder.record("not an event")  # type: ignore[arg-type]


def test_the_writer_thread_outlives_a_surprise(tmp_path, caplog):
    recorder = Recorder(SqliteStore(tmp_path / "i.sqlite3"), unavailable_seconds=0.05)
    real, calls = recorder._write_pending, []

    def once_broken():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("surprise")
        return real()

    recorder._write_pending = once_broken
    recorder.record(opens(1)[0])
    assert recorder.flush(timeout=5)
    assert "carries on" in caplog.text and written(tmp_path / "i.sqlite3") == 1
    recorder.close()


def test_the_shared_recorder_is_one_per_process_for_timeline_insights(tmp_path, monkeypatch):
    from timeline.insights import recorder as module

    monkeypatch.setattr(module, "_shared", None)
    assert module.current_health() is None  # curator mode alone records nothing
    monkeypatch.setenv("TIMELINE_INSIGHTS", str(tmp_path / "shared.sqlite3"))
    monkeypatch.setenv("TIMELINE_MACHINE", "kiosk-north")
    shared = module.shared_recorder(keep_raw_days=30)
    assert module.shared_recorder() is shared and shared.keep_raw_days == 30 and shared.machine == "kiosk-north"
    shared.start_heartbeat(Mode.KIOSK, every_seconds=60)
    shared.start_heartbeat(Mode.KIOSK, every_seconds=60)  # a second call (the next rerun) starts nothing
    assert shared.flush()
    assert module.current_health().written == 1
    assert SqliteStore(tmp_path / "shared.sqlite3").last_seen()["machine"].tolist() == ["kiosk-north"]
    shared.close()


def test_once_the_database_frees_curator_mode_can_read_what_happened(tmp_path):
    path = tmp_path / "i.sqlite3"
    SqliteStore(path).write([ev.heartbeat(Mode.KIOSK, at=1_800_000_000.0)])
    recorder = Recorder(SqliteStore(path), machine="", retry_seconds=0.05)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    for event in opens(12):
        recorder.record(event)
    assert not recorder.flush(timeout=0.3)
    blocker.execute("ROLLBACK")
    blocker.close()
    assert recorder.flush(timeout=5)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not SqliteStore(path).last_seen()["trouble"].any():
        time.sleep(0.05)
    (note,) = SqliteStore(path).last_seen()["trouble"].tolist()
    assert note.startswith("Database locked at ") and "up to 12 events waited" in note and "none lost" in note
    recorder.close()


def test_a_trouble_note_says_how_long_and_what_was_lost():
    from timeline.insights.recorder import trouble_note

    note = trouble_note("unavailable", 1_800_000_000.0, 1_800_000_125.0, 50_000, 7)
    assert "unavailable" in note and "for 2 min 5 s" in note and "up to 50000 events" in note
    assert note.endswith("7 lost because the buffer was full.")
