"""Change detection between the published catalogue and the file on disk."""

from __future__ import annotations

from timeline.catalog import build_catalog
from timeline.changes import compare_catalogs

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
    assert changes.summary() == "1 added, 1 removed, 3 changed."


def test_moving_a_row_is_not_a_change():
    moved = HEADER + BASE.splitlines(keepends=True)[2] + "".join(BASE.splitlines(keepends=True)[1:2]) + "".join(
        BASE.splitlines(keepends=True)[3:])
    assert compare_catalogs(catalog(BASE), catalog(moved)).is_empty
