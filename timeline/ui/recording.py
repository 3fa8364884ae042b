"""The visitor pages' side of visitor insights: one ``VisitorSession`` per Streamlit session, kept in its state,
and events handed to the process's recorder (``timeline.insights.recorder``), which never blocks or raises.

Curator mode records nothing, its preview of the web page included: ``start`` gives the event mode only for the
web page and the kiosk, and the pages pass that on (None: record nothing). Any surprise here is logged and
swallowed: recording is never a visitor's problem.
"""

from __future__ import annotations

import logging

import streamlit as st

from timeline.insights import events
from timeline.insights.events import Event, Reached
from timeline.insights.recorder import shared_recorder
from timeline.insights.session import VisitorSession
from timeline.insights.visits import changed_filters, note_outcomes
from timeline.query import Query
from timeline.settings import Mode, Settings

log = logging.getLogger(__name__)
VISIT_KEY = "insights-visit"
QUERY_KEY = "insights-query"  # the web page's query as last recorded
NOTE_KEY = "insights-note"  # the entry whose content note was shown and not yet answered
_MODES = {Mode.WEB: events.Mode.WEB, Mode.KIOSK: events.Mode.KIOSK}


def start(mode: Mode, settings: Settings) -> events.Mode | None:
    """At the top of each run of a visitor page: the mode its events carry, None in curator mode. The first call
    in a process makes the recorder, with the exhibit's retention (callbacks later reach the same one)."""
    recorded = _MODES.get(mode)
    if recorded is not None:
        try:
            shared_recorder(settings.keep_raw_days)
        except Exception:
            log.exception("insights: the recorder could not be made; visitors are not affected")
    return recorded


def visit(mode: events.Mode) -> VisitorSession:
    """This Streamlit session's visitor (its id empty between kiosk visitors)."""
    found = st.session_state.get(VISIT_KEY)
    if not isinstance(found, VisitorSession) or found.mode != mode:
        found = st.session_state[VISIT_KEY] = VisitorSession(mode)
    return found


def record(event: Event | None) -> None:
    try:
        shared_recorder().record(event)
    except Exception:
        log.exception("insights: an event could not be recorded")


def begin(mode: events.Mode | None) -> None:
    """A visitor begins (nothing while one is already there)."""
    if mode is not None:
        record(visit(mode).begin())


def end(mode: events.Mode | None, reason: str) -> None:
    """The visitor's session ends (nothing when none was running: an attract screen resetting again)."""
    if mode is not None:
        record(visit(mode).end(reason))


def opened(mode: events.Mode | None, entry_id: str, reached: Reached) -> None:
    if mode is not None and entry_id:
        visitor = visit(mode)
        record(visitor.begin())
        record(events.opened(visitor.id, mode, entry_id, reached))


def searched(mode: events.Mode | None, query: str, results: int) -> None:
    if mode is not None:
        record(events.searched(visit(mode).id, mode, query, results))


def filtered(mode: events.Mode | None, names: tuple[str, ...] | list[str]) -> None:
    if mode is not None:
        for name in names:
            record(events.filtered(visit(mode).id, mode, name))


def follow_query(mode: events.Mode | None, query: Query, results: int) -> None:
    """The web page's searches and filters, from how its query changed since the last run. The query a session
    arrives with (its address) is where the visitor starts, not something they did."""
    if mode is None:
        return
    last = st.session_state.get(QUERY_KEY)
    st.session_state[QUERY_KEY] = query
    if last is None or last == query:
        return
    filtered(mode, changed_filters(last, query))
    if query.text and query.text != last.text:
        searched(mode, query.text, results)


def filters_reset(mode: events.Mode | None) -> None:
    """The visitor cleared the filters: recorded as such, not as each filter changing."""
    if mode is not None:
        filtered(mode, ("reset",))
        st.session_state[QUERY_KEY] = Query()


def follow_note(mode: events.Mode | None, covered_id: str, revealed: frozenset[str] | set[str]) -> None:
    """A content note that covers the open entry's image (``covered_id``, else ""), shown, then continued or
    backed out of (``visits.note_outcomes``)."""
    if mode is None:
        return
    pending = st.session_state.get(NOTE_KEY, "")
    for entry_id, outcome in note_outcomes(pending, covered_id, revealed):
        record(events.content_note(visit(mode).id, mode, entry_id, outcome))
    st.session_state[NOTE_KEY] = covered_id


def feature_on(mode: events.Mode | None, feature: str) -> None:
    if mode is not None:
        record(events.feature_on(visit(mode).id, mode, feature))


def heartbeat(mode: events.Mode | None) -> None:
    """The machine is alive, every minute (once per process; later calls do nothing)."""
    if mode is not None:
        try:
            shared_recorder().start_heartbeat(mode)
        except Exception:
            log.exception("insights: the heartbeat could not start")
