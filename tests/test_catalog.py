"""Building a Catalog: order, eras, categories, visibility and versions."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from timeline.catalog import Counts, build_catalog, load_catalog, read_events_file
from timeline.reader import read_table

CSV = b"""id,kind,date,end_date,title,text,category,sources,status
late,event,1979,,Late,Text,Homer G. Phillips Hospital,Becker Archives,
early,event,1937,,Early,Text,Washington University,Becker Archives,
hidden,event,1950,,Hidden,Text,St. Louis and national context,Becker Archives,draft
era-one,era,1937,1979,Era,Text,,Becker Archives,
odd,event,1960,,Odd,Text,Somewhere else,Becker Archives,
"""
ORDER = ("Washington University", "Homer G. Phillips Hospital", "St. Louis and national context")


def test_entries_are_chronological_and_eras_separate():
    catalog = build_catalog(CSV, "events.csv", None, ORDER)
    assert [e.id for e in catalog.entries] == ["early", "hidden", "odd", "late"]
    assert [e.id for e in catalog.eras] == ["era-one"]
    assert catalog.by_id["era-one"].title == "Era"


def test_categories_follow_curator_order_then_first_use():
    catalog = build_catalog(CSV, "events.csv", None, ORDER)
    assert catalog.categories == ("Washington University", "Homer G. Phillips Hospital",
                                  "St. Louis and national context", "Somewhere else")


def test_visible_hides_drafts_and_unused_categories():
    visible = build_catalog(CSV, "events.csv", None, ORDER).visible
    assert [e.id for e in visible.entries] == ["early", "odd", "late"]
    assert "hidden" not in visible.by_id
    assert "St. Louis and national context" not in visible.categories


def test_visible_related_ids_name_only_what_visitors_can_see():
    csv = b"""id,kind,date,title,text,category,sources,related,status
seen,event,1937,Seen,Text,Washington University,Becker Archives,,
hidden,event,1950,Hidden,Text,Washington University,Becker Archives,,draft
undated,event,,Undated draft,Text,Washington University,Becker Archives,,draft
era-one,era,1937/1979,Era,Text,,Becker Archives,,
linked,event,1960,Linked,Text,Washington University,Becker Archives,hidden; era-one; undated; seen,
"""
    catalog = build_catalog(csv, "events.csv", None, ORDER)
    assert catalog.publishable
    assert catalog.by_id["linked"].related == ("hidden", "era-one", "undated", "seen")  # curators see every link
    assert catalog.visible.by_id["linked"].related == ("era-one", "seen")


def test_counts_name_published_entries_drafts_and_eras_apart():
    rows = CSV + b"draft-era,era,1940,1945,Draft era,Text,,Becker Archives,draft\nbad,event,03/04/1950,,Bad,T,,,\n"
    catalog = build_catalog(rows, "events.csv", None, ORDER)
    assert catalog.counts == Counts(published_entries=3, drafts=2, eras=1, errors=3, warnings=1)
    assert str(catalog.counts) == "3 published entries, 2 drafts, 1 era; 3 errors, 1 warning"
    assert catalog.visible.counts.published_entries == 3 and catalog.visible.counts.drafts == 0


def test_version_is_a_content_hash():
    assert build_catalog(CSV).version == build_catalog(CSV).version
    assert build_catalog(CSV).version != build_catalog(CSV + b"\n").version


FIXTURE_FILES = sorted((Path(__file__).parent / "fixtures").rglob("*.csv"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_a_file_read_from_disk_keeps_every_reader_finding(path):
    """Reading a file goes through ``read_events_file`` and ``read_table`` only: what the reader finds in the
    bytes is what the catalogue of the file reports, for every fixture, so the checker and the store never
    disagree with the reader about a file."""
    reader = read_table(io.BytesIO(read_events_file(path))).problems
    catalog = load_catalog(path).problems
    assert [p for p in reader if p not in catalog] == []


def test_missing_and_unreadable_files_are_problems_not_exceptions(tmp_path):
    assert read_events_file(tmp_path / "nope.csv").code == "file-missing"
    assert read_events_file(tmp_path).code == "file-unreadable"
    assert (tmp_path / "nope.csv").name in read_events_file(tmp_path / "nope.csv").message


def test_missing_file_gives_an_empty_catalog_with_one_problem(tmp_path):
    catalog = load_catalog(tmp_path / "nope.csv")
    assert catalog.entries == () and not catalog.publishable
    assert [p.code for p in catalog.problems] == ["file-missing"]


def test_a_folder_instead_of_a_file_is_unreadable(tmp_path):
    catalog = load_catalog(tmp_path)
    assert [p.code for p in catalog.problems] == ["file-unreadable"]


@pytest.mark.parametrize("folder", ["media", "not-mounted-yet"])
def test_an_entry_whose_image_is_missing_is_published_with_a_warning(tmp_path, folder):
    """Its picture becomes a placeholder card; a media folder mounted late must not take entries away."""
    (tmp_path / "media").mkdir()
    data = (b"id,date,title,text,category,sources,image,image_alt,image_credit\n"
            b"a,1950,First,Text,Washington University,Becker,gone.jpg,Alt,Credit\n")
    catalog = build_catalog(data, "events.csv", tmp_path / folder)
    assert [e.id for e in catalog.visible.entries] == ["a"] and catalog.publishable
    (problem,) = catalog.problems
    assert (problem.code, problem.row, problem.column, problem.is_error) == ("image-missing", 2, "image", False)
