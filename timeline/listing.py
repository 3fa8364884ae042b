"""The list's shape, as pure functions: pages of entries, grouped by decade with eras named where they begin.

The Streamlit page and the static site list entries the same way. Paging comes first and grouping second, so
each page carries the headings its own entries need and a page of 30 costs the same at 61 entries as at 5,000.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.schema import Entry

PAGE_SIZE = 30


@dataclass(frozen=True)
class Page:
    entries: tuple[Entry, ...]
    number: int  # 0-based, clamped to the pages that exist
    count: int  # how many pages
    first: int  # 1-based position of the first entry shown, 0 when empty
    last: int
    total: int

    @property
    def caption(self) -> str:
        return f"Showing {self.first}–{self.last} of {self.total}" if self.total else "Nothing to show"


@dataclass(frozen=True)
class Group:
    """One decade of the list, the timeline's year marker, with the eras that begin in it shown as context."""

    label: str  # "1940s"
    decade: int
    eras: tuple[Entry, ...]
    entries: tuple[Entry, ...]


def page_of(entries: Sequence[Entry], number: int, size: int = PAGE_SIZE) -> Page:
    count = max(1, math.ceil(len(entries) / size))
    number = min(max(number, 0), count - 1)
    shown = tuple(entries[number * size:(number + 1) * size])
    first = number * size + 1 if shown else 0
    return Page(shown, number, count, first, first + len(shown) - 1 if shown else 0, len(entries))


def page_containing(entries: Sequence[Entry], entry_id: str, size: int = PAGE_SIZE) -> int | None:
    for index, entry in enumerate(entries):
        if entry.id == entry_id:
            return index // size
    return None


def decade_of(entry: Entry) -> int:
    return math.floor(entry.date.start_year / 10) * 10


def groups(entries: Sequence[Entry], eras: Sequence[Entry], eras_alone: bool = True) -> tuple[Group, ...]:
    """Entries by the decade they start in; each era is named in the decade it begins, as context.

    Eras overlap (the Homer G. Phillips years run through the Butler Ward's), so filing an entry under one era
    would misfile it under another thread. Decades are true of every entry, and the eras stay visible where
    they begin. ``eras_alone=False`` leaves out decades that would hold only an era (a filtered or paged list).
    """
    decades: dict[int, list[Entry]] = {}
    for entry in entries:
        decades.setdefault(decade_of(entry), []).append(entry)
    starts: dict[int, list[Entry]] = {}
    for era in sorted(eras, key=lambda e: e.date.sort_key):
        if eras_alone or decade_of(era) in decades:
            starts.setdefault(decade_of(era), []).append(era)
    return tuple(Group(f"{d}s", d, tuple(starts.get(d, ())), tuple(decades.get(d, ())))
                 for d in sorted(set(decades) | set(starts)))
