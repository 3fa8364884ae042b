"""What changed between what visitors see and the file on disk, by entry id and column.

Curators need this before they save over a published file: which entries a save adds, removes or changes, and
in each changed entry which cells, before and after. The cells are compared with ``pandas.DataFrame.compare``,
which is exactly "changes by id and column"; only entries that differ at all are put in a frame, so the cost
follows the edit, not the size of the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cached_property

from timeline.catalog import Catalog
from timeline.dates import HistDate
from timeline.schema import Entry
from timeline.wording import counted

# Entry fields that are not curator columns as such: where a row sits is not a change to the entry, and the
# curator-only columns (``extra``) are compared by their own names.
_SKIPPED = {"row", "extra"}
_RENAMED = {"date": "date/end_date"}  # one HistDate holds both cells
BEFORE, AFTER = "before", "after"


@dataclass(frozen=True)
class CellChange:
    column: str
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    entry: Entry  # as the file on disk has it
    cells: tuple[CellChange, ...]

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(cell.column for cell in self.cells)


@dataclass(frozen=True)
class Changes:
    """What a save adds and removes, and the entries it edits. Which cells changed is worked out on first use:
    the store asks only what would be removed, and should not load pandas in the kiosk's process to answer."""

    added: tuple[Entry, ...]
    removed: tuple[Entry, ...]
    edited: tuple[tuple[Entry, Entry], ...]  # (published, on disk) for each id whose two versions are not equal

    @cached_property
    def changed(self) -> tuple[Change, ...]:
        return changed_entries(self.edited)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        if self.is_empty:
            return "No differences: visitors see what is in the file."
        counts = {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed)}
        parts = ", ".join(f"{number} {what}" for what, number in counts.items() if number)
        return f"Differences in {counted(sum(counts.values()), 'entry', 'entries')}: {parts}."


def compare_catalogs(published: Catalog, latest: Catalog) -> Changes:
    """Entries (and eras) added, removed and changed from ``published`` to ``latest``, in file order."""
    before = {e.id: e for e in (*published.entries, *published.eras)}
    after = sorted((*latest.entries, *latest.eras), key=lambda e: e.row)
    after_ids = {e.id for e in after}
    added = tuple(e for e in after if e.id not in before)
    removed = tuple(sorted((e for i, e in before.items() if i not in after_ids), key=lambda e: e.row))
    # Entry equality ignores the curator-only columns, so they are looked at apart.
    edited = tuple((before[e.id], e) for e in after
                   if e.id in before and (before[e.id] != e or before[e.id].extra != e.extra))
    return Changes(added, removed, edited)


def changed_entries(pairs: Sequence[tuple[Entry, Entry]]) -> tuple[Change, ...]:
    """For each (old, new) pair of one id, the cells that differ; pairs that differ only in their row are left out.

    ``DataFrame.compare`` of the two sides (indexed by id, every curator column as text) keeps only the rows and
    columns that differ; stacked, it is one row per id and column with the values before and after.
    """
    if not pairs:
        return ()
    # Imported here, not at the top: the checker, the kiosk and the web page reach this module through the store,
    # and loading pandas would add about a second to each start for a comparison only curator mode shows.
    import pandas as pd

    old, new = (pd.DataFrame([entry_cells(pair[side]) for pair in pairs], index=[pair[side].id for pair in pairs])
                .fillna("") for side in (0, 1))
    columns = old.columns.union(new.columns, sort=False)
    old, new = (frame.reindex(columns=columns, fill_value="") for frame in (old, new))
    cells = old.compare(new, result_names=(BEFORE, AFTER)).stack(level=0).dropna(how="all")
    entries = {entry.id: entry for _, entry in pairs}
    return tuple(
        Change(entries[entry_id],
               tuple(CellChange(str(column), row[BEFORE], row[AFTER]) for (_, column), row in group.iterrows()))
        for entry_id, group in cells.groupby(level=0, sort=False)
    )


def entry_cells(entry: Entry) -> dict[str, str]:
    """The entry's curator columns as text, as a curator compares them: lists joined by "; ", the date and its
    end as one EDTF value ("1947/1955"), so "c. 1947" and "1947~" are the same date."""
    cells = {_RENAMED.get(f.name, f.name): _cell_text(getattr(entry, f.name))
             for f in fields(Entry) if f.name not in _SKIPPED}
    return cells | dict(entry.extra)


def _cell_text(value: object) -> str:
    if isinstance(value, HistDate):
        return value.to_edtf()
    if isinstance(value, tuple):
        return "; ".join(value)
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)
