"""The summary curators read, as pandas: sessions, dwell, what was opened, searched, heard and skipped.

``load_insights`` asks the store for counts it keeps as events are written, grouped again for the days asked (so
a million events cost a few thousand rows, not a million Python objects), and one row per session; everything
else here is pure and works on those frames. Exported figures (``summary_json``, ``daily_table``) suppress counts
below ``SUPPRESS_BELOW``, so a report about a quiet day cannot single anyone out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from timeline.insights.events import Kind
from timeline.insights.store import LAST_DAY, MACHINE_COLUMNS, Store

SUPPRESS_BELOW = 5
SEVERAL = 3  # "opened several entries": Serrell's visitors stop at fewer than half; three is a real look around
SITE_KINDS = {"view": "site_views", "event": "event_arrivals", "qr": "qr_arrivals"}
DAILY_KINDS = {"sessions": (Kind.SESSION_START, ""), "opens": (Kind.OPEN, ""), "searches": (Kind.SEARCH, None),
               "searches_without_results": (Kind.SEARCH, "none-found"), "narrations": (Kind.NARRATION, None),
               "narrations_to_the_end": (Kind.NARRATION, "end"), "content_notes_shown": (Kind.CONTENT_NOTE, "shown"),
               "content_notes_backed_out": (Kind.CONTENT_NOTE, "backed-out")}


@dataclass(frozen=True)
class Insights:
    """What the database holds for a range of days, already grouped: small frames, whatever the event count."""

    totals: pd.DataFrame  # mode, kind, entry, detail, count
    per_day: pd.DataFrame  # day, mode, kind, detail, count
    hours: pd.DataFrame  # hour (of the week), mode, count: sessions started
    sessions: pd.DataFrame  # mode, seconds, opens: one row per session still held raw
    site: pd.DataFrame  # entry, kind, count: the static site, from imported logs
    last_seen: pd.DataFrame  # mode, machine, last_seen, trouble


def load_insights(store: Store, first: str = "", last: str = LAST_DAY) -> Insights:
    """The days from ``first`` to ``last`` (YYYY-MM-DD; either may be left out); machines are shown whole."""
    return Insights(store.totals(first, last), store.per_day(first, last), store.hours(first, last),
                    store.sessions(first, last), store.site_counts(first, last), store.last_seen())


def empty_insights() -> Insights:
    return Insights(*(pd.DataFrame(columns=columns) for columns in (
        ["mode", "kind", "entry", "detail", "count"], ["day", "mode", "kind", "detail", "count"],
        ["hour", "mode", "count"], ["mode", "seconds", "opens"], ["entry", "kind", "count"],
        MACHINE_COLUMNS)))


def _of_kind(insights: Insights, kind: Kind) -> pd.DataFrame:
    return insights.totals[insights.totals["kind"] == kind]


def _totals(frame: pd.DataFrame, by: str) -> pd.Series:
    return frame.groupby(by)["count"].sum().astype("int64").sort_values(ascending=False, kind="stable")


def sessions_by_mode(insights: Insights) -> pd.Series:
    return _totals(_of_kind(insights, Kind.SESSION_START), "mode")


def sessions_per_day(insights: Insights) -> pd.DataFrame:
    """Days down, modes across."""
    starts = insights.per_day[insights.per_day["kind"] == Kind.SESSION_START]
    return starts.pivot_table(index="day", columns="mode", values="count", aggfunc="sum", fill_value=0)


def sessions_by_hour_of_week(insights: Insights) -> pd.DataFrame:
    """Seven rows (Monday first) by 24 hours: when visitors come."""
    grid = pd.DataFrame(0, index=range(7), columns=range(24), dtype="int64")
    for hour, count in insights.hours.groupby("hour")["count"].sum().items():
        grid.iloc[int(hour) // 24, int(hour) % 24] += int(count)
    grid.index = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    return grid


def session_length(insights: Insights) -> pd.DataFrame:
    """By mode: sessions, median and 90th-percentile seconds, median entries opened, share opening SEVERAL+.
    Only sessions still held raw count (their ids and times go after ``keep_raw_days``)."""
    frame = insights.sessions
    per = pd.DataFrame({"mode": frame["mode"], "opens": frame["opens"].astype("int64"),
                        "seconds": frame["seconds"].astype("float64").fillna(0).clip(lower=0)})
    grouped = per.groupby("mode")
    return pd.DataFrame({
        "sessions": grouped.size(),
        "median_seconds": grouped["seconds"].median(),
        "p90_seconds": grouped["seconds"].quantile(0.9),
        "median_opens": grouped["opens"].median(),
        "share_opening_several": grouped["opens"].apply(lambda s: float((s >= SEVERAL).mean())),
    })


def opens_by_entry(insights: Insights) -> pd.Series:
    return _totals(_of_kind(insights, Kind.OPEN), "entry")


def opens_by_route(insights: Insights) -> pd.Series:
    """How visitors reached what they opened: chart, list, search, QR..."""
    return _totals(_of_kind(insights, Kind.OPEN), "detail")


def searches_without_results(insights: Insights) -> pd.Series:
    searches = _of_kind(insights, Kind.SEARCH)
    return _totals(searches[searches["detail"] != ""], "detail")


def outcomes(insights: Insights, kind: Kind) -> pd.Series:
    """Counts by detail for one kind: narration end/part, content-note shown/continued/backed-out, and so on."""
    return _totals(_of_kind(insights, kind), "detail")


def site_counts(insights: Insights, kind: str) -> pd.Series:
    return _totals(insights.site[insights.site["kind"] == kind], "entry")


def suppressed(counts: pd.Series) -> dict[str, int]:
    """Counts of SUPPRESS_BELOW or more, as plain numbers: anything smaller is left out of an export."""
    return {str(key): int(value) for key, value in counts.items() if value >= SUPPRESS_BELOW}


def _figure(value: float, sessions: int) -> float | None:
    """A figure over sessions, only where there are enough sessions that it describes no one."""
    return None if sessions < SUPPRESS_BELOW or math.isnan(value) else round(float(value), 1)


def duration_text(seconds: float | None) -> str:
    """A session length as people say it: "45 s", "2 min 5 s"; "" when not known."""
    if seconds is None or math.isnan(seconds):
        return ""
    minutes, rest = divmod(round(float(seconds)), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(float(seconds), UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def summary_json(insights: Insights, since: str = "") -> dict[str, object]:
    """The summary as ``python -m timeline insights --format json`` prints it; counts below SUPPRESS_BELOW are left
    out (a mode with fewer sessions shows null)."""
    lengths = session_length(insights)
    sessions = sessions_by_mode(insights)

    def per_mode(column: str) -> dict[str, float | None]:
        return {str(mode): _figure(row[column], int(row["sessions"])) for mode, row in lengths.iterrows()}

    last_seen: dict[str, dict[str, str]] = {}
    trouble: dict[str, str] = {}
    for mode, machine, seen, problem in insights.last_seen.itertuples(index=False):
        last_seen.setdefault(str(mode), {})[str(machine)] = _iso(seen)
        if problem:
            trouble[str(machine)] = str(problem)
    return {
        "since": since or None,
        "suppressed_below": SUPPRESS_BELOW,
        "sessions": {str(mode): (int(n) if n >= SUPPRESS_BELOW else None) for mode, n in sessions.items()},
        "median_session_seconds": per_mode("median_seconds"),
        "p90_session_seconds": per_mode("p90_seconds"),
        "median_opens_per_session": per_mode("median_opens"),
        "share_opening_several": per_mode("share_opening_several"),
        "opens": suppressed(opens_by_entry(insights)),
        "opens_by_route": suppressed(opens_by_route(insights)),
        "searches_without_results": suppressed(searches_without_results(insights)),
        "narration": suppressed(outcomes(insights, Kind.NARRATION)),
        "content_notes": suppressed(outcomes(insights, Kind.CONTENT_NOTE)),
        "features": suppressed(outcomes(insights, Kind.FEATURE)),
        "idle_prompts": suppressed(outcomes(insights, Kind.IDLE_PROMPT)),
        **{name: suppressed(site_counts(insights, kind)) for kind, name in SITE_KINDS.items()},
        "last_seen": last_seen,
        "recording_trouble": trouble,
    }


def daily_table(insights: Insights) -> pd.DataFrame:
    """Daily counts by mode for a spreadsheet (the curator's CSV download); cells below SUPPRESS_BELOW are empty."""
    counts = insights.per_day
    columns: dict[str, pd.Series] = {}
    for name, (kind, detail) in DAILY_KINDS.items():
        rows = counts[counts["kind"] == kind]
        if detail is not None:
            rows = rows[rows["detail"] == detail]
        columns[name] = rows.groupby(["day", "mode"])["count"].sum()
    table = pd.DataFrame(columns).fillna(0).astype("int64")
    table = table.reindex(columns=list(DAILY_KINDS)).sort_index()
    return _suppress_cells(table).reset_index(names=["day", "mode"]) if len(table) else _empty_daily()


def _suppress_cells(table: pd.DataFrame) -> pd.DataFrame:
    return table.astype("Int64").mask(table < SUPPRESS_BELOW)


def _empty_daily() -> pd.DataFrame:
    return pd.DataFrame(columns=["day", "mode", *DAILY_KINDS])
