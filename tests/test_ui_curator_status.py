"""Curator mode's words and tables as values: status sentence, problem grouping, changes, image states, host check."""

from __future__ import annotations

import pytest
from PIL import Image

from timeline.catalog import build_catalog
from timeline.changes import compare_catalogs
from timeline.derivatives import build_all
from timeline.problems import format_problem
from timeline.store import Snapshot
from timeline.ui.curator_status import (
    COUNTED_AS,
    MediaRow,
    MediaState,
    is_local_host,
    media_rows,
    media_summary,
    problem_lines,
    published_label,
    save_warning,
    status_message,
)

HEADER = "id,date,title,text,category,sources,image,image_alt,image_credit,status\n"
GOOD = HEADER + ("a,1950,First,Text,Washington University,Becker,,,,\n"
                 "b,1951,Second,Text,Washington University,Becker,,,,draft\n")
BROKEN = HEADER + "a,03/04/1950,First,Text,Washington University,Becker,,,,\n=x,1951,Second,T,C,S,,,,\n"
IMAGES = HEADER + "".join(f"{name},1950,{name},Text,C,S,{name}.png,Alt,Credit,\n"
                          for name in ("ready", "unbuilt", "missing", "broken"))


def catalog(text: str, media=None):
    return build_catalog(text.encode(), "events.csv", media)


@pytest.mark.parametrize(("current", "latest", "published_at", "expected"), [
    (GOOD, GOOD, 0.0, f"Visitors see the file on disk, published at {published_label(0.0)} (1 published entry). "
                      "Drafts shown only here: 1."),
    (GOOD, BROKEN, 0.0, f"Visitors still see the version published at {published_label(0.0)} (1 published entry). "
                        "The file on disk has 2 errors, listed below."),
    (HEADER, BROKEN, None, "Visitors see no entries: no version of the file has passed the check yet. "
                           "The file on disk has 2 errors, listed below."),
])
def test_status_message(current, latest, published_at, expected):
    assert status_message(Snapshot(catalog(current), catalog(latest), published_at)) == expected


def test_status_message_for_a_save_that_removes_too_much():
    published, latest = catalog(GOOD + "c,1952,Third,Text,C,S,,,,\n"), catalog(GOOD)
    snapshot = Snapshot(published, latest, 0.0, withheld=(published.by_id["c"],))
    assert status_message(snapshot) == (
        f"Visitors still see the version published at {published_label(0.0)} (2 published entries). "
        "The file on disk would take 1 of the 2 published entries away from visitors (more than a quarter), "
        "so it is held back in case the save was cut off. If the removal is intended, publish it anyway.")


def test_save_warning_only_when_the_published_copy_was_not_saved():
    good = catalog(GOOD)
    assert save_warning(Snapshot(good, good, 0.0)) == ""
    warning = save_warning(Snapshot(good, good, 0.0, save_error="data/.published/events: Permission denied"))
    assert "could not be saved (data/.published/events: Permission denied)" in warning


def test_problem_lines_put_errors_first_in_the_checkers_words():
    broken = catalog(BROKEN)
    errors, warnings = problem_lines(broken.problems, "data/events.csv")
    assert [e.split(": ")[0] for e in errors] == ["data/events.csv:2", "data/events.csv:3"]
    assert all(": warning: " in w for w in warnings) and warnings  # the "=x" cell looks like a formula
    assert set(errors) | set(warnings) == {format_problem(p, "data/events.csv") for p in broken.problems}


def test_changes_mark_drafts_and_name_columns():
    from timeline.ui.curator_status import change_lines

    edited = GOOD.replace("First,Text", "First,New text") + "c,1952,Third,Text,C,S,,,,draft\n"
    lines = change_lines(compare_catalogs(catalog(GOOD), catalog(edited)))
    assert lines == ("Added: c — Third (draft)", "Changed: a — First: text")


def test_media_rows_give_each_image_its_state(tmp_path):
    media, cache = tmp_path / "media", tmp_path / "derived"
    media.mkdir()
    for name, colour in (("ready", "teal"), ("unbuilt", "navy")):  # different content: derivatives are by content
        Image.new("RGB", (40, 30), colour).save(media / f"{name}.png")
    (media / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n cut off")
    files = catalog(IMAGES, media)
    build_all([e for e in files.entries if e.id == "ready"], media, cache)
    rows = media_rows(files, media, cache)
    assert [(r.row, r.entry_id, r.image, r.state) for r in rows] == [
        (2, "ready", "ready.png", MediaState.READY),
        (3, "unbuilt", "unbuilt.png", MediaState.NOT_BUILT),
        (4, "", "missing.png", MediaState.MISSING),
        (5, "", "broken.png", MediaState.BROKEN),
    ]
    assert media_summary(rows) == "4 images: 1 missing, 1 broken, 1 without web copies yet, 1 with web copies."
    assert media_summary(()) == "No entry names an image."


def test_media_summary_counts_read_as_english():
    """A curator read "1 image: 1 web copies built"; every count agrees with its noun."""
    def rows(*states):
        return tuple(MediaRow(n, f"e{n}", f"{n}.png", s) for n, s in enumerate(states, 2))
    assert media_summary(rows(MediaState.READY)) == "1 image: 1 with web copies."
    assert media_summary(rows(MediaState.BAD_NAME)) == "1 image: 1 with a bad file name."
    assert media_summary(rows(MediaState.BAD_NAME, MediaState.BAD_NAME, MediaState.NOT_BUILT)) == (
        "3 images: 2 with bad file names, 1 without web copies yet.")
    assert set(COUNTED_AS) == set(MediaState)


@pytest.mark.parametrize(("host", "local"), [
    (None, True), ("localhost:8501", True), ("127.0.0.1:8501", True), ("[::1]:8501", True), ("LOCALHOST", True),
    ("192.168.1.20:8501", False), ("exhibit.example.org", False), ("localhost.example.org:8501", False),
])
def test_is_local_host(host, local):
    assert is_local_host(host) is local
