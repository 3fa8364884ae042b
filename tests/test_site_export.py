"""The downloads: the visitors' catalogue as CSV and JSON, checker-clean and safe to open in a spreadsheet."""

from __future__ import annotations

import json

import pytest

from timeline.catalog import build_catalog
from timeline.settings import Settings
from timeline.site.export import entries_csv, entries_json, spreadsheet_text

HEADER = b"id,kind,date,title,text,category,sources,related,status,notes\n"
CSV = HEADER + b"""era-one,era,1937/1979,The hospital years,Text,,Archive box 1,,,
seen,event,1940,Seen,Text,City Hospital,Archive box 2,era-one; hidden; undated,,a curator's note
hidden,event,1950,Hidden,Text,City Hospital,Archive box 3,seen,draft,
undated,event,,Undated draft,Text,City Hospital,Archive box 4,,draft,
era-draft,era,1950/1960,Draft era,Text,,Archive box 5,,draft,
"""


@pytest.mark.parametrize(("cell", "shown"), [
    ('=HYPERLINK("https://evil.example","Click")', '\'=HYPERLINK("https://evil.example","Click")'),
    ("+1 555 0100", "'+1 555 0100"), ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tTabbed", "'\tTabbed"), ("\rReturned", "'\rReturned"),
    ("Homer G. Phillips", "Homer G. Phillips"), ("1947-09~", "1947-09~"), ("", ""), ("a = b", "a = b"),
])
def test_formula_leading_cells_start_with_an_apostrophe(cell: str, shown: str) -> None:
    assert spreadsheet_text(cell) == shown


def test_the_csv_download_passes_the_checker_with_its_eras_and_no_draft() -> None:
    visible = build_catalog(CSV, "events.csv").visible
    download = entries_csv(visible).encode()
    again = build_catalog(download, "entries.csv")
    assert [(p.row, p.column, p.code) for p in again.problems] == []
    assert [e.id for e in (*again.entries, *again.eras)] == ["seen", "era-one"]
    assert again.by_id["seen"].related == ("era-one",)
    for text in (b"hidden", b"undated", b"Undated draft", b"era-draft", b"Draft era", b"notes"):
        assert text not in download


def test_a_formula_in_a_published_title_reaches_the_csv_as_text() -> None:
    hostile = CSV.replace(b",Seen,", b',"=HYPERLINK(""https://evil.example"",""Click"")",')
    visible = build_catalog(hostile, "events.csv").visible
    download = entries_csv(visible).encode()
    assert b'\'=HYPERLINK(""https://evil.example"",""Click"")' in download
    again = build_catalog(download, "entries.csv")
    assert [p.code for p in again.problems] == []  # no formula warning: a spreadsheet shows the cell as text
    assert again.by_id["seen"].title == "'" + visible.by_id["seen"].title


def test_the_json_download_lists_entries_and_eras_without_drafts() -> None:
    visible = build_catalog(CSV, "events.csv").visible
    data = json.loads(entries_json(visible, Settings(title="T"), {"seen": "entries/seen/"}))
    assert [e["id"] for e in data["entries"]] == ["seen"] and [e["id"] for e in data["eras"]] == ["era-one"]
    assert data["entries"][0]["related"] == ["era-one"] and data["entries"][0]["url"] == "entries/seen/"
    assert "url" not in data["eras"][0]
    text = json.dumps(data)
    assert all(word not in text for word in ("hidden", "undated", "era-draft", "Draft era"))
