"""Lanes and rows: the fewest rows in which no drawing covers another at a given scale, the same for any input order."""

from __future__ import annotations

import random

import pytest

from timeline.dates import HistDate, Precision
from timeline.lanes import extent, lane_order, place
from timeline.schema import Entry, Kind
from timeline.settings import CategoryStyle, Settings

SETTINGS = Settings(categories=(CategoryStyle("B", "#123456"), CategoryStyle("A", "#654321")))
PX_PER_YEAR = 2.0  # a phone: 200 years over a 400 px plot
MARKER = 15  # a marker and its rim


def entry(id_: str, date: HistDate, category: str = "A") -> Entry:
    return Entry(id_, Kind.EVENT, date, f"Title of {id_}", row=2, category=category)


def rows_of(entries, max_rows: int = 8) -> dict[str, tuple[int, int]]:
    lanes = place(entries, SETTINGS, PX_PER_YEAR, MARKER, max_rows)
    return {p.entry.id: (p.lane, p.row) for p in lanes.placed}


def test_lanes_in_curator_order_then_as_first_used():
    entries = [entry("z", HistDate(1950), "Z"), entry("a", HistDate(1950), "A"), entry("b", HistDate(1950), "B")]
    assert lane_order(entries, SETTINGS) == ("B", "A", "Z")


@pytest.mark.parametrize(("date", "expected"), [
    (HistDate(1947), (1947.0, 1947.0)),  # a point in time: the marker alone
    (HistDate(1940, end=HistDate(1950)), (1940.0, 1951.0)),  # a span: its bar
    (HistDate(1940, precision=Precision.DECADE), (1940.0, 1950.0)),  # a decade: its bar
    (HistDate(1947, approximate=True), (1945.0, 1950.0)),  # about 1947: the whisker, two years either side
])
def test_the_extent_of_a_drawing(date, expected):
    assert extent(entry("x", date)) == expected


def test_apart_entries_share_a_row_close_ones_do_not():
    # 10 years are 20 px at this scale, a marker and a gap: one row; 3 years (6 px) are not
    found = rows_of([entry("a", HistDate(1900)), entry("b", HistDate(1910)), entry("c", HistDate(1913))])
    assert found == {"a": (0, 0), "b": (0, 0), "c": (0, 1)}


def test_a_lane_uses_only_the_rows_it_needs_and_lanes_are_packed_apart():
    entries = [entry("a1", HistDate(1900)), entry("a2", HistDate(1901)), entry("b1", HistDate(1900), "B")]
    lanes = place(entries, SETTINGS, PX_PER_YEAR, MARKER, 8)
    assert lanes.categories == ("B", "A") and lanes.rows == (1, 2)


def test_rows_do_not_depend_on_input_order():
    rng = random.Random(11)
    entries = [entry(f"e{i}", HistDate(rng.randint(1900, 1960)), rng.choice("AB")) for i in range(60)]
    assert rows_of(entries) == rows_of(rng.sample(entries, len(entries)))


def test_past_the_row_limit_a_marker_goes_where_it_overlaps_least():
    crowd = [entry(f"e{i}", HistDate(1950)) for i in range(5)]
    found = rows_of(crowd, max_rows=3)
    assert sorted(row for _, row in found.values()) == [0, 0, 1, 1, 2]
