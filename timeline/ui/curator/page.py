"""Curator mode: the public page with drafts, under a panel that says what visitors see and what to fix.

Run it on the curators' own computer only (it shows drafts and file paths): ``TIMELINE_MODE=curator streamlit run
app.py`` listens on 127.0.0.1 (``.streamlit/config.toml``); an address given on purpose gets a warning, and a
server left on every interface by default shows no drafts at all (timeline/reach.py). Curator and file text is
shown as text (``st.text``, and ``st.dataframe``, whose grid draws every cell as plain text), never as Markdown.
No table has a link column: none of them holds a checked web address; a source's URL inside a changed cell is
shown as the text it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

import streamlit as st

from timeline.catalog import Catalog
from timeline.changes import compare_catalogs
from timeline.curator_status import (
    changes_table,
    media_rows,
    media_summary,
    media_table,
    narration_rows,
    narration_summary,
    narration_table,
    problems_table,
    save_warning,
    status_message,
)
from timeline.image_urls import CACHE_DIR
from timeline.narration.engine import EngineInfo, find_engine
from timeline.narration_urls import AUDIO_DIR
from timeline.publishing import publish_anyway, published_snapshot, settings_read
from timeline.reach import Reach, network_warning, reach_of, unchosen_refusal
from timeline.render import render_macro
from timeline.settings import Environment, Settings
from timeline.store import Snapshot
from timeline.ui.compat import add_stylesheet, server_address
from timeline.ui.curator.insights import render_insights
from timeline.ui.page_files import page_file
from timeline.ui.web.page import render_web
from timeline.wording import counted

if TYPE_CHECKING:
    import pandas as pd

PROBLEMS_SHOWN = 1000  # errors first; the checker on the command line lists every one
CHECK_COMMAND = "python -m timeline check"


def _reach() -> Reach:
    """Who can open this page, from the address the server is bound to; warns when that is the network."""
    address, port, given = server_address()
    reach = reach_of(address, given)
    if reach is Reach.NETWORK:
        st.warning(network_warning(address, port))
    elif reach is Reach.UNCHOSEN:
        st.error(unchosen_refusal(address, port))
    return reach


# Widths in pixels add up to about the panel's width on a 1280-pixel screen, so the values before and after a
# change are both in view; a curator can drag any column wider, and a narrower window scrolls the table.
_TEXT, _NUMBER = st.column_config.TextColumn, st.column_config.NumberColumn
_ROW = _NUMBER("Row", width=60, format="%d", help="The row number your spreadsheet shows; the header is row 1.")
PROBLEM_COLUMNS = {
    "row": _ROW,
    "line": _NUMBER("Text line", width=75, format="%d",
                    help="The line a text editor shows, where it differs from the row (a cell with line breaks)."),
    "column": _TEXT("Column", width=120),
    "severity": _TEXT("Severity", width=75, help="Errors stop the file being published; warnings do not."),
    "problem": _TEXT("What is wrong", width=340),
    "fix": _TEXT("How to fix it", width=340),
    "code": _TEXT("Code", width=140, help="Each code is explained in the curator guide."),
}
CHANGE_COLUMNS = {
    "change": _TEXT("Change", width=80),
    "id": _TEXT("Id", width=150),
    "title": _TEXT("Title", width=190),
    "draft": st.column_config.CheckboxColumn("Draft", width=60, help="Shown only in curator mode."),
    "column": _TEXT("Column", width=120),
    "before": _TEXT("Visitors see", width=240),
    "after": _TEXT("File on disk", width=240),
}
MEDIA_COLUMNS = {
    "row": _ROW,
    "entry": _TEXT("Entry id", width="medium", help="Empty when an image error keeps the row from being published."),
    "image": _TEXT("Image file", width="medium"),
    "state": _TEXT("State", width="medium"),
}


NARRATION_COLUMNS = {
    "row": _ROW,
    "entry": _TEXT("Entry id", width="medium"),
    "title": _TEXT("Title", width="large"),
    "narration": _TEXT("Narration", width="small",
                       help="built; stale: the entry, a pronunciation or the voice changed since, and visitors hear "
                            "the older narration until it is built again; missing; recorded: a recording in "
                            "media/audio/ plays instead of the voice."),
}


def _show_table(frame: pd.DataFrame, columns: Mapping[str, object], alt: str) -> None:
    """A read-only table: every cell drawn as plain text, missing values as empty cells."""
    st.dataframe(frame, hide_index=True, width="stretch", column_config=columns, placeholder="", alt=alt)


def _problems(latest: Catalog) -> None:
    label = (f"Problems in the file on disk: {counted(latest.error_count, 'error')}, "
             f"{counted(latest.warning_count, 'warning')}")
    if not latest.problems:  # said in full on one line: an expander would open to nothing to read
        st.text(f"{label}: the checker finds nothing to fix ({CHECK_COMMAND} says the same).")
        return
    with st.expander(label, expanded=bool(latest.error_count)):
        st.text(f"In {latest.path}, errors first: errors keep the file from being published; warnings are advice "
                f"only. {CHECK_COMMAND} prints the same messages.")
        table = problems_table(latest.problems)
        if table["line"].isna().all():  # a text line is rarely needed: no empty column unless one is
            table = table.drop(columns="line")
        _show_table(table.head(PROBLEMS_SHOWN), PROBLEM_COLUMNS, alt="Problems the checker finds in the file on disk")
        if len(table) > PROBLEMS_SHOWN:
            st.text(f"… and {len(table) - PROBLEMS_SHOWN} more: run {CHECK_COMMAND} to see every one.")


def _changes(snapshot: Snapshot) -> None:
    changes = compare_catalogs(snapshot.current, snapshot.latest)
    label = f"File on disk compared with what visitors see: {changes.summary()}"
    if changes.is_empty:  # said in full on one line: an expander would open to an empty box
        st.text(label)
        return
    with st.expander(label, expanded=bool(snapshot.withheld)):
        if not snapshot.latest.publishable:
            st.text("Rows with errors are left out of the file's side, so they count as removed until fixed.")
        st.text("Changed entries have one row per changed column, with what visitors see and what the file has.")
        _show_table(changes_table(changes), CHANGE_COLUMNS, alt="Entries the file on disk adds, removes or changes")


def _media(env: Environment, latest: Catalog) -> None:
    rows = media_rows(latest, env.media, CACHE_DIR)
    with st.expander(f"Images: {media_summary(rows)}"):
        if rows:
            _show_table(media_table(rows), MEDIA_COLUMNS, alt="Images the file names, and their state")
        st.text(f"Web copies are made on first view, or ahead of time with: python -m timeline media "
                f"(folder: {env.media}).")


@cache  # found once per process: without Piper, finding espeak-ng starts a process, never to be on every rerun
def _engine() -> EngineInfo | None:
    return find_engine()


def _narration(env: Environment, latest: Catalog) -> None:
    rows = narration_rows(latest, env.data, env.media, AUDIO_DIR, _engine())
    with st.expander(f"Narration: {narration_summary(rows)}"):
        if rows:
            _show_table(narration_table(rows), NARRATION_COLUMNS, alt="Each published entry's narration, and its state")
        st.text("Narration is built after each save by the kiosk's narration service or site --watch, or now with: "
                "python -m timeline audio. An entry shows its Listen control once its narration is built.")


def render_panel(env: Environment, snapshot: Snapshot, settings_problem: str) -> None:
    with st.container(key="curator-panel"):
        st.html(render_macro("ui/common.html", "section_title",
                             "Curator view: drafts and problems are shown only here"))
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
        _narration(env, snapshot.current)  # narration is built for what visitors see
    render_insights(snapshot.current)


def render_curator(env: Environment, settings: Settings) -> None:
    if _reach() is Reach.UNCHOSEN:
        return  # drafts, file paths and Publish anyway stay off a page the whole network may open
    read = settings_read(env)
    add_stylesheet(page_file("curator.css"))  # the draft badge: only this mode lists drafts
    render_web(env, settings, lambda: render_panel(env, published_snapshot(env, read.settings), read.problem))
