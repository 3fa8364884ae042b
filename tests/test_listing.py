"""Paging and decade grouping of the entry list."""

from __future__ import annotations

import pytest

from timeline.dates import parse_date
from timeline.listing import groups, index_of, neighbours, page_containing, page_of
from timeline.schema import Entry, Kind


def entry(entry_id: str, date: str, kind: Kind = Kind.EVENT, title: str = "") -> Entry:
    return Entry(id=entry_id, kind=kind, date=parse_date(date), title=title or entry_id, row=1)


ERAS = (entry("era-a", "1900/1939", Kind.ERA, "Early"), entry("era-b", "1930/1949", Kind.ERA, "Middle"))
ENTRIES = tuple(entry(f"e{i}", year) for i, year in enumerate(["1890", "1905", "1912", "1931", "1945", "1960"]))


@pytest.mark.parametrize(("count", "number", "expected"), [
    (0, 0, ((), 0, 1, "Nothing to show")),
    (61, 0, (30, 0, 3, "Showing 1–30 of 61")),
    (61, 2, (1, 2, 3, "Showing 61–61 of 61")),
    (61, 9, (1, 2, 3, "Showing 61–61 of 61")),  # a stale page number is clamped
    (30, -1, (30, 0, 1, "Showing 1–30 of 30")),
    (61, None, (30, 0, 3, "Showing 1–30 of 61")),  # no page kept yet, or something that is no page number:
    (61, "2", (30, 0, 3, "Showing 1–30 of 61")),  # the first page
    (61, True, (30, 0, 3, "Showing 1–30 of 61")),
])
def test_page_of(count, number, expected):
    entries = [entry(f"e{i}", "1950") for i in range(count)]
    page = page_of(entries, number)
    shown = len(page.entries) if page.entries else ()
    assert (shown, page.number, page.count, page.caption) == expected


def test_page_containing():
    entries = [entry(f"e{i}", "1950") for i in range(61)]
    assert [page_containing(entries, i) for i in ("e0", "e29", "e30", "e60", "nope")] == [0, 0, 1, 2, None]


def test_index_of_and_neighbours():
    assert [index_of(ENTRIES, i) for i in ("e0", "e3", "nope")] == [0, 3, None]
    around = [neighbours(ENTRIES, at) for at in (0, 3, 5)]
    assert [(p and p.id, f and f.id) for p, f in around] == [(None, "e1"), ("e2", "e4"), ("e4", None)]
    assert neighbours(ENTRIES[:1], 0) == (None, None)


def test_groups_are_decades_and_eras_are_named_where_they_begin():
    flat = [(g.label, [e.id for e in g.eras], [e.id for e in g.entries]) for g in groups(ENTRIES, ERAS)]
    assert flat == [
        ("1890s", [], ["e0"]),
        ("1900s", ["era-a"], ["e1"]),
        ("1910s", [], ["e2"]),
        ("1930s", ["era-b"], ["e3"]),  # e3 is in both eras; it is filed under neither, only its decade
        ("1940s", [], ["e4"]),
        ("1960s", [], ["e5"]),
    ]


def test_a_filtered_list_leaves_out_decades_that_would_hold_only_an_era():
    assert [g.label for g in groups(ENTRIES[4:], ERAS)] == ["1900s", "1930s", "1940s", "1960s"]
    assert [g.label for g in groups(ENTRIES[4:], ERAS, eras_alone=False)] == ["1940s", "1960s"]
