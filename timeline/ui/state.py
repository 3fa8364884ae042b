"""What a visitor has chosen, three ways: widget values, a ``Query`` (plus the open entry), and the URL.

The conversions are pure functions, tested without Streamlit; ``sync_from_url``, ``follow_history`` and
``write_url`` are the edges that touch ``st.query_params``. A link is honoured at the start of a session and
again when the visitor steps Back or Forward to it; otherwise the widgets own the state and the URL follows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from timeline.query import LIST_KINDS, Facets, Query, query_from_params, query_to_params
from timeline.schema import Kind
from timeline.ui.compat import set_address


@dataclass(frozen=True)
class Keys:
    """Session-state keys. Widget keys double as stable test handles (AppTest finds widgets by key)."""

    categories: str = "filter-categories"
    themes: str = "filter-themes"
    people: str = "filter-people"
    years: str = "filter-years"
    years_span: str = "filter-years-span"  # the full range the slider was last drawn with
    text: str = "filter-text"
    kinds: str = "filter-kinds"
    open_id: str = "open-entry"
    page: str = "list-page"
    preset: str = "range-preset"
    revealed: str = "revealed-images"
    focus: str = "focus-request"
    notices: str = "link-notices"
    url_read: str = "url-read"
    url_written: str = "url-written"
    server_rerun: str = "server-rerun"
    last_query: str = "last-query"


KEYS = Keys()
FILTER_KEYS = (KEYS.categories, KEYS.themes, KEYS.people, KEYS.years, KEYS.text, KEYS.kinds)


def query_from_widgets(values: Mapping[str, Any], facets: Facets) -> Query:
    """The Query the widgets describe; values the catalogue no longer has are ignored.

    A slider bound left at an end of the range it was drawn with means "no bound", so when a new catalogue
    widens the years an untouched slider (or its untouched end) follows the new range instead of hiding entries.
    """
    kinds = {Kind(k) for k in values.get(KEYS.kinds) or () if k in {kind.value for kind in LIST_KINDS}}
    year_from, year_to = _year_bounds(values, facets)
    return Query(
        categories=frozenset(values.get(KEYS.categories) or ()).intersection(facets.categories),
        themes=frozenset(values.get(KEYS.themes) or ()).intersection(facets.themes),
        people=frozenset(values.get(KEYS.people) or ()).intersection(facets.people),
        kinds=frozenset(kinds) if len(kinds) < len(LIST_KINDS) else frozenset(),
        year_from=year_from,
        year_to=year_to,
        text=str(values.get(KEYS.text) or ""),
    )


def _year_bounds(values: Mapping[str, Any], facets: Facets) -> tuple[int | None, int | None]:
    """The slider's bounds as Query years: None at an end of the drawn or the current full range, else clamped."""
    drawn_min, drawn_max = values.get(KEYS.years_span) or (facets.year_min, facets.year_max)
    low, high = (min(max(int(v), facets.year_min), facets.year_max)
                 for v in values.get(KEYS.years) or (drawn_min, drawn_max))
    at_start = low <= facets.year_min or low == drawn_min
    at_end = high >= facets.year_max or high == drawn_max
    return (None if at_start else low), (None if at_end else high)


def widget_values(query: Query, facets: Facets) -> dict[str, Any]:
    """Widget values showing ``query``, in the facets' own order so widgets list them as the catalogue does."""
    def ordered(chosen: frozenset[str], options: tuple[str, ...]) -> list[str]:
        return [option for option in options if option in chosen]

    low = facets.year_min if query.year_from is None else max(facets.year_min, query.year_from)
    high = facets.year_max if query.year_to is None else min(facets.year_max, query.year_to)
    return {
        KEYS.categories: ordered(query.categories, facets.categories),
        KEYS.themes: ordered(query.themes, facets.themes),
        KEYS.people: ordered(query.people, facets.people),
        KEYS.years: (low, high),
        KEYS.years_span: (facets.year_min, facets.year_max),
        KEYS.text: query.text,
        KEYS.kinds: [kind.value for kind in LIST_KINDS if kind in query.kinds],
    }


def selected_id_from(selection_event: Any) -> str | None:
    """The entry id of the first clicked point (ids travel in ``customdata[0]``), or None for an empty selection."""
    try:
        points = selection_event["selection"]["points"]
    except (KeyError, TypeError, IndexError):
        return None
    for point in points or ():
        customdata = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(customdata, list | tuple) and customdata and isinstance(customdata[0], str):
            return customdata[0]
    return None


# --- the Streamlit edges ------------------------------------------------------------------------------------------


def apply_widget_values(values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        st.session_state[key] = value


def sync_from_url(facets: Facets) -> str | None:
    """Honour the address (at the start of a session, and after Back or Forward): seed the widgets and the open
    entry, keep notices to show.

    Returns the entry the address opened on this run (None on runs that did not read it).
    """
    if st.session_state.get(KEYS.url_read):
        return None
    query, event_id, notices = query_from_params(_address(), facets)
    seeded = widget_values(query, facets)
    apply_widget_values(seeded)
    st.session_state[KEYS.open_id] = event_id
    # Kept as the widgets will read it back (a year clamped to an end of the range reads as no bound), so the
    # notices stay until the visitor really changes something.
    st.session_state[KEYS.notices] = (notices, query_from_widgets(seeded, facets), event_id)
    st.session_state[KEYS.url_read] = True
    return event_id


def keep_widgets_valid(facets: Facets) -> Query:
    """The current Query; widget values a new catalogue no longer offers are dropped before widgets render."""
    query = query_from_widgets(st.session_state, facets)
    canonical = widget_values(query, facets)
    stale = {k: v for k, v in canonical.items() if k != KEYS.text and _differs(st.session_state.get(k), v)}
    apply_widget_values(stale)
    return query


def _differs(current: Any, wanted: Any) -> bool:
    if isinstance(wanted, list):
        return sorted(current or ()) != sorted(wanted)
    return tuple(current or ()) != tuple(wanted) if isinstance(wanted, tuple) else current != wanted


def current_notices(query: Query, event_id: str | None) -> tuple[str, ...]:
    """The link's notices, shown until the visitor changes what the link asked for."""
    notices, link_query, link_event = st.session_state.get(KEYS.notices) or ((), None, None)
    return tuple(notices) if (query, event_id) == (link_query, link_event) else ()


def follow_history() -> None:
    """Back and Forward: honour the address again when it is not the one this session last wrote.

    Streamlit adds a browser history entry for each address ``write_url`` changes (``compat.set_address``), and
    on Back or Forward it reruns the whole page with that entry's address (``compat.RERUN_ON_HISTORY_EVENT``).
    Call this on whole-page runs only: a widget's fragment run can carry an address a moment old, and reading that
    would undo the visitor's last choice.
    """
    if st.session_state.pop(KEYS.server_rerun, False):
        return
    written = st.session_state.get(KEYS.url_written)
    if written is not None and _address() != written:
        st.session_state[KEYS.url_read] = False


def rerun_page() -> None:
    """Rerun the whole page from the server. Such a run carries the address the browser sent with the run that
    asked for it, which can predate the visitor's last choice, so ``follow_history`` must not take it for Back."""
    st.session_state[KEYS.server_rerun] = True
    st.rerun(scope="app")


def write_url(query: Query, event_id: str | None) -> None:
    """Make the address bar describe the view (only when it differs: each write is a browser message)."""
    wanted = query_to_params(query, event_id)
    if _address() != wanted:
        set_address(wanted)
    st.session_state[KEYS.url_written] = wanted


def _address() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}
