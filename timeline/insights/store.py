"""The insights database, one small interface over SQLite (one machine) and PostgreSQL (several).

Both speak the same SQL; a subclass says how to connect, how its driver marks parameters, and which of its errors
mean "locked, try again" (``StoreBusy``) and which "cannot write here" (``StoreUnavailable``). The recorder keeps
events in memory on either and writes them once the database takes them again.

Tables: ``events`` holds raw events for ``keep_raw_days``; ``daily`` their counts once rolled up; ``site`` the
static site's counts from imported access logs, and ``imports`` which logs were counted, so a re-import adds only
what is new. The day and hour of the week are the exhibit's local time, worked out when an event is written.
"""

from __future__ import annotations

import contextlib
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from timeline.insights.events import PASSIVE, Event, Kind


class StoreBusy(Exception):
    """The database is locked by another writer: keep the events and try again shortly."""


class StoreUnavailable(Exception):
    """The database cannot be opened or written (missing folder, read-only, full, server down)."""


SCHEMA = (
    "CREATE TABLE IF NOT EXISTS events (at DOUBLE PRECISION NOT NULL, day TEXT NOT NULL, hour INTEGER NOT NULL, "
    "mode TEXT NOT NULL, machine TEXT NOT NULL, session TEXT NOT NULL, kind TEXT NOT NULL, entry TEXT NOT NULL, "
    "detail TEXT NOT NULL, value DOUBLE PRECISION)",
    "CREATE INDEX IF NOT EXISTS events_day ON events (day)",
    "CREATE TABLE IF NOT EXISTS daily (day TEXT NOT NULL, hour INTEGER NOT NULL, mode TEXT NOT NULL, "
    "kind TEXT NOT NULL, entry TEXT NOT NULL, detail TEXT NOT NULL, count BIGINT NOT NULL, "
    "PRIMARY KEY (day, hour, mode, kind, entry, detail))",
    "CREATE TABLE IF NOT EXISTS site (day TEXT NOT NULL, entry TEXT NOT NULL, kind TEXT NOT NULL, "
    "count BIGINT NOT NULL, PRIMARY KEY (day, entry, kind))",
    "CREATE TABLE IF NOT EXISTS imports (digest TEXT PRIMARY KEY, lines BIGINT NOT NULL, "
    "imported_at DOUBLE PRECISION NOT NULL)",
    "CREATE TABLE IF NOT EXISTS machines (mode TEXT NOT NULL, machine TEXT NOT NULL, "
    "last_seen DOUBLE PRECISION NOT NULL, PRIMARY KEY (mode, machine))",
)
EVENT_COLUMNS = ("at", "day", "hour", "mode", "machine", "session", "kind", "entry", "detail", "value")
COUNT_COLUMNS = ["day", "hour", "mode", "kind", "entry", "detail", "count"]
SESSION_COLUMNS = ["mode", "day", "hour", "start", "last_active", "opens"]
SITE_COLUMNS = ["day", "entry", "kind", "count"]
_ACTIVE = " AND ".join(
    [f"kind <> '{Kind.HEARTBEAT}'"]
    + [f"NOT (kind = '{kind}' AND detail IN ({', '.join(repr(d) for d in sorted(details))}))"
       for kind, details in PASSIVE.items()]
)


def event_row(event: Event) -> tuple[object, ...]:
    """An event as a row: its local day (YYYY-MM-DD) and hour of the week (Monday 0:00 is 0) worked out once."""
    local = time.localtime(event.at)
    return (event.at, time.strftime("%Y-%m-%d", local), local.tm_wday * 24 + local.tm_hour, str(event.mode),
            event.machine, event.session, str(event.kind), event.entry, event.detail, event.value)


