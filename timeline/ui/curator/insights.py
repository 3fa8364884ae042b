"""Curator mode's visitor-insights view (the container keyed ``insights``): what visitors open, how long they
stay, what they search for and do not find, and whether every kiosk is alive.

Nothing is read until the curator turns the view on, so the preview's own reruns stay as quick as before; the view
is a fragment, so a new date range redraws only it. Counts are the database's own (this is the curator's computer);
the CSV download leaves out counts below 5, as every export does. A database that cannot be read is a warning
here, never an error for anyone.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from timeline.catalog import Catalog
from timeline.insights.attention import by_era, by_institution, entry_attention
from timeline.insights.events import Kind
from timeline.insights.recorder import current_health
from timeline.insights.store import StoreBusy, StoreUnavailable
from timeline.insights.summary import (
    SEVERAL,
    Insights,
    daily_table,
    duration_text,
    load_insights,
    opens_by_entry,
    outcomes,
    searches_without_results,
    session_length,
    sessions_by_hour_of_week,
    sessions_by_mode,
    sessions_per_day,
)
from timeline.insights.target import insights_target, open_store
from timeline.render import render_macro
from timeline.ui.chart import PLOTLY_CONFIG
from timeline.ui.curator.insights_figures import hour_of_week_figure, sessions_per_day_figure, share_bars_figure
from timeline.wording import counted

DEFAULT_DAYS = 30
LISTED = 10
STALE_MINUTES = 15  # a kiosk beats every minute: this long without a heartbeat, it has stopped
_TEXT, _NUMBER = st.column_config.TextColumn, st.column_config.NumberColumn
ENTRY_COLUMNS = {"title": _TEXT("Entry", width="large"), "id": _TEXT("Id", width="medium"),
                 "category": _TEXT("Institution", width="medium"), "opens": _NUMBER("Opened", format="%d")}


def render_insights(catalog: Catalog) -> None:
    with st.container(key="insights"):
        st.html(render_macro("ui/common.html", "section_title", "Visitor insights"))
        shown = st.toggle("Show visitor insights", key="insights-show",
                          help="What visitors open, how long they stay and what they search for, counted without "
                               "cookies or addresses. Read from the insights database only while this is on.")
        if shown:
            _insights_view(catalog)


@st.fragment
def _insights_view(catalog: Catalog) -> None:
    _recording_health()
    today = date.today()
    picked = st.date_input("Days", value=(today - timedelta(days=DEFAULT_DAYS - 1), today), key="insights-range",
                           max_value=today, format="YYYY-MM-DD")
    first, last = (tuple(picked) + (today,))[:2] if isinstance(picked, tuple | list) else (picked, today)
    store = open_store(insights_target())
    try:
        insights = load_insights(store, first.isoformat(), last.isoformat())
    except (StoreBusy, StoreUnavailable) as error:
        st.warning(f"The visitor-insights database cannot be read just now ({error}). Visitors are not affected; "
                   "recording keeps events in memory until it can write them.")
        return
    finally:
        store.close()
    _sessions(insights)
    _entries(insights, catalog.visible)
    _searches_and_outcomes(insights)
    _machines(insights)
    table = daily_table(insights)
    st.download_button("Download daily counts (CSV)", table.to_csv(index=False).encode("utf-8"),
                       file_name=f"visitor-insights-{first}-{last}.csv", mime="text/csv", key="insights-csv",
                       help="One row per day and mode. Counts below 5 are left empty, so no row singles anyone out.")


def _recording_health() -> None:
    health = current_health()
    if health is None or health.state == "ok" and not health.dropped:
        return
    since = time.strftime("%H:%M", time.localtime(health.since)) if health.since else "a while"
    st.warning(f"Recording visitor insights: the database is {health.state} since {since} ({health.problem}). "
               f"{counted(health.pending, 'event')} wait in memory and are written once it frees; "
               f"{counted(health.dropped, 'event')} could not be kept. Visitors see nothing of this.")


def _sessions(insights: Insights) -> None:
    modes = sessions_by_mode(insights)
    if modes.empty:
        st.text("No visitor sessions in these days yet. The kiosk and the web page record them as visitors come.")
        return
    lengths = session_length(insights)
    columns = st.columns(max(len(modes), 1))
    for column, (mode, number) in zip(columns, modes.items(), strict=False):
        median = lengths["median_seconds"].get(mode)
        column.metric(f"{mode} sessions", f"{number:,}",
                      help=None if median is None else f"median {duration_text(median)}", border=True)
    st.plotly_chart(sessions_per_day_figure(sessions_per_day(insights)), config=PLOTLY_CONFIG, theme=None,
                    key="insights-per-day", alt="Bar chart of visitor sessions per day, by mode")
    st.plotly_chart(hour_of_week_figure(sessions_by_hour_of_week(insights)), config=PLOTLY_CONFIG, theme=None,
                    key="insights-hours", alt="Heat map of visitor sessions by weekday and hour")
    shown = pd.DataFrame({
        "Sessions": lengths["sessions"].astype("int64"),
        "Median length": lengths["median_seconds"].map(duration_text),
        "90% shorter than": lengths["p90_seconds"].map(duration_text),
        "Median entries opened": lengths["median_opens"],
        f"Opened {SEVERAL} or more": lengths["share_opening_several"].map("{:.0%}".format),
    }).rename_axis("Mode")
    st.dataframe(shown, width="stretch", alt="Session length and entries opened per session, by mode")


def _entries(insights: Insights, catalog: Catalog) -> None:
    attention = entry_attention(catalog.entries, opens_by_entry(insights))
    never = int((attention["opens"] == 0).sum())
    st.html(render_macro("ui/common.html", "subhead", "Most opened entries"))
    _table(attention.head(LISTED), "The most opened entries")
    st.html(render_macro("ui/common.html", "subhead", "Least opened entries"))
    st.text(f"{counted(never, 'published entry', 'published entries')} never opened in these days.")
    _table(attention.tail(LISTED).iloc[::-1], "The least opened entries, never opened first")
    left, right = st.columns(2)
    left.plotly_chart(share_bars_figure(by_era(catalog.entries, catalog.eras, attention), "Attention by era"),
                      config=PLOTLY_CONFIG, theme=None, key="insights-eras", alt="Bar chart of entries opened by era")
    right.plotly_chart(share_bars_figure(by_institution(attention), "Attention by institution"), config=PLOTLY_CONFIG,
                       theme=None, key="insights-institutions", alt="Bar chart of entries opened by institution")


def _table(frame: pd.DataFrame, alt: str) -> None:
    st.dataframe(frame, hide_index=True, width="stretch", column_config=ENTRY_COLUMNS, alt=alt,
                 column_order=("title", "category", "opens", "id"))


def _searches_and_outcomes(insights: Insights) -> None:
    st.html(render_macro("ui/common.html", "subhead", "Searches that found nothing: the gaps in the collection"))
    gaps = searches_without_results(insights)
    if gaps.empty:
        st.text("Every search in these days found something.")
    else:
        st.dataframe(gaps.head(50).rename_axis("Search").reset_index(name="Times"), hide_index=True,
                     width="stretch", alt="Searches that found nothing, most frequent first")
    narration, notes = outcomes(insights, Kind.NARRATION), outcomes(insights, Kind.CONTENT_NOTE)
    left, right = st.columns(2)
    plays = int(narration.sum())
    left.metric("Narration played to the end", _share(narration.get("end", 0), plays),
                help=f"of {counted(plays, 'narration')} started", border=True)
    shown = int(notes.get("shown", 0))
    right.metric("Content notes backed out of", _share(notes.get("backed-out", 0), shown),
                 help=f"of {counted(shown, 'content note')} shown", border=True)


def _machines(insights: Insights) -> None:
    st.html(render_macro("ui/common.html", "subhead", "Last heard from each machine"))
    if insights.last_seen.empty:
        st.text("No machine has recorded anything yet.")
        return
    now = time.time()
    seen = insights.last_seen.assign(
        last_seen=[time.strftime("%Y-%m-%d %H:%M", time.localtime(t)) for t in insights.last_seen["last_seen"]],
        minutes_ago=[int((now - t) // 60) for t in insights.last_seen["last_seen"]],
    )
    seen["state"] = ["stopped?" if m >= STALE_MINUTES else "alive" for m in seen["minutes_ago"]]
    st.dataframe(seen, hide_index=True, width="stretch", alt="When each kiosk and web server was last heard from",
                 column_order=("mode", "machine", "last_seen", "minutes_ago", "state", "trouble"),
                 column_config={"mode": _TEXT("Mode"), "machine": _TEXT("Machine"), "last_seen": _TEXT("Last seen"),
                                "minutes_ago": _NUMBER("Minutes ago", format="%d"), "state": _TEXT("State"),
                                "trouble": _TEXT("Last recording trouble", width="large",
                                                 help="A locked or unwritable database, once it took events again")})


def _share(part: float, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "none yet"
