"""The insights database, one small interface over SQLite (one machine) and PostgreSQL (several).

Both speak the same SQL; a subclass says how to connect, how its driver marks parameters, and which of its errors
mean "locked, try again" (``StoreBusy``) and which "cannot write here" (``StoreUnavailable``). The recorder keeps
events in memory on either and writes them once the database takes them again.

Tables: ``events`` holds raw events and ``sessions`` one row per visitor (its random id, start, last activity and
entries opened), both for ``keep_raw_days``; ``counts`` (by day) and ``hours`` (session starts by hour of the
week) are added to as events are written and kept for good; ``machines`` has each machine's last event and its
recorder's last trouble; ``site`` the static site's counts from imported access logs, and ``imports`` which logs
were counted, so a re-import adds only what is new. Days and hours are the exhibit's local time, worked out when
an event is written.
"""

from __future__ import annotations

import contextlib
import time
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from timeline.insights.events import Event, Kind, is_activity


class StoreBusy(Exception):
    """The database is locked by another writer: keep the events and try again shortly."""


class StoreUnavailable(Exception):
    """The database cannot be opened or written (missing folder, read-only, full, server down)."""


SCHEMA = (
    "CREATE TABLE IF NOT EXISTS events (at DOUBLE PRECISION NOT NULL, day TEXT NOT NULL, hour INTEGER NOT NULL, "
    "mode TEXT NOT NULL, machine TEXT NOT NULL, session TEXT NOT NULL, kind TEXT NOT NULL, entry TEXT NOT NULL, "
    "detail TEXT NOT NULL, value DOUBLE PRECISION)",
    "CREATE INDEX IF NOT EXISTS events_day ON events (day)",
    "CREATE TABLE IF NOT EXISTS counts (day TEXT NOT NULL, mode TEXT NOT NULL, kind TEXT NOT NULL, "
    "entry TEXT NOT NULL, detail TEXT NOT NULL, count BIGINT NOT NULL, PRIMARY KEY (day, mode, kind, entry, detail))",
    "CREATE TABLE IF NOT EXISTS hours (day TEXT NOT NULL, hour INTEGER NOT NULL, mode TEXT NOT NULL, "
    "count BIGINT NOT NULL, PRIMARY KEY (day, hour, mode))",
    "CREATE TABLE IF NOT EXISTS sessions (session TEXT PRIMARY KEY, mode TEXT NOT NULL, day TEXT, "
    "start DOUBLE PRECISION, last_active DOUBLE PRECISION, opens BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS sessions_day ON sessions (day)",
    "CREATE TABLE IF NOT EXISTS site (day TEXT NOT NULL, entry TEXT NOT NULL, kind TEXT NOT NULL, "
    "count BIGINT NOT NULL, PRIMARY KEY (day, entry, kind))",
    "CREATE TABLE IF NOT EXISTS imports (digest TEXT PRIMARY KEY, lines BIGINT NOT NULL, "
    "imported_at DOUBLE PRECISION NOT NULL)",
    "CREATE TABLE IF NOT EXISTS machines (mode TEXT NOT NULL, machine TEXT NOT NULL, "
    "last_seen DOUBLE PRECISION NOT NULL, trouble TEXT NOT NULL DEFAULT '', PRIMARY KEY (mode, machine))",
)
EVENT_COLUMNS = ("at", "day", "hour", "mode", "machine", "session", "kind", "entry", "detail", "value")
LAST_DAY = "9999-12-31"
MACHINE_COLUMNS = ["mode", "machine", "last_seen", "trouble"]
_ADD = "DO UPDATE SET count = {table}.count + excluded.count"
_UPSERT_COUNTS = ("INSERT INTO counts (day, mode, kind, entry, detail, count) VALUES (?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (day, mode, kind, entry, detail) " + _ADD.format(table="counts"))
_UPSERT_HOURS = ("INSERT INTO hours (day, hour, mode, count) VALUES (?, ?, ?, ?) ON CONFLICT (day, hour, mode) "
                 + _ADD.format(table="hours"))
