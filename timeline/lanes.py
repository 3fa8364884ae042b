"""Where each entry sits on the timeline: its category's lane, and a row inside the lane where no marker hides another.

Markers have a fixed size in pixels while a year's width depends on the screen, so close entries that sit apart
on a desktop cover one another on a phone. Rows are packed for the narrowest plot the figure is drawn on: two
entries share a row only when their drawings (the marker, a span's bar, an approximate date's whisker) stay apart
there, and a wider screen only moves them further apart. A lane grows by a row when it needs one, up to a limit;
past it (thousands of entries) a marker goes where it overlaps least, and the chart is an overview of density.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.dates import Precision
from timeline.schema import Entry
from timeline.settings import Settings

# How far an approximate date may stray beyond the range it names, in years.
UNCERTAINTY = {Precision.DAY: 7 / 365, Precision.MONTH: 1 / 12, Precision.YEAR: 2.0, Precision.DECADE: 5.0}
GAP_PX = 2.0  # between two drawings sharing a row


@dataclass(frozen=True)
class Placed:
    entry: Entry
    x: float  # start_year, computed once
    lane: int
    row: int


@dataclass(frozen=True)
class Lanes:
    """The lanes in order (category names; "" for entries without one), the rows each uses, and every entry."""

    categories: tuple[str, ...]
    rows: tuple[int, ...]
    placed: tuple[Placed, ...]


def lane_order(entries: Sequence[Entry], settings: Settings) -> tuple[str, ...]:
    """Categories in use: curator order first, then any others in the order they first appear."""
    used = dict.fromkeys(e.category for e in entries)
    ordered = [c for c in settings.category_order() if c in used]
    known = set(ordered)
    return (*ordered, *(c for c in used if c not in known))


def is_bar(entry: Entry) -> bool:
    """Spans and decades are drawn as a bar from start to end."""
    return entry.date.is_span or entry.date.precision is Precision.DECADE


def extent(entry: Entry) -> tuple[float, float]:
    """The years an entry's drawing covers besides its marker: a span's bar, an approximate date's whisker."""
    start = entry.date.start_year
    end = entry.date.end_year if is_bar(entry) else start
    if entry.date.approximate:
        slack = UNCERTAINTY[entry.date.precision]
        return start - slack, entry.date.end_year + slack
    return start, end


def place(entries: Sequence[Entry], settings: Settings, px_per_year: float, marker_px: float,
          max_rows: int) -> Lanes:
    """Pack each lane's entries into rows, first fit in order of their left edges (which needs the fewest rows)."""
    categories = lane_order(entries, settings)
    lane_of = {c: i for i, c in enumerate(categories)}
    by_lane: dict[int, list[tuple[float, float, str, Entry]]] = defaultdict(list)
    for entry in entries:
        low, high = extent(entry)
        by_lane[lane_of[entry.category]].append((low * px_per_year - marker_px / 2,
                                                  high * px_per_year + marker_px / 2, entry.id, entry))
    placed, rows = [], [0] * len(categories)
    for lane, members in by_lane.items():
        members.sort(key=lambda member: member[:3])  # independent of input order
        ends: list[float] = []
        counts: list[int] = []
        for left, right, _, entry in members:
            row = next((r for r, end in enumerate(ends) if end + GAP_PX <= left), None)
            if row is None and len(ends) < max_rows:
                row = len(ends)
                ends.append(right)
                counts.append(0)
            elif row is None:  # full: where it overlaps least (the row free soonest, then the emptiest)
                row = min(range(len(ends)), key=lambda r: (ends[r], counts[r]))
            ends[row] = max(ends[row], right)
            counts[row] += 1
            placed.append(Placed(entry, entry.date.start_year, lane, row))
        rows[lane] = len(ends)
    return Lanes(categories, tuple(rows), tuple(placed))
