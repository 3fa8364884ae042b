"""The last-known-good store: visitors only ever see a catalogue without errors.

The newest error-free catalogue is kept in memory and its CSV bytes are written atomically beside the data
(``.published/<file stem>/``, one folder per data file), so a broken save, a half-written file, a missing file or
a restart never replaces what visitors see. A save that passes the check but would take more than a quarter of
the published entries away from visitors is held back too: an editor that stalls mid-write leaves a shorter file
that is valid row by row, and no settling time can tell that from a finished save. A curator publishes such a
save on purpose (curator mode's "Publish anyway", or ``python -m timeline publish --anyway``); the saved state
carries that decision to every process serving the same file.

The store lives outside Streamlit's caches. The page's toolbar offers no clear-cache under
``client.toolbarMode = "minimal"``, but the server still clears them on a ``clear_cache`` message from any
websocket client, so what visitors see must not depend on them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from timeline.catalog import Catalog, build_catalog, empty_catalog, read_events_file
from timeline.changes import compare_catalogs
from timeline.problems import Problem, make_problem
from timeline.schema import Entry, Kind
from timeline.wording import counted

STATE_DIR_NAME = ".published"
STATE_CSV = "published.csv"
STATE_META = "published.json"
REMOVAL_LIMIT = 0.25  # a save taking away more than this share of the published entries waits for a curator
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """What visitors see (``current``) and what the file on disk says now (``latest``)."""

    current: Catalog
    latest: Catalog
    published_at: float | None  # epoch seconds when ``current`` was published, None if nothing ever was
    withheld: tuple[Entry, ...] = ()  # published entries ``latest`` would take away, when too many to publish
    save_error: str = ""  # why ``current`` could not be saved on disk for a restart ("" when it was)

    @property
    def held_back(self) -> bool:
        """True when visitors still see the previous version: the file on disk has errors or removes too much."""
        return not self.latest.publishable or bool(self.withheld)


def state_dir_for(data_path: Path) -> Path:
    """Where ``data_path``'s published copy lives: a folder of its own, so files sharing a folder never mix."""
    return data_path.parent / STATE_DIR_NAME / data_path.stem


