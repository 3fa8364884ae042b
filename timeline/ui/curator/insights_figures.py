"""The visitor-insights view's charts as pure functions of the summary's frames (tested as data).

Plain Plotly with the page's own font and no interaction beyond hover: these are read, not explored. Entry titles
and search words are curator and visitor text, escaped before they reach Plotly, which renders tags in labels.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

MODE_COLORS = {"kiosk": "#143576", "web": "#1B8072"}  # the exhibit's navy and teal, 4.5:1 or more on white
BAR_COLOR = "#143576"
HEIGHT = 300


def _layout(figure: go.Figure, title: str, height: int = HEIGHT) -> go.Figure:
    figure.update_layout(title={"text": html.escape(title), "font": {"size": 16}}, height=height,
                         margin={"l": 70, "r": 20, "t": 40, "b": 50}, plot_bgcolor="white", paper_bgcolor="white",
                         legend={"orientation": "h", "y": -0.2}, font={"family": "system-ui, sans-serif"})
    figure.update_yaxes(automargin=True)
    return figure


def sessions_per_day_figure(per_day: pd.DataFrame) -> go.Figure:
    """Stacked bars: sessions per day, one colour per mode."""
    figure = go.Figure()
    for mode in per_day.columns:
        figure.add_bar(x=list(per_day.index), y=per_day[mode].tolist(), name=str(mode),
                       marker_color=MODE_COLORS.get(str(mode), BAR_COLOR))
    figure.update_layout(barmode="stack", yaxis={"title": "sessions", "gridcolor": "#DDD"})
    return _layout(figure, "Sessions per day")


def hour_of_week_figure(grid: pd.DataFrame) -> go.Figure:
    """A heat map of session starts: weekdays down, hours across."""
    figure = go.Figure(go.Heatmap(z=grid.to_numpy().tolist(), x=[f"{h:02d}:00" for h in grid.columns],
                                  y=list(grid.index), colorscale="Blues", colorbar={"title": "sessions"},
                                  hovertemplate="%{y} %{x}: %{z}<extra></extra>"))
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, "Sessions by hour of the week")


def share_bars_figure(shares: pd.DataFrame, title: str) -> go.Figure:
    """Horizontal bars of opens per group (era or institution), most first, with entries per group on hover."""
    ordered = shares.sort_values("opens")
    labels = [html.escape(str(name)) for name in ordered.index]
    figure = go.Figure(go.Bar(x=ordered["opens"].tolist(), y=labels, orientation="h", marker_color=BAR_COLOR,
                              customdata=ordered["entries"].tolist(),
                              hovertemplate="%{y}: %{x} opens over %{customdata} entries<extra></extra>"))
    figure.update_xaxes(title="entries opened", gridcolor="#DDD")
    return _layout(figure, title, height=max(HEIGHT, 40 + 28 * len(ordered)))
