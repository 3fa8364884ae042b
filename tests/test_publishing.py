"""Settings read only when their file changed and settled; the catalogue refreshed off the visitors' threads."""

from __future__ import annotations

import logging
import threading
import time

import pytest

import timeline.store as store_module
from timeline import publishing as loading
from timeline.catalog import build_catalog
from timeline.publishing import SETTLE_SECONDS, SettingsRead, catalog_for, next_settings
from timeline.settings import Mode, Settings, read_environment
from timeline.store import Snapshot

OLD = Settings(title="Old")
NEW = Settings(title="New")
NOW = 1_000_000.0
SETTLED = (int((NOW - SETTLE_SECONDS - 1) * 1e9), 10, 1)  # (mtime_ns, size, inode) of a file left alone
YOUNG = (int((NOW - SETTLE_SECONDS / 2) * 1e9), 11, 1)  # written a moment ago: perhaps still being written


def read_new() -> Settings:
    return NEW


def read_broken() -> Settings:
    raise ValueError("exhibit settings are not valid TOML: Expected '=' (at line 2, column 7)")


@pytest.mark.parametrize(("previous", "stamp", "read", "title", "problem"), [
    (None, SETTLED, read_new, "New", ""),  # first read
    (None, YOUNG, read_new, "New", ""),  # a first read never waits
    (SettingsRead(OLD, SETTLED), SETTLED, read_broken, "Old", ""),  # unchanged: not read at all
    (SettingsRead(OLD, (1, 1, 1)), SETTLED, read_new, "New", ""),  # changed and settled
    (SettingsRead(OLD, (1, 1, 1)), YOUNG, read_new, "Old", ""),  # changed, still settling
    (SettingsRead(OLD, (1, 1, 1)), None, read_new, "Old", "missing"),  # deleted mid-save
    (SettingsRead(OLD, (1, 1, 1)), SETTLED, read_broken, "Old", "not valid TOML"),
    (None, SETTLED, read_broken, Settings().title, "not valid TOML"),
])
def test_next_settings(previous, stamp, read, title, problem):
    fresh = next_settings(previous, stamp, NOW, read)
    assert fresh.settings.title == title
    assert (problem in fresh.problem) if problem else fresh.problem == ""


def test_unchanged_settings_are_the_same_object():
    previous = SettingsRead(OLD, SETTLED)
    assert next_settings(previous, SETTLED, NOW, read_new) is previous


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "_watches", {})
    monkeypatch.setattr(loading, "REFRESH_EVERY_SECONDS", 0.0)
    monkeypatch.setattr(loading, "SETTLE_SECONDS", 0.0)
    data = tmp_path / "events.csv"
    data.write_text("id,date,title,text,category,sources\na,1950,First,Text,Washington University,Becker\n",
                    encoding="utf-8")
    return read_environment({"TIMELINE_DATA": str(data), "TIMELINE_MEDIA": str(tmp_path / "media")})


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def test_first_call_loads_and_later_changes_arrive_in_the_background(env):
    assert [e.id for e in loading.published_snapshot(env, Settings()).current.entries] == ["a"]
    with env.data.open("a", encoding="utf-8") as f:
        f.write("b,1951,Second,Text,Washington University,Becker\n")
    assert wait_for(lambda: len(loading.published_snapshot(env, Settings()).current.entries) == 2)


def test_visitors_get_the_previous_snapshot_while_one_thread_rebuilds(env, monkeypatch):
    first = loading.published_snapshot(env, Settings())
    release, builds = threading.Event(), []
    real_build = store_module.build_catalog

    def slow_build(*args, **kwargs):
        builds.append(threading.current_thread().name)
        release.wait(60)  # a page that waited for the rebuild would outlast the test's patience
        return real_build(*args, **kwargs)

    monkeypatch.setattr(store_module, "build_catalog", slow_build)
    env.data.write_text(env.data.read_text(encoding="utf-8") + "b,1951,Second,Text,Washington University,Becker\n",
                        encoding="utf-8")
    loading.published_snapshot(env, Settings())  # starts the one background rebuild
    assert wait_for(lambda: builds)
    answers = [loading.published_snapshot(env, Settings()) for _ in range(20)]
    (watch,) = loading._watches.values()
    assert watch.busy  # every answer came while the rebuild was still held: none of them waited for it
    assert all(answer is first for answer in answers)
    assert builds == ["timeline-refresh"]
    release.set()
    assert wait_for(lambda: len(loading.published_snapshot(env, Settings()).current.entries) == 2)


