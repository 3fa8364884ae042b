"""The last-known-good store: a bad save, a cut-off save, a missing file or a restart never reach visitors."""

from __future__ import annotations

import json
import logging
import os
import stat

import pytest

from timeline.store import (
    STATE_CSV,
    STATE_META,
    PublishedStore,
    published_label,
    removal_summary,
    state_dir_for,
    write_atomically,
)

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
    state = csv_path.parent / ".published" / "events"
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


def test_a_file_locked_for_a_moment_is_judged_from_one_read(csv_path, monkeypatch):
    """An editor holding the file while it saves: the look that cannot read it reports it unreadable, keeps the
    published version, and is not judged from a second read that happens to succeed."""
    store = PublishedStore(csv_path, None)
    store.refresh()
    csv_path.write_text(BETTER, encoding="utf-8")
    reads, read_bytes = [], type(csv_path).read_bytes

    def locked_once(path):
        reads.append(path)
        if len(reads) == 1:
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(type(csv_path), "read_bytes", locked_once)
    snapshot = store.refresh()
    assert ids(snapshot.current) == ["a"]
    assert [p.code for p in snapshot.latest.problems] == ["file-unreadable"]
    assert ids(store.refresh().current) == ["a", "b"]  # the next look reads it


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
    (state_dir_for(csv_path) / STATE_CSV).write_text(BROKEN, encoding="utf-8")
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


WITH_IMAGES = ("id,date,title,text,category,sources,image,image_alt,image_credit\n"
               "a,1950,First,Text,Washington University,Becker,a.jpg,Alt,Credit\n"
               "b,1951,Second,Text,Washington University,Becker,b.jpg,Alt,Credit\n")


@pytest.fixture
def pictured(tmp_path):
    """An events file whose two entries have pictures in ``media/``, published once by an earlier run."""
    from PIL import Image

    media = tmp_path / "media"
    media.mkdir()
    for name in ("a.jpg", "b.jpg"):
        Image.new("RGB", (40, 30), "teal").save(media / name)
    path = tmp_path / "events.csv"
    path.write_text(WITH_IMAGES, encoding="utf-8")
    assert ids(PublishedStore(path, media).refresh().current) == ["a", "b"]
    return path, media


def test_a_restart_with_an_image_missing_serves_every_entry_and_warns(pictured):
    path, media = pictured
    (media / "b.jpg").unlink()
    restarted = PublishedStore(path, media)
    assert ids(restarted.snapshot.current) == ["a", "b"]  # the saved copy, before the file is looked at
    snapshot = restarted.refresh()
    assert ids(snapshot.current) == ["a", "b"] and not snapshot.held_back
    assert [(p.row, p.code, p.is_error) for p in snapshot.latest.problems] == [(3, "image-missing", False)]


def test_a_restart_before_the_media_share_is_mounted_serves_every_entry(pictured):
    path, media = pictured
    mounted = media.rename(media.with_name("mounted-later"))
    restarted = PublishedStore(path, media)
    assert ids(restarted.refresh().current) == ["a", "b"]
    mounted.rename(media)
    snapshot = restarted.refresh()  # the folder's stamp changed: the pictures are found again
    assert ids(snapshot.current) == ["a", "b"] and snapshot.latest.problems == ()


def test_a_restart_with_a_broken_image_keeps_every_entry_and_holds_the_file_back(pictured):
    path, media = pictured
    (media / "b.jpg").write_bytes(b"cut off")
    restarted = PublishedStore(path, media)
    snapshot = restarted.refresh()
    assert ids(snapshot.current) == ["a", "b"]  # as the process that was running keeps serving them
    assert snapshot.held_back and [p.code for p in snapshot.latest.problems] == ["image-unreadable"]


