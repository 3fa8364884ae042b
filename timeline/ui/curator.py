"""Curator mode: the public page with drafts, under a panel that says what visitors see and what to fix.

Run it on the curators' own computer only (it shows drafts and file paths):
``TIMELINE_MODE=curator streamlit run app.py --server.address 127.0.0.1``. Curator and file text is
shown as text (``st.code``, ``st.text``, a data table), never as Markdown.
"""

from __future__ import annotations

import streamlit as st

from timeline.catalog import Catalog
from timeline.changes import compare_catalogs
from timeline.settings import Environment, Settings
from timeline.store import Snapshot
from timeline.ui.curator_status import (
    change_lines,
    is_local_host,
    media_rows,
    media_summary,
    problem_lines,
    save_warning,
    status_message,
)
from timeline.ui.images import CACHE_DIR
from timeline.ui.loading import publish_anyway, published_snapshot, settings_read
from timeline.ui.safe_text import code_span
from timeline.ui.web import render_web
from timeline.wording import counted

PROBLEMS_SHOWN = 200  # per group; the checker on the command line lists every one
CHECK_COMMAND = "python -m timeline check"
# Drafts are marked in the list and the entry view (entry_views.DRAFT_LABEL); only this mode lists them.
_STYLE = """<style>
.draft-badge { display: inline-block; margin: 0 0 0 0.5rem; padding: 0 0.45rem; border: 2px solid currentColor;
  border-radius: 0.25rem; color: #8C3A1E; font-weight: 700; font-size: 0.85em; letter-spacing: 0.02em; }
.st-key-event-detail .draft-badge { margin: 0 0 0.5rem 0; }
</style>"""


def _host_warning() -> None:
    host = st.context.headers.get("Host")
    if not is_local_host(host):
        st.warning(f"Curator mode is open to the network at {code_span(host or '')}: it shows drafts and file "
                   "paths. Start it with `--server.address 127.0.0.1` so only this computer can reach it.")


def _problem_block(title: str, lines: tuple[str, ...]) -> None:
    if not lines:
        return
    st.text(title)
    st.code("\n".join(lines[:PROBLEMS_SHOWN]), language=None, wrap_lines=True)
    if len(lines) > PROBLEMS_SHOWN:
        st.text(f"… and {len(lines) - PROBLEMS_SHOWN} more: run {CHECK_COMMAND} to see every one.")


def _problems(latest: Catalog) -> None:
    errors, warnings = problem_lines(latest.problems, latest.path)
    label = f"Problems in the file on disk: {counted(len(errors), 'error')}, {counted(len(warnings), 'warning')}"
    with st.expander(label, expanded=bool(errors)):
        if not errors and not warnings:
            st.text(f"The checker finds nothing to fix ({CHECK_COMMAND} says the same).")
        _problem_block("Errors: fix these before the file can be published.", errors)
        _problem_block("Warnings: advice only; they never stop publishing.", warnings)


def _changes(snapshot: Snapshot) -> None:
    changes = compare_catalogs(snapshot.current, snapshot.latest)
    label = f"File on disk compared with what visitors see: {changes.summary()}"
    if changes.is_empty:  # said in full on one line: an expander would open to an empty box
        st.text(label)
        return
    with st.expander(label, expanded=bool(snapshot.withheld)):
        if not snapshot.latest.publishable:
            st.text("Rows with errors are left out of the file's side, so they count as removed until fixed.")
        lines = change_lines(changes)
        if lines:
            st.text("\n".join(lines))


def _media(env: Environment, latest: Catalog) -> None:
    rows = media_rows(latest, env.media, CACHE_DIR)
    with st.expander(f"Images: {media_summary(rows)}"):
        if rows:
            table = [{"row": r.row, "entry": r.entry_id, "image": r.image, "state": str(r.state)} for r in rows]
            st.dataframe(table, hide_index=True, width="stretch")
        st.text(f"Web copies are made on first view, or ahead of time with: python -m timeline media "
                f"(folder: {env.media}).")


def render_panel(env: Environment, snapshot: Snapshot, settings_problem: str) -> None:
    with st.container(key="curator-panel"):
        _host_warning()
        st.html('<h2 class="section-title">Curator view: drafts and problems are shown only here</h2>')
        (st.error if snapshot.held_back else st.success)(status_message(snapshot))
        if warning := save_warning(snapshot):
            st.warning(warning)
        if snapshot.withheld:
            st.button("Publish anyway", key="publish-anyway", on_click=publish_anyway,
                      args=(env, snapshot.latest.version),
                      help="Visitors get the file on disk, without the entries listed as removed below.")
        if settings_problem:
            st.warning("The exhibit settings file has a problem; visitors keep the last settings that worked:")
            st.text(settings_problem)
        _problems(snapshot.latest)
        _changes(snapshot)
        _media(env, snapshot.latest)


def render_curator(env: Environment, settings: Settings) -> None:
    read = settings_read(env)
    st.html(_STYLE)
    render_web(env, settings, lambda: render_panel(env, published_snapshot(env, read.settings), read.problem))
