"""The timeline figure: a pure function from entries to a Plotly figure.

Only this module imports Plotly. The figure is data (tested as data): the x axis
is a plain number of decimal years, because a date axis loses years before 1 CE
and cannot say "about 1947" or "the 1940s"; lanes are categories. Every curator
string that reaches the figure is escaped, because Plotly renders ``<a href>``
and ``<b>`` in hover text, tick labels and annotations.
"""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go

from timeline.colors import ensure_contrast, mix
from timeline.lanes import UNCERTAINTY, Lanes, is_bar, lane_order, place
from timeline.schema import Entry, Kind
from timeline.settings import FALLBACK_COLOR, Settings
from timeline.wording import counted

BACKGROUND = "#FFFFFF"  # the kiosk's page; the web passes its own paper colour (FigureOptions.background)
INK = "#1F1F1F"
MUTED_INK = "#4A4A4A"
# Grid, lane rules and axis line: ink mixed into whatever background the figure sits on.
GRID_INK, RULE_INK, AXIS_INK = 0.07, 0.1, 0.3
FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
UIREVISION = "timeline"  # constant: Plotly keeps the visitor's zoom while the figure is unchanged
GL_THRESHOLD = 1000  # above this many points WebGL draws markers far faster than SVG
OTHER_LANE = "Other"  # label of the lane for entries without a category (quotes may have none)
DEFAULT_RANGE = (1900.0, 2000.0)  # an empty chart still needs an axis
MIN_YEARS = 10.0  # the narrowest range the chart fits to: one entry alone still sits in a decade's context
ERA_FILLS = ("#E9E2D0", "#DCE4EA")
ERA_OPACITY = 0.55
BADGE_FILL = 0.9  # an era number's box: its band's fill, stronger than the translucent band so it reads as a tag
BADGE_EMS = 1.7  # an era number's box (digit, padding, border and a gap) in font sizes
SYMBOLS = {Kind.EVENT: "circle", Kind.QUOTE: "diamond"}  # shape, not only colour, tells a quote
HOVER = "%{customdata[1]}<br><b>%{customdata[2]}</b><extra></extra>"  # values are escaped, never the template


@dataclass(frozen=True)
class FigureOptions:
    selected_id: str | None = None
    x_range: tuple[float, float] | None = None  # visible years, kept as app state by the UI
    large: bool = False  # kiosk: bigger markers and fonts for touch at arm's length
    height: int | None = None
    background: str = BACKGROUND  # the page behind the chart: the figure is drawn on it, markers contrast with it
    webgl: bool = True  # False: SVG scatter traces only, at any size, which plotly.js's basic bundle draws


@dataclass(frozen=True)
class KeyItem:
    """One shape in the key: what it means, its Plotly symbol, and the same shape as a character."""

    label: str
    symbol: str
    glyph: str


KEY_ITEMS = (KeyItem("Event", "circle", "●"), KeyItem("Quote", "diamond", "◆"),
             KeyItem("Approximate date", "circle-open", "○"))


@dataclass(frozen=True)
class _Scale:
    marker: int
    font: int
    row_px: int  # between two rows of markers in a lane
    label_px: int  # a lane's name, above its markers; 0: beside them (a kiosk has the width, not the height)
    narrow_px: int  # the plot's narrowest width at this scale: markers and era numbers are spaced for it
    tag_font: int  # an era number's size: a kiosk's is read from two metres
    max_rows: int  # a lane grows to this many rows; past it markers may overlap (thousands of entries)
    axis_px: int  # the year labels under the plot
    min_plot_px: int  # one lane of one row still reads as a timeline, not a strip


# narrow_px: the web's plot on a phone 340 px wide or more; the kiosk's on its 1080 px portrait screen, beside the
# lane names. A kiosk's chart gets what height its landscape screen leaves (about 330 px): names beside the lanes
# and four rows at most keep its markers apart there.
_SCALES = {False: _Scale(marker=13, font=14, row_px=14, label_px=20, narrow_px=300, tag_font=13, max_rows=8,
                         axis_px=34, min_plot_px=150),
           True: _Scale(marker=24, font=22, row_px=28, label_px=0, narrow_px=760, tag_font=26, max_rows=4,
                        axis_px=48, min_plot_px=240)}
LANE_GAP = 0.4  # rows of air under a lane's last row, before the rule to the next lane
RIM = 2  # the background-coloured outline that parts neighbouring markers


