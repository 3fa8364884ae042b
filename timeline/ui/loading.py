"""The one place the UI gets its catalogue: a process-wide published store.

The store lives in a module-level registry, not only in Streamlit's caches
(any visitor can clear those); ``st.cache_resource`` only saves the lookup.
"""

from __future__ import annotations

import threading
import time

from timeline.settings import Environment, Settings, load_settings, read_environment
from timeline.store import PublishedStore, Snapshot

REFRESH_EVERY_SECONDS = 2.0
_stores: dict[tuple[str, str, str], PublishedStore] = {}
_checked_at: dict[tuple[str, str, str], float] = {}
_lock = threading.Lock()


def current_environment() -> Environment:
    return read_environment()


def exhibit_settings(env: Environment) -> Settings:
    return load_settings(env.settings)


def published_snapshot(env: Environment, settings: Settings) -> Snapshot:
    """The store's snapshot, re-reading the file at most every couple of seconds across all sessions."""
    key = (str(env.data), str(env.media), str(env.settings))
    with _lock:
        store = _stores.get(key)
        if store is None:
            store = _stores[key] = PublishedStore(env.data, env.media, settings.category_order())
            _checked_at[key] = 0.0
        due = time.monotonic() - _checked_at[key] >= REFRESH_EVERY_SECONDS
        if due:
            _checked_at[key] = time.monotonic()
    return store.refresh() if due else store.snapshot
