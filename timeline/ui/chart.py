"""The timeline chart: range presets ("All" and one per era) kept as app state, click-to-open, and a text key.

Plotly's own zoom resets whenever the figure's data changes (a filter, a selection), so the visible
range is ours: a preset chosen here is passed to the figure explicitly on every run. The figure is
drawn on the page's own paper colour and labels eras by number; the key below it names the shapes
and the numbered eras in text, which fits a phone and reaches screen readers (a Plotly legend does neither).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from timeline.figure import (
    BACKGROUND,
    KEY_ITEMS,
    PLOTLY_CONFIG,
    FigureOptions,
    build_figure,
    era_number_color,
    figure_alt_text,
    numbered_eras,
    range_presets,
)
from timeline.schema import Entry
from timeline.settings import Settings
from timeline.ui.safe_text import code_span, escape
from timeline.ui.state import KEYS, selected_id_from

CHART_KEY = "timeline-figure"
SPAN_KEY = ("━", "A span of years")  # bars: drawn by the figure under a marker at the start
VIEWS_KEPT = 16  # built charts kept for reuse; one at 5,000 entries is a few megabytes


@dataclass(frozen=True)
class _Drawing:
    """What depends only on the entries shown: the range presets and the chart's description."""

    presets: tuple[tuple[str, tuple[float, float]], ...]
    alt: str


class _Recent:
    """The last few built values by key, shared by every session (each runs on its own thread, hence the lock).

    A rerun that changes nothing the chart shows (paging the list, showing an image, a live-update poll)
    reuses the built figure instead of building it again: at 5,000 entries that is most of a rerun.
    Values are never mutated after they are stored.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.values: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
        value = make()  # outside the lock: two sessions may build the same value at once, which is harmless
        with self.lock:
            self.values[key] = value
            while len(self.values) > self.size:
                self.values.popitem(last=False)
        return value


_RECENT = _Recent(VIEWS_KEPT)


def _preset_choice(count: int) -> int:
    """The chosen preset's index, reset to "All" when a new catalogue has fewer eras."""
    choice = st.session_state.get(KEYS.preset)
    if not isinstance(choice, int) or not 0 <= choice < count:
        st.session_state[KEYS.preset] = 0
        return 0
    return choice


def page_background() -> str:
    """The theme's page colour (.streamlit/config.toml), which the figure is drawn on."""
    return st.get_option("theme.backgroundColor") or BACKGROUND


def key_html(eras: Sequence[Entry], background: str) -> str:
    """What the shapes mean, then the numbered eras with their years; glyphs are hidden from screen readers."""
    shapes = [(item.glyph, item.label) for item in KEY_ITEMS] + [SPAN_KEY]
    items = "".join(f'<li><span class="key-glyph" aria-hidden="true">{glyph}</span>{escape(label)}</li>'
                    for glyph, label in shapes)
    key = f'<ul class="chart-key" aria-label="Key to the timeline">{items}</ul>'
    if not eras:
        return key
    listed = "".join(f'<li><span class="era-number" aria-hidden="true" style="background:'
                     f'{era_number_color(number, background)}">{number}</span><span>{escape(era.title)} '
                     f'<span class="era-years">{escape(era.date_label)}</span></span></li>'
                     for number, era in numbered_eras(eras))
    return key + f'<ol class="chart-eras" aria-label="Eras, numbered on the timeline">{listed}</ol>'


def render_chart(entries: Sequence[Entry], eras: Sequence[Entry], settings: Settings, open_id: str | None,
                 on_open: Callable[[str], None], shown_key: Hashable) -> None:
    """The chart section. ``shown_key`` identifies ``entries`` and ``eras`` (equal keys, equal entries):
    built figures are reused by it, so it must change whenever they do (web.py uses the catalogue and the query)."""
    def on_select() -> None:
        chosen = selected_id_from(st.session_state.get(CHART_KEY))
        if chosen:  # an empty selection (a tap on a chosen point, a rebuilt chart) never closes the entry
            on_open(chosen)

    with st.container(key="timeline-chart"):
        st.html('<h2 class="section-title">Timeline</h2>')
        background = page_background()
        drawing = _RECENT.get(("drawing", shown_key, settings),
                              lambda: _Drawing(range_presets(eras, entries), figure_alt_text(entries, eras, settings)))
        presets = drawing.presets
        choice = _preset_choice(len(presets))
        st.pills("Period", options=range(len(presets)), format_func=lambda i: code_span(presets[i][0]),
                 key=KEYS.preset, required=True)
        options = FigureOptions(selected_id=open_id, x_range=None if choice == 0 else presets[choice][1],
                                background=background)
        figure = _RECENT.get(("figure", shown_key, settings, options),
                             lambda: build_figure(entries, eras, settings, options))
        st.plotly_chart(figure, key=CHART_KEY, on_select=on_select, selection_mode="points", theme=None,
                        config=PLOTLY_CONFIG, alt=drawing.alt)
        st.html(key_html(eras, background))
        st.html('<p class="detail-meta">Select a point to open its entry. The list below offers the same '
                "entries for keyboard and screen-reader use.</p>")