@dataclass(frozen=True)
class _Point:
    entry: Entry
    x: float  # start_year, computed once
    y: float  # pixels down from the plot's top
    color: str


@dataclass(frozen=True)
class _Geometry:
    """Lanes stacked top to bottom in pixels (the y axis counts pixels down), each a label then its rows."""

    tops: tuple[float, ...]
    height: float

    row_px: float  # the scale's, or more when a few rows are spread over the least height a chart reads at

    @classmethod
    def of(cls, rows: Sequence[int], scale: _Scale) -> _Geometry:
        units = [max(n, 1) + LANE_GAP for n in rows]
        labels = scale.label_px * len(rows)
        row_px = max(float(scale.row_px), (scale.min_plot_px - labels) / sum(units)) if rows else scale.row_px
        heights = [scale.label_px + u * row_px for u in units]
        tops = tuple(float(sum(heights[:i])) for i in range(len(heights)))
        return cls(tops, float(sum(heights)), row_px)

    def y(self, lane: int, row: int, scale: _Scale) -> float:
        return self.tops[lane] + scale.label_px + (row + 0.5) * self.row_px

    def middles(self) -> list[float]:
        bottoms = (*self.tops[1:], self.height) if self.tops else ()
        return [(top + bottom) / 2 for top, bottom in zip(self.tops, bottoms, strict=True)]


def plotly_config(kiosk: bool = False) -> dict[str, Any]:
    """The ``config`` for ``st.plotly_chart``: no logo, no selection tools, no export; a kiosk gets no mode bar."""
    return {
        "displaylogo": False,
        "responsive": True,
        "scrollZoom": not kiosk,  # the wheel zooms on desktop; a kiosk has no wheel
        "displayModeBar": "hover" if not kiosk else False,
        "showTips": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "toImage", "toggleSpikelines",
                                   "hoverClosestCartesian", "hoverCompareCartesian", "sendDataToCloud"],
    }


PLOTLY_CONFIG = plotly_config()


def build_figure(entries: Sequence[Entry], eras: Sequence[Entry], settings: Settings,
                 options: FigureOptions = FigureOptions()) -> go.Figure:
    """One marker per entry in its category's lane, spans as bars, approximate dates with whiskers, eras as bands.

    The view is ``options.x_range`` or, without one, the years of the entries shown (a filter narrows it); a
    visitor may pan and zoom out only as far as both reach, and only eras there are drawn.
    """
    scale = _SCALES[options.large]
    shown = [e for e in entries if e.kind is not Kind.ERA]
    view = options.x_range or fit_range(shown)
    bounds = _bounds(shown, options.x_range)
    lanes = place(shown, settings, scale.narrow_px / (bounds[1] - bounds[0]), scale.marker + RIM, scale.max_rows)
    geometry = _Geometry.of(lanes.rows, scale)
    colors = {c: _category_color(c, settings, options.background) for c in lanes.categories}
    points = [_Point(p.entry, p.x, geometry.y(p.lane, p.row, scale), colors[p.entry.category]) for p in lanes.placed]
    trace = go.Scattergl if options.webgl and len(points) > GL_THRESHOLD else go.Scatter
    selected = [p for p in points if p.entry.id == options.selected_id]
    data = [
        *_bars(points, trace),
        *_whiskers(points, trace),
        *_marker_traces([p for p in points if p.entry.id != options.selected_id], trace, scale, options.background),
        *([_selected_trace(selected[0], trace, scale)] if selected else []),
    ]
    drawn = drawn_eras(eras, shown, options.x_range)
    return go.Figure(data=data, layout=_layout(lanes, geometry, colors, settings, drawn, options, view, bounds))


def fit_range(entries: Sequence[Entry]) -> tuple[float, float]:
    """The years the entries cover, with a little margin; at least ``MIN_YEARS`` wide, centred on them."""
    if not entries:
        return DEFAULT_RANGE
    low = min(e.date.start_year for e in entries)
    high = max(e.date.end_year for e in entries)
    if high - low < MIN_YEARS:
        middle = (low + high) / 2
        low, high = middle - MIN_YEARS / 2, middle + MIN_YEARS / 2
    return _padded(low, high)


def _bounds(entries: Sequence[Entry], x_range: tuple[float, float] | None) -> tuple[float, float]:
    """How far a visitor may pan or zoom out: the entries' years, and the chosen view when it reaches further."""
    low, high = fit_range(entries)
    return (low, high) if x_range is None else (min(low, x_range[0]), max(high, x_range[1]))