_UPSERT_SESSIONS = (
    "INSERT INTO sessions (session, mode, day, start, last_active, opens) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (session) DO UPDATE SET day = COALESCE(sessions.day, excluded.day), "
    "start = COALESCE(sessions.start, excluded.start), last_active = CASE WHEN sessions.last_active IS NULL "
    "OR excluded.last_active > sessions.last_active THEN excluded.last_active ELSE sessions.last_active END, "
    "opens = sessions.opens + excluded.opens")
_UPSERT_MACHINES = (
    "INSERT INTO machines (mode, machine, last_seen) VALUES (?, ?, ?) ON CONFLICT (mode, machine) DO UPDATE SET "
    "last_seen = CASE WHEN excluded.last_seen > machines.last_seen THEN excluded.last_seen "
    "ELSE machines.last_seen END")
# Per day, searches count as found something ("") or found nothing ("none-found"), whatever the words; opens and
# filters as one number; other kinds keep their outcome (narration end/part, content note shown/backed-out...).
_DAY_DETAIL = (f"CASE WHEN kind = '{Kind.SEARCH}' THEN (CASE WHEN detail = '' THEN '' ELSE 'none-found' END) "
               f"WHEN kind IN ('{Kind.OPEN}', '{Kind.FILTER}') THEN '' ELSE detail END")


@dataclass
class _Visit:
    """One session's part of a batch, before it is added to the sessions table."""

    mode: str
    day: str | None = None
    start: float | None = None
    last_active: float | None = None
    opens: int = 0


def event_row(event: Event) -> tuple[object, ...]:
    """An event as a row: its local day (YYYY-MM-DD) and hour of the week (Monday 0:00 is 0) worked out once."""
    local = time.localtime(event.at)
    return (event.at, time.strftime("%Y-%m-%d", local), local.tm_wday * 24 + local.tm_hour, str(event.mode),
            event.machine, event.session, str(event.kind), event.entry, event.detail, event.value)


