"""What curator mode tells a curator, as pure functions: publication status, and the tables of the checker's
problems, what changed and the state of every image, as pandas DataFrames. No Streamlit here; ``curator.py``
shows these values (labels and widths are its business, the data is tested here).

pandas is loaded by the table functions themselves, not at import: the web and kiosk pages import curator mode's
module and would otherwise pay about a second at start for tables they never show.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.catalog import Catalog
from timeline.changes import Changes
from timeline.derivatives import DERIVATIVES, derivative_name
from timeline.media import inspect_cached, resolve_image
from timeline.narration.build import narration_states, plan
from timeline.narration.engine import EngineInfo
from timeline.narration.manifest import NarrationState, read_manifest
from timeline.narration.pronunciation import load_pronunciations, pronunciations_path_for
from timeline.narration.recorded import find_recordings
from timeline.problems import Finding, Problem
from timeline.schema import Entry
from timeline.store import Snapshot, published_label, removal_summary
from timeline.wording import counted

if TYPE_CHECKING:
    import pandas as pd

class MediaState(StrEnum):
    MISSING = "missing"
    BROKEN = "broken"
    TOO_LARGE = "too large"
    BAD_NAME = "not a plain file name"
    NOT_BUILT = "web copies not built yet"
    READY = "web copies built"


# The checker's image problem codes, as the state a curator reads in the media table.
STATE_BY_CODE: dict[str, MediaState] = {
    "image-missing": MediaState.MISSING,
    "image-unreadable": MediaState.BROKEN,
    "image-format": MediaState.BROKEN,
    "image-too-large": MediaState.TOO_LARGE,
    "image-path": MediaState.BAD_NAME,
}

# How each state is counted in the panel's summary, singular and plural: "1 with a bad file name", "2 missing".
COUNTED_AS: dict[MediaState, tuple[str, str]] = {
    MediaState.MISSING: ("missing", "missing"),
    MediaState.BROKEN: ("broken", "broken"),
    MediaState.TOO_LARGE: ("too large", "too large"),
    MediaState.BAD_NAME: ("with a bad file name", "with bad file names"),
    MediaState.NOT_BUILT: ("without web copies yet", "without web copies yet"),
    MediaState.READY: ("with web copies", "with web copies"),
}


@dataclass(frozen=True)
class MediaRow:
    row: int | None  # the spreadsheet row naming the image
    entry_id: str  # "" when the row was rejected (an image error makes a row unpublishable)
    image: str
    state: MediaState


def status_message(snapshot: Snapshot) -> str:
    """One plain sentence or two: what visitors see, and whether the file on disk is it."""
    seen = counted(snapshot.current.counts.published_entries, "published entry", "published entries")
    errors = counted(snapshot.latest.error_count, "error")
    if snapshot.held_back and snapshot.published_at is None:
        return (f"Visitors see no entries: no version of the file has passed the check yet. "
                f"The file on disk has {errors}, listed below.")
    when = published_label(snapshot.published_at) if snapshot.published_at is not None else "an unknown time"
    if snapshot.withheld:
        return f"Visitors still see the version published at {when} ({seen}). {removal_summary(snapshot)}"
    if snapshot.held_back:
        return (f"Visitors still see the version published at {when} ({seen}). "
                f"The file on disk has {errors}, listed below.")
    drafts = snapshot.latest.counts.drafts
    return f"Visitors see the file on disk, published at {when} ({seen}). Drafts shown only here: {drafts}."


def save_warning(snapshot: Snapshot) -> str:
    """What a curator should know when the published copy could not be saved on disk ("" when it was)."""
    if not snapshot.save_error:
        return ""
    return (f"Visitors see this version now, but its copy for a restart could not be saved ({snapshot.save_error}). "
            "After a restart they would get the last copy that was saved, or nothing while the file has errors. "
            "Make that folder writable: the next published save is kept.")


def _table(records: Sequence[dict[str, object]], columns: Sequence[str], numbers: Sequence[str] = ()) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` (also when empty); ``numbers`` as whole numbers that may be missing."""
    import pandas as pd

    return pd.DataFrame(list(records), columns=list(columns)).astype(dict.fromkeys(numbers, "Int64"))


PROBLEM_COLUMNS = ("row", "line", "column", "severity", "problem", "fix", "code")


def problems_table(problems: Sequence[Problem]) -> pd.DataFrame:
    """The checker's problems, one a row, errors first, each group in file order, in the checker's own words.

    ``row`` is the spreadsheet's row (header = 1); ``line`` the text line when it differs (a cell spanning lines)
    or when a problem with the whole file knows its line.
    """
    ordered = sorted(problems, key=lambda p: not p.is_error)  # stable: file order within each group
    return _table([{"row": p.row, "line": p.line, "column": p.column or "", "severity": str(p.severity),
                    "problem": p.message, "fix": p.hint, "code": p.code} for p in ordered],
                  PROBLEM_COLUMNS, numbers=("row", "line"))


