"""Live publishing: an open page redraws itself when a new version is published, without a reload or restart.

Streamlit's file watcher is off (it would rerun every script on any save). Instead each page keeps a
tiny fragment that wakes every ``POLL_SECONDS``, asks the shared store for its snapshot (no parsing:
the store refreshes on a background thread) and reruns the whole page only when what this session
shows is no longer what the store holds. Versions are compared by identity: the store hands out the
same catalogue and settings objects until something really changed.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from timeline.catalog import Catalog
from timeline.publishing import SettingsRead, published_snapshot, settings_read
from timeline.settings import Environment, Mode, Settings
from timeline.store import Snapshot
from timeline.ui.state import rerun_page

POLL_SECONDS = 3.0
RENDERED = "live-rendered"  # session-state key: the Shown value of this session's last full run


@dataclass(frozen=True, eq=False)
class Shown:
    """What one full run drew from: the visitors' catalogue and settings, and (curator mode only) the file on disk
    and what was wrong with the settings file."""

    current: Catalog
    settings: Settings
    latest: Catalog | None = None
    settings_problem: str = ""

    def is_stale(self, newer: Shown) -> bool:
        """True when ``newer`` holds any object this page was not drawn from (identity, not equality: cheap)."""
        return (self.current is not newer.current or self.latest is not newer.latest
                or self.settings is not newer.settings or self.settings_problem != newer.settings_problem)


def shown_now(mode: Mode, snapshot: Snapshot, read: SettingsRead) -> Shown:
    """What a page in ``mode`` draws from: curators also see the file on disk, so its changes redraw them too."""
    if mode is Mode.CURATOR:
        return Shown(snapshot.current, read.settings, snapshot.latest, read.problem)
    return Shown(snapshot.current, read.settings)


def _current(env: Environment) -> Shown:
    read = settings_read(env)
    return shown_now(env.mode, published_snapshot(env, read.settings), read)


@st.fragment(run_every=POLL_SECONDS)
def _poll(env: Environment) -> None:
    rendered = st.session_state.get(RENDERED)
    if rendered is None or rendered.is_stale(_current(env)):
        rerun_page()


def follow_updates(env: Environment) -> None:
    """Call once per full run, before the view: remember what it draws from, and keep watching for newer."""
    st.session_state[RENDERED] = _current(env)
    _poll(env)