def drawn_eras(eras: Sequence[Entry], entries: Sequence[Entry],
               x_range: tuple[float, float] | None = None) -> tuple[tuple[int, Entry], ...]:
    """The numbered eras the figure draws: those reaching into the years a visitor can see. Numbers stay those of
    every era (``numbered_eras``), so a band keeps its number whatever the filter."""
    low, high = _bounds([e for e in entries if e.kind is not Kind.ERA], x_range)
    return tuple((n, era) for n, era in numbered_eras(eras) if era.date.end_year > low and era.date.start_year < high)


def _category_color(category: str, settings: Settings, background: str) -> str:
    """The curator's colour, darkened until it reads on the background; a malformed colour falls back."""
    try:
        return ensure_contrast(settings.color_for(category), background)
    except ValueError:
        return ensure_contrast(FALLBACK_COLOR, background)


def _segment_traces(segments: list[tuple[float, float, float, str]], trace: type, width: float,
                    opacity: float, name: str) -> list[go.Scatter]:
    """Horizontal segments (x0, x1, y, colour), one line trace per colour, NaN between segments (a gap)."""
    by_color: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for x0, x1, y, color in segments:
        by_color[color].append((x0, x1, y))
    traces = []
    for color, rows in by_color.items():
        xs, ys = np.full((len(rows), 3), np.nan), np.full((len(rows), 3), np.nan)
        xs[:, :2] = [(x0, x1) for x0, x1, _ in rows]
        ys[:, :2] = [(y, y) for _, _, y in rows]
        traces.append(trace(x=xs.ravel(), y=ys.ravel(), mode="lines", line={"color": color, "width": width},
                            opacity=opacity, hoverinfo="skip", showlegend=False, name=name))
    return traces


def _bars(points: list[_Point], trace: type) -> list[go.Scatter]:
    """Spans and decades drawn as thick bars from start to end, under their marker at the start."""
    return _segment_traces([(p.x, p.entry.date.end_year, p.y, p.color) for p in points if is_bar(p.entry)],
                           trace, width=6, opacity=0.45, name="span")


def _whiskers(points: list[_Point], trace: type) -> list[go.Scatter]:
    """Approximate dates get a thin whisker over the range they might really mean."""
    segments = []
    for p in points:
        if p.entry.date.approximate:
            slack = UNCERTAINTY[p.entry.date.precision]
            segments.append((p.x - slack, p.entry.date.end_year + slack, p.y, p.color))
    return _segment_traces(segments, trace, width=1.5, opacity=0.8, name="uncertainty")


def _escape(text: str) -> str:
    """Escape for Plotly's pseudo-HTML. Quotes stay: Plotly does not decode ``&quot;`` and shows it raw."""
    return html.escape(text, quote=False)


def _customdata(entry: Entry) -> list[str]:
    return [entry.id, _escape(entry.date_label), _escape(entry.title)]


def _symbol(entry: Entry, filled: bool = False) -> str:
    base = SYMBOLS[entry.kind]
    return f"{base}-open" if entry.date.approximate and not filled else base


def _marker_traces(points: list[_Point], trace: type, scale: _Scale, background: str) -> list[go.Scatter]:
    """One trace per (colour, shape): scalar styles and NumPy columns keep 5,000 points fast to build."""
    groups: dict[tuple[str, str], list[_Point]] = defaultdict(list)
    for p in points:
        groups[(p.color, _symbol(p.entry))].append(p)
    return [trace(x=np.array([p.x for p in group]), y=np.array([p.y for p in group]), mode="markers",
                  name="entries", customdata=np.array([_customdata(p.entry) for p in group], dtype=object),
                  hovertemplate=HOVER, showlegend=False,
                  # a rim of the background parts neighbours; for open shapes it is the stroke width
                  marker={"size": scale.marker, "color": color, "symbol": symbol,
                          "line": {"color": background, "width": 2}})
            for (color, symbol), group in groups.items()]


def _selected_trace(point: _Point, trace: type, scale: _Scale) -> go.Scatter:
    """The open entry: larger, filled, with a dark outline, drawn above everything else."""
    return trace(
        x=[point.x], y=[point.y], mode="markers", name="selected",
        customdata=[_customdata(point.entry)], hovertemplate=HOVER, showlegend=False,
        marker={"size": round(scale.marker * 1.6), "color": point.color, "symbol": _symbol(point.entry, filled=True),
                "line": {"color": INK, "width": 3}},
    )


