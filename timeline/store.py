"""The last-known-good store: visitors only ever see a catalogue without errors.

The newest error-free catalogue is kept in memory and its CSV bytes are
written atomically beside the data (``.published/``), so a broken save, a
half-written file, a missing file or a restart never replaces what
visitors see. It deliberately lives outside Streamlit's caches, which any
visitor can clear.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.catalog import Catalog, build_catalog, empty_catalog, load_catalog

STATE_DIR_NAME = ".published"
STATE_CSV = "events.csv"
STATE_META = "published.json"


@dataclass(frozen=True)
class Snapshot:
    """What visitors see (``current``) and what the file on disk says now (``latest``)."""

    current: Catalog
    latest: Catalog
    published_at: float | None  # epoch seconds when ``current`` was published, None if nothing ever was

    @property
    def held_back(self) -> bool:
        """True when the file on disk has errors, so visitors still see the previous version."""
        return not self.latest.publishable


class PublishedStore:
    """Reads the events file (and notices its media folder) on demand; publishes only versions without errors.

    ``settle_seconds`` makes a changed file wait until it has stopped
    changing (editors save in steps) before it is judged.
    """

    def __init__(self, data_path: Path, media_dir: Path | None, category_order: Sequence[str] = (),
                 state_dir: Path | None = None, clock: Callable[[], float] = time.time) -> None:
        self.data_path = data_path
        self.media_dir = media_dir
        self.category_order = tuple(category_order)
        self.state_dir = state_dir or data_path.parent / STATE_DIR_NAME
        self._clock = clock
        self._lock = threading.Lock()
        self._pending: tuple[str, float] | None = None
        self._seen_hash: str | None = None
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

    def _refresh_locked(self, settle_seconds: float) -> Snapshot:
        data = self._read_bytes()
        digest = self._digest(data)
        if digest == self._seen_hash or not self._settled(digest, settle_seconds):
            return self._snapshot
        self._seen_hash = digest
        latest = (build_catalog(data, str(self.data_path), self.media_dir, self.category_order)
                  if data is not None else load_catalog(self.data_path, self.media_dir, self.category_order))
        current, published_at = self._snapshot.current, self._snapshot.published_at
        if latest.publishable and latest.version != current.version:
            assert data is not None  # a missing file is never publishable
            published_at = self._write_state(data, latest.version)
            current = latest
        elif latest.publishable:
            current = latest  # same bytes; rebuilt with today's media folder or category order
        self._snapshot = Snapshot(current, latest, published_at)
        return self._snapshot

    def _digest(self, data: bytes | None) -> str:
        """What the catalogue depends on: the bytes, the media folder's stamp and the category order."""
        digest = hashlib.sha256(data).hexdigest() if data is not None else "missing"
        order = hashlib.sha256("\n".join(self.category_order).encode()).hexdigest()[:16]
        return f"{digest}{media_fingerprint(self.media_dir)}:{order}"

    def _settled(self, digest: str, settle_seconds: float) -> bool:
        now = self._clock()
        if self._pending is None or self._pending[0] != digest:
            self._pending = (digest, now)
        return settle_seconds <= 0 or now - self._pending[1] >= settle_seconds

    def _read_bytes(self) -> bytes | None:
        try:
            return self.data_path.read_bytes()
        except OSError:
            return None

    def _read_state(self) -> tuple[Catalog, float | None]:
        """The catalogue saved by an earlier run, if it is still valid."""
        try:
            data = (self.state_dir / STATE_CSV).read_bytes()
            meta = json.loads((self.state_dir / STATE_META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return empty_catalog(path=str(self.data_path)), None
        saved = build_catalog(data, str(self.data_path), self.media_dir, self.category_order)
        if not saved.publishable:
            return empty_catalog(path=str(self.data_path)), None
        published_at = meta.get("published_at")
        return saved, float(published_at) if isinstance(published_at, int | float) else None

    def _write_state(self, data: bytes, version: str) -> float | None:
        """Write the published bytes atomically; a read-only disk keeps the in-memory copy only."""
        published_at = self._clock()
        meta = json.dumps({"version": version, "published_at": published_at, "source": str(self.data_path)})
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            write_atomically(self.state_dir / STATE_CSV, data)
            write_atomically(self.state_dir / STATE_META, meta.encode("utf-8"))
        except OSError:
            pass
        return published_at


def media_fingerprint(media_dir: Path | None) -> str:
    """A cheap stamp of the media folder (names, sizes, times) so a replaced image is noticed without decoding."""
    if media_dir is None:
        return ""
    try:
        stamps = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(media_dir) if e.is_file())
    except OSError:
        return ":no-media"
    return ":" + hashlib.sha256(repr(stamps).encode()).hexdigest()[:16]


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