CHANGE_COLUMNS = ("change", "id", "title", "draft", "column", "before", "after")


def changes_table(changes: Changes) -> pd.DataFrame:
    """One row per entry added or removed, then one per changed cell (id and column) with its values before and
    after; ``draft`` marks a draft in the file on disk (for a removed entry, in the version visitors see)."""
    def whole(change: str, entry: Entry) -> dict[str, object]:
        return {"change": change, "id": entry.id, "title": entry.title, "draft": not entry.is_published,
                "column": "", "before": "", "after": ""}

    return _table([
        *(whole("added", e) for e in changes.added),
        *(whole("removed", e) for e in changes.removed),
        *({**whole("changed", c.entry), "column": cell.column, "before": cell.before, "after": cell.after}
          for c in changes.changed for cell in c.cells),
    ], CHANGE_COLUMNS)


def _image_state(media_dir: Path, name: str, cache_dir: Path) -> MediaState:
    found = resolve_image(media_dir, name)
    info = inspect_cached(found) if not isinstance(found, Finding) else found
    if isinstance(info, Finding):
        return STATE_BY_CODE.get(info.code, MediaState.BROKEN)
    built = all((cache_dir / derivative_name(info.sha256, size)).is_file() for size in DERIVATIVES)
    return MediaState.READY if built else MediaState.NOT_BUILT


def media_rows(catalog: Catalog, media_dir: Path, cache_dir: Path) -> tuple[MediaRow, ...]:
    """Every image the file names, by row: the rows an image error kept out, then each entry's image (a missing one
    only warns: its entry shows a placeholder card)."""
    rejected = [MediaRow(p.row, "", p.value, STATE_BY_CODE[p.code]) for p in catalog.problems
                if p.code in STATE_BY_CODE and p.is_error]
    usable = [MediaRow(e.row, e.id, e.image, _image_state(media_dir, e.image, cache_dir))
              for e in (*catalog.entries, *catalog.eras) if e.image]
    return tuple(sorted((*rejected, *usable), key=lambda r: (r.row or 0, r.image)))


def media_summary(rows: Sequence[MediaRow]) -> str:
    """"12 images: 1 missing, 1 broken, 10 with web copies" in the order of ``MediaState``."""
    counts = Counter(r.state for r in rows)
    parts = [counted(counts[state], *COUNTED_AS[state]) for state in MediaState if counts[state]]
    return f"{counted(len(rows), 'image')}: {', '.join(parts)}." if rows else "No entry names an image."


MEDIA_COLUMNS = ("row", "entry", "image", "state")


def media_table(rows: Sequence[MediaRow]) -> pd.DataFrame:
    """``media_rows`` as a table: the row naming the image, its entry, the file name and its state in words."""
    return _table([{"row": r.row, "entry": r.entry_id, "image": r.image, "state": str(r.state)} for r in rows],
                  MEDIA_COLUMNS, numbers=("row",))


@dataclass(frozen=True)
class NarrationRow:
    row: int
    entry_id: str
    title: str
    state: NarrationState


def narration_rows(catalog: Catalog, data_path: Path, media_dir: Path, audio_dir: Path,
                   engine: EngineInfo | None) -> tuple[NarrationRow, ...]:
    """Each published entry's narration: built, stale (visitors hear an older one), missing, or recorded. Drafts
    are not narrated. ``engine`` is the one ``python -m timeline audio`` would speak with."""
    published = [e for e in catalog.entries if e.is_published]
    pronunciations, _ = load_pronunciations(pronunciations_path_for(data_path))
    states = narration_states(plan(published, pronunciations, engine, find_recordings(media_dir)),
                              read_manifest(audio_dir))
    return tuple(NarrationRow(e.row, e.id, e.title, states[e.id]) for e in published)


def narration_summary(rows: Sequence[NarrationRow]) -> str:
    """"62 entries: 58 built, 1 stale, 1 missing, 2 recorded"."""
    counts = Counter(r.state for r in rows)
    parts = [f"{counts[state]} {state}" for state in NarrationState if counts[state]]
    return f"{counted(len(rows), 'entry', 'entries')}: {', '.join(parts)}." if rows else "No published entries."


NARRATION_COLUMNS = ("row", "entry", "title", "narration")


def narration_table(rows: Sequence[NarrationRow]) -> pd.DataFrame:
    return _table([{"row": r.row, "entry": r.entry_id, "title": r.title, "narration": str(r.state)} for r in rows],
                  NARRATION_COLUMNS, numbers=("row",))