def _layout(lanes: Lanes, geometry: _Geometry, colors: dict[str, str], settings: Settings,
            eras: Sequence[tuple[int, Entry]], options: FigureOptions, view: tuple[float, float],
            bounds: tuple[float, float]) -> go.Layout:
    scale = _SCALES[options.large]
    font = {"family": FONT_STACK, "size": scale.font, "color": INK}
    background = options.background
    era_labels, rows = _era_badges(eras, view, scale, background)
    top = 12 + _era_row(scale) * rows
    plot = max(geometry.height, scale.label_px + scale.row_px)  # an empty chart keeps a strip to say so over
    names, beside = _lane_names(lanes.categories, colors, settings), not scale.label_px
    return go.Layout(
        height=options.height or round(top + plot + scale.axis_px),
        paper_bgcolor=background, plot_bgcolor=background, font=font,
        margin={"l": 8, "r": 12, "t": top, "b": scale.axis_px, "autoexpand": True},
        uirevision=UIREVISION, dragmode="pan", hovermode="closest",
        hoverlabel={"bgcolor": background, "bordercolor": MUTED_INK, "font": font},
        showlegend=False,  # the UI shows a text key (KEY_ITEMS, numbered_eras) that fits any width
        xaxis={"type": "linear", "range": list(view), "minallowed": bounds[0],
               "maxallowed": bounds[1], "showgrid": True, "gridcolor": mix(background, INK, GRID_INK),
               "zeroline": False, "showline": True, "linecolor": mix(background, INK, AXIS_INK), "ticks": "outside",
               "tickformat": "d", "automargin": True,
               # whole years ("1947", never "1,947"); a decimal only when zoomed below a year per tick
               "tickformatstops": [{"dtickrange": [None, 0.999], "value": ".2~f"},
                                   {"dtickrange": [1, None], "value": "d"}]},
        # pixels down from the plot's top; on the web lanes are named above their rows, not in a margin a phone
        # cannot spare
        yaxis={"type": "linear", "range": [plot, 0], "fixedrange": True, "showgrid": False, "zeroline": False,
               "automargin": True, "showticklabels": beside, "tickvals": geometry.middles() if beside else [],
               "ticktext": names if beside else []},
        shapes=[*_lane_rules(geometry, mix(background, INK, RULE_INK)), *_era_bands(eras, bounds)],
        annotations=[*([] if beside else _lane_labels(names, geometry, scale)), *era_labels],
    )


def _lane_names(categories: Sequence[str], colors: dict[str, str], settings: Settings) -> list[str]:
    """Each lane's short name after a swatch in its colour: the key to the colours, where they are. A square, so it
    is not taken for a marker (those are circles and diamonds)."""
    short = {s.name: s.short or s.name for s in settings.categories}
    return [f'<span style="color:{colors[c]}">■</span> {_escape(short.get(c, c) or OTHER_LANE)}' for c in categories]


def _lane_labels(names: Sequence[str], geometry: _Geometry, scale: _Scale) -> list[dict[str, Any]]:
    """The names at each lane's top left, in the strip kept above its rows."""
    return [{"text": name, "xref": "paper", "x": 0, "xanchor": "left", "yref": "y", "y": top, "yanchor": "top",
             "yshift": -2, "showarrow": False, "align": "left", "font": {"size": scale.font, "color": INK},
             "name": "lane"} for name, top in zip(names, geometry.tops, strict=True)]


def _lane_rules(geometry: _Geometry, color: str) -> list[dict[str, Any]]:
    return [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": top, "y1": top,
             "line": {"color": color, "width": 1}, "layer": "below"} for top in geometry.tops[1:]]


def _era_fill(number: int) -> str:
    """Fills alternate in time, so neighbouring (and overlapping) eras stay apart."""
    return ERA_FILLS[(number - 1) % len(ERA_FILLS)]


def era_number_color(number: int, background: str = BACKGROUND) -> str:
    """The box behind era ``number``'s label: its band's fill, stronger than the translucent band (a text key
    uses it too, so a number on the chart and in the key look alike)."""
    return mix(background, _era_fill(number), BADGE_FILL)