def test_a_first_publish_with_an_image_not_yet_copied_publishes_with_a_warning(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(WITH_IMAGES, encoding="utf-8")
    snapshot = PublishedStore(path, tmp_path / "media").refresh()
    assert ids(snapshot.current) == ["a", "b"] and snapshot.published_at is not None
    assert [p.code for p in snapshot.latest.problems] == ["image-missing", "image-missing"]


def test_a_saved_copy_that_cannot_be_read_back_is_logged_and_not_served(csv_path, monkeypatch, caplog):
    import timeline.store as store_module

    PublishedStore(csv_path, None).refresh()

    def failing_build(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(store_module, "build_catalog", failing_build)
    with caplog.at_level(logging.ERROR, logger="timeline.store"):
        restarted = PublishedStore(csv_path, None)
    assert restarted.snapshot.current.entries == () and restarted.snapshot.published_at is None
    assert "could not be read back" in caplog.text and "RecursionError" in caplog.text


def test_a_save_the_checker_fails_on_is_held_back_and_logged_once(csv_path, monkeypatch, caplog):
    import timeline.store as store_module

    store = PublishedStore(csv_path, None)
    store.refresh()
    real_build, builds = store_module.build_catalog, []

    def build_failing_on_b(data, *args, **kwargs):
        builds.append(data)
        if b"Second" in data:
            raise RecursionError("maximum recursion depth exceeded")
        return real_build(data, *args, **kwargs)

    monkeypatch.setattr(store_module, "build_catalog", build_failing_on_b)
    csv_path.write_text(BETTER, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="timeline.store"):
        snapshot = store.refresh()
        assert store.refresh() is snapshot  # judged once per save, not again at every look
    assert ids(snapshot.current) == ["a"] and snapshot.held_back and len(builds) == 1
    (problem,) = snapshot.latest.problems
    assert problem.is_error and "could not be checked (RecursionError" in problem.message
    assert caplog.text.count("Traceback") == 1 and "visitors keep the version published at" in caplog.text


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


# --- one state per data file, checked before it is served ------------------------------------------------------


def test_each_data_file_in_a_folder_keeps_its_own_published_copy(csv_path):
    trial = csv_path.with_name("trial.csv")
    trial.write_text(BETTER.replace("Second", "Trial only"), encoding="utf-8")
    PublishedStore(csv_path, None).refresh()
    PublishedStore(trial, None).refresh()  # a trial file published later, from the same folder
    csv_path.write_text(BROKEN, encoding="utf-8")
    restarted = PublishedStore(csv_path, None).refresh()
    assert ids(restarted.current) == ["a"]  # events.csv's own last good version, not the trial's
    assert state_dir_for(trial) != state_dir_for(csv_path)


def test_a_published_copy_recorded_for_another_file_is_never_served(csv_path, caplog):
    trial = csv_path.with_name("trial.csv")
    trial.write_text(BETTER, encoding="utf-8")
    PublishedStore(trial, None, state_dir=state_dir_for(csv_path)).refresh()  # the trial's state in events' place
    csv_path.write_text(BROKEN, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="timeline.store"):
        snapshot = PublishedStore(csv_path, None).refresh()
    assert snapshot.current.entries == () and snapshot.published_at is None
    assert "trial.csv" in caplog.text


def test_a_published_copy_that_is_not_its_recorded_version_is_never_served(csv_path):
    PublishedStore(csv_path, None).refresh()
    (state_dir_for(csv_path) / STATE_CSV).write_text(BETTER, encoding="utf-8")  # valid, but not what was published
    csv_path.write_text(BROKEN, encoding="utf-8")
    assert PublishedStore(csv_path, None).refresh().current.entries == ()


def test_a_failed_save_of_the_published_copy_is_logged_and_carried_in_the_snapshot(csv_path, caplog):
    blocked = csv_path.parent / "not-a-folder"
    blocked.write_text("a file where the state folder should be", encoding="utf-8")
    store = PublishedStore(csv_path, None, state_dir=blocked / "events")
    with caplog.at_level(logging.ERROR, logger="timeline.store"):
        snapshot = store.refresh()
    assert ids(snapshot.current) == ["a"]  # visitors still get the version, from memory
    assert snapshot.save_error.startswith(str(blocked / "events"))
    assert "could not be saved" in caplog.text
    csv_path.write_text(BROKEN, encoding="utf-8")
    assert store.refresh().save_error == snapshot.save_error  # still true of what visitors see
    blocked.unlink()
    csv_path.write_text(BETTER, encoding="utf-8")
    assert store.refresh().save_error == ""  # saved this time


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_written_files_get_the_permissions_the_umask_gives(tmp_path, umask, mode):
    previous = os.umask(umask)
    try:
        write_atomically(tmp_path / "x.csv", b"data")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "x.csv").stat().st_mode) == mode


def test_the_published_copy_is_readable_by_others_under_a_usual_umask(csv_path):
    previous = os.umask(0o022)
    try:
        PublishedStore(csv_path, None).refresh()
    finally:
        os.umask(previous)
    for name in (STATE_CSV, STATE_META):
        assert stat.S_IMODE((state_dir_for(csv_path) / name).stat().st_mode) == 0o644


# --- settling -----------------------------------------------------------------------------------------------------


def test_an_edit_undone_before_it_settles_stops_settling(csv_path):
    clock = Clock()
    store = PublishedStore(csv_path, None, clock=clock)
    store.refresh()  # A, judged at once (as at start-up)
    csv_path.write_text(BETTER, encoding="utf-8")  # A -> B
    store.refresh(settle_seconds=1.0)
    assert store.settling
    clock.now += 0.3
    csv_path.write_text(GOOD, encoding="utf-8")  # B -> A within the second
    store.refresh(settle_seconds=1.0)
    assert not store.settling
    assert ids(store.snapshot.current) == ["a"]


# --- a save that takes many published entries away is held back ------------------------------------------------


def rows(count: int, start: int = 0) -> str:
    return "".join(f"e{n},{1900 + n % 100},Entry {n},Text,Washington University,Becker\n"
                   for n in range(start, start + count))


FULL = HEADER + rows(400)


