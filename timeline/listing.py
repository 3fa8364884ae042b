"""The list's shape, as pure functions: pages of entries, previous and next, and decades with eras named where they
begin.

The web page, the kiosk's strip and the static site page and step through entries by these same rules. Paging
comes first and grouping second, so each page carries the headings its own entries need and a page of 30 costs
the same at 61 entries as at 5,000.
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


def page_of(entries: Sequence[Entry], number: object, size: int = PAGE_SIZE) -> Page:
    """Page ``number`` (from 0) of ``entries``. A page number kept in session state can outlive the entries it
    counted, so one past the end means the last page, and anything but a whole number the first."""
    count = max(1, math.ceil(len(entries) / size))
    number = min(max(number, 0), count - 1) if isinstance(number, int) and not isinstance(number, bool) else 0
    shown = tuple(entries[number * size:(number + 1) * size])
    first = number * size + 1 if shown else 0
    return Page(shown, number, count, first, first + len(shown) - 1 if shown else 0, len(entries))


def index_of(entries: Sequence[Entry], entry_id: str) -> int | None:
    """Where ``entry_id`` stands in ``entries`` (from 0), or None when it is not among them."""
    return next((at for at, entry in enumerate(entries) if entry.id == entry_id), None)


def page_containing(entries: Sequence[Entry], entry_id: str, size: int = PAGE_SIZE) -> int | None:
    """The page holding ``entry_id``: coming back from an entry, the list shows the page it is on."""
    at = index_of(entries, entry_id)
    return None if at is None else at // size


def neighbours(entries: Sequence[Entry], at: int) -> tuple[Entry | None, Entry | None]:
    """The entries before and after place ``at``: previous and next, None at either end."""
    return (entries[at - 1] if at > 0 else None), (entries[at + 1] if at + 1 < len(entries) else None)


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
