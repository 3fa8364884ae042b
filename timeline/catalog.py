"""Read and validate an events CSV into a Catalog: the one value every view draws from.

A Catalog is immutable and versioned by a hash of the bytes it was read
from, so caches and the published store can compare versions cheaply.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from timeline.media import inspect_cached, resolve_image
from timeline.problems import Finding, Problem, has_errors, make_problem
from timeline.reader import read_table
from timeline.schema import Entry, Kind
from timeline.validate import ImageCheck, validate_table
from timeline.wording import counted


@dataclass(frozen=True)
class Counts:
    """What a catalogue holds, counted by the one rule every screen uses.

    An *entry* is an event or a quote that visitors can see (published). Drafts (of any kind, eras too) and the
    published eras are counted apart and named as such, so "45 published entries" means the same in the checker,
    its JSON, the curator panel and the visitors' pages. A draft without a date is not in the catalogue at all.
    """

    published_entries: int
    drafts: int
    eras: int
    errors: int
    warnings: int

    @property
    def contents(self) -> str:
        """"45 published entries, 16 drafts, 3 eras"."""
        return (f"{counted(self.published_entries, 'published entry', 'published entries')}, "
                f"{counted(self.drafts, 'draft')}, {counted(self.eras, 'era')}")

    @property
    def problems(self) -> str:
        """"0 errors, 4 warnings"."""
        return f"{counted(self.errors, 'error')}, {counted(self.warnings, 'warning')}"

    def __str__(self) -> str:
        return f"{self.contents}; {self.problems}"


@dataclass(frozen=True)
class Catalog:
    """Everything visitors can see, in chronological order, plus what is wrong with the file."""

    entries: tuple[Entry, ...]  # events and quotes, published and draft, chronological
    eras: tuple[Entry, ...]
    categories: tuple[str, ...]  # curator order: settings first, then others in order of first use
    problems: tuple[Problem, ...]
    version: str  # content hash of the CSV bytes
    path: str = ""
    encoding: str = ""
    by_id: Mapping[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    @property
    def publishable(self) -> bool:
        return not has_errors(self.problems)

    @property
    def error_count(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warning_count(self) -> int:
        return sum(not p.is_error for p in self.problems)

    @property
    def key(self) -> tuple[str, int, int, tuple[str, ...]]:
        """Identifies what the catalogue lists, for the caches of what is drawn from it (equal keys, equal lists).

        The curator's catalogue (drafts included) and the visitors' are read from one file and share its version:
        their counts of entries and eras tell them apart. The category order comes from the settings, not the
        file, so a reordered ``exhibit.toml`` gives the same version a new key.
        """
        return (self.version, len(self.entries), len(self.eras), self.categories)

    @cached_property
    def counts(self) -> Counts:
        """Published entries, drafts, eras, errors and warnings (see Counts)."""
        drafts = sum(not e.is_published for e in (*self.entries, *self.eras))
        return Counts(sum(e.is_published for e in self.entries), drafts, sum(e.is_published for e in self.eras),
                      self.error_count, self.warning_count)

    @cached_property
    def visible(self) -> Catalog:
        """The visitors' catalogue: published entries and eras only, whose related ids name only those.

        A published entry may relate to a draft (the checker accepts any id in the file); every page and download
        drawn from this catalogue then names no draft, its id included, without each having to filter.
        """
        published = {e.id for e in (*self.entries, *self.eras) if e.is_published}
        entries, eras = (tuple(_related_within(e, published) for e in kept if e.is_published)
                         for kept in (self.entries, self.eras))
        return _assemble(entries, eras, self.categories, self.problems, self.version, self.path, self.encoding)


def empty_catalog(problems: Sequence[Problem] = (), path: str = "") -> Catalog:
    return _assemble((), (), (), tuple(problems), "", path, "")


def build_catalog(data: bytes, path: str = "", media_dir: Path | None = None,
                  category_order: Sequence[str] = ()) -> Catalog:
    """Parse and validate CSV bytes. Image files are checked when a media folder is given."""
    table = read_table(io.BytesIO(data))
    check = _image_checker(media_dir) if media_dir is not None else None
    valid, problems = validate_table(table, check, category_order)
    ordered = sorted(valid, key=lambda e: (e.date.sort_key, e.row))
    entries = tuple(e for e in ordered if e.kind is not Kind.ERA)
    eras = tuple(e for e in ordered if e.kind is Kind.ERA)
    categories = _category_order(entries, category_order)
    version = hashlib.sha256(data).hexdigest()[:16]
    return _assemble(entries, eras, categories, problems, version, path, table.encoding)


def read_events_file(path: Path) -> bytes | Problem:
    """The events file's bytes, or the problem that kept them from being read.

    The one place a data file is read from disk: the command line, the exporter and the published store all read
    through here, so a missing or locked file is reported the same way everywhere, and the store builds its
    catalogue from the very bytes it hashed (reading twice could judge one version and record another).
    """
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return make_problem("file-missing", f"There is no events file at {path}.")
    except OSError as exc:
        return make_problem("file-unreadable", f"The events file {path} could not be read "
                            f"({exc.strerror or exc}).")


def load_catalog(path: Path, media_dir: Path | None = None, category_order: Sequence[str] = ()) -> Catalog:
    """Read a CSV from disk; a missing or unreadable file gives an empty catalogue with one problem."""
    data = read_events_file(path)
    if isinstance(data, Problem):
        return empty_catalog([data], str(path))
    return build_catalog(data, str(path), media_dir, category_order)


def _assemble(entries: tuple[Entry, ...], eras: tuple[Entry, ...], categories: tuple[str, ...],
              problems: tuple[Problem, ...], version: str, path: str, encoding: str) -> Catalog:
    by_id = MappingProxyType({e.id: e for e in (*entries, *eras)})
    used = {e.category for e in entries}
    shown = tuple(c for c in categories if c in used)
    return Catalog(entries, eras, shown, problems, version, path, encoding, by_id)


def _related_within(entry: Entry, ids: Set[str]) -> Entry:
    kept = tuple(i for i in entry.related if i in ids)
    return entry if kept == entry.related else replace(entry, related=kept)


def _category_order(entries: Sequence[Entry], preferred: Sequence[str]) -> tuple[str, ...]:
    order = list(dict.fromkeys(preferred))
    order += [c for c in dict.fromkeys(e.category for e in entries) if c and c not in order]
    return tuple(order)


def _image_checker(media_dir: Path) -> ImageCheck:
    def check(name: str) -> Finding | None:
        resolved = resolve_image(media_dir, name)
        if isinstance(resolved, Finding):
            return resolved
        inspected = inspect_cached(resolved)
        return inspected if isinstance(inspected, Finding) else None

    return check