class Store(ABC):
    """What the recorder, the summary, the log import and retention need from a database."""

    param = "?"  # how the driver marks a parameter

    def __init__(self) -> None:
        self._connection: Any = None

    @abstractmethod
    def _connect(self) -> Any: ...

    @abstractmethod
    def _translate(self, error: Exception) -> Exception | None:
        """StoreBusy or StoreUnavailable for a driver error; None for an error that is a bug here."""

    def _sql(self, text: str) -> str:
        return text.replace("?", self.param)

    def _run(self, work: Any, writes: bool = True) -> Any:
        """Run ``work(cursor)`` in one transaction, turning driver errors into StoreBusy or StoreUnavailable."""
        try:
            if self._connection is None:
                self._connection = self._connect()
                self._apply(self._create_tables, writes=True)
            return self._apply(work, writes)
        except (StoreBusy, StoreUnavailable):
            raise
        except Exception as error:
            translated = self._translate(error)
            if translated is None:
                raise
            if isinstance(translated, StoreUnavailable):
                self.close()  # a fresh connection next time: the file or server may be back
            raise translated from error

    @abstractmethod
    def _apply(self, work: Any, writes: bool) -> Any:
        """Run ``work(cursor)`` inside a transaction on the open connection (a reading one when not ``writes``)."""

    def _create_tables(self, cursor: Any) -> None:
        for statement in SCHEMA:
            cursor.execute(statement)

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):  # closing a broken connection: nothing left to save
                connection.close()

    # Writing
    def write(self, events: Sequence[Event]) -> None:
        rows = [event_row(event) for event in events]
        seen: dict[tuple[str, str], float] = {}
        for event in events:
            key = (str(event.mode), event.machine)
            seen[key] = max(seen.get(key, 0.0), event.at)
        insert = self._sql(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * 10)})")
        machine = self._sql("INSERT INTO machines (mode, machine, last_seen) VALUES (?, ?, ?) ON CONFLICT (mode, "
                            "machine) DO UPDATE SET last_seen = CASE WHEN excluded.last_seen > machines.last_seen "
                            "THEN excluded.last_seen ELSE machines.last_seen END")

        def work(cursor: Any) -> None:
            cursor.executemany(insert, rows)
            cursor.executemany(machine, [(*key, at) for key, at in seen.items()])

        self._run(work)

    def add_site_counts(self, counts: Iterable[tuple[str, str, str, int]], digest: str, lines: int) -> None:
        """Add one access log's counts (day, entry, kind, count) and remember the log, in one transaction."""
        upsert = self._sql("INSERT INTO site (day, entry, kind, count) VALUES (?, ?, ?, ?) ON CONFLICT (day, entry, "
                           "kind) DO UPDATE SET count = site.count + excluded.count")
        remember = self._sql("INSERT INTO imports (digest, lines, imported_at) VALUES (?, ?, ?)")
        rows = list(counts)

        def work(cursor: Any) -> None:
            if rows:
                cursor.executemany(upsert, rows)
            cursor.execute(remember, (digest, lines, time.time()))

        self._run(work)

    def roll_up(self, before_day: str) -> int:
        """Fold raw events older than ``before_day`` into daily counts and delete them; returns how many went."""
        fold = self._sql(
            "INSERT INTO daily (day, hour, mode, kind, entry, detail, count) SELECT day, hour, mode, kind, entry, "
            "detail, COUNT(*) FROM events WHERE day < ? AND kind <> 'heartbeat' GROUP BY day, hour, mode, kind, "
            "entry, detail ON CONFLICT (day, hour, mode, kind, entry, detail) DO UPDATE SET "
            "count = daily.count + excluded.count")
        delete = self._sql("DELETE FROM events WHERE day < ?")

        def work(cursor: Any) -> int:
            cursor.execute(fold, (before_day,))
            cursor.execute(delete, (before_day,))
            return int(cursor.rowcount)

        return self._run(work)

    # Reading
    def _frame(self, sql: str, params: Sequence[object], columns: list[str]) -> pd.DataFrame:
        def work(cursor: Any) -> list[tuple[object, ...]]:
            cursor.execute(self._sql(sql), tuple(params))
            return cursor.fetchall()

        return pd.DataFrame.from_records(self._run(work, writes=False), columns=columns)

    def counts(self, since_day: str = "") -> pd.DataFrame:
        """Events counted by day, hour of the week, mode, kind, entry and detail: raw and rolled up alike."""
        return self._frame(
            "SELECT day, hour, mode, kind, entry, detail, COUNT(*) FROM events WHERE day >= ? AND kind <> "
            "'heartbeat' GROUP BY day, hour, mode, kind, entry, detail UNION ALL SELECT day, hour, mode, kind, "
            "entry, detail, count FROM daily WHERE day >= ?", (since_day, since_day), COUNT_COLUMNS)

    def sessions(self, since_day: str = "") -> pd.DataFrame:
        """One row per session still held raw: its start and last activity (seconds) and entries opened."""
        return self._frame(
            "SELECT s.mode, s.day, s.hour, s.at, a.last_active, a.opens FROM events s JOIN (SELECT session, "
            f"MAX(CASE WHEN {_ACTIVE} THEN at END) AS last_active, SUM(CASE WHEN kind = 'open' THEN 1 ELSE 0 END) "
            "AS opens FROM events WHERE session <> '' AND day >= ? GROUP BY session) a ON a.session = s.session "
            "WHERE s.kind = 'session-start' AND s.day >= ?", (since_day, since_day), SESSION_COLUMNS)

    def last_seen(self) -> pd.DataFrame:
        """When each machine (kiosk or web server) last recorded anything, heartbeats included."""
        return self._frame("SELECT mode, machine, last_seen FROM machines ORDER BY mode, machine", (),
                           ["mode", "machine", "last_seen"])

    def site_counts(self, since_day: str = "") -> pd.DataFrame:
        return self._frame("SELECT day, entry, kind, count FROM site WHERE day >= ?", (since_day,), SITE_COLUMNS)

    def imported_logs(self) -> list[tuple[str, int]]:
        """(digest of the first N lines, N) for each log already counted."""
        return [(str(d), int(n)) for d, n in self._frame("SELECT digest, lines FROM imports", (), ["d", "n"])
                .itertuples(index=False)]
