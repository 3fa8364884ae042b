"""The timeline chart: range presets ("All" and one per era) kept as app state, and click-to-open.

Plotly's own zoom resets whenever the figure's data changes (a filter, a selection), so the visible
range is ours: a preset chosen here is passed to the figure explicitly on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from timeline.figure import PLOTLY_CONFIG, FigureOptions, build_figure, figure_alt_text, range_presets
from timeline.schema import Entry
from timeline.settings import Settings
from timeline.ui.safe_text import code_span
from timeline.ui.state import KEYS, selected_id_from

CHART_KEY = "timeline-figure"


def _preset_choice(count: int) -> int:
    """The chosen preset's index, reset to "All" when a new catalogue has fewer eras."""
    choice = st.session_state.get(KEYS.preset)
    if not isinstance(choice, int) or not 0 <= choice < count:
        st.session_state[KEYS.preset] = 0
        return 0
    return choice


def render_chart(entries: Sequence[Entry], eras: Sequence[Entry], settings: Settings, open_id: str | None,
                 on_open: Callable[[str], None]) -> None:
    def on_select() -> None:
        chosen = selected_id_from(st.session_state.get(CHART_KEY))
        if chosen:  # an empty selection (a tap on a chosen point, a rebuilt chart) never closes the entry
            on_open(chosen)

    with st.container(key="timeline-chart"):
        st.html('<h2 class="section-title">Timeline</h2>')
        presets = range_presets(eras, entries)
        choice = _preset_choice(len(presets))
        st.pills("Period", options=range(len(presets)), format_func=lambda i: code_span(presets[i][0]),
                 key=KEYS.preset, required=True)
        x_range = None if choice == 0 else presets[choice][1]
        figure = build_figure(entries, eras, settings, FigureOptions(selected_id=open_id, x_range=x_range))
        st.plotly_chart(figure, key=CHART_KEY, on_select=on_select, selection_mode="points", theme=None,
                        config=PLOTLY_CONFIG, alt=figure_alt_text(entries, eras, settings))
        st.html('<p class="detail-meta">Select a point to open its entry. The list below offers the same '
                "entries for keyboard and screen-reader use.</p>")
