"""The list's shape, as pure functions: pages of entries, grouped under era and decade headings.

Paging comes first and grouping second, so each page carries the headings its own entries need and
a page of 30 costs the same at 61 entries as at 5,000.
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
class Decade:
    label: str  # "1940s"
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Section:
    title: str  # the era's title, or the years of a run of entries outside every era
    subtitle: str  # the era's dates, or "" outside eras
    decades: tuple[Decade, ...]


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


def era_of(entry: Entry, eras: Sequence[Entry]) -> Entry | None:
    """The era an entry is listed under: of the eras covering its start, the one that began last (most specific)."""
    year = entry.date.start_year
    covering = [era for era in eras if era.date.start_year <= year < era.date.end_year]
    return max(covering, key=lambda era: era.date.start_year, default=None)


def decade_label(entry: Entry) -> str:
    return f"{math.floor(entry.date.start_year / 10) * 10}s"


def sections(entries: Sequence[Entry], eras: Sequence[Entry]) -> tuple[Section, ...]:
    """Consecutive (chronological) entries sharing an era form a section; within it, one group per decade."""
    runs: list[tuple[Entry | None, list[Entry]]] = []
    for entry in entries:
        era = era_of(entry, eras)
        if runs and runs[-1][0] is era:
            runs[-1][1].append(entry)
        else:
            runs.append((era, [entry]))
    return tuple(Section(*_heading(era, members), _decades(members)) for era, members in runs)


def _heading(era: Entry | None, members: Sequence[Entry]) -> tuple[str, str]:
    if era is not None:
        return era.title, era.date_label
    first, last = (math.floor(e.date.start_year) for e in (members[0], members[-1]))
    return (str(first) if first == last else f"{first}–{last}"), ""


def _decades(members: Sequence[Entry]) -> tuple[Decade, ...]:
    groups: list[Decade] = []
    for entry in members:
        label = decade_label(entry)
        if groups and groups[-1].label == label:
            groups[-1] = Decade(label, (*groups[-1].entries, entry))
        else:
            groups.append(Decade(label, (entry,)))
    return tuple(groups)
