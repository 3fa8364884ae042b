"""The one place the UI gets its catalogue and settings: process-wide, shared by every session.

The store lives in a module-level registry, not in Streamlit's caches: the page offers no clear-cache under
``client.toolbarMode = "minimal"``, but the server still clears those caches on a ``clear_cache`` message from any
websocket client. Every run asks for the snapshot, so asking must be cheap: the file is looked at no more than
every ``REFRESH_EVERY_SECONDS`` across all sessions, and a rebuild runs on a background thread (one
at a time) while visitors keep getting the previous snapshot. The settings file is re-read only when
its stamp changes and it has stopped changing for ``SETTLE_SECONDS``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from timeline.catalog import Catalog
from timeline.settings import Environment, Mode, Settings, load_settings, read_environment
from timeline.store import PublishedStore, Snapshot

REFRESH_EVERY_SECONDS = 2.0
SETTLE_SECONDS = 1.0  # a changed file is judged only once it has stayed the same this long (editors save in steps)
SETTLING_LOOKS = 20  # then the thread ends; a file still changing is looked at again on a later run
_log = logging.getLogger(__name__)

Stamp = tuple[int, int, int]  # (mtime_ns, size, inode): a replaced or rewritten file gets a new one


@dataclass(frozen=True)
class SettingsRead:
    """The settings in use, the file stamp they came from, and what was wrong with a newer file ("" if nothing)."""

    settings: Settings
    stamp: Stamp | None
    problem: str = ""


@dataclass
class _Watch:
    """One data file's store and its refresh bookkeeping (mutable, guarded by ``_lock``)."""

    store: PublishedStore
    checked_at: float
    worker: threading.Thread | None = field(default=None)

    @property
    def busy(self) -> bool:
        return self.worker is not None and self.worker.is_alive()


_watches: dict[tuple[str, str], _Watch] = {}
_settings: dict[Path, SettingsRead] = {}
_lock = threading.Lock()


def current_environment() -> Environment:
    return read_environment()


def file_stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def next_settings(previous: SettingsRead | None, stamp: Stamp | None, now: float,
                  read: Callable[[], Settings]) -> SettingsRead:
    """The settings to use now: the previous ones while the file is unchanged, still changing, missing or broken.

    A first read (no previous settings) never waits, and a missing file at start gives the defaults.
    """
    if previous is not None:
        if stamp == previous.stamp:
            return previous
        if stamp is None:
            return SettingsRead(previous.settings, None, "The settings file is missing; the last settings stay.")
        if 0 <= now - stamp[0] / 1e9 < SETTLE_SECONDS:
            return previous  # being written: look again on a later run
    try:
        return SettingsRead(read(), stamp)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        kept = previous.settings if previous is not None else Settings()
        return SettingsRead(kept, stamp, f"{exc}. Visitors keep the last settings that could be read.")


def settings_read(env: Environment) -> SettingsRead:
    """The exhibit settings for ``env``; costs one ``stat`` when the file is unchanged."""
    fresh = next_settings(_settings.get(env.settings), file_stamp(env.settings), time.time(),
                          lambda: load_settings(env.settings))
    _settings[env.settings] = fresh
    return fresh


def exhibit_settings(env: Environment) -> Settings:
    return settings_read(env).settings


def published_snapshot(env: Environment, settings: Settings) -> Snapshot:
    """The store's snapshot: the first call loads synchronously; later ones start at most one background refresh.

    Should that first look fail, visitors get the last good version saved on disk (or the calm empty page when
    there is none) and the cause is logged; the background refreshes try again.
    """
    order = settings.category_order()
    with _lock:
        watch = _watches.get(_key(env))
        if watch is None:
            store = PublishedStore(env.data, env.media, order)
            try:
                store.refresh(category_order=order)  # the first visitor sees the file as it is now
            except Exception:
                _log.exception("Reading %s at start-up failed; visitors see the last good version", env.data)
            _watches[_key(env)] = _Watch(store, time.monotonic())
            return store.snapshot
        now = time.monotonic()
        if not watch.busy and now - watch.checked_at >= REFRESH_EVERY_SECONDS:
            watch.checked_at = now
            watch.worker = threading.Thread(target=_refresh, args=(watch.store, order), daemon=True,
                                            name="timeline-refresh")
            watch.worker.start()
        return watch.store.snapshot


def publish_anyway(env: Environment, version: str) -> None:
    """Curator mode's button: publish the held-back file on disk, the ``version`` the curator looked at."""
    with _lock:
        watch = _watches.get(_key(env))
    if watch is not None:
        watch.store.publish_anyway(version)


def _key(env: Environment) -> tuple[str, str]:
    return str(env.data), str(env.media)


def catalog_for(mode: Mode, snapshot: Snapshot) -> Catalog:
    """What a mode lists. Visitors: the published entries only. Curators: the file on disk with its drafts when it
    passes the check, else the last good version with its drafts (the curator panel lists why)."""
    if mode is not Mode.CURATOR:
        return snapshot.current.visible
    return snapshot.latest if snapshot.latest.publishable else snapshot.current


def _refresh(store: PublishedStore, order: tuple[str, ...]) -> None:
    """Look, and while a change is still settling look again soon, so a save is published about
    ``SETTLE_SECONDS`` after it stops rather than at a later visitor's request."""
    try:
        store.refresh(SETTLE_SECONDS, order)
        for _ in range(SETTLING_LOOKS):
            if not store.settling:
                break
            time.sleep(SETTLE_SECONDS / 2)
            store.refresh(SETTLE_SECONDS, order)
    except Exception:  # a failed look keeps the previous snapshot; the next one tries again
        _log.exception("Refreshing %s failed", store.data_path)
