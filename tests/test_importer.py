"""Mapping TimelineJS rows onto our contract: flattened rows and report lines over a fixture sheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from timeline.catalog import build_catalog
from timeline.importer import OUTPUT_COLUMNS, SheetImport, import_records
from timeline.reader import read_table
from timeline.timelinejs import SheetRecord, records_from_table

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"


def import_sheet(name: str = "sheet.csv") -> SheetImport:
    table = read_table(io.BytesIO((FIXTURES / name).read_bytes()))
    records, problem = records_from_table(table)
    assert problem is None
    return import_records(records, table.columns)


def import_cells(*cells: dict[str, str]) -> SheetImport:
    return import_records([SheetRecord(row, c) for row, c in enumerate(cells, start=2)])


SHEET = import_sheet()


def test_rows_map_to_our_columns():
    assert [(r["id"], r["kind"], r["date"], r["end_date"], r["display_date"], r["title"], r["category"], r["status"])
            for r in SHEET.rows] == [
        ("1937-homer-g-phillips-hospital-opens", "event", "1937", "", "", "Homer G. Phillips Hospital opens",
         "Homer G. Phillips Hospital", "draft"),
        ("1947-first-black-students-the-medical-school", "event", "1947-09-15", "", "Fall 1947",
         "First Black students & the medical school", "Washington University", "draft"),
        ("1945-years-of-campaigning", "event", "1945", "1966", "", "Years of campaigning",
         "St. Louis and national context", "draft"),
        ("1937-the-homer-g-phillips-years", "era", "1937", "1979", "", "The Homer G. Phillips years", "", ""),
        ("1955-a-photograph-from-the-newspaper", "event", "1955-03", "", "", "A photograph from the newspaper",
         "St. Louis Argus", "draft"),
        ("1950-a-morning-meeting", "event", "1950", "", "", "A morning meeting", "Washington University", "draft"),
        ("1937-homer-g-phillips-hospital-opens-2", "event", "1937", "", "", "Homer G. Phillips Hospital opens",
         "Homer G. Phillips Hospital", "draft"),
        ("1960-an-approximate-year", "event", "1960~", "", "", "An approximate year", "Washington University",
         "draft"),
        ("1940-an-era-without-an-end", "era", "1940", "", "", "An era without an end", "", ""),
    ]
    assert all(tuple(row) == OUTPUT_COLUMNS for row in SHEET.rows)


def test_every_unmapped_value_is_reported_row_by_row():
    assert [(n.row, n.column) for n in SHEET.notes] == [
        (1, "Curator"), (2, "Type"), (4, "Media"), (5, "Background"), (7, "Media"), (8, "Time"), (11, "End Year")]
    messages = {n.row: n.message for n in SHEET.notes}
    assert messages[7] == ("media URL https://example.org/photo.jpg must be downloaded into media/ and its file name "
                           "put in the image column.")
    assert "exhibit.toml" in messages[2] and "Copy students-1947.jpg into media/" in messages[4]


def test_unmapped_values_are_kept_in_notes():
    notes = [r["notes"] for r in SHEET.rows]
    assert notes[2] == "Background: #1a1a1a | add sources before publishing"
    assert notes[4] == "Media: https://example.org/photo.jpg | add sources before publishing"
    assert notes[5] == "Time: 10:30 | add sources before publishing"
    assert notes[6] == "curator: keep | add sources before publishing"
    assert notes[3] == ""  # an era needs no sources


def test_html_text_and_media_columns():
    row = SHEET.rows[1]
    assert row["text"] == "Five students *enter* the school.\n\nSee [the record](https://example.org/wu) — and more."
    assert (row["image"], row["image_alt"], row["image_caption"], row["image_credit"]) == (
        "students-1947.jpg", "Five students on the steps", "The class of 1951", "Becker Archives")
    assert SHEET.rows[4]["image"] == "" and SHEET.rows[4]["image_credit"] == "St. Louis Argus"


def test_title_slide_and_summary_counts():
    assert (SHEET.title.row, SHEET.title.headline, SHEET.title.text) == (2, "Desegregating St. Louis medicine",
                                                                         "A century of change.")
    assert (SHEET.drafts, SHEET.unsourced) == (7, 7)


def test_the_imported_file_passes_the_checker_but_for_what_the_report_names():
    out = io.StringIO()
    writer = csv.DictWriter(out, OUTPUT_COLUMNS)
    writer.writeheader()
    writer.writerows(SHEET.rows)
    catalog = build_catalog(out.getvalue().encode("utf-8"))
    assert [(p.row, p.column, p.code) for p in catalog.problems if p.is_error] == [(10, "date", "era-without-end")]


@pytest.mark.parametrize(("cells", "date", "end_date", "columns"), [
    ({"year": "1947"}, "1947", "", []),
    ({"year": "1947", "month": "9"}, "1947-09", "", []),
    ({"year": "1947", "month": "09", "day": "5"}, "1947-09-05", "", []),
    ({"year": "1947", "day": "5"}, "1947", "", ["Day"]),
    ({"year": "1947", "month": "September", "day": "15"}, "1947-09-15", "", []),
    ({"year": "c. 1947"}, "1947~", "", []),
    ({"year": "1947", "end year": "1950", "end month": "6"}, "1947", "1950-06", []),
    ({"year": "1950", "end year": "1947"}, "1950", "1947", ["End Year"]),
    ({"year": "1947", "month": "13"}, "1947-13", "", ["Year"]),
    ({"year": "03/04/1950"}, "03/04/1950", "", ["Year"]),
    ({"month": "9"}, "", "", ["Year", "Year"]),  # the month alone, then: a draft until it has a date
    ({"year": "1947", "end month": "9"}, "1947", "", ["End Year"]),
    ({"year": "1947", "end year": "1950", "end time": "10:00"}, "1947", "1950", ["End Time"]),
])
def test_dates(cells, date, end_date, columns):
    result = import_cells({"headline": "H", "text": "T", "group": "G", **cells})
    assert (result.rows[0]["date"], result.rows[0]["end_date"]) == (date, end_date)
    assert [n.column for n in result.notes] == columns


def test_a_display_date_that_repeats_the_generated_label_is_dropped():
    result = import_cells({"year": "1947", "month": "9", "headline": "A", "display date": "September 1947"},
                          {"year": "1947", "headline": "B", "display date": "Fall 1947"})
    assert [r["display_date"] for r in result.rows] == ["", "Fall 1947"]


@pytest.mark.parametrize(("cells", "expected"), [
    ({"year": "1947", "headline": "Café Société opens: a “new” era, at last"}, "1947-cafe-societe-opens-a-new-era"),
    ({"headline": "Undated"}, "undated"),
    ({"year": "1947"}, "1947"),
    ({}, "entry"),
    ({"year": "1947", "headline": "H", "unique id": "our-id"}, "our-id"),
    ({"year": "1947", "headline": "H", "unique id": "Not An Id"}, "1947-h"),
])
def test_ids(cells, expected):
    assert import_cells(cells).rows[0]["id"] == expected


def test_ids_stay_unique():
    rows = import_cells({"year": "1947", "headline": "H"}, {"year": "1947", "headline": "H", "unique id": "1947-h"},
                        {"year": "1947", "headline": "H"}).rows
    assert [r["id"] for r in rows] == ["1947-h", "1947-h-2", "1947-h-3"]


@pytest.mark.parametrize(("cells", "status", "columns"), [
    ({"year": "1947", "headline": "H", "text": "T", "group": "G"}, "draft", []),  # sources: in the summary only
    ({"year": "1947", "headline": "H", "text": "T"}, "draft", ["Group"]),
    ({"year": "1947", "headline": "H", "text": "<p>x</p><p>Sources: https://e.org/a</p>", "group": "G"}, "", []),
    ({"year": "1947", "headline": "H", "text": "T", "group": "G", "media": "a.jpg"}, "draft", ["Media", "Alt Text"]),
    ({"year": "1937", "end year": "1979", "headline": "H", "type": "Era"}, "", []),
    ({"year": "1947", "headline": "H", "type": "milestone"}, "draft", ["Type", "Text"]),
    ({"year": "1947", "headline": "H", "media": "<iframe src='x'></iframe>"}, "draft", ["Media", "Text"]),
])
def test_rows_missing_what_the_contract_requires_become_drafts(cells, status, columns):
    result = import_cells(cells)
    assert result.rows[0]["status"] == status
    assert [n.column for n in result.notes] == columns


def test_a_second_title_row_becomes_an_event():
    result = import_cells({"type": "title", "headline": "One"}, {"type": "title", "headline": "Two"})
    assert result.title.headline == "One"
    assert [(r["kind"], r["title"]) for r in result.rows] == [("event", "Two")]
