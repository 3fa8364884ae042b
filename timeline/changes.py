"""What changed between what visitors see and the file on disk, by entry id and column.

Curators need this before they save over a published file: which entries a
save adds, removes or changes, and in which columns.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from timeline.catalog import Catalog
from timeline.schema import Entry

# Entry fields that are not curator columns: where a row sits is not a change to the entry.
_IGNORED = {"row"}
_RENAMED = {"date": "date/end_date"}  # one HistDate holds both cells


@dataclass(frozen=True)
class Change:
    id: str
    title: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Changes:
    added: tuple[Entry, ...]
    removed: tuple[Entry, ...]
    changed: tuple[Change, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        if self.is_empty:
            return "No differences: visitors see what is in the file."
        return f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed."


def compare_catalogs(published: Catalog, latest: Catalog) -> Changes:
    """Entries (and eras) added, removed and changed from ``published`` to ``latest``, in file order."""
    before = {e.id: e for e in (*published.entries, *published.eras)}
    after = {e.id: e for e in (*latest.entries, *latest.eras)}
    added = tuple(sorted((e for i, e in after.items() if i not in before), key=lambda e: e.row))
    removed = tuple(sorted((e for i, e in before.items() if i not in after), key=lambda e: e.row))
    changed = tuple(
        Change(entry.id, entry.title, columns)
        for entry in sorted(after.values(), key=lambda e: e.row)
        if entry.id in before and (columns := changed_columns(before[entry.id], entry))
    )
    return Changes(added, removed, changed)


def changed_columns(old: Entry, new: Entry) -> tuple[str, ...]:
    """Names of the curator columns whose values differ (curator-only columns included)."""
    names = [
        _RENAMED.get(f.name, f.name)
        for f in fields(Entry)
        if f.name not in _IGNORED and f.name != "extra" and getattr(old, f.name) != getattr(new, f.name)
    ]
    extra_keys = sorted(set(old.extra) | set(new.extra))
    names += [k for k in extra_keys if old.extra.get(k) != new.extra.get(k)]
    return tuple(names)