def test_a_save_stalled_at_a_row_boundary_is_held_back_until_it_is_whole(csv_path):
    clock = Clock()
    csv_path.write_text(FULL, encoding="utf-8")
    store = PublishedStore(csv_path, None, clock=clock)
    assert len(store.refresh().current.entries) == 400
    csv_path.write_text(HEADER + rows(134), encoding="utf-8")  # the editor stalls after row 134
    store.refresh(settle_seconds=1.0)
    clock.now += 1.1  # longer than the settling time: the cut-off file is judged, and is valid row by row
    snapshot = store.refresh(settle_seconds=1.0)
    assert snapshot.latest.publishable and len(snapshot.latest.entries) == 134
    assert len(snapshot.current.entries) == 400 and snapshot.held_back
    assert [e.id for e in snapshot.withheld] == [f"e{n}" for n in range(134, 400)]
    assert "would take 266 of the 400 published entries away" in removal_summary(snapshot)
    csv_path.write_text(FULL + rows(1, start=400), encoding="utf-8")  # the save completes
    store.refresh(settle_seconds=1.0)
    clock.now += 1.1
    snapshot = store.refresh(settle_seconds=1.0)
    assert len(snapshot.current.entries) == 401 and not snapshot.held_back


@pytest.mark.parametrize(("kept", "held"), [(300, False), (299, True)])
def test_more_than_a_quarter_of_the_published_entries_is_the_limit(csv_path, kept, held):
    csv_path.write_text(FULL, encoding="utf-8")
    store = PublishedStore(csv_path, None)
    store.refresh()
    csv_path.write_text(HEADER + rows(kept), encoding="utf-8")
    assert store.refresh().held_back is held


def test_drafts_and_eras_are_not_published_entries_to_lose(csv_path):
    csv_path.write_text("id,date,title,text,category,sources,kind,status\n"
                        "a,1950,First,Text,Washington University,Becker,,\n"
                        "d,1951,Draft,Text,Washington University,Becker,,draft\n"
                        "era,1940/1960,An era,Text,,,era,\n", encoding="utf-8")
    store = PublishedStore(csv_path, None)
    store.refresh()
    csv_path.write_text(GOOD, encoding="utf-8")  # the draft and the era go; the one published entry stays
    assert not store.refresh().held_back


def test_a_restart_with_a_cut_off_file_keeps_the_published_version(csv_path):
    csv_path.write_text(FULL, encoding="utf-8")
    PublishedStore(csv_path, None).refresh()
    csv_path.write_text(HEADER + rows(134), encoding="utf-8")
    snapshot = PublishedStore(csv_path, None).refresh()
    assert len(snapshot.current.entries) == 400 and len(snapshot.withheld) == 266


def test_publish_anyway_publishes_the_version_the_curator_saw_for_every_process(csv_path):
    csv_path.write_text(FULL, encoding="utf-8")
    curator, visitors = PublishedStore(csv_path, None), PublishedStore(csv_path, None)  # two servers, one file
    curator.refresh()
    visitors.refresh()
    csv_path.write_text(HEADER + rows(10), encoding="utf-8")
    held = curator.refresh()
    assert visitors.refresh().held_back
    assert curator.publish_anyway("another version") is held  # only what the curator looked at
    published = curator.publish_anyway(held.latest.version)
    assert len(published.current.entries) == 10 and not published.held_back
    assert len(visitors.refresh().current.entries) == 10  # read from the saved state, no new save needed
    assert len(PublishedStore(csv_path, None).refresh().current.entries) == 10  # and after a restart


def test_a_save_visitors_do_not_get_is_logged_once_with_its_reason(csv_path, caplog):
    """Whoever runs the server can tell a refused save from one that never arrived, without a line per refresh."""
    store = PublishedStore(csv_path, None, clock=lambda: 1_700_000_000.0)
    store.refresh()
    csv_path.write_text(BROKEN, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="timeline.store"):
        store.refresh()
        store.refresh()
        csv_path.unlink()
        store.refresh()
    published = published_label(1_700_000_000.0)
    assert [r.getMessage() for r in caplog.records] == [
        f"{csv_path}: visitors keep the version published at {published}, because the file has 1 error, the first: "
        "“03/04/1950” could be 3 April or 4 March 1950.",
        f"{csv_path}: visitors keep the version published at {published}, because the file has 1 error, the first: "
        f"There is no events file at {csv_path}.",
    ]


def test_a_held_back_save_is_logged_with_what_it_would_remove(csv_path, caplog):
    csv_path.write_text(BETTER, encoding="utf-8")
    store = PublishedStore(csv_path, None)
    store.refresh()
    csv_path.write_text(GOOD.replace("a,1950,First", "c,1952,Other"), encoding="utf-8")  # a and b both gone
    with caplog.at_level(logging.WARNING, logger="timeline.store"):
        store.refresh()
    assert caplog.text.rstrip().endswith("because the save would remove 2 published entries")
