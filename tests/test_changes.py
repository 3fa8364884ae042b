"""Change detection between the published catalogue and the file on disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from timeline.catalog import build_catalog
from timeline.changes import CellChange, compare_catalogs, entry_cells

HEADER = "id,kind,date,end_date,title,text,category,sources,notes\n"
BASE = HEADER + (
    "a,event,1950,,First,Text,Washington University,Becker,\n"
    "b,event,1951,,Second,Text,Washington University,Becker,\n"
    "c,event,1952,,Third,Text,Washington University,Becker,\n"
    "e,era,1950,1960,An era,Text,,Becker,\n"
)


def catalog(text: str):
    return build_catalog(text.encode())


def test_identical_files_have_no_changes():
    changes = compare_catalogs(catalog(BASE), catalog(BASE))
    assert changes.is_empty
    assert changes.summary().startswith("No differences")


def test_added_removed_and_changed_by_id_with_columns():
    edited = HEADER + (
        "b,event,1951,1953,Second (revised),Text,Homer G. Phillips Hospital,Becker,\n"
        "a,event,1950,,First,Text,Washington University,Becker,checked\n"
        "d,event,1960,,Fourth,Text,Washington University,Becker,\n"
        "e,era,1950,1961,An era,Text,,Becker,\n"
    )
    changes = compare_catalogs(catalog(BASE), catalog(edited))
    assert [e.id for e in changes.added] == ["d"]
    assert [e.id for e in changes.removed] == ["c"]
    assert [(c.id, c.columns) for c in changes.changed] == [
        ("b", ("date/end_date", "title", "category")),
        ("a", ("notes",)),
        ("e", ("date/end_date",)),
    ]
    assert changes.summary() == "Differences in 5 entries: 1 added, 1 removed, 3 changed."


def test_the_summary_counts_entries_and_leaves_out_what_did_not_happen():
    edited = BASE.replace("a,event,1950,,First,", "a,event,1950,,First!,")
    assert compare_catalogs(catalog(BASE), catalog(edited)).summary() == "Differences in 1 entry: 1 changed."


def test_moving_a_row_is_not_a_change():
    moved = HEADER + BASE.splitlines(keepends=True)[2] + "".join(BASE.splitlines(keepends=True)[1:2]) + "".join(
        BASE.splitlines(keepends=True)[3:])
    assert compare_catalogs(catalog(BASE), catalog(moved)).is_empty


def test_changed_cells_carry_the_values_before_and_after_as_a_curator_typed_them():
    edited = BASE.replace("b,event,1951,,Second", "b,event,1951,1953,Second (revised)").replace(
        "c,event,1952,,Third,Text,Washington University,Becker,", "c,event,1952,,Third,Text,Washington University,"
        "Becker; https://example.org/c,to check")
    changes = compare_catalogs(catalog(BASE), catalog(edited))
    assert [(c.id, c.title, c.cells) for c in changes.changed] == [
        ("b", "Second (revised)", (CellChange("date/end_date", "1951", "1951/1953"),
                                   CellChange("title", "Second", "Second (revised)"))),
        ("c", "Third", (CellChange("sources", "Becker", "Becker; https://example.org/c"),
                        CellChange("notes", "", "to check"))),
    ]


def test_a_new_empty_curator_column_and_a_rewritten_date_form_are_not_changes():
    without_notes = BASE.replace(",notes\n", "\n").replace(",\n", "\n")
    assert compare_catalogs(catalog(without_notes), catalog(BASE)).is_empty
    (change,) = compare_catalogs(catalog(BASE), catalog(BASE.replace("a,event,1950,", "a,event,1950-01,"))).changed
    assert change.cells == (CellChange("date/end_date", "1950", "1950-01"),)
    assert compare_catalogs(catalog(BASE.replace("a,event,1950,", "a,event,c. 1950,")),
                            catalog(BASE.replace("a,event,1950,", "a,event,1950~,"))).is_empty


def test_entry_cells_are_the_curator_columns_as_text():
    (entry,) = catalog(HEADER.replace("notes", "featured,themes,notes") + (
        "a,event,1950,1955,First,Text,Washington University,Becker; VF07,yes,nursing; students,n\n")).entries
    cells = entry_cells(entry)
    assert "row" not in cells and "extra" not in cells and "end_date" not in cells
    assert (cells["date/end_date"], cells["featured"], cells["themes"], cells["sources"], cells["notes"],
            cells["kind"], cells["status"]) == ("1950/1955", "yes", "nursing; students", "Becker; VF07", "n",
                                                "event", "published")


def test_what_a_save_removes_is_known_without_loading_pandas():
    """The store asks every process (the kiosk's too) what a save removes; only the changed cells need pandas."""
    edited = BASE.replace("First,Text", "First,New text").replace("c,event,1952,,Third,Text,Washington University,"
                                                                   "Becker,\n", "")
    probe = ("import sys; from tests.test_changes import BASE, catalog, compare_catalogs; "
             f"changes = compare_catalogs(catalog(BASE), catalog({edited!r})); "
             "assert [e.id for e in changes.removed] == ['c'] and 'pandas' not in sys.modules; "
             "assert [c.id for c in changes.changed] == ['a'] and 'pandas' in sys.modules")
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=Path(__file__).parent.parent)
