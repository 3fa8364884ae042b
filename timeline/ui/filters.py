"""The filter bar: categories, kinds, search, themes, people and years, a live count, and one reset."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from timeline.query import MAX_TEXT, Facets, Query, describe
from timeline.ui.safe_text import code_span, escape
from timeline.ui.state import KEYS

KIND_LABELS = {"event": "Events", "quote": "Quotes"}


def count_html(query: Query, shown: int, total: int) -> str:
    """The result count in words, announced politely to screen readers whenever it changes."""
    return f'<p class="result-count" role="status" aria-live="polite">{escape(describe(query, shown, total))}</p>'


def render_filters(facets: Facets, query: Query, shown: int, total: int, on_reset: Callable[[], None]) -> None:
    """The heading shares its row with the count and the reset, so the panel is short enough for the timeline
    to start on a desktop's first screen."""
    with st.container(key="filters"):
        heading, count, reset = st.columns([2, 5, 2], gap="medium", vertical_alignment="center")
        with heading:
            st.html('<h2 class="section-title">Filters</h2>')
        with count:
            st.html(count_html(query, shown, total))
        with reset:
            st.button("Reset filters", key="reset-filters", on_click=on_reset, disabled=query.is_empty,
                      width="stretch")
        search, kinds = st.columns([3, 2], gap="medium", vertical_alignment="bottom")
        with search:
            st.text_input("Search the stories", key=KEYS.text, max_chars=MAX_TEXT,
                          placeholder="A name, a place, a word…")
        with kinds:
            st.pills("Show", options=list(KIND_LABELS), format_func=KIND_LABELS.__getitem__,
                     selection_mode="multi", key=KEYS.kinds)
        if facets.categories:
            st.pills("Institutions and settings", options=facets.categories, format_func=code_span,
                     selection_mode="multi", key=KEYS.categories)
        more = bool(query.themes or query.people or query.year_from is not None or query.year_to is not None)
        with st.expander("More filters: themes, people, years", expanded=more, key="more-filters"):
            themes, people, years = st.columns(3, gap="medium")
            with themes:
                st.multiselect("Themes", facets.themes, key=KEYS.themes, placeholder="Any theme")
            with people:
                st.multiselect("People", facets.people, key=KEYS.people, placeholder="Anyone")
            with years:
                if facets.year_min < facets.year_max:
                    st.slider("Years", facets.year_min, facets.year_max, key=KEYS.years, step=1)