def test_a_first_load_that_fails_serves_the_last_good_version_and_logs_why(env, monkeypatch, caplog):
    store_module.PublishedStore(env.data, env.media).refresh()  # an earlier run published "a"

    def failing_refresh(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(store_module.PublishedStore, "refresh", failing_refresh)
    with caplog.at_level(logging.ERROR):
        snapshot = loading.published_snapshot(env, Settings())
    assert [e.id for e in snapshot.current.entries] == ["a"]
    assert "RecursionError" in caplog.text and str(env.data) in caplog.text
    assert loading.published_snapshot(env, Settings()) is snapshot  # the store is kept; later looks try again


HEADER = b"id,date,title,text,category,sources,status\n"
PUBLISHED = build_catalog(HEADER + b"a,1950,First,Text,Washington University,Becker,\n"
                                   b"d,1951,Draft,Text,Washington University,Becker,draft\n")
EDITED = build_catalog(HEADER + b"a,1950,First,Text,Washington University,Becker,\n"
                                b"e,1952,New draft,,,,draft\n")
BROKEN = build_catalog(HEADER + b"a,03/04/1950,First,Text,Washington University,Becker,\n")


@pytest.mark.parametrize(("mode", "latest", "expected"), [
    (Mode.WEB, EDITED, ["a"]),
    (Mode.KIOSK, EDITED, ["a"]),
    (Mode.CURATOR, EDITED, ["a", "e"]),  # the file on disk, drafts included
    (Mode.WEB, BROKEN, ["a"]),
    (Mode.CURATOR, BROKEN, ["a", "d"]),  # the last good version, with its drafts
])
def test_catalog_for_mode(mode, latest, expected):
    assert [e.id for e in catalog_for(mode, Snapshot(PUBLISHED, latest, 1.0)).entries] == expected


def test_a_settling_save_is_published_without_waiting_for_another_visitor(env, monkeypatch):
    monkeypatch.setattr(loading, "SETTLE_SECONDS", 0.2)
    loading.published_snapshot(env, Settings())
    with env.data.open("a", encoding="utf-8") as f:
        f.write("b,1951,Second,Text,Washington University,Becker\n")
    loading.published_snapshot(env, Settings())  # one look sees the change; nobody asks again
    (watch,) = loading._watches.values()
    assert wait_for(lambda: len(watch.store.snapshot.current.entries) == 2)


def test_a_save_that_stalls_at_a_row_boundary_never_reaches_visitors(env, monkeypatch):
    """An editor writes a 400-entry file in place, pauses after row 134 for longer than the settling time, then
    finishes: the real refresher thread judges the cut-off file, and visitors keep the full version throughout."""
    monkeypatch.setattr(loading, "SETTLE_SECONDS", 0.2)
    header = "id,date,title,text,category,sources\n"
    rows = [f"e{n},{1900 + n % 100},Entry {n},Text,Washington University,Becker\n" for n in range(401)]
    env.data.write_text(header + "".join(rows[:400]), encoding="utf-8")
    loading.published_snapshot(env, Settings())
    (watch,) = loading._watches.values()
    assert len(watch.store.snapshot.current.entries) == 400
    seen: list[int] = []

    def judged(count: int) -> bool:
        snapshot = loading.published_snapshot(env, Settings())  # a visitor's page asking, as its poll does
        seen.append(len(snapshot.current.entries))
        return len(snapshot.latest.entries) == count

    with env.data.open("w", encoding="utf-8") as file:  # in place, as an editor saving over the file
        file.write(header + "".join(rows[:134]))
        file.flush()
        assert wait_for(lambda: judged(134), 30)  # the pause lasts until the store has judged the cut-off file
        assert watch.store.snapshot.withheld
        file.write("".join(rows[134:]))
    assert wait_for(lambda: judged(401) and seen[-1] == 401, 30)
    assert set(seen) == {400, 401}  # visitors never got the 134
