"""The search and filters: a search box and one "Filters · 12 of 45" control over the rest, a live count, and a
reset that appears only when there is something to reset.

The facets (kinds, institutions, themes, people, years) sit behind the one control, on a desktop as on a phone, so
the timeline is on the first screen at every size; the control's label keeps the count in sight while it is shut.
A panel that floats over the page (a popover) rather than one that opens in place keeps the results where they
were, right under the bar: each choice shows at once on the chart and in the count, with no scrolling.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from timeline.query import MAX_TEXT, Facets, Query, ResultCount, describe
from timeline.render import render_macro
from timeline.ui.safe_text import code_span
from timeline.ui.state import KEYS

KIND_LABELS = {"event": "Events", "quote": "Quotes"}
PANEL_KEY = "filter-panel"


def count_html(query: Query, count: ResultCount) -> str:
    """The result count in words, announced politely to screen readers whenever it changes. Unfiltered, it only
    repeats the control's label, so it is there for screen readers alone (a live region must exist to be heard)."""
    return render_macro("ui/web.html", "result_count", describe(query, count), quiet=query.is_empty)


def panel_label(query: Query, count: ResultCount) -> str:
    """The control's label: how many entries the filters let through ("Filters · 12 of 45")."""
    return f"Filters · all {count.total}" if query.is_empty else f"Filters · {count.shown} of {count.total}"


def render_filters(facets: Facets, query: Query, count: ResultCount, on_reset: Callable[[], None]) -> None:
    with st.container(key="filters"):
        st.html(render_macro("ui/common.html", "section_title", "Search and filters", hidden=True))
        with st.container(horizontal=True, vertical_alignment="bottom", gap="small", key="filter-bar"):
            # Named "Search the stories" for screen readers; the placeholder says the same on screen, phone-short.
            st.text_input("Search the stories", key=KEYS.text, max_chars=MAX_TEXT, label_visibility="collapsed",
                          placeholder="Search the stories", icon=":material/search:")
            with st.popover(panel_label(query, count), key=PANEL_KEY):
                _facets(facets)
        with st.container(horizontal=True, vertical_alignment="center", gap="small", key="filter-status"):
            st.html(count_html(query, count), width="content")
            if not query.is_empty:
                st.button("Reset filters", key="reset-filters", on_click=on_reset, type="tertiary",
                          icon=":material/close:")


def _facets(facets: Facets) -> None:
    st.pills("Show", options=list(KIND_LABELS), format_func=KIND_LABELS.__getitem__, selection_mode="multi",
             key=KEYS.kinds)
    if facets.categories:
        st.pills("Institutions and settings", options=facets.categories, format_func=code_span,
                 selection_mode="multi", key=KEYS.categories)
    st.multiselect("Themes", facets.themes, key=KEYS.themes, placeholder="Any theme")
    st.multiselect("People", facets.people, key=KEYS.people, placeholder="Anyone")
    if facets.year_min < facets.year_max:
        st.slider("Years", facets.year_min, facets.year_max, key=KEYS.years, step=1)