def _era_bands(eras: Sequence[tuple[int, Entry]], bounds: tuple[float, float]) -> list[dict[str, Any]]:
    """Bands cut to the years a visitor can reach, so none is drawn (or sent) beyond them."""
    return [{"type": "rect", "xref": "x", "yref": "paper", "x0": max(era.date.start_year, bounds[0]),
             "x1": min(era.date.end_year, bounds[1]), "y0": 0, "y1": 1, "fillcolor": _era_fill(number),
             "opacity": ERA_OPACITY, "line": {"width": 0}, "layer": "below", "name": "era"} for number, era in eras]


def numbered_eras(eras: Sequence[Entry]) -> tuple[tuple[int, Entry], ...]:
    """Eras numbered from 1 by start, as the figure labels them and a text key lists them."""
    return tuple(enumerate(sorted(eras, key=lambda era: era.date.start_year), start=1))


def _era_badges(eras: Sequence[tuple[int, Entry]], view: tuple[float, float], scale: _Scale,
                background: str) -> tuple[list[dict[str, Any]], int]:
    """Era numbers above the plot at each visible band's start, in the band's colour; (annotations, rows used).

    A number moves to a second row when it would touch the one before it on the narrowest plot (a phone's on the
    web, the portrait screen's in a kiosk), so none overprint.
    """
    low, high = view
    px_per_year = scale.narrow_px / max(high - low, 1e-9)
    row_ends = [-math.inf, -math.inf]
    badges, rows = [], 0
    for number, era in eras:
        if era.date.end_year <= low or era.date.start_year >= high:
            continue
        x = max(era.date.start_year, low)
        left = (x - low) * px_per_year
        row = next((r for r, end in enumerate(row_ends) if left >= end), row_ends.index(min(row_ends)))
        row_ends[row], rows = left + BADGE_EMS * scale.tag_font, max(rows, row + 1)
        badges.append({"text": str(number), "xref": "x", "yref": "paper", "x": x, "xanchor": "left", "y": 1,
                       "yanchor": "bottom", "yshift": row * _era_row(scale) + 2, "showarrow": False,
                       "bgcolor": era_number_color(number, background),
                       "bordercolor": mix(background, INK, AXIS_INK), "borderwidth": 1, "borderpad": 2,
                       "font": {"size": scale.tag_font, "color": INK}})
    return badges, rows


def _era_row(scale: _Scale) -> int:
    return scale.tag_font + 7  # a number's box (padding and border) and a gap


def range_presets(eras: Sequence[Entry], entries: Sequence[Entry]) -> tuple[tuple[str, tuple[float, float]], ...]:
    """("All", everything drawn), then one per era by start. Labels are plain text for widgets, not escaped."""
    spans = [(e.date.start_year, e.date.end_year) for e in (*entries, *eras)]
    whole = _padded(min(s for s, _ in spans), max(e for _, e in spans)) if spans else DEFAULT_RANGE
    by_start = sorted(eras, key=lambda era: era.date.start_year)
    return (("All", whole), *((era.title, _padded(era.date.start_year, era.date.end_year)) for era in by_start))


def _padded(low: float, high: float) -> tuple[float, float]:
    pad = max(1.0, 0.03 * (high - low))
    return (low - pad, high + pad)


def figure_alt_text(entries: Sequence[Entry], eras: Sequence[Entry], settings: Settings) -> str:
    """What the chart shows, in one paragraph for screen readers (the list is their way to each entry)."""
    shown = [e for e in entries if e.kind is not Kind.ERA]
    if not shown:
        return "Timeline chart: no entries match the current filters."
    counts = Counter(e.category for e in shown)
    lanes = ", ".join(f"{c or OTHER_LANE} {counts[c]}" for c in lane_order(shown, settings))
    quotes = sum(e.kind is Kind.QUOTE for e in shown)
    first = math.floor(min(e.date.start_year for e in shown))
    last = math.ceil(max(e.date.end_year for e in shown)) - 1
    years = f"in {first}" if first >= last else f"from {first} to {last}"
    text = (f"Timeline chart of {counted(len(shown), 'entry', 'entries')} ({counted(quotes, 'quote')}) "
            f"{years}, one row per category: {lanes}.")
    if eras:
        text += f" Shaded bands mark {counted(len(eras), 'era')}: "
        text += "; ".join(f"{era.title} ({era.date_label})" for era in eras) + "."
    return text
