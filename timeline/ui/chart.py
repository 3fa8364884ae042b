"""The timeline chart: periods ("All" and one per era) kept as app state, click-to-open, and a text key.

Plotly's own zoom resets whenever the figure's data changes (a filter, a selection), so the visible
range is ours, worked out from app state on every run: "All" fits the entries the filters let through
(the same years on every rerun until the filters change), an era is its own years. The figure is
drawn on the page's own paper colour and labels eras by number; the periods carry the same numbers,
and the key below names the shapes and the numbered eras in text, which fits a phone and reaches
screen readers (a Plotly legend does neither).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from timeline.figure import (
    BACKGROUND,
    KEY_ITEMS,
    PLOTLY_CONFIG,
    FigureOptions,
    build_figure,
    drawn_eras,
    era_number_color,
    figure_alt_text,
    numbered_eras,
    range_presets,
)
from timeline.render import render_macro
from timeline.schema import Entry
from timeline.settings import Settings
from timeline.ui.compat import TestId, key_selector
from timeline.ui.safe_text import code_span
from timeline.ui.state import KEYS, selected_id_from

CHART_KEY = "timeline-figure"
# What each shape means, as (glyph, words); bars are drawn by the figure under a marker at the start.
KEY_SHAPES = (*((item.glyph, item.label) for item in KEY_ITEMS), ("━", "A span of years"))
VIEWS_KEPT = 16  # built charts kept for reuse; one at 5,000 entries is a few megabytes


# What a visitor's search or filter changes first: brought into view after one.
RESULTS = f"{key_selector('timeline-chart')} {TestId.PLOTLY_CHART.selector}"


@dataclass(frozen=True)
class Period:
    """A choice of years on the chart: "All" (None: the years of the entries shown) or one era's."""

    label: str  # Markdown for the pill: the era's number and years shown, its title for screen readers
    years: tuple[float, float] | None


def periods(eras: Sequence[Entry]) -> tuple[Period, ...]:
    """"All", then each era by its number, as the chart's bands are numbered: "2 · 1923–1947" fits one row of
    pills on a desktop where the titles wrapped onto a second; the title stays in the name screen readers hear."""
    by_start = zip(numbered_eras(eras), range_presets(eras, ())[1:], strict=True)  # both in order of start
    return (Period(code_span("All"), None), *(
        Period(f"{code_span(f'{number} · {era.date_label}')} {code_span(era.title)}", years)
        for (number, era), (_, years) in by_start))


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
_TEXTS = _Recent(VIEWS_KEPT * 4)  # the chart's alt text and key: small, so more of them, and never evicting figures


def figure_for(entries: Sequence[Entry], eras: Sequence[Entry], settings: Settings, options: FigureOptions,
               shown_key: Hashable) -> go.Figure:
    """``build_figure``, reused while ``shown_key`` (which identifies ``entries`` and ``eras``: equal keys, equal
    entries), the settings and the options stay the same, by every session of every mode."""
    return _RECENT.get(("figure", shown_key, settings, options), lambda: build_figure(entries, eras, settings, options))


def alt_for(entries: Sequence[Entry], eras: Sequence[Entry], settings: Settings, shown_key: Hashable) -> str:
    """The chart's text for screen readers, naming only the eras it draws; reused as ``figure_for`` is."""
    return _TEXTS.get(("alt", shown_key, settings),
                      lambda: figure_alt_text(entries, [era for _, era in drawn_eras(eras, entries)], settings))


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


def key_html(eras: Sequence[tuple[int, Entry]], background: str) -> str:
    """What the shapes mean, then the numbered eras drawn (``drawn_eras``) with their years, each number on the
    colour the figure gives it on ``background``."""
    numbered = [(number, era_number_color(number, background), era) for number, era in eras]
    return render_macro("ui/chart.html", "chart_key", KEY_SHAPES, numbered)


def key_for(entries: Sequence[Entry], eras: Sequence[Entry], years: tuple[float, float] | None, background: str,
            shown_key: Hashable) -> str:
    """``key_html`` for the eras drawn in ``years``, reused as ``figure_for`` is: finding them walks every entry."""
    return _TEXTS.get(("key", shown_key, years, background),
                      lambda: key_html(drawn_eras(eras, entries, years), background))


def render_chart(entries: Sequence[Entry], eras: Sequence[Entry], settings: Settings, open_id: str | None,
                 on_open: Callable[[str], None], shown_key: Hashable) -> None:
    """The chart section. ``shown_key`` identifies ``entries`` and ``eras`` (equal keys, equal entries):
    built figures are reused by it, so it must change whenever they do (the web page uses the catalogue and the
    query)."""
    def on_select() -> None:
        chosen = selected_id_from(st.session_state.get(CHART_KEY))
        if chosen:  # an empty selection (a tap on a chosen point, a rebuilt chart) never closes the entry
            on_open(chosen)

    with st.container(key="timeline-chart"):
        background = page_background()
        choices = periods(eras)
        choice = _preset_choice(len(choices))
        heading, period = st.columns([1, 4], gap="medium", vertical_alignment="bottom")
        with heading:
            st.html(render_macro("ui/common.html", "section_title", "Timeline"))
        with period:
            st.pills("Period", options=range(len(choices)), format_func=lambda i: choices[i].label,
                     key=KEYS.preset, required=True, label_visibility="collapsed")  # beside "Timeline": plain
        years = choices[choice].years
        options = FigureOptions(selected_id=open_id, x_range=years, background=background)
        st.plotly_chart(figure_for(entries, eras, settings, options, shown_key), key=CHART_KEY, on_select=on_select,
                        selection_mode="points", theme=None, config=PLOTLY_CONFIG,
                        alt=alt_for(entries, eras, settings, shown_key))
        st.html(key_for(entries, eras, years, background, shown_key))
        st.html(render_macro("ui/common.html", "note", "Select a point to open its entry. The list below offers the "
                             "same entries for keyboard and screen-reader use."))
