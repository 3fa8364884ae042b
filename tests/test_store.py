"""The last-known-good store: a bad save, a cut-off save, a missing file or a restart never reach visitors."""

from __future__ import annotations

import json

import pytest

from timeline.store import STATE_CSV, STATE_META, PublishedStore, write_atomically

HEADER = "id,date,title,text,category,sources\n"
GOOD = HEADER + "a,1950,First,Text,Washington University,Becker Archives\n"
BETTER = GOOD + "b,1951,Second,Text,Washington University,Becker Archives\n"
BROKEN = HEADER + "a,03/04/1950,First,Text,Washington University,Becker Archives\n"
TRUNCATED = BETTER + 'c,1952,"Third, cut off'


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def csv_path(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(GOOD, encoding="utf-8")
    return path


def ids(catalog):
    return [e.id for e in catalog.entries]


def test_first_refresh_publishes_a_valid_file_and_writes_state(csv_path):
    snapshot = PublishedStore(csv_path, None).refresh()
    assert ids(snapshot.current) == ["a"]
    assert not snapshot.held_back
    state = csv_path.parent / ".published"
    assert (state / STATE_CSV).read_text(encoding="utf-8") == GOOD
    assert json.loads((state / STATE_META).read_text())["version"] == snapshot.current.version


@pytest.mark.parametrize("bad", [BROKEN, TRUNCATED, "", "\x00\x01binary"])
def test_a_bad_save_keeps_the_last_good_version(csv_path, bad):
    store = PublishedStore(csv_path, None)
    store.refresh()
    csv_path.write_text(bad, encoding="utf-8")
    snapshot = store.refresh()
    assert ids(snapshot.current) == ["a"]
    assert not snapshot.latest.publishable
    assert snapshot.held_back


def test_a_missing_file_keeps_the_last_good_version(csv_path):
    store = PublishedStore(csv_path, None)
    store.refresh()
    csv_path.unlink()
    snapshot = store.refresh()
    assert ids(snapshot.current) == ["a"]
    assert [p.code for p in snapshot.latest.problems] == ["file-missing"]


def test_a_valid_save_replaces_the_version(csv_path):
    store = PublishedStore(csv_path, None)
    first = store.refresh().current.version
    csv_path.write_text(BETTER, encoding="utf-8")
    snapshot = store.refresh()
    assert ids(snapshot.current) == ["a", "b"]
    assert snapshot.current.version != first


def test_restart_with_a_broken_file_serves_the_saved_version(csv_path):
    PublishedStore(csv_path, None).refresh()
    csv_path.write_text(BROKEN, encoding="utf-8")
    restarted = PublishedStore(csv_path, None)
    assert ids(restarted.snapshot.current) == ["a"]
    snapshot = restarted.refresh()
    assert ids(snapshot.current) == ["a"]
    assert snapshot.held_back


def test_restart_with_no_saved_state_and_a_broken_file_shows_nothing_rather_than_errors(csv_path):
    csv_path.write_text(BROKEN, encoding="utf-8")
    snapshot = PublishedStore(csv_path, None).refresh()
    assert snapshot.current.entries == ()
    assert snapshot.published_at is None
    assert not snapshot.latest.publishable


def test_a_tampered_state_file_is_not_served(csv_path):
    PublishedStore(csv_path, None).refresh()
    (csv_path.parent / ".published" / STATE_CSV).write_text(BROKEN, encoding="utf-8")
    csv_path.unlink()
    assert PublishedStore(csv_path, None).refresh().current.entries == ()


def test_a_changing_file_waits_until_it_settles(csv_path):
    clock = Clock()
    store = PublishedStore(csv_path, None, clock=clock)
    store.refresh(settle_seconds=1.0)
    clock.now += 1.5
    assert ids(store.refresh(settle_seconds=1.0).current) == ["a"]
    csv_path.write_text(BETTER, encoding="utf-8")
    assert ids(store.refresh(settle_seconds=1.0).current) == ["a"]
    clock.now += 0.5
    assert ids(store.refresh(settle_seconds=1.0).current) == ["a"]
    clock.now += 0.6
    assert ids(store.refresh(settle_seconds=1.0).current) == ["a", "b"]


def test_write_atomically_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "x.csv"
    target.write_bytes(b"old")
    write_atomically(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def test_a_replaced_image_is_noticed_and_a_broken_one_held_back(tmp_path):
    from PIL import Image

    media = tmp_path / "media"
    media.mkdir()
    Image.new("RGB", (40, 30), "teal").save(media / "a.jpg")
    path = tmp_path / "events.csv"
    path.write_text("id,date,title,text,category,sources,image,image_alt,image_credit\n"
                    "a,1950,First,Text,Washington University,Becker,a.jpg,Alt,Credit\n", encoding="utf-8")
    store = PublishedStore(path, media)
    assert store.refresh().current.publishable
    (media / "a.jpg").write_bytes(b"not an image any more")
    snapshot = store.refresh()
    assert [p.code for p in snapshot.latest.problems] == ["image-unreadable"]
    assert ids(snapshot.current) == ["a"]
    assert snapshot.held_back


def test_a_changed_category_order_rebuilds_the_same_bytes(csv_path):
    csv_path.write_text(BETTER.replace("b,1951,Second,Text,Washington University", "b,1951,Second,Text,Homer"),
                        encoding="utf-8")
    store = PublishedStore(csv_path, None, ["Washington University", "Homer"])
    assert store.refresh().current.categories == ("Washington University", "Homer")
    snapshot = store.refresh(category_order=["Homer", "Washington University"])
    assert snapshot.current.categories == ("Homer", "Washington University")
    assert store.refresh(category_order=["Homer", "Washington University"]) is snapshot  # nothing new: no rebuild


def test_a_refresh_during_a_rebuild_returns_the_previous_snapshot_at_once(csv_path, monkeypatch):
    import threading

    import timeline.store as store_module

    store = PublishedStore(csv_path, None)
    before = store.refresh()
    started, release = threading.Event(), threading.Event()
    real_build = store_module.build_catalog

    def slow_build(*args, **kwargs):
        started.set()
        release.wait(5)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(store_module, "build_catalog", slow_build)
    csv_path.write_text(BETTER, encoding="utf-8")
    rebuilding = threading.Thread(target=store.refresh)
    rebuilding.start()
    assert started.wait(5)
    assert store.refresh() is before  # not blocked, not a second rebuild
    release.set()
    rebuilding.join(5)
    assert ids(store.snapshot.current) == ["a", "b"]


def test_settling_says_a_change_waits_to_be_judged(csv_path):
    clock = Clock()
    store = PublishedStore(csv_path, None, clock=clock)
    store.refresh(settle_seconds=1.0)
    clock.now += 1.5
    store.refresh(settle_seconds=1.0)
    assert not store.settling
    csv_path.write_text(BETTER, encoding="utf-8")
    store.refresh(settle_seconds=1.0)
    assert store.settling
    clock.now += 1.5
    store.refresh(settle_seconds=1.0)
    assert not store.settling
