"""Curator mode's words and tables as values: status sentence, problem grouping, changes, image states, host check."""

from __future__ import annotations

import pytest
from PIL import Image

from timeline.catalog import build_catalog
from timeline.changes import compare_catalogs
from timeline.curator_status import (
    CHANGE_COLUMNS,
    COUNTED_AS,
    MEDIA_COLUMNS,
    PROBLEM_COLUMNS,
    MediaRow,
    MediaState,
    changes_table,
    media_rows,
    media_summary,
    media_table,
    problems_table,
    published_label,
    save_warning,
    status_message,
)
from timeline.derivatives import build_all
from timeline.problems import make_problem
from timeline.store import Snapshot

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


def test_problems_table_puts_errors_first_in_the_checkers_words():
    broken = catalog(BROKEN)
    table = problems_table(broken.problems)
    assert tuple(table.columns) == PROBLEM_COLUMNS
    assert list(table["severity"]) == ["error", "error", "warning"]  # the "=x" cell looks like a formula
    assert list(table["row"]) == [2, 3, 3] and str(table["row"].dtype) == "Int64"
    errors = [p for p in broken.problems if p.is_error]
    assert table.iloc[0].to_dict() == {"row": 2, "line": None, "column": "date", "severity": "error",
                                       "problem": errors[0].message, "fix": errors[0].hint, "code": errors[0].code}


def test_problems_table_of_a_file_level_problem_leaves_the_row_empty_and_keeps_the_line():
    problem = make_problem("file-binary", "A NUL byte.", line=3)
    (row,) = problems_table([problem]).to_dict("records")
    assert row["row"] is None and row["line"] == 3 and row["column"] == ""
    assert problems_table([]).empty and tuple(problems_table([]).columns) == PROBLEM_COLUMNS


def test_changes_table_lists_whole_entries_then_each_changed_cell_before_and_after():
    edited = GOOD.replace("First,Text", "First,New text").replace("a,1950,", "a,1950~,") + \
        "c,1952,Third,Text,C,S,,,,draft\n"
    table = changes_table(compare_catalogs(catalog(GOOD + "d,1953,Fourth,T,C,S,,,,\n"), catalog(edited)))
    assert tuple(table.columns) == CHANGE_COLUMNS
    assert table.to_dict("records") == [
        {"change": "added", "id": "c", "title": "Third", "draft": True, "column": "", "before": "", "after": ""},
        {"change": "removed", "id": "d", "title": "Fourth", "draft": False, "column": "", "before": "", "after": ""},
        {"change": "changed", "id": "a", "title": "First", "draft": False, "column": "date/end_date",
         "before": "1950", "after": "1950~"},
        {"change": "changed", "id": "a", "title": "First", "draft": False, "column": "text",
         "before": "Text", "after": "New text"},
    ]
    assert changes_table(compare_catalogs(catalog(GOOD), catalog(GOOD))).empty


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
        (4, "missing", "missing.png", MediaState.MISSING),  # a warning: the entry stays, with a placeholder card
        (5, "", "broken.png", MediaState.BROKEN),
    ]
    assert media_summary(rows) == "4 images: 1 missing, 1 broken, 1 without web copies yet, 1 with web copies."
    assert media_summary(()) == "No entry names an image."
    table = media_table(rows)
    assert tuple(table.columns) == MEDIA_COLUMNS
    assert table.to_dict("records")[2] == {"row": 4, "entry": "missing", "image": "missing.png", "state": "missing"}


def test_media_summary_counts_read_as_english():
    """A curator read "1 image: 1 web copies built"; every count agrees with its noun."""
    def rows(*states):
        return tuple(MediaRow(n, f"e{n}", f"{n}.png", s) for n, s in enumerate(states, 2))
    assert media_summary(rows(MediaState.READY)) == "1 image: 1 with web copies."
    assert media_summary(rows(MediaState.BAD_NAME)) == "1 image: 1 with a bad file name."
    assert media_summary(rows(MediaState.BAD_NAME, MediaState.BAD_NAME, MediaState.NOT_BUILT)) == (
        "3 images: 2 with bad file names, 1 without web copies yet.")
    assert set(COUNTED_AS) == set(MediaState)


def test_narration_rows_say_built_stale_missing_or_recorded(tmp_path):
    import shutil
    from pathlib import Path
    from types import MappingProxyType

    from narration_audio import tone_wav

    from timeline.catalog import load_catalog
    from timeline.curator_status import NARRATION_COLUMNS, narration_rows, narration_summary, narration_table
    from timeline.narration.build import plan
    from timeline.narration.engine import EngineInfo
    from timeline.narration.manifest import MANIFEST_NAME, Manifest, Narration, NarrationState, manifest_bytes
    from timeline.narration.pronunciation import load_pronunciations
    from timeline.narration.recorded import find_recordings

    fixtures = Path(__file__).parent / "fixtures" / "narration"
    data, media, audio = tmp_path / "events.csv", tmp_path / "media", tmp_path / "audio"
    shutil.copy(fixtures / "events.csv", data)
    shutil.copy(fixtures / "pronunciations.csv", tmp_path / "pronunciations.csv")
    (media / "audio").mkdir(parents=True)
    audio.mkdir()
    engine = EngineInfo("espeak-ng", "1.51", "en-us")
    files = load_catalog(data)

    def built(**keys: str) -> list[tuple[str, NarrationState]]:
        records = {i: Narration(k, "recorded" if i == "nash-quote" else "synthesised", MappingProxyType({}), "", 1.0)
                   for i, k in keys.items()}
        (audio / MANIFEST_NAME).write_bytes(manifest_bytes(Manifest(records)))
        return [(r.entry_id, r.state) for r in narration_rows(files, data, media, audio, engine)]

    def key(entry_id: str) -> str:
        jobs = plan(files.entries, load_pronunciations(tmp_path / "pronunciations.csv")[0], engine,
                    find_recordings(media))
        return next(j.key for j in jobs if j.id == entry_id)

    assert built(**{"ville-opens": key("ville-opens")}) == [("ville-opens", NarrationState.BUILT),
                                                            ("nash-quote", NarrationState.MISSING)]
    (tmp_path / "pronunciations.csv").write_text("word,say\nVille,Veel\n", encoding="utf-8")
    (media / "audio" / "nash-quote.wav").write_bytes(tone_wav(1.2))
    assert built(**{"ville-opens": key("ville-opens") + "-old", "nash-quote": key("nash-quote")}) == [
        ("ville-opens", NarrationState.STALE), ("nash-quote", NarrationState.RECORDED)]
    rows = narration_rows(files, data, media, audio, engine)
    assert narration_summary(rows) == "2 entries: 1 stale, 1 recorded."
    assert tuple(narration_table(rows).columns) == NARRATION_COLUMNS