def _aggregates(rows: Sequence[tuple[Any, ...]]) -> tuple[Counter, Counter, dict[str, _Visit], dict]:
    """What a batch adds to the counts, the hours, the sessions and the machines' last-seen times."""
    counts: Counter[tuple[str, ...]] = Counter()
    hours: Counter[tuple[object, ...]] = Counter()
    visits: dict[str, _Visit] = {}
    seen: dict[tuple[str, str], float] = {}
    for at, day, hour, mode, machine, session, kind, entry, detail, _value in rows:
        seen[(mode, machine)] = max(seen.get((mode, machine), at), at)
        if kind == Kind.HEARTBEAT:
            continue
        counts[(day, mode, kind, entry, detail)] += 1
        if not session:
            continue
        visit = visits.setdefault(session, _Visit(mode))
        if kind == Kind.SESSION_START:
            hours[(day, hour, mode)] += 1
            visit.day, visit.start = day, at
        if is_activity(kind, detail):
            visit.last_active = at if visit.last_active is None else max(visit.last_active, at)
        visit.opens += kind == Kind.OPEN
    return counts, hours, visits, seen


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
                self._ensure_tables()
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

    def _ensure_tables(self) -> None:
        """Create the tables unless they are there: a reader (curator mode) takes no write lock to find out, so it
        reads while a writer holds one."""
        try:
            self._apply(lambda cursor: cursor.execute("SELECT 1 FROM machines WHERE 1 = 0"), writes=False)
        except Exception:  # not there yet (the last table SCHEMA makes)
            self._apply(self._create_tables, writes=True)

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
        """Keep the raw events and add them to the daily counts, the hours and the sessions, in one transaction:
        the summary then reads a few thousand counted rows, not a million events. Rows go in sorted, so two
        machines adding to the same counts at once take their locks in the same order."""
        rows = [event_row(event) for event in events]
        counts, hours, visits, seen = _aggregates(rows)
        insert = f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"

        def work(cursor: Any) -> None:
            cursor.executemany(self._sql(insert), rows)
            if counts:
                cursor.executemany(self._sql(_UPSERT_COUNTS), [(*key, n) for key, n in sorted(counts.items())])
            if hours:
                cursor.executemany(self._sql(_UPSERT_HOURS), [(*key, n) for key, n in sorted(hours.items())])
            if visits:
                cursor.executemany(self._sql(_UPSERT_SESSIONS), [
                    (session, v.mode, v.day, v.start, v.last_active, v.opens) for session, v in sorted(visits.items())])
            cursor.executemany(self._sql(_UPSERT_MACHINES), [(*key, at) for key, at in sorted(seen.items())])

        self._run(work)

    def note_trouble(self, machine: str, text: str) -> None:
        """Keep what a machine's recorder went through (a locked or unwritable database, events lost), for curator
        mode: said once the database takes events again."""
        self._run(lambda cursor: cursor.execute(self._sql("UPDATE machines SET trouble = ? WHERE machine = ?"),
                                                (text, machine)))

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

    def roll_up(self, first_kept_day: str) -> int:
        """Delete raw events and sessions from before ``first_kept_day``: their daily counts stay. Returns how many
        raw events went."""
        cutoff = time.mktime(time.strptime(first_kept_day, "%Y-%m-%d"))

        def work(cursor: Any) -> int:
            cursor.execute(self._sql("DELETE FROM sessions WHERE day < ? OR (day IS NULL AND last_active < ?)"),
                           (first_kept_day, cutoff))
            cursor.execute(self._sql("DELETE FROM events WHERE day < ?"), (first_kept_day,))
            return int(cursor.rowcount)

        return self._run(work)

    # Reading
    def _frame(self, sql: str, params: Sequence[object], columns: list[str]) -> pd.DataFrame:
        def work(cursor: Any) -> list[tuple[object, ...]]:
            cursor.execute(self._sql(sql), tuple(params))
            return cursor.fetchall()

        return pd.DataFrame.from_records(self._run(work, writes=False), columns=columns)

    def totals(self, first: str = "", last: str = LAST_DAY) -> pd.DataFrame:
        """Counts over the days asked, by mode, kind, entry and detail."""
        return self._frame("SELECT mode, kind, entry, detail, SUM(count) FROM counts WHERE day >= ? AND day <= ? "
                           "GROUP BY mode, kind, entry, detail", (first, last),
                           ["mode", "kind", "entry", "detail", "count"])

    def per_day(self, first: str = "", last: str = LAST_DAY) -> pd.DataFrame:
        """Counts by day, mode and kind; searches split by whether they found anything, outcomes by outcome."""
        return self._frame(f"SELECT day, mode, kind, {_DAY_DETAIL}, SUM(count) FROM counts WHERE day >= ? AND "
                           f"day <= ? GROUP BY day, mode, kind, {_DAY_DETAIL}", (first, last),
                           ["day", "mode", "kind", "detail", "count"])

    def hours(self, first: str = "", last: str = LAST_DAY) -> pd.DataFrame:
        """Sessions started by hour of the week (Monday 0:00 is 0) and mode."""
        return self._frame("SELECT hour, mode, SUM(count) FROM hours WHERE day >= ? AND day <= ? GROUP BY hour, "
                           "mode", (first, last), ["hour", "mode", "count"])

    def sessions(self, first: str = "", last: str = LAST_DAY) -> pd.DataFrame:
        """Per session still held raw: mode, seconds from its start to its last activity, entries opened."""
        return self._frame("SELECT mode, last_active - start, opens FROM sessions WHERE start IS NOT NULL AND "
                           "day >= ? AND day <= ?", (first, last), ["mode", "seconds", "opens"])

    def last_seen(self) -> pd.DataFrame:
        """When each machine (kiosk or web server) last recorded anything, heartbeats included, and the last
        trouble its recorder had ("" when none)."""
        return self._frame("SELECT mode, machine, last_seen, trouble FROM machines ORDER BY mode, machine", (),
                           MACHINE_COLUMNS)

    def site_counts(self, first: str = "", last: str = LAST_DAY) -> pd.DataFrame:
        """The static site's counts from imported logs, by entry and kind (view, event, qr)."""
        return self._frame("SELECT entry, kind, SUM(count) FROM site WHERE day >= ? AND day <= ? GROUP BY entry, "
                           "kind", (first, last), ["entry", "kind", "count"])

    def imported_logs(self) -> list[tuple[str, int]]:
        """(digest of the first N lines, N) for each log already counted."""
        return [(str(d), int(n)) for d, n in self._frame("SELECT digest, lines FROM imports", (), ["d", "n"])
                .itertuples(index=False)]