def published_label(epoch: float) -> str:
    """Local wall-clock time, as a curator reads it on the gallery's computer."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(epoch))


def too_many_removed(current: Catalog, latest: Catalog) -> tuple[Entry, ...]:
    """The published entries (events and quotes visitors see) ``latest`` would take away, when they are more than
    ``REMOVAL_LIMIT`` of them; () when the save may be published."""
    published = current.visible.entries
    removed = tuple(e for e in compare_catalogs(current.visible, latest.visible).removed if e.kind is not Kind.ERA)
    return removed if len(removed) > len(published) * REMOVAL_LIMIT else ()


def held_back_reason(snapshot: Snapshot) -> str:
    """Why visitors still see the previous version, for the server's log: once per judged save, so whoever runs
    the server can tell a save that was refused from one that never arrived."""
    if snapshot.withheld:
        return f"the save would remove {counted(len(snapshot.withheld), 'published entry', 'published entries')}"
    first = next(p for p in snapshot.latest.problems if p.is_error)
    return f"the file has {counted(snapshot.latest.error_count, 'error')}, the first: {first.message}"


def removal_summary(snapshot: Snapshot) -> str:
    """Why a valid save is held back, in the words the curator panel and the command line both use."""
    published = counted(len(snapshot.current.visible.entries), "published entry", "published entries")
    return (f"The file on disk would take {len(snapshot.withheld)} of the {published} away from visitors (more "
            "than a quarter), so it is held back in case the save was cut off. If the removal is intended, "
            "publish it anyway.")


class PublishedStore:
    """Reads the events file (and notices its media folder) on demand; publishes only versions without errors.

    ``settle_seconds`` makes a changed file wait until it has stopped changing (editors save in steps) before it
    is judged.
    """

    def __init__(self, data_path: Path, media_dir: Path | None, category_order: Sequence[str] = (),
                 state_dir: Path | None = None, clock: Callable[[], float] = time.time) -> None:
        self.data_path = data_path
        self.media_dir = media_dir
        self.category_order = tuple(category_order)
        self.state_dir = state_dir or state_dir_for(data_path)
        self._source = str(data_path.resolve())  # recorded with the state, checked before serving it
        self._clock = clock
        self._lock = threading.Lock()
        self._pending: tuple[str, float] | None = None
        self._seen_hash: str | None = None
        self._latest_data: bytes | None = None  # the bytes ``latest`` was built from, for "Publish anyway"
        saved, published_at = self._read_state()
        self._snapshot = Snapshot(saved, saved, published_at)

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def settling(self) -> bool:
        """True when a change has been seen but not yet judged, because it had not stopped changing."""
        pending = self._pending
        return pending is not None and pending[0] != self._seen_hash

    def refresh(self, settle_seconds: float = 0.0, category_order: Sequence[str] | None = None) -> Snapshot:
        """Look at the file once; publish it if it changed, has settled and has no errors.

        Only one thread rebuilds at a time: a call made while another is rebuilding returns the previous
        snapshot at once rather than waiting, so no visitor waits on a rebuild. A changed ``category_order``
        (the settings file) counts as a change, like new bytes.
        """
        if not self._lock.acquire(blocking=False):
            return self._snapshot
        try:
            if category_order is not None:
                self.category_order = tuple(category_order)
            return self._refresh_locked(settle_seconds)
        finally:
            self._lock.release()

    def publish_anyway(self, version: str) -> Snapshot:
        """Publish the held-back file on disk a curator has looked at (``version``), though it removes many entries.

        Nothing happens when the file judged since is another version: the curator confirmed that one only.
        """
        with self._lock:
            snapshot = self._snapshot
            if snapshot.withheld and snapshot.latest.version == version:
                self._snapshot = self._publish(snapshot.latest)
            return self._snapshot

    def _refresh_locked(self, settle_seconds: float) -> Snapshot:
        read = read_events_file(self.data_path)
        digest = self._digest(read)
        if digest == self._seen_hash:
            self._pending = None  # an edit undone before it settled (A, B, A): nothing is waiting any more
            return self._adopt_approved(self._snapshot)
        if not self._settled(digest, settle_seconds):
            return self._snapshot
        self._seen_hash = digest
        if isinstance(read, Problem):
            self._latest_data = None
            latest = empty_catalog([read], str(self.data_path))
        else:
            self._latest_data = read
            latest = self._checked(read)
        self._snapshot = self._judge(latest)
        if self._snapshot.held_back:
            at = self._snapshot.published_at
            kept = f"visitors keep the version published at {published_label(at)}" if at else "nothing is published"
            _log.warning("%s: %s, because %s", self.data_path, kept, held_back_reason(self._snapshot))
        return self._snapshot

    def _checked(self, data: bytes) -> Catalog:
        """The catalogue of ``data``. Should the checker itself fail on a save, that save is judged unpublishable,
        once (its digest is recorded like any other), and logged with the cause: visitors keep what they see."""
        try:
            return build_catalog(data, str(self.data_path), self.media_dir, self.category_order)
        except Exception as exc:
            _log.exception("Checking %s failed", self.data_path)
            problem = make_problem("file-unreadable", f"The events file {self.data_path} could not be checked "
                                   f"({type(exc).__name__}: {exc}).", "This is a fault in the exhibit, not in the "
                                   "file alone: report it with a copy of the file. Undoing the last edit should "
                                   "let the file be checked again.")
            return empty_catalog([problem], str(self.data_path))

    def _judge(self, latest: Catalog) -> Snapshot:
        snapshot = replace(self._snapshot, latest=latest, withheld=())
        if not latest.publishable:
            return snapshot
        if latest.version == snapshot.current.version:
            return replace(snapshot, current=latest)  # same bytes, rebuilt with today's media folder or order
        withheld = too_many_removed(snapshot.current, latest)
        if not withheld:
            return self._publish(latest)
        return self._adopt_approved(replace(snapshot, withheld=withheld))

    def _adopt_approved(self, snapshot: Snapshot) -> Snapshot:
        """A held-back version another process published anyway (its saved state names it) is published here too."""
        if snapshot.withheld:
            meta = self._read_meta() or {}
            if meta.get("source") == self._source and meta.get("version") == snapshot.latest.version:
                return Snapshot(snapshot.latest, snapshot.latest, _epoch(meta.get("published_at")))
        return snapshot

    def _publish(self, latest: Catalog) -> Snapshot:
        assert self._latest_data is not None  # a missing file is never publishable
        published_at = self._clock()
        saved = self._write_state(self._latest_data, latest.version, published_at)
        return Snapshot(latest, latest, published_at, save_error=saved)

    def _digest(self, read: bytes | Problem) -> str:
        """What the catalogue depends on: the bytes (or why there are none), the media folder's stamp and the
        category order."""
        digest = hashlib.sha256(read).hexdigest() if isinstance(read, bytes) else read.code
        order = hashlib.sha256("\n".join(self.category_order).encode()).hexdigest()[:16]
        return f"{digest}{media_fingerprint(self.media_dir)}:{order}"

    def _settled(self, digest: str, settle_seconds: float) -> bool:
        now = self._clock()
        if self._pending is None or self._pending[0] != digest:
            self._pending = (digest, now)
        return settle_seconds <= 0 or now - self._pending[1] >= settle_seconds

    def _read_meta(self) -> dict | None:
        try:
            meta = json.loads((self.state_dir / STATE_META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return meta if isinstance(meta, dict) else None

    def _read_state(self) -> tuple[Catalog, float | None]:
        """The catalogue saved by an earlier run: only this file's, only its recorded version, only if still valid.

        The saved bytes are judged on their own, not against today's media folder: an image gone missing, broken,
        or on a share mounted a few seconds late becomes a placeholder card (pictures are looked up as they are
        drawn), never an empty exhibit. Whatever goes wrong reading it back is logged and serves nothing.
        """
        try:
            return self._saved_state()
        except Exception as exc:  # e.g. a copy saved by an older version that this one cannot read
            _log.error("The published copy in %s could not be read back (%s: %s); nothing is served until the file "
                       "on disk passes the check", self.state_dir, type(exc).__name__, exc)
            return empty_catalog(path=str(self.data_path)), None

    def _saved_state(self) -> tuple[Catalog, float | None]:
        nothing = empty_catalog(path=str(self.data_path)), None
        meta = self._read_meta()
        if meta is None:
            return nothing
        if meta.get("source") != self._source:
            _log.warning("Ignoring the published copy in %s: it was saved for %s, not %s", self.state_dir,
                         meta.get("source"), self._source)
            return nothing
        try:
            data = (self.state_dir / STATE_CSV).read_bytes()
        except OSError:
            return nothing
        saved = build_catalog(data, str(self.data_path), None, self.category_order)
        if saved.version != meta.get("version"):
            _log.warning("Ignoring the published copy in %s: its bytes are not the version it records",
                         self.state_dir)
            return nothing
        return (saved, _epoch(meta.get("published_at"))) if saved.publishable else nothing

    def _write_state(self, data: bytes, version: str, published_at: float) -> str:
        """Write the published bytes, then the metadata naming their version; "" or why that failed (logged)."""
        meta = json.dumps({"version": version, "published_at": published_at, "source": self._source})
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            write_atomically(self.state_dir / STATE_CSV, data)
            write_atomically(self.state_dir / STATE_META, meta.encode("utf-8"))
        except OSError as exc:
            _log.error("Published %s in memory only: its copy could not be saved in %s (%s)", self.data_path,
                       self.state_dir, exc)
            return f"{self.state_dir}: {exc.strerror or exc}"
        return ""


def _epoch(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def media_fingerprint(media_dir: Path | None) -> str:
    """A cheap stamp of the media folder (names, sizes, times) so a replaced image is noticed without decoding."""
    if media_dir is None:
        return ""
    try:
        stamps = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(media_dir) if e.is_file())
    except OSError:
        return ":no-media"
    return ":" + hashlib.sha256(repr(stamps).encode()).hexdigest()[:16]


def write_atomically(path: Path, data: bytes, durable: bool = True) -> None:
    """Readers see the old file or the whole new one, never half of it, even after a power cut.

    The bytes go to a temporary file in the same folder, are forced to disk, then renamed over the target, and
    the folder's entry is forced to disk too. A cache that can be made again (web images, cards) passes
    ``durable=False``: still atomic, without the two forced writes (10 to 40 ms a file, minutes over thousands
    of cards). The temporary file is created with ``os.open`` and mode 0666 so the
    umask (and a folder's default ACL) decide its permissions, as for any new file: ``mkstemp``'s 0600 would keep a
    web proxy or another user from serving published copies and web images.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if not durable:
        return
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
